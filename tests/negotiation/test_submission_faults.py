"""Submitting is all or nothing: the borrower gets a confirmation mail once the request exists, and a failure
halfway through (the database refusing a write after the request row went in) keeps nothing, mails nobody, and
tells the borrower so with their answers and ticks still there; trying again then works."""

import pytest
from django.core import mail
from django.db import DatabaseError

from portal.assessment.models import Assessment
from portal.negotiation.models import Creditor, NegotiationRequest, RequestEvent
from tests.assessment.test_wizard import walk
from tests.helpers import make_user, tags

pytestmark = pytest.mark.django_db

TICKS = {"consent": "on", "truthful": "on"}


@pytest.fixture
def ready(client):
    walk(client)
    client.force_login(make_user(email="owner@example.com"))
    return client


def test_the_borrower_is_mailed_the_reference_and_the_reply_time(ready, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ready.post("/assessment/submit/", TICKS)
    made = NegotiationRequest.objects.get()
    [sent] = mail.outbox
    assert sent.to == ["owner@example.com"] and made.display_reference in sent.subject
    assert f"/accounts/me/requests/{made.reference}/" in sent.body
    # No figure of the borrower's (income 7166.67, spending 4600.00, debts) travels by mail.
    for figure in ("7166.67", "4600.00", "2566.67", "15000"):
        assert figure not in sent.body


def test_a_failure_halfway_keeps_nothing_and_mails_nobody(
    ready, monkeypatch, django_capture_on_commit_callbacks
):
    def database_gives_way(*args, **kwargs):
        raise DatabaseError("the server closed the connection unexpectedly")

    # The creditors are written after the request row: the failure comes halfway through.
    monkeypatch.setattr(Creditor.objects, "bulk_create", database_gives_way)
    with django_capture_on_commit_callbacks(execute=True):
        failed = ready.post("/assessment/submit/", TICKS)
    html = failed.content.decode()
    assert failed.status_code == 503 and "没有发送任何内容" in html
    ticked = {found.get("name") for found in tags(html, "input", type="checkbox") if "checked" in found}
    assert {"consent", "truthful"} <= ticked
    assert not NegotiationRequest.objects.exists() and not RequestEvent.objects.exists()
    assert not Creditor.objects.exists() and mail.outbox == []
    assert Assessment.objects.get().answers["debts"]  # the answers are all still there

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        again = ready.post("/assessment/submit/", TICKS)
    assert again.status_code == 302 and NegotiationRequest.objects.count() == 1 and len(mail.outbox) == 1
    assert Creditor.objects.count() == 2
