"""Sign-up → verification email → log-in, in both languages; bad input gets a translated error, not a 500."""

import re

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import DEMO_PASSWORD, make_user

pytestmark = pytest.mark.django_db

PASSWORD = "quiet-river-lantern-42"


def confirmation_link(message):
    return re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/|/accounts/confirm-email/\S+/)", message.body
    )


def test_sign_up_verify_and_log_in(client, django_user_model):
    response = client.post(
        "/accounts/signup/",
        {"email": "new.borrower@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert django_user_model.objects.filter(email="new.borrower@example.com").exists()

    # Logging in before verifying only re-sends the email.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.borrower@example.com"]
    link = confirmation_link(message)
    assert link, message.body
    confirm_path = link.group(1)

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert client.post(confirm_path).status_code == 302

    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "new.borrower@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    dashboard = client.get("/accounts/me/")
    assert "new.borrower@example.com" in dashboard.content.decode()


def test_unverified_account_cannot_log_in(client):
    make_user("unverified@example.com", password=PASSWORD, verified=False)
    response = client.post("/accounts/login/", {"login": "unverified@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/accounts/me/").status_code == 302


def test_english_sign_up_sends_english_email(client):
    client.post(
        "/en/accounts/signup/", {"email": "reader@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert "Confirm" in mail.outbox[0].subject or "confirm" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "每次输入的密码必须相同"), ("/en", "You must type the same password each time.")],
)
def test_mismatched_passwords_get_a_translated_error_and_keep_the_email(client, prefix, expected):
    response = client.post(
        f"{prefix}/accounts/signup/",
        {"email": "keep.me@example.com", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert expected in html
    assert 'value="keep.me@example.com"' in html


@pytest.mark.parametrize(("prefix", "expected"), [("", "有效的 Email 地址"), ("/en", "valid email address")])
def test_malformed_email_gets_a_translated_error(client, prefix, expected):
    response = client.post(
        f"{prefix}/accounts/signup/", {"email": "not-an-email", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(("prefix", "expected"), [("", "链接已过期或无效"), ("/en", "expired or is invalid")])
def test_wrong_verification_key_explains_itself(client, prefix, expected):
    response = client.get(f"{prefix}/accounts/confirm-email/not-a-real-key/")
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert client.post(f"{prefix}/accounts/confirm-email/not-a-real-key/").status_code < 500


def test_wrong_password_is_refused_with_a_translated_message(client):
    make_user("someone@example.com", password=PASSWORD)
    response = client.post("/accounts/login/", {"login": "someone@example.com", "password": "wrong-password"})
    assert response.status_code == 200
    assert "电子邮件地址和/或密码不正确" in response.content.decode()


def test_staff_reach_the_admin_through_the_same_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": "editor@example.com", "password": DEMO_PASSWORD, "next": "/admin/"},
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_borrower_cannot_open_the_admin(client):
    make_user("plain@example.com", password=PASSWORD)
    client.post("/accounts/login/", {"login": "plain@example.com", "password": PASSWORD})
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert "/admin/pages/" not in response.content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(client):
    known = client.post("/accounts/password/reset/", {"email": "editor@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody-here@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_repeated_failed_log_ins_lock_the_account_for_a_while(client):
    make_user("target@example.com", password=PASSWORD)
    for attempt in range(5):
        client.post("/accounts/login/", {"login": "target@example.com", "password": f"guess-{attempt}"})
    response = client.post("/en/accounts/login/", {"login": "target@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/accounts/me/").status_code == 302


text = st.text(max_size=80)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(email=text, password1=text, password2=text, prefix=st.sampled_from(["", "/en"]))
def test_any_sign_up_input_gets_an_answer_not_a_server_error(client, email, password1, password2, prefix):
    response = client.post(
        f"{prefix}/accounts/signup/", {"email": email, "password1": password1, "password2": password2}
    )
    assert response.status_code in (200, 302, 429)


@pytest.mark.parametrize(
    "url",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/reauthenticate/"],
)
def test_account_pages_sit_in_the_sites_panel(client, url):
    """allauth's layouts replace the page's content block; its pages still sit in the site's narrow panel."""
    if "reauthenticate" in url:
        client.force_login(make_user(email="panel@example.com"))
    html = client.get(url).content.decode()
    panel = html[html.index('class="container narrow account-panel"') :]
    assert "<h1" in panel[: panel.index("</main>")]


def test_wagtails_own_log_in_form_is_not_a_way_round_allauth(client):
    """Staff sign in through allauth (rate limits, MFA for the team); Wagtail's form only redirects there."""
    shown = client.get("/admin/login/?next=/admin/pages/")
    assert shown.status_code == 302 and shown["Location"] == "/accounts/login/?next=/admin/pages/"
    posted = client.post("/admin/login/", {"username": "editor@example.com", "password": DEMO_PASSWORD})
    assert posted.status_code == 302 and posted["Location"].startswith("/accounts/login/")
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")  # still signed out
    assert client.get("/admin/password_reset/").status_code == 404


def test_the_session_is_rotated_at_log_in_and_ended_at_log_out_and_password_change(client):
    from django.conf import settings as django_settings
    from django.test import Client

    make_user("sessions@example.com", password=PASSWORD)
    client.get("/accounts/login/")
    client.session.save()
    before = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    client.post("/accounts/login/", {"login": "sessions@example.com", "password": PASSWORD})
    signed_in = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert signed_in != before  # a session key planted before log-in is worth nothing after it
    assert client.get("/accounts/me/").status_code == 200

    # Log-out: the old cookie, replayed, is no session any more.
    client.post("/accounts/logout/")
    replay = Client()
    replay.cookies[django_settings.SESSION_COOKIE_NAME] = signed_in
    assert replay.get("/accounts/me/").status_code == 302

    # Password change: this session and one on another device both end.
    client.post("/accounts/login/", {"login": "sessions@example.com", "password": PASSWORD})
    other_device = Client()
    other_device.post("/accounts/login/", {"login": "sessions@example.com", "password": PASSWORD})
    assert other_device.get("/accounts/me/").status_code == 200
    new_password = "another-quiet-river-43"
    changed = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    assert changed.status_code == 302
    assert client.get("/accounts/me/").status_code == 302
    assert other_device.get("/accounts/me/").status_code == 302
