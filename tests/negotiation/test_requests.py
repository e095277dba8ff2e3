"""A submitted request's life as the borrower sees it: a timeline of immutable events (who, when, what, from
where), withdrawing, only allowed status changes, and nobody else's eyes on it."""

import pytest
from django.db.models.deletion import ProtectedError
from django.test import Client

from portal.negotiation import workflow
from portal.negotiation.models import ImmutableEvent, NegotiationRequest, RequestEvent
from tests.assessment.test_wizard import walk
from tests.helpers import demo_user, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(client):
    walk(client)
    user = make_user(email="owner@example.com")
    client.force_login(user)
    client.post("/assessment/submit/", {"consent": "on", "truthful": "on"}, REMOTE_ADDR="203.0.113.9")
    return NegotiationRequest.objects.get()


def test_submission_is_the_first_event_with_who_and_from_where(submitted):
    event = submitted.events.get()
    assert (event.kind, event.to_status, event.address) == ("submitted", "submitted", "203.0.113.9")
    assert event.actor == submitted.borrower and event.created_at


def test_events_cannot_be_changed_or_deleted(submitted):
    event = submitted.events.get()
    event.note = "rewritten"
    with pytest.raises(ImmutableEvent):
        event.save()
    with pytest.raises(ImmutableEvent):
        event.delete()
    with pytest.raises(ImmutableEvent):
        RequestEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(ImmutableEvent):
        RequestEvent.objects.all().delete()
    with pytest.raises(ProtectedError):
        submitted.delete()
    assert RequestEvent.objects.get(pk=event.pk).note == ""


def test_the_borrower_follows_and_withdraws_the_request(client, submitted):
    page = client.get(f"/accounts/me/requests/{submitted.reference}/")
    html = page.content.decode()
    assert page.status_code == 200 and submitted.display_reference in html and "已提交" in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    client.post(f"/accounts/me/requests/{submitted.reference}/withdraw/", {"reason": "已经自己谈好了"})
    submitted.refresh_from_db()
    assert submitted.status == NegotiationRequest.WITHDRAWN
    last = submitted.events.last()
    assert (last.from_status, last.to_status, last.note) == ("submitted", "withdrawn", "已经自己谈好了")
    again = client.post(f"/accounts/me/requests/{submitted.reference}/withdraw/", follow=True)
    assert "不能再这样更改" in again.content.decode() and submitted.events.count() == 2


def test_only_allowed_changes_are_made(submitted):
    with pytest.raises(workflow.NotAllowed):
        workflow.change_status(submitted, NegotiationRequest.ACCEPTED, submitted.borrower)
    workflow.change_status(submitted, NegotiationRequest.IN_REVIEW, demo_user("negotiator@example.com"))
    workflow.change_status(submitted, NegotiationRequest.OFFER_MADE, demo_user("negotiator@example.com"))
    workflow.change_status(submitted, NegotiationRequest.ACCEPTED, submitted.borrower)
    assert [e.to_status for e in submitted.events.all()] == [
        "submitted",
        "in_review",
        "offer_made",
        "accepted",
    ]


@pytest.mark.parametrize("who", ["anonymous", "another borrower", "editor"])
def test_nobody_else_sees_or_withdraws_it(submitted, who):
    other = Client()
    if who == "another borrower":
        other.force_login(make_user(email="other@example.com"))
    elif who == "editor":
        other.force_login(demo_user("editor@example.com"))
    for url in (
        f"/accounts/me/requests/{submitted.reference}/",
        f"/accounts/me/requests/{submitted.reference}/withdraw/",
    ):
        response = other.post(url) if url.endswith("withdraw/") else other.get(url)
        assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == NegotiationRequest.SUBMITTED


def test_the_account_page_marks_a_request_that_waits_for_the_borrower(client, submitted):
    waiting = '<span class="badge badge--warning">等待你的答复</span>'
    assert waiting not in client.get("/accounts/me/").content.decode()
    worker = demo_user("negotiator@example.com")
    workflow.change_status(submitted, NegotiationRequest.IN_REVIEW, worker)
    workflow.change_status(submitted, NegotiationRequest.INFO_REQUESTED, worker)
    html = client.get("/accounts/me/").content.decode()
    assert waiting in html
