"""What an operator sees in the responses: the policy headers on public pages, also when a page comes from
the page cache; no-store on every private page; a plain server error page without any detail."""

import re

import pytest
from django.test import Client

from portal.page_cache import HIT_HEADER
from tests.helpers import article

pytestmark = pytest.mark.django_db


def csp(response):
    return dict((part.split(" ", 1) + [""])[:2] for part in response["Content-Security-Policy"].split("; "))


def assert_public_policy(response):
    policy = csp(response)
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert (
        "nonce-" not in response["Content-Security-Policy"]
    )  # cached pages cannot carry a per-request nonce
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/en/", "/tools/true-apr/", "/search/"])
def test_public_pages_carry_the_policy_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert_public_policy(response)
    if path != "/search/":  # the search page is never cached (search/), the pages may be
        assert "no-store" not in response.get("Cache-Control", "")


def test_a_page_served_from_the_page_cache_keeps_the_headers(settings):
    settings.PAGE_CACHE_ENABLED = True
    url = article().url
    first = Client().get(url)
    again = Client().get(url)
    assert first[HIT_HEADER] == "miss" and again[HIT_HEADER] == "hit"
    assert_public_policy(again)
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_no_inline_script_is_run_on_public_pages(client):
    """Every <script> either loads a file or is a JSON-LD data block, which browsers never execute."""
    for path in ["/", "/en/", article().url, "/tools/true-apr/", "/faq/"]:
        html = client.get(path).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers
        assert "style=" not in html, path


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/en/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/me/",
        "/accounts/me/requests/482-913-0571/",
        "/assessment/",
        "/en/assessment/",
        "/admin/",
        "/admin/negotiation_requests/",
    ],
)
def test_private_pages_say_no_store(client, path):
    response = client.get(path)
    assert "no-store" in response["Cache-Control"], (path, response.status_code)


def test_signed_in_pages_say_no_store_and_the_admin_has_its_own_policy(client):
    from tests.helpers import demo_user

    client.force_login(demo_user("editor@example.com"))
    for path in ["/accounts/me/", "/admin/", "/admin/pages/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"]
    admin = client.get("/admin/")
    assert "'unsafe-inline'" in csp(admin)["script-src"]
    assert csp(admin)["frame-ancestors"] == "'self'"  # Wagtail frames its own previews
    assert "'unsafe-inline'" not in csp(client.get("/"))["script-src"]


def test_the_page_cache_never_keeps_an_account_page(settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = Client().get("/accounts/login/")
        assert HIT_HEADER not in response


def test_a_server_error_shows_the_plain_page_without_details(settings):
    settings.ROOT_URLCONF = "tests.portal.boom_urls"
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时出错" in html and "Something went wrong" in html
    for leak in ("Traceback", "RuntimeError", "hunter2", "secret-internal-detail", "Django", "Python"):
        assert leak not in html
    assert "Content-Security-Policy" in response


def test_an_unknown_page_is_the_plain_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Traceback" not in html and "Using the URLconf" not in html
