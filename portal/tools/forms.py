"""The calculators' forms: what a borrower types, checked with translated errors, passed to portal.money.

Every form is submitted with GET, so a result is a link that can be shared and nothing is stored.
"""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import money
from portal.tools.charts import line_points

MONEY_MAX = Decimal("100000000.00")
HUNDRED = Decimal(100)


def money_field(label, help_text="", required=True, minimum=Decimal("0.01")):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=minimum,
        max_value=MONEY_MAX,
        decimal_places=2,
        max_digits=11,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def months_field():
    return forms.IntegerField(
        label=_("Number of months"),
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class CalculatorForm(forms.Form):
    """A calculator form binds only when the query string carries one of its own fields."""

    @classmethod
    def from_query(cls, query):
        return cls(query) if any(name in query for name in cls.base_fields) else cls()

    def result(self):
        raise NotImplementedError


class AprForm(CalculatorForm):
    principal = money_field(_("Amount in the contract (yuan)"), _("The loan amount written in the contract."))
    received = money_field(
        _("Amount you actually received (yuan)"),
        _("Leave empty if nothing was deducted when the money was paid out."),
        required=False,
    )
    payment = money_field(_("Payment each month (yuan)"))
    months = months_field()

    def clean(self):
        cleaned = super().clean()
        principal, received = cleaned.get("principal"), cleaned.get("received")
        if principal is not None and received is not None and received > principal:
            self.add_error("received", _("The amount received cannot be more than the contract amount."))
        payment, months = cleaned.get("payment"), cleaned.get("months")
        complete = None not in (principal, payment, months) and not self.errors
        if complete and payment * months < (received or principal):
            self.add_error("payment", _("These payments add up to less than you received: there is no cost."))
        return cleaned

    def result(self):
        principal = self.cleaned_data["principal"]
        received = self.cleaned_data["received"] or principal
        payment, months = self.cleaned_data["payment"], self.cleaned_data["months"]
        apr = money.true_apr(principal, [payment] * months, principal - received)
        years = Decimal(months) / 12
        # What the figures "seem to say": total cost over the contract amount, spread evenly over the years.
        apparent = (payment * months - principal) / principal / years
        return {
            "apr": apr,
            "apparent_rate": apparent,
            "apr_nominal_percent": money.round2(apr.apr_nominal * HUNDRED),
            "apr_effective_percent": money.round2(apr.apr_effective * HUNDRED),
            "apparent_percent": money.round2(apparent * HUNDRED),
            "deducted": money.round2(principal - received),
        }


class LoanScheduleForm(CalculatorForm):
    principal = money_field(_("Loan amount (yuan)"))
    annual_rate = forms.DecimalField(
        label=_("Yearly interest rate (%)"),
        help_text=_("For example 4.9 for 4.9% a year."),
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=6,
        max_digits=10,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    months = months_field()
    method = forms.ChoiceField(
        label=_("Repayment method"),
        choices=[
            ("equal_installment", _("Equal instalments (等额本息)")),
            ("equal_principal", _("Equal principal (等额本金)")),
            ("interest_only", _("Interest first, principal at the end (先息后本)")),
        ],
        widget=forms.RadioSelect,
        initial="equal_installment",
    )

    def result(self):
        data = self.cleaned_data
        rate = data["annual_rate"] / HUNDRED
        schedule = money.loan_schedule(data["principal"], rate, data["months"], data["method"])
        balances = [data["principal"], *(row.balance for row in schedule.rows)]
        return {"schedule": schedule, "balance_points": line_points(balances)}
