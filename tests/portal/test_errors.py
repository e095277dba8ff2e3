"""Bad requests get a clear page in the reader's language: unknown pages, unknown hosts, server errors."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/no-such-page/", "找不到这个页面"),
        ("/en/no-such-page/", "Page not found"),
        ("/borrowing-basics/nope/", "找不到"),
    ],
)
def test_unknown_page_is_a_translated_404(client, path, expected):
    response = client.get(path)
    assert response.status_code == 404
    assert expected in response.content.decode()


def test_host_not_in_allowed_hosts_is_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "请求无效" in html and "Bad request" in html
    assert "Traceback" not in html and "DisallowedHost" not in html


def test_server_error_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "服务暂时出错" in html and "Something went wrong" in html


def test_anonymous_visitor_is_sent_to_log_in_from_the_account_page(client):
    response = client.get("/en/accounts/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
