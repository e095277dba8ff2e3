"""The public transparency page's figures, computed from the requests themselves with one query of a few small
fields; nothing personal leaves this module (no names, emails, references, amounts or free text), only counts,
a median and shares.

What is counted, for each month (of `submitted_at`, in the portal's time zone), each hardship type (over all
months) and each month × type cell:

- received: the requests submitted. A request that gave several hardship reasons counts once for each.
- median time to first response: `first_response_at − submitted_at` in hours (clock hours, to one decimal),
  over the requests answered so far.
- answered within the promise: the share (whole percent) of requests whose first reply came by its due
  time (`first_response_at <= first_response_due`), out of those whose promise is settled: answered, or not
  answered and already past due. Requests still inside their promised time are not counted either way yet.
- resolved with a plan: the share of requests with an accepted offer (an Offer the borrower accepted, or the
  request's status "accepted", which is the same event seen from the request), out of those that reached an
  outcome: an accepted offer, closed or withdrawn. Open requests are not counted either way yet.

Suppression, so that nobody can be picked out of a small group:

1. A group (month, type or month × type cell) with fewer than MIN_GROUP requests shows no figure at all, only
   "fewer than 5"; so does a group with none (the page lists every month from the first to the last, so that a
   month's existence says nothing either).
2. Inside a group that is shown, a median or share computed over fewer than MIN_GROUP requests (say 2 answered
   so far) is not shown either.
3. No figure lets anyone subtract their way to a hidden one: the page shows no grand total, and in the
   month × type table, whose rows and columns add up (for requests with one reason) to the month's and the
   type's counts shown above it, any row or column with exactly one hidden cell gets a second one hidden too
   (its smallest shown cell), repeated until no row or column has a single hidden cell. Only the counts are
   protected this way; the medians and shares of a group cannot be combined to recover another's.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from portal.assessment.choices import REASONS

from .models import NegotiationRequest, Offer

MIN_GROUP = 5
TENTH, WHOLE = Decimal("0.1"), Decimal("1")


@dataclass(frozen=True)
class Fact:
    """One request, reduced to what the page counts."""

    month: datetime.date
    reasons: tuple
    hours: Decimal | None  # to the first reply, None while unanswered
    on_time: bool | None  # None while the promise is not settled
    planned: bool | None  # None while there is no outcome


@dataclass(frozen=True)
class Group:
    key: object  # a month (date), a reason code, or (month, reason code)
    label: str
    received: int | None  # None when suppressed
    median_hours: Decimal | None = None
    on_time_percent: Decimal | None = None
    plan_percent: Decimal | None = None

    @property
    def suppressed(self):
        return self.received is None


@dataclass(frozen=True)
class Report:
    months: list  # of Group, newest first
    types: list  # of Group, in the order the wizard offers the reasons
    cross: list  # of (month, [Group per type]), newest first
    min_group: int = MIN_GROUP


def _percent(part, whole):
    return (Decimal(part) * 100 / Decimal(whole)).quantize(WHOLE, rounding=ROUND_HALF_UP)


def _month_of(moment, zone):
    local = timezone.localtime(moment, zone)
    return datetime.date(local.year, local.month, 1)


def facts(now=None):
    """Every request as a Fact, from one query."""
    now = now or timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    accepted = Offer.objects.filter(request=OuterRef("pk"), status=Offer.ACCEPTED)
    rows = NegotiationRequest.objects.annotate(accepted_offer=Exists(accepted)).values_list(
        "submitted_at", "first_response_at", "first_response_due", "status", "reasons", "accepted_offer"
    )
    found = []
    for submitted_at, answered_at, due, status, reasons, accepted_offer in rows.order_by():
        hours = None
        if answered_at is not None:
            seconds = max(0, (answered_at - submitted_at).total_seconds())
            hours = Decimal(seconds) / 3600
        if answered_at is not None and due is not None:
            on_time = answered_at <= due
        elif answered_at is None and due is not None and due < now:
            on_time = False
        else:
            on_time = None
        planned = accepted_offer or status == NegotiationRequest.ACCEPTED
        if not planned and status not in (NegotiationRequest.CLOSED, NegotiationRequest.WITHDRAWN):
            planned = None
        codes = tuple(dict.fromkeys(code for code in reasons or [] if isinstance(code, str)))
        found.append(Fact(_month_of(submitted_at, zone), codes, hours, on_time, planned))
    return found


def figures(key, label, group):
    """A Group of these facts, with every figure over fewer than MIN_GROUP requests left out."""
    if len(group) < MIN_GROUP:
        return Group(key, label, None)
    hours = [fact.hours for fact in group if fact.hours is not None]
    settled = [fact.on_time for fact in group if fact.on_time is not None]
    outcomes = [fact.planned for fact in group if fact.planned is not None]
    middle = median(hours).quantize(TENTH, rounding=ROUND_HALF_UP) if len(hours) >= MIN_GROUP else None
    return Group(
        key,
        label,
        len(group),
        median_hours=middle,
        on_time_percent=_percent(sum(settled), len(settled)) if len(settled) >= MIN_GROUP else None,
        plan_percent=_percent(sum(outcomes), len(outcomes)) if len(outcomes) >= MIN_GROUP else None,
    )


def month_range(first, last):
    """Every first-of-the-month from `first` to `last`, newest first."""
    months, month = [], last
    while month >= first:
        months.append(month)
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return months


def protect(counts, lines):
    """The keys of `counts` to hide: those under MIN_GROUP, then, for each line (a list of keys whose total is
    published elsewhere) with exactly one hidden key, its smallest shown one too, until no line has exactly
    one. Deterministic: ties go to the key that sorts first."""
    hidden = {key for key, count in counts.items() if count < MIN_GROUP}
    changed = True
    while changed:
        changed = False
        for line in lines:
            shown = [key for key in line if key not in hidden]
            if shown and len(line) - len(shown) == 1:
                hidden.add(min(shown, key=lambda key: (counts[key], str(key))))
                changed = True
    return hidden


def report(now=None):
    found = facts(now)
    reason_labels = [(code, str(label)) for code, label in REASONS]
    if not found:
        return Report(months=[], types=[], cross=[])
    months = month_range(min(fact.month for fact in found), max(fact.month for fact in found))
    by_month = {month: [] for month in months}
    by_type = {code: [] for code, _ in reason_labels}
    by_cell = {(month, code): [] for month in months for code, _ in reason_labels}
    for fact in found:
        by_month[fact.month].append(fact)
        for code in fact.reasons:
            if code in by_type:
                by_type[code].append(fact)
                by_cell[(fact.month, code)].append(fact)
    month_groups = [figures(month, "", by_month[month]) for month in months]
    type_groups = [figures(code, label, by_type[code]) for code, label in reason_labels]
    # Rows and columns whose totals the two tables above publish; a hidden total protects its line already.
    shown_months = [group.key for group in month_groups if not group.suppressed]
    shown_types = [group.key for group in type_groups if not group.suppressed]
    lines = [[(month, code) for code, _ in reason_labels] for month in shown_months]
    lines += [[(month, code) for month in months] for code in shown_types]
    hidden = protect({key: len(group) for key, group in by_cell.items()}, lines)
    cross = [
        (
            month,
            [
                Group((month, code), label, None)
                if (month, code) in hidden
                else figures((month, code), label, by_cell[(month, code)])
                for code, label in reason_labels
            ],
        )
        for month in months
    ]
    return Report(months=month_groups, types=type_groups, cross=cross)
