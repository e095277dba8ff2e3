"""Offers: the schedule of an offer worked out by `portal.money` from the offer's own fields, the team's form
for making one, and the two decisions a borrower can make on it (accept, decline), each under row locks.

The monthly amount is derived, never typed. A case worker thinks in what is owed, the rate during the plan
and how many months the borrower needs; the instalment follows from those three exactly as the calculators
and the letters compute it (`level_payment`, half-up to the cent). A typed amount could disagree with the
schedule by a few cents or by a slip of the finger, and the borrower would then accept a figure that the
table beside it contradicts. So the form asks for balance, rate and months, shows the resulting instalment
and the whole schedule as a preview, and the offer is made only from that preview; a case worker who wants
a particular instalment changes the months and previews again.

Deferral months are a pause before the first payment: they are listed in the schedule with nothing to pay
and, the plan's rate applying only to the instalment months, no interest added. A plan that charges interest
during a pause includes that interest in the amount covered.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.client import client_address
from portal.money.loans import level_payment, loan_schedule

from . import workflow
from .check_ins import schedule_check_ins
from .models import NegotiationRequest as R
from .models import Offer, RequestEvent

MONEY_MAX = Decimal("100000000.00")
MONTHS_MAX = 60  # personalised instalments run for at most five years
DEFERRAL_MAX = 24
RATE_MAX = Decimal("36")  # per cent a year; nothing above the legal ceiling on private lending
START_WITHIN_DAYS = 366
SMALLEST_INSTALMENT = Decimal("1.00")
# Where a request must stand for the team to make an offer (the workflow allows offer_made from both).
OFFER_FROM = {R.IN_REVIEW, R.DECLINED}
FORM_PREFIX = "offer"


@dataclass(frozen=True)
class OfferRow:
    period: int
    due_on: date
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal
    deferred: bool


@dataclass(frozen=True)
class OfferSchedule:
    monthly_amount: Decimal
    last_payment: Decimal
    total_payment: Decimal
    total_principal: Decimal
    total_interest: Decimal
    first_payment_on: date
    last_payment_on: date
    rows: tuple[OfferRow, ...]


def add_months(start, months):
    """The same day `months` later (or earlier); a day the month lacks becomes its last day (31 Jan → 28 Feb),
    always counted from `start` so that 31 Mar follows 28 Feb."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def monthly_amount(balance, annual_rate_percent, months):
    """The level instalment of the plan: 等额本息 at the plan's rate, as the calculators compute it."""
    return level_payment(balance, annual_rate_percent.scaleb(-2), months)


def offer_schedule(balance, annual_rate_percent, months, start_date, deferral_months=0):
    """Every month of the plan: `deferral_months` with nothing to pay, then `months` equal instalments from
    `start_date`, the last one repaying what is left so that the balance ends at 0.00."""
    loan = loan_schedule(balance, annual_rate_percent.scaleb(-2), months, "equal_installment")
    rows = [
        OfferRow(period, add_months(start_date, period - 1 - deferral_months), Decimal("0.00"),
                 Decimal("0.00"), Decimal("0.00"), balance, True)
        for period in range(1, deferral_months + 1)
    ]  # fmt: skip
    rows += [
        OfferRow(deferral_months + row.period, add_months(start_date, row.period - 1), row.payment,
                 row.principal, row.interest, row.balance, False)
        for row in loan.rows
    ]  # fmt: skip
    return OfferSchedule(
        monthly_amount=monthly_amount(balance, annual_rate_percent, months),
        last_payment=loan.last_payment,
        total_payment=loan.total_payment,
        total_principal=sum((row.principal for row in loan.rows), Decimal("0.00")),
        total_interest=loan.total_interest,
        first_payment_on=start_date,
        last_payment_on=rows[-1].due_on,
        rows=tuple(rows),
    )


def schedule_of(offer):
    return offer_schedule(
        offer.balance, offer.annual_rate, offer.months, offer.start_date, offer.deferral_months
    )


class OfferForm(forms.ModelForm):
    """What the team decides; the monthly amount is computed (see the module's docstring)."""

    balance = forms.DecimalField(
        label=_("Amount covered (yuan)"),
        help_text=_("What the borrower repays under the plan, after any relief."),
        min_value=Decimal("0.01"), max_value=MONEY_MAX, max_digits=11, decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )  # fmt: skip
    months = forms.IntegerField(
        label=_("Number of monthly payments"), min_value=1, max_value=MONTHS_MAX,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    annual_rate = forms.DecimalField(
        label=_("Annual rate during the plan (%)"),
        help_text=_("0 if no interest is charged during the plan."),
        min_value=Decimal(0), max_value=RATE_MAX, max_digits=7, decimal_places=4, initial=Decimal(0),
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )  # fmt: skip
    deferral_months = forms.IntegerField(
        label=_("Months with no payment before the first one"), min_value=0, max_value=DEFERRAL_MAX,
        initial=0, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )  # fmt: skip
    relief_amount = forms.DecimalField(
        label=_("Interest or penalties waived (yuan)"), required=False,
        min_value=Decimal(0), max_value=MONEY_MAX, max_digits=11, decimal_places=2, initial=Decimal(0),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )  # fmt: skip
    start_date = forms.DateField(
        label=_("First payment on"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = Offer
        fields = [
            "kind", "balance", "months", "annual_rate", "deferral_months", "relief_amount", "start_date",
            "explanation",
        ]  # fmt: skip
        widgets = {"explanation": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}

    def clean_relief_amount(self):
        return self.cleaned_data.get("relief_amount") or Decimal("0.00")

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        today = timezone.localdate()
        if start < today:
            raise forms.ValidationError(_("The first payment cannot be in the past."))
        return start

    def _check_pause(self, start, pause):
        """The months with no payment lie between today and the first payment, and the plan starts (its first
        month, paid or not) within a year: a schedule never shows a month already gone."""
        today = timezone.localdate()
        if add_months(start, -pause) < today:
            self.add_error(
                "start_date",
                _("After %(months)s months without payment, the first payment is on %(date)s or later.")
                % {"months": pause, "date": add_months(today, pause).isoformat()},
            )
        elif add_months(start, -pause) > today + timedelta(days=START_WITHIN_DAYS):
            self.add_error("start_date", _("The plan must start within a year from today."))

    def clean(self):
        data = super().clean()
        kind, balance, months = data.get("kind"), data.get("balance"), data.get("months")
        if kind == Offer.DEFERRAL and data.get("deferral_months") == 0:
            self.add_error("deferral_months", _("A deferral needs at least one month with no payment."))
        if kind == Offer.PENALTY_RELIEF and not data.get("relief_amount"):
            self.add_error("relief_amount", _("Enter the amount of interest or penalties waived."))
        rate = data.get("annual_rate")
        if (
            None not in (balance, months, rate)
            and monthly_amount(balance, rate, months) < SMALLEST_INSTALMENT
        ):
            self.add_error("months", _("Each payment would be less than 1 yuan; choose fewer months."))
        if data.get("start_date") is not None and data.get("deferral_months") is not None:
            self._check_pause(data["start_date"], data["deferral_months"])
        return data

    def schedule(self):
        """The preview of a valid form's plan."""
        data = self.cleaned_data
        return offer_schedule(
            data["balance"], data["annual_rate"], data["months"], data["start_date"], data["deferral_months"]
        )


def empty_form(made):
    """The form as the inspect page shows it: the amount covered suggested from the debts in the request."""
    owed = sum((creditor.balance for creditor in made.creditors.all()), Decimal("0.00"))
    start = add_months(timezone.localdate(), 1)
    return OfferForm(initial={"balance": owed or None, "start_date": start}, prefix=FORM_PREFIX)


def describe(offer):
    """The event's note: the plan in figures only. An event keeps its text for good, and a note in the case
    worker's admin language would be the wrong language for many borrowers."""
    return f"{offer.months} × {offer.monthly_amount} · {offer.start_date.isoformat()}"


def make_offer(made, form, actor, http_request=None):
    """Makes the form's offer on `made` and moves the request to offer_made. An earlier offer still open is
    withdrawn, so the borrower only ever has one to answer. Refused (NotAllowed, nothing changed) unless the
    request is in review or its last offer was declined."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if locked.status not in OFFER_FROM:
            raise workflow.NotAllowed(
                _("An offer can only be made on a request in review or after the borrower declined one.")
            )
        from_status, now = locked.status, timezone.now()
        Offer.objects.filter(request=locked, status=Offer.OPEN).update(status=Offer.WITHDRAWN, decided_at=now)
        offer = form.save(commit=False)
        offer.request = locked
        offer.made_by = actor
        offer.monthly_amount = monthly_amount(offer.balance, offer.annual_rate, offer.months)
        offer.save()
        workflow.change_status(locked, R.OFFER_MADE, actor, http_request)
        RequestEvent.objects.create(
            request=locked, kind=RequestEvent.OFFER, actor=actor, from_status=from_status,
            to_status=R.OFFER_MADE, note=describe(offer), address=client_address(http_request),
        )  # fmt: skip
    made.status = R.OFFER_MADE
    return offer


class AlreadyDecided(workflow.NotAllowed):
    """The same decision arrived twice (a double click): nothing more to do."""


def decide(made, offer_pk, decision, borrower, http_request=None, reason=""):
    """The borrower accepts or declines the open offer `offer_pk` of `made`. Both rows are locked, so of two
    clicks exactly one decides and the other finds the offer decided; check-ins are booked on acceptance.
    Raises Offer.DoesNotExist for an offer of another request, NotAllowed when nothing may change."""
    if decision not in (Offer.ACCEPTED, Offer.DECLINED):
        raise ValueError(decision)
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        offer = Offer.objects.select_for_update().get(pk=offer_pk, request=locked)
        if offer.status == decision:
            raise AlreadyDecided(_("You have already answered this offer."))
        if offer.status != Offer.OPEN or locked.status != R.OFFER_MADE:
            raise workflow.NotAllowed(
                _("This offer is no longer open, so it cannot be accepted or declined.")
            )
        offer.status = decision
        offer.decided_at = timezone.now()
        offer.save(update_fields=["status", "decided_at"])
        to_status = R.ACCEPTED if decision == Offer.ACCEPTED else R.DECLINED
        workflow.change_status(locked, to_status, borrower, http_request)
        RequestEvent.objects.create(
            request=locked, kind=RequestEvent.OFFER, actor=borrower, from_status=R.OFFER_MADE,
            to_status=to_status, note=reason, address=client_address(http_request),
        )  # fmt: skip
        if decision == Offer.ACCEPTED:
            schedule_check_ins(locked, timezone.localdate(offer.decided_at))
    made.status = to_status
    return offer
