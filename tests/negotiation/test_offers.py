"""Offers and check-ins: the schedule is portal.money's, the borrower sees all of it before answering, an
answer is made once and only on an open offer of a live request, the team can offer again after a decline,
follow-up check-ins are booked on acceptance and reminded once, and nobody but the borrower and the team
gets in."""

import io
import threading
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.money.loans import level_payment, loan_schedule
from portal.negotiation import offers, workflow
from portal.negotiation.models import (
    CheckIn,
    NegotiationRequest,
    NegotiationSettings,
    Offer,
    RequestEvent,
)
from portal.negotiation.policy import team_members
from tests.helpers import demo_user, make_user, tags, team_login
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

R = NegotiationRequest


def page_of(made):
    return f"/accounts/me/requests/{made.reference}/"


def offer_url(made):
    return f"/admin/negotiation/offer/{made.pk}/"


def plan(**changes):
    """A valid post of the team's offer form: 12,000 yuan over 12 months at 12 % a year, in ten days."""
    fields = {
        "kind": Offer.INSTALMENTS,
        "balance": "12000.00",
        "months": "12",
        "annual_rate": "12",
        "deferral_months": "0",
        "relief_amount": "800.00",
        "start_date": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "explanation": "按月还款，免除罚息",
        **changes,
    }
    return {f"offer-{name}": value for name, value in fields.items()}


@pytest.fixture
def team():
    return team_login(Client(), demo_user("negotiator@example.com"))


@pytest.fixture
def in_review(submitted):  # noqa: F811
    workflow.change_status(submitted, R.IN_REVIEW, demo_user("negotiator@example.com"))
    return submitted


@pytest.fixture
def offered(in_review, team):
    response = team.post(offer_url(in_review), {**plan(), "make": "1"})
    assert response.status_code == 302
    in_review.refresh_from_db()
    return in_review


def named(html, tag, name, **attrs):
    """`tags` for a name attribute (its own `name` argument is the tag's)."""
    return [found for found in tags(html, tag, **attrs) if found.get("name") == name]


def open_offer(made):
    return made.offers.get(status=Offer.OPEN)


# The schedule


def test_the_schedule_is_portal_moneys_after_the_pause():
    schedule = offers.offer_schedule(
        Decimal("12000.00"), Decimal("12"), 12, date(2027, 1, 31), deferral_months=2
    )
    loan = loan_schedule(Decimal("12000.00"), Decimal("0.12"), 12, "equal_installment")
    assert (
        schedule.monthly_amount
        == Decimal("1066.19")
        == level_payment(Decimal("12000.00"), Decimal("0.12"), 12)
    )
    assert len(schedule.rows) == 14
    pause, payments = schedule.rows[:2], schedule.rows[2:]
    assert all(row.payment == row.interest == 0 and row.balance == Decimal("12000.00") for row in pause)
    assert [(r.payment, r.principal, r.interest, r.balance) for r in payments] == [
        (r.payment, r.principal, r.interest, r.balance) for r in loan.rows
    ]
    assert [row.due_on for row in schedule.rows[:5]] == [
        date(2026, 11, 30), date(2026, 12, 31), date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31),
    ]  # fmt: skip
    assert [row.period for row in schedule.rows] == list(range(1, 15))
    assert (schedule.first_payment_on, schedule.last_payment_on) == (date(2027, 1, 31), date(2027, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    balance=st.decimals(min_value=Decimal("100.00"), max_value=Decimal("10000000.00"), places=2),
    rate=st.decimals(min_value=Decimal(0), max_value=Decimal(36), places=4),
    months=st.integers(1, 60),
    pause=st.integers(0, 24),
)
def test_payments_sum_to_the_balance_and_the_interest(balance, rate, months, pause):
    schedule = offers.offer_schedule(balance, rate, months, date(2027, 1, 15), pause)
    assert schedule.total_principal == balance
    assert (
        sum(row.payment for row in schedule.rows)
        == schedule.total_payment
        == balance + schedule.total_interest
    )
    assert schedule.rows[-1].balance == 0 and len(schedule.rows) == months + pause


# Making an offer, and the borrower's answer


def test_the_team_previews_then_makes_the_offer_and_the_borrower_sees_the_whole_schedule(
    in_review, team, client
):
    inspect = team.get(f"/admin/negotiation_requests/inspect/{in_review.pk}/").content.decode()
    assert tags(inspect, "form", action=offer_url(in_review))
    preview = team.post(offer_url(in_review), {**plan(), "preview": "1"})
    html = preview.content.decode()
    assert preview.status_code == 200 and "1066.19" in html and named(html, "button", "make")
    assert not in_review.offers.exists()  # a preview makes nothing

    # The borrower's page shows nothing to answer until the offer is made.
    assert not tags(client.get(page_of(in_review)).content.decode(), "table")
    made = team.post(offer_url(in_review), {**plan(), "make": "1"})
    assert made.status_code == 302
    in_review.refresh_from_db()
    offer = open_offer(in_review)
    assert in_review.status == R.OFFER_MADE and offer.monthly_amount == Decimal("1066.19")
    assert offer.made_by == demo_user("negotiator@example.com")

    html = client.get(page_of(in_review)).content.decode()
    assert len(tags(html, "caption")) == 1 and len(tags(html, "th", scope="col")) == 6
    assert len(tags(html, "th", scope="row")) == 12 + 1  # every month, and the totals
    schedule = offers.schedule_of(offer)
    for figure in (
        schedule.total_payment,
        schedule.total_interest,
        schedule.rows[-1].payment,
        "800.00",
        "按月还款",
    ):
        assert str(figure) in html
    assert tags(html, "time", datetime=schedule.last_payment_on.isoformat())
    assert tags(html, "form", action=f"{page_of(in_review)}offers/{offer.pk}/accept/")
    assert tags(html, "form", action=f"{page_of(in_review)}offers/{offer.pk}/decline/")
    made_event = in_review.events.filter(kind=RequestEvent.OFFER).get()
    assert not made_event.internal and made_event.address == "127.0.0.1"


def test_accepting_books_the_check_ins_at_the_set_days(offered, client):
    settings_row = NegotiationSettings.load()
    settings_row.check_in_days = "7,30,90"
    settings_row.save()
    offer = open_offer(offered)
    response = client.post(f"{page_of(offered)}offers/{offer.pk}/accept/")
    assert response.status_code == 302
    offered.refresh_from_db()
    offer.refresh_from_db()
    assert offered.status == R.ACCEPTED and offer.status == Offer.ACCEPTED and offer.decided_at
    today = timezone.localdate()
    assert [c.due_on for c in offered.check_ins.all()] == [today + timedelta(days=d) for d in (7, 30, 90)]
    event = offered.events.filter(kind=RequestEvent.OFFER).last()
    assert (event.to_status, event.actor, event.internal) == (R.ACCEPTED, offered.borrower, False)
    html = client.get(page_of(offered)).content.decode()
    assert not tags(html, "form", action=f"{page_of(offered)}offers/{offer.pk}/accept/")
    assert "1066.19" in html  # the agreed schedule stays on the page


def test_declining_lets_the_team_offer_again(offered, client, team):
    first = open_offer(offered)
    client.post(f"{page_of(offered)}offers/{first.pk}/decline/", {"reason": "每月还不了这么多"})
    offered.refresh_from_db()
    first.refresh_from_db()
    assert offered.status == R.DECLINED and first.status == Offer.DECLINED and not offered.check_ins.exists()
    assert offered.events.filter(kind=RequestEvent.OFFER).last().note == "每月还不了这么多"
    again = team.post(offer_url(offered), {**plan(months="24"), "make": "1"})
    assert again.status_code == 302
    offered.refresh_from_db()
    second = open_offer(offered)
    assert offered.status == R.OFFER_MADE and second.months == 24 and second.pk != first.pk
    html = client.get(page_of(offered)).content.decode()
    assert tags(html, "form", action=f"{page_of(offered)}offers/{second.pk}/accept/")
    assert not tags(html, "form", action=f"{page_of(offered)}offers/{first.pk}/accept/")


def test_an_offer_on_a_withdrawn_request_is_refused_and_the_form_kept(in_review, client, team):
    client.post(f"{page_of(in_review)}withdraw/")
    response = team.post(offer_url(in_review), {**plan(balance="9876.54"), "make": "1"})
    html = response.content.decode()
    assert response.status_code == 409 and named(html, "input", "offer-balance", value="9876.54")
    in_review.refresh_from_db()
    assert in_review.status == R.WITHDRAWN and not in_review.offers.exists()
    assert not in_review.events.filter(kind=RequestEvent.OFFER).exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": Offer.DEFERRAL, "deferral_months": "0"},
        {"kind": Offer.PENALTY_RELIEF, "relief_amount": ""},
        {"start_date": "2020-01-01"},
        {"deferral_months": "2"},  # the pause would begin before today
        {"months": "61"},
        {"balance": "10.00", "months": "60", "annual_rate": "0"},  # 0.17 yuan a month
        {"annual_rate": "37"},
        {"balance": "1e9"},
    ],
)
def test_a_plan_the_team_would_not_mean_is_refused_and_kept(in_review, team, changes):
    response = team.post(offer_url(in_review), {**plan(**changes), "make": "1"})
    html = response.content.decode()
    assert response.status_code == 400 and not in_review.offers.exists()
    assert tags(html, "textarea") and "按月还款" in html  # what was typed is still there
    in_review.refresh_from_db()
    assert in_review.status == R.IN_REVIEW


def test_a_pause_ahead_of_the_first_payment_is_accepted(in_review, team):
    start = offers.add_months(timezone.localdate(), 2)
    response = team.post(offer_url(in_review), {**plan(deferral_months="2", start_date=start), "make": "1"})
    assert response.status_code == 302
    rows = offers.schedule_of(open_offer(in_review)).rows
    assert rows[0].deferred and rows[0].due_on >= timezone.localdate() and rows[2].due_on == start


def test_no_offer_before_the_review_starts(submitted, team):  # noqa: F811
    response = team.post(offer_url(submitted), {**plan(), "make": "1"})
    assert response.status_code == 409 and not submitted.offers.exists()


def test_a_decision_on_a_closed_or_withdrawn_request_is_refused(offered, client):
    offer = open_offer(offered)
    client.post(f"{page_of(offered)}withdraw/")
    refused = client.post(f"{page_of(offered)}offers/{offer.pk}/accept/", follow=True)
    assert refused.status_code == 200 and refused.redirect_chain
    offer.refresh_from_db()
    offered.refresh_from_db()
    # The open offer lapsed with the request, so nothing is left to answer.
    assert (
        offer.status == Offer.WITHDRAWN and offered.status == R.WITHDRAWN and not offered.check_ins.exists()
    )
    assert not tags(refused.content.decode(), "form", action=f"{page_of(offered)}offers/{offer.pk}/accept/")

    # A request closed with an offer still open (as older data may be): the decision is refused all the same.
    closed = R.objects.get(pk=offered.pk)
    Offer.objects.filter(pk=offer.pk).update(status=Offer.OPEN)
    R.objects.filter(pk=closed.pk).update(status=R.CLOSED)
    events = closed.events.count()
    client.post(f"{page_of(closed)}offers/{offer.pk}/decline/")
    offer.refresh_from_db()
    assert offer.status == Offer.OPEN and closed.events.count() == events


def test_a_decision_on_an_offer_no_longer_open_is_refused(offered, client, team):
    first = open_offer(offered)
    client.post(f"{page_of(offered)}offers/{first.pk}/decline/")
    team.post(offer_url(offered), {**plan(), "make": "1"})
    events = offered.events.count()
    client.post(f"{page_of(offered)}offers/{first.pk}/accept/")
    first.refresh_from_db()
    offered.refresh_from_db()
    assert (
        first.status == Offer.DECLINED and offered.status == R.OFFER_MADE and offered.events.count() == events
    )


def test_a_double_click_makes_one_decision(offered, client):
    offer = open_offer(offered)
    for _ in range(2):
        assert client.post(f"{page_of(offered)}offers/{offer.pk}/accept/").status_code == 302
    assert offered.events.filter(kind=RequestEvent.OFFER, to_status=R.ACCEPTED).count() == 1
    assert offered.events.filter(kind=RequestEvent.STATUS, to_status=R.ACCEPTED).count() == 1
    assert offered.check_ins.count() == 3
    client.post(f"{page_of(offered)}offers/{offer.pk}/decline/")
    offer.refresh_from_db()
    assert offer.status == Offer.ACCEPTED


@pytest.mark.parametrize("who", ["anonymous", "another borrower", "editor"])
def test_nobody_else_answers_an_offer(offered, who):
    offer = open_offer(offered)
    other = Client()
    if who == "another borrower":
        other.force_login(make_user(email="other@example.com"))
    elif who == "editor":
        other.force_login(demo_user("editor@example.com"))
    for action in ("accept", "decline"):
        response = other.post(f"{page_of(offered)}offers/{offer.pk}/{action}/")
        assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == Offer.OPEN


def test_an_offer_of_another_request_is_a_404(offered, client):
    stranger = R.objects.create(
        borrower=make_user(email="stranger@example.com"), snapshot={}, consent_text="x",
        consented_at=timezone.now(), status=R.OFFER_MADE,
    )  # fmt: skip
    theirs = Offer.objects.create(
        request=stranger, kind=Offer.INSTALMENTS, balance=100, months=1, monthly_amount=100,
        start_date=timezone.localdate(),
    )  # fmt: skip
    assert client.post(f"{page_of(offered)}offers/{theirs.pk}/accept/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Offer.OPEN


@pytest.mark.parametrize("email", ["editor@example.com", "moderator@example.com"])
def test_staff_outside_the_team_get_a_404(offered, client, email):
    client.post(f"{page_of(offered)}offers/{open_offer(offered).pk}/accept/")
    check_in = offered.check_ins.first()
    other = team_login(Client(), demo_user(email))
    done_url = f"/admin/negotiation/check-in/{offered.pk}/{check_in.pk}/done/"
    assert other.get(offer_url(offered)).status_code == 404
    assert other.post(offer_url(offered), {**plan(), "make": "1"}).status_code == 404
    assert other.post(done_url, {f"check-in-{check_in.pk}-note": "x"}).status_code == 404
    check_in.refresh_from_db()
    assert offered.offers.count() == 1 and check_in.done_at is None


# Check-ins


def accepted(offered, client):
    client.post(f"{page_of(offered)}offers/{open_offer(offered).pk}/accept/")
    offered.refresh_from_db()
    return offered


def test_due_check_ins_are_reminded_once(offered, client):
    made = accepted(offered, client)
    first, second, third = made.check_ins.all()
    CheckIn.objects.filter(pk__in=[first.pk, second.pk]).update(due_on=timezone.localdate())
    mail.outbox.clear()
    call_command("send_check_in_reminders", stdout=io.StringIO())
    call_command("send_check_in_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    team = {user.email for user in team_members()}
    assert set(mail.outbox[0].to) <= team and made.display_reference in mail.outbox[0].subject
    assert f"/admin/negotiation_requests/inspect/{made.pk}/" in mail.outbox[0].body
    reminded = made.events.filter(kind=RequestEvent.CHECK_IN)
    assert reminded.count() == 2 and all(event.internal for event in reminded)
    third.refresh_from_db()
    assert third.reminded_at is None
    assert all(c.reminded_at for c in CheckIn.objects.filter(pk__in=[first.pk, second.pk]))
    # The borrower's timeline leaves the team's reminders out.
    assert made.events.filter(internal=False, kind=RequestEvent.CHECK_IN).count() == 0


def test_the_reminder_goes_to_whoever_handles_the_request(offered, client):
    worker = demo_user("negotiator@example.com")
    workflow.claim(offered, worker)
    made = accepted(offered, client)
    CheckIn.objects.filter(pk=made.check_ins.first().pk).update(
        due_on=timezone.localdate() - timedelta(days=3)
    )
    mail.outbox.clear()
    call_command("send_check_in_reminders", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[worker.email]]


def test_the_team_marks_a_check_in_done_with_a_note(offered, client, team):
    made = accepted(offered, client)
    check_in = made.check_ins.first()
    url = f"/admin/negotiation/check-in/{made.pk}/{check_in.pk}/done/"
    inspect = team.get(f"/admin/negotiation_requests/inspect/{made.pk}/").content.decode()
    assert tags(inspect, "form", action=url)
    empty = team.post(url, {f"check-in-{check_in.pk}-note": "  "})
    assert empty.status_code == 400
    assert team.post(url, {f"check-in-{check_in.pk}-note": "已按时还款两期"}).status_code == 302
    check_in.refresh_from_db()
    assert check_in.done_at and check_in.done_by == demo_user("negotiator@example.com")
    assert check_in.note == "已按时还款两期"
    event = made.events.filter(kind=RequestEvent.CHECK_IN).get()
    assert event.internal and event.note == "已按时还款两期" and event.address == "127.0.0.1"
    team.post(url, {f"check-in-{check_in.pk}-note": "again"})
    check_in.refresh_from_db()
    assert check_in.note == "已按时还款两期" and made.events.filter(kind=RequestEvent.CHECK_IN).count() == 1
    # A check-in done is never reminded.
    CheckIn.objects.filter(pk=check_in.pk).update(due_on=timezone.localdate())
    mail.outbox.clear()
    call_command("send_check_in_reminders", stdout=io.StringIO())
    assert mail.outbox == []


# Whatever is posted


TEXT = st.one_of(
    st.sampled_from(
        ["", "0", "-1", "12.345", "1e9", "NaN", "１２", "abc", "2026-02-30", "99999999999", "\x00"]
    ),
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=3).map(str),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)).map(str),
    st.text(max_size=20),
)
FIELDS = [
    "kind",
    "balance",
    "months",
    "annual_rate",
    "deferral_months",
    "relief_amount",
    "start_date",
    "explanation",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), button=st.sampled_from(["preview", "make", ""]))
def test_any_post_of_the_offer_form(in_review, team, data, button):
    base = data.draw(st.booleans())
    post = plan() if base else {}
    post.update(
        {
            f"offer-{name}": value
            for name, value in data.draw(st.dictionaries(st.sampled_from(FIELDS), TEXT)).items()
        }
    )
    if button:
        post[button] = "1"
    response = team.post(offer_url(in_review), post)
    assert response.status_code in (200, 302, 400, 409)
    for offer in in_review.offers.all():
        assert offer.monthly_amount == offers.schedule_of(offer).monthly_amount
        assert offer.months <= offers.MONTHS_MAX and offer.balance > 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=st.text(max_size=3000))
def test_any_post_of_a_check_in_note(offered, team, note):
    CheckIn.objects.filter(request=offered).delete()
    check_in = CheckIn.objects.create(request=offered, due_on=timezone.localdate())
    response = team.post(
        f"/admin/negotiation/check-in/{offered.pk}/{check_in.pk}/done/",
        {f"check-in-{check_in.pk}-note": note},
    )
    assert response.status_code in (302, 400)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=st.text(max_size=700), action=st.sampled_from(["accept", "decline"]))
def test_any_answer_post(offered, client, reason, action):
    offer = offered.offers.first()
    response = client.post(f"{page_of(offered)}offers/{offer.pk}/{action}/", {"reason": reason})
    assert response.status_code == 302
    assert offered.events.filter(kind=RequestEvent.OFFER, to_status__in=[R.ACCEPTED, R.DECLINED]).count() == 1


# Two clicks at once (PostgreSQL: real concurrent transactions)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_simultaneous_answers_make_one_decision():
    borrower = make_user(email="racer-offer@example.com")
    made = R.objects.create(
        borrower=borrower, snapshot={}, consent_text="x", consented_at=timezone.now(), status=R.OFFER_MADE
    )
    offer = Offer.objects.create(
        request=made, kind=Offer.INSTALMENTS, balance=1200, months=12, monthly_amount=100,
        start_date=timezone.localdate(),
    )  # fmt: skip
    racers, barrier, outcomes = 10, threading.Barrier(10), []

    def run(i):
        try:
            barrier.wait()
            decision = Offer.ACCEPTED if i % 2 else Offer.DECLINED
            outcomes.append(offers.decide(made, offer.pk, decision, borrower))
        except workflow.NotAllowed as refused:
            outcomes.append(refused)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(outcome, Offer) for outcome in outcomes) == 1
    assert made.events.filter(kind=RequestEvent.OFFER).count() == 1
    offer.refresh_from_db()
    made.refresh_from_db()
    assert made.status == (R.ACCEPTED if offer.status == Offer.ACCEPTED else R.DECLINED)
    assert made.check_ins.count() == (3 if offer.status == Offer.ACCEPTED else 0)
