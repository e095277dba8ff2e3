"""The public transparency page: figures per month and per hardship type computed from the requests, groups
under five hidden (and no figure from which a hidden one could be subtracted), nothing personal on the page,
and a page even with no requests at all."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from portal.negotiation import transparency
from portal.negotiation.models import NegotiationRequest, Offer
from tests.helpers import make_user, tags

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
PAGE = "/transparency/"


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def make(submitted_at, reasons=("job_loss",), reply_after=None, due_after=8, status="submitted", offer=None):
    """A request submitted at `submitted_at`, answered `reply_after` hours later (None: not yet), due
    `due_after` hours after submission, with an offer in state `offer` if given."""
    n = NegotiationRequest.objects.count()
    made = NegotiationRequest.objects.create(
        borrower=make_user(email=f"person{n}@example.com", display_name=f"Person Name {n}"),
        snapshot={}, consent_text="I consent to sharing my sensitive data", consented_at=timezone.now(),
        reasons=list(reasons), status=status,
    )  # fmt: skip
    NegotiationRequest.objects.filter(pk=made.pk).update(
        submitted_at=submitted_at,
        first_response_due=submitted_at + timedelta(hours=due_after),
        first_response_at=None if reply_after is None else submitted_at + timedelta(hours=reply_after),
    )
    if offer:
        Offer.objects.create(
            request=made, kind=Offer.INSTALMENTS, balance="1000.00", months=10, monthly_amount="100.00",
            start_date=date(2026, 5, 1), status=offer,
        )  # fmt: skip
    return made


@pytest.fixture
def march():
    """Six requests in March 2026 (Shanghai time), all for job loss: replies after 1..6 hours, 4 hours
    promised; three with an accepted offer, one closed, one withdrawn, one still in review."""
    outcomes = [
        ("accepted", "accepted"), ("closed", "accepted"), ("offer_made", "accepted"),
        ("closed", None), ("withdrawn", None), ("in_review", None),
    ]  # fmt: skip
    return [
        make(at(2026, 3, 2 + i, 10), reply_after=i + 1, due_after=4, status=status, offer=offer)
        for i, (status, offer) in enumerate(outcomes)
    ]


def group(groups, key):
    return next(g for g in groups if g.key == key)


def test_figures_for_a_month_and_a_type(march):
    report = transparency.report(now=at(2026, 4, 1, 12))
    month = group(report.months, date(2026, 3, 1))
    assert month.received == 6
    assert month.median_hours == Decimal("3.5")
    assert month.on_time_percent == Decimal("67")  # 4 of 6 answered within 4 hours
    assert month.plan_percent == Decimal("60")  # 3 of the 5 with an outcome
    job_loss = group(report.types, "job_loss")
    assert (job_loss.received, job_loss.median_hours, job_loss.on_time_percent) == (6, Decimal("3.5"), 67)
    assert group(report.types, "illness").suppressed  # none at all is "fewer than 5" too
    cell = group(report.cross[0][1], (date(2026, 3, 1), "job_loss"))
    assert cell.received == 6 and cell.plan_percent == 60


def test_an_unanswered_request_counts_as_late_only_once_its_time_has_passed():
    for i in range(5):
        make(at(2026, 3, 2, 10 + i), reply_after=1, due_after=4)
    make(at(2026, 3, 3, 10), reply_after=None, due_after=4)
    before = group(transparency.report(now=at(2026, 3, 3, 11)).months, date(2026, 3, 1))
    after = group(transparency.report(now=at(2026, 3, 9)).months, date(2026, 3, 1))
    assert before.on_time_percent == 100 and after.on_time_percent == Decimal("83")  # 5 of 6


def test_the_month_is_the_portals_time_zone():
    for _ in range(5):
        make(datetime(2026, 3, 31, 17, 30, tzinfo=ZoneInfo("UTC")))  # 01:30 on 1 April in Shanghai
    report = transparency.report()
    assert group(report.months, date(2026, 4, 1)).received == 5
    assert [g.key for g in report.months] == [date(2026, 4, 1)]


def test_groups_under_five_are_hidden_and_every_month_between_is_listed(march):
    for day in (1, 2, 3, 4):
        make(at(2026, 5, day, 10), reasons=("illness",), reply_after=1)
    report = transparency.report()
    assert [g.key for g in report.months] == [date(2026, 5, 1), date(2026, 4, 1), date(2026, 3, 1)]
    may, april = group(report.months, date(2026, 5, 1)), group(report.months, date(2026, 4, 1))
    assert may.suppressed and april.suppressed and may.median_hours is None
    assert group(report.types, "illness").suppressed
    html = Client().get(PAGE).content.decode()
    hidden = tags(html, "td", **{"class": "suppressed"})
    assert len(hidden) >= 2 + 6  # two months, six empty types, and cells
    assert ">4<" not in html.replace(" ", "")  # May's count appears nowhere


def test_a_figure_over_fewer_than_five_requests_is_hidden_inside_a_shown_group():
    for i in range(6):
        make(at(2026, 3, 2 + i, 10), reply_after=1 if i < 2 else None, due_after=4000)
    month = group(transparency.report(now=at(2026, 3, 20)).months, date(2026, 3, 1))
    assert month.received == 6 and month.median_hours is None and month.on_time_percent is None


def test_no_cell_can_be_recovered_by_subtracting_from_a_shown_total():
    """Job loss: 6 in January, 6 in February, 2 in March (14 in all, shown). Hiding only March would let
    anyone work out 14 − 6 − 6 = 2, so one more January or February cell is hidden too."""
    for month, count in ((1, 6), (2, 6), (3, 2)):
        for i in range(count):
            make(at(2026, month, 2 + i, 10))
    report = transparency.report()
    assert group(report.types, "job_loss").received == 14
    cells = {month: group(groups, (month, "job_loss")) for month, groups in report.cross}
    hidden = [month for month, cell in cells.items() if cell.suppressed]
    assert len(hidden) >= 2 and date(2026, 3, 1) in hidden
    shown = sum(cell.received for cell in cells.values() if not cell.suppressed)
    assert shown <= 6  # what is left over is split among at least two hidden cells


def test_protect_hides_a_second_cell_in_any_line_with_a_single_hidden_one():
    counts = {"a": 2, "b": 7, "c": 9, "d": 8}
    assert transparency.protect(counts, [["a", "b", "c"], ["c", "d"]]) == {"a", "b"}
    assert transparency.protect({"a": 5, "b": 6}, [["a", "b"]]) == set()
    # A chain: hiding b for the first line leaves the second line with one hidden cell, so d goes too.
    assert transparency.protect({"a": 1, "b": 6, "c": 9, "d": 7}, [["a", "b", "c"], ["b", "d"]]) == {
        "a",
        "b",
        "d",
    }


def test_nothing_personal_is_on_the_page(march):
    html = Client().get(PAGE).content.decode()
    for made in march:
        for secret in (
            made.reference,
            made.display_reference,
            made.borrower.email,
            made.borrower.display_name,
        ):
            assert secret not in html
    assert "sensitive data" not in html and "@example.com" not in html


def test_the_page_works_with_no_requests_and_in_english(client):
    assert not NegotiationRequest.objects.exists()
    for url in (PAGE, "/en/transparency/"):
        page = client.get(url)
        assert page.status_code == 200 and not tags(page.content.decode(), "table")
    assert transparency.report().months == []


def test_the_footer_links_to_the_page_and_it_takes_few_queries(march, client, django_assert_max_num_queries):
    home = client.get("/en/").content.decode()
    assert tags(home, "a", href="/en/transparency/")
    with django_assert_max_num_queries(2):
        transparency.report()
    page = client.get("/en/transparency/")
    assert page.status_code == 200 and len(tags(page.content.decode(), "table")) == 3
