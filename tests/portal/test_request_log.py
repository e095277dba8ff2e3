"""What an operator's logs hold: one JSON object per line, the request's id on every line written while it is
answered (the same id the response names), and none of what borrowers typed or are: canary values seeded
through sign-up, log-in, the self-assessment, a request and its messages, searches, unknown addresses and a
crash are grepped for in everything logged."""

import io
import json
import logging

import pytest
from django.test import Client

from portal.negotiation.models import NegotiationRequest
from portal.request_log import JsonFormatter
from tests.assessment.test_wizard import DEBTS, debt_post, walk
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

CANARIES = {
    "email": "canary.7f3a@example.com",
    "password": "canary-pass-7f3a-phrase",
    "lender": "金丝雀银行7f3a",
    "message": "金丝雀留言7f3a 我下个月才有钱",
    "query": "金丝雀查询7f3a 协商",
    "path": "canary-path-7f3a",
    "crash": "canary-crash-7f3a",
}


@pytest.fixture
def logged():
    """Everything logged during the test goes through the portal's formatter too (read by all_lines())."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield
    root.removeHandler(handler)
    root.setLevel(level)


def all_lines():
    for handler in logging.getLogger().handlers:
        stream = getattr(handler, "stream", None)
        if isinstance(stream, io.StringIO) and isinstance(handler.formatter, JsonFormatter):
            return [json.loads(line) for line in stream.getvalue().splitlines() if line]
    raise AssertionError("the test's handler is missing")


def test_the_settings_write_json_lines():
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.MIDDLEWARE[0] == "portal.request_log.RequestIdMiddleware"


def test_no_canary_reaches_the_logs_and_every_request_line_has_its_id(logged, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    responses = []

    # Sign-up and a failed log-in.
    responses.append(
        client.post(
            "/accounts/signup/",
            {
                "email": CANARIES["email"],
                "password1": CANARIES["password"],
                "password2": CANARIES["password"],
            },
        )
    )
    responses.append(client.post("/accounts/login/", {"login": CANARIES["email"], "password": "wrong-7f3a"}))

    # The self-assessment with a lender's name, a submitted request and a message on it.
    walk(client, stop="debts")
    rows = [{**DEBTS[0], "lender": "other", "name": CANARIES["lender"]}]
    responses.append(client.post("/assessment/step/debts/", {**debt_post(rows), "go": "next"}))
    borrower = make_user(email="owner.7f3a@example.com")
    client.force_login(borrower)
    responses.append(client.post("/assessment/submit/", {"consent": "on", "truthful": "on"}))
    made = NegotiationRequest.objects.get(borrower=borrower)
    page = f"/accounts/me/requests/{made.reference}/"
    responses.append(client.post(f"{page}messages/", {"body": CANARIES["message"]}))
    responses.append(client.get(page))
    client.logout()

    # Searches, an unknown address, another person's request, and a crash.
    responses.append(client.get("/search/", {"q": CANARIES["query"]}))
    responses.append(client.get("/api/search/", {"q": CANARIES["query"]}))
    responses.append(client.get(f"/{CANARIES['path']}/"))
    responses.append(Client().get(page))
    settings.ROOT_URLCONF = "tests.portal.boom_urls"
    import tests.portal.boom_urls as boom

    boom.MESSAGE = CANARIES["crash"]
    responses.append(client.get("/boom/"))
    assert responses[-1].status_code == 500

    lines = all_lines()
    text = json.dumps(lines, ensure_ascii=False)
    for name, canary in CANARIES.items():
        assert canary not in text, name
    assert made.reference not in text  # a request's reference is the borrower's handle on their case
    assert "7f3a" not in text

    ids = {response["X-Request-ID"] for response in responses}
    assert len(ids) == len(responses)  # one id per request
    access = [line for line in lines if line["logger"] == "portal.access"]
    assert {line["request_id"] for line in access} >= ids
    assert all(line["request_id"] for line in lines if line["logger"].startswith("django.request"))
    crash = [line for line in lines if line.get("exception") == "RuntimeError"]
    assert crash and crash[0]["request_id"] == responses[-1]["X-Request-ID"] and crash[0]["stack"]
    assert {"method", "route", "status", "duration_ms"} <= set(access[0])


def test_an_id_from_a_trusted_proxy_is_kept_and_any_other_is_replaced(settings, client):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] == (
        "lb-0123456789abcdef"
    )
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")["X-Request-ID"]
    assert forged != "<script>alert(1)</script>" and len(forged) == 32
    settings.TRUSTED_PROXY_COUNT = 0
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-0123456789abcdef")["X-Request-ID"] != (
        "lb-0123456789abcdef"
    )
