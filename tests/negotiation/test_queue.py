"""The team's queue in the admin: only the Negotiation team sees it, sorted by when a first reply is due; a
case worker takes a request on, and a second one is refused; the response clock counts working hours."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.negotiation.clock import add_working_hours, working_hours_between
from portal.negotiation.models import NegotiationRequest
from tests.helpers import demo_user, make_user, team_login
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
QUEUE = "/admin/negotiation_requests/"


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def test_working_hours_skip_nights_and_weekends():
    assert add_working_hours(at(2026, 11, 27, 16, 0), 16) == at(2026, 12, 1, 14, 0)  # Friday 16:00
    assert add_working_hours(at(2026, 11, 28, 23, 0), 1) == at(2026, 11, 30, 10, 0)  # Saturday night
    assert add_working_hours(at(2026, 11, 30, 8, 0), 9) == at(2026, 11, 30, 18, 0)


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    hours=st.integers(1, 120),
)
def test_the_due_time_is_exactly_that_many_working_hours_away(start, hours):
    start = start.replace(tzinfo=SHANGHAI)
    due = add_working_hours(start, hours)
    assert due > start and abs(working_hours_between(start, due) - hours) < 1e-6
    assert due.weekday() < 5 and 9 <= due.hour + due.minute / 60 <= 18


def test_submission_starts_the_clock(submitted):  # noqa: F811
    assert submitted.first_response_due is not None
    hours = working_hours_between(submitted.submitted_at, submitted.first_response_due)
    assert abs(hours - 16) < 1e-6


def test_only_the_team_sees_the_queue(submitted):  # noqa: F811
    team = team_login(Client(), demo_user("negotiator@example.com"))
    page = team.get(QUEUE)
    assert page.status_code == 200 and submitted.display_reference in page.content.decode()
    assert team.get(f"{QUEUE}inspect/{submitted.pk}/").status_code == 200
    for email in ("editor@example.com", "moderator@example.com"):
        other = Client()
        other.force_login(demo_user(email))
        assert other.get(QUEUE).status_code == 404
        assert other.post(f"/admin/negotiation/claim/{submitted.pk}/").status_code == 404
    submitted.refresh_from_db()
    assert submitted.assignee is None


def test_a_case_worker_takes_it_on_and_a_second_is_refused(submitted):  # noqa: F811
    first = demo_user("negotiator@example.com")
    second = make_user(email="second@example.com", is_staff=False)
    from django.contrib.auth.models import Group

    second.groups.add(Group.objects.get(name="Negotiation team"))
    one, two = team_login(Client(), first), team_login(Client(), second)
    assert "接手这个申请" in one.get(f"/admin/negotiation/claim/{submitted.pk}/").content.decode()
    one.post(f"/admin/negotiation/claim/{submitted.pk}/")
    refused = two.post(f"/admin/negotiation/claim/{submitted.pk}/", follow=True)
    assert "已经有人在处理" in refused.content.decode()
    submitted.refresh_from_db()
    assert submitted.assignee == first
    assert [e.kind for e in submitted.events.all()] == ["submitted", "claimed"]
    assert NegotiationRequest.objects.filter(assignee=second).count() == 0


def test_the_request_page_gives_times_in_the_portals_time_zone(submitted):  # noqa: F811
    from datetime import UTC

    from django.utils import formats, timezone, translation

    team = team_login(Client(), demo_user("negotiator@example.com"))
    html = team.get(f"{QUEUE}inspect/{submitted.pk}/").content.decode()
    due = NegotiationRequest.objects.get(pk=submitted.pk).first_response_due
    with translation.override("zh-hans"):
        local, utc = (formats.localize(timezone.localtime(due, zone)) for zone in (SHANGHAI, UTC))
    assert local in html and utc not in html
    assert submitted.display_reference in html
