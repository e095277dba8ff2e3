"""Staff MFA: the negotiation team's admin pages open only for a session verified with an authenticator app
(allauth TOTP); a team member without one is sent to set it up; everyone outside the team gets 404 there, and
the rest of the admin works for editors as before."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from tests.helpers import DEMO_PASSWORD, activate_totp, demo_user, make_user, tags, team_login, totp_code
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

QUEUE = "/admin/negotiation_requests/"


def test_a_team_member_without_totp_is_sent_to_set_it_up_then_sees_the_queue(submitted):  # noqa: F811
    worker = demo_user("negotiator@example.com")
    client = Client()
    client.post("/accounts/login/", {"login": worker.email, "password": DEMO_PASSWORD})
    for url in (QUEUE, f"{QUEUE}inspect/{submitted.pk}/", f"/admin/negotiation/claim/{submitted.pk}/"):
        refused = client.get(url)
        assert refused.status_code == 302
        assert refused["Location"].startswith("/accounts/2fa/totp/activate/?next=")
    # allauth asks for the password again before an authenticator is added.
    confirm = client.get("/accounts/2fa/totp/activate/")
    assert confirm["Location"].startswith("/accounts/reauthenticate/")
    client.post(confirm["Location"], {"password": DEMO_PASSWORD, "next": "/accounts/2fa/totp/activate/"})
    setup = client.get("/accounts/2fa/totp/activate/")
    assert setup.status_code == 200 and "data:image/svg+xml;base64," in setup.content.decode()
    secret = client.session["mfa.totp.secret"]
    wrong = client.post("/accounts/2fa/totp/activate/", {"code": "not a code"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=worker).exists()
    client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert Authenticator.objects.filter(user=worker, type="totp").exists()

    # Setting the app up is not yet a log-in with it: the queue asks for a code once, then opens.
    again = client.get(QUEUE)
    assert again["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    cache.clear()  # the set-up code may be the current one; allauth refuses a code used twice (replay)
    back = client.post(again["Location"], {"code": totp_code(secret), "next": QUEUE})
    assert back.status_code == 302 and back["Location"] == QUEUE
    page = client.get(QUEUE)
    assert page.status_code == 200 and submitted.display_reference in page.content.decode()


def test_the_real_log_in_asks_for_the_code_and_then_opens_the_queue(submitted):  # noqa: F811
    worker = demo_user("negotiator@example.com")
    secret = activate_totp(worker)
    client = Client()
    signed_out = client.get(
        QUEUE
    )  # a 404 like any request data, whose page offers signing in and coming back
    assert signed_out.status_code == 404 and tags(
        signed_out.content.decode(), "a", href=f"/accounts/login/?next={QUEUE}"
    )
    step = client.post(
        f"/accounts/login/?next={QUEUE}", {"login": worker.email, "password": DEMO_PASSWORD, "next": QUEUE}
    )
    assert step.status_code == 302 and step["Location"] == "/accounts/2fa/authenticate/"
    assert client.get(QUEUE).status_code == 404  # not signed in until the code is given
    refused = client.post("/accounts/2fa/authenticate/", {"code": "12345"})
    assert refused.status_code == 200
    done = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert done.status_code == 302 and done["Location"] == QUEUE
    page = client.get(QUEUE)
    assert page.status_code == 200 and submitted.display_reference in page.content.decode()
    assert client.get(f"{QUEUE}inspect/{submitted.pk}/").status_code == 200


def test_a_password_only_session_must_give_a_code_first(submitted):  # noqa: F811
    worker = demo_user("negotiator@example.com")
    secret = activate_totp(worker)
    client = Client()
    client.force_login(worker)
    asked = client.get(f"{QUEUE}inspect/{submitted.pk}/")
    assert asked["Location"].startswith("/accounts/2fa/reauthenticate/?next=")
    wrong = client.post("/accounts/2fa/reauthenticate/", {"code": "000001"})
    assert wrong.status_code in (200, 429)
    assert client.get(QUEUE).status_code == 302
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(secret)})
    assert client.get(QUEUE).status_code == 200
    # A claim posted before the code was given changed nothing.
    submitted.refresh_from_db()
    assert submitted.assignee is None


def test_the_team_helper_opens_the_queue_for_two_members_at_once(submitted):  # noqa: F811
    first = team_login(Client(), demo_user("negotiator@example.com"))
    second_user = make_user(email="second@example.com")
    second_user.groups.add(Group.objects.get(name="Negotiation team"))
    second = team_login(Client(), second_user)
    assert first.get(QUEUE).status_code == 200 and second.get(QUEUE).status_code == 200


@pytest.mark.parametrize("email", ["editor@example.com", "moderator@example.com", "plain@example.com"])
def test_everyone_outside_the_team_gets_404_there_and_editors_keep_their_admin(submitted, email):  # noqa: F811
    user = demo_user(email) if email != "plain@example.com" else make_user(email=email)
    client = Client()
    client.force_login(user)
    for url in (QUEUE, f"{QUEUE}inspect/{submitted.pk}/", f"/admin/negotiation/claim/{submitted.pk}/"):
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    # Even with an authenticator app and a verified session: the team's pages are not theirs.
    assert team_login(Client(), user).get(QUEUE).status_code == 404
    if email != "plain@example.com":
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/pages/").status_code == 200
    submitted.refresh_from_db()
    assert submitted.assignee is None
