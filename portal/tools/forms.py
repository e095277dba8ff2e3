"""The calculators' forms: what a borrower types, checked with translated errors, passed to portal.money.

Every form is submitted with GET, so a result is a link that can be shared and nothing is stored.
"""

from decimal import Decimal

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from portal import money
from portal.tools.charts import horizontal_bars, line_points

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


def rate_field(label, help_text="", required=True):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        decimal_places=6,
        max_digits=10,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
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

    def csv_rows(self, result):
        """The downloadable table, header row first (only for calculators registered with has_csv)."""
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
    annual_rate = rate_field(_("Yearly interest rate (%)"), _("For example 4.9 for 4.9% a year."))
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

    def csv_rows(self, result):
        yield [
            gettext("Month"),
            gettext("Payment"),
            gettext("Principal"),
            gettext("Interest"),
            gettext("Balance"),
        ]
        for row in result["schedule"].rows:
            amounts = (row.payment, row.principal, row.interest, row.balance)
            yield [row.period, *(f"{amount:.2f}" for amount in amounts)]


def _interpolated(message, **values):
    return str(message) % values


# A label made of translated parts ("Housing (yuan)"), put together when the page is rendered, so it is in
# the reader's language rather than the language active when this module was imported.
interpolated = lazy(_interpolated, str)


def typed(bound_field):
    """Whether the person typed anything in a field (even something invalid, which is then an error)."""
    return bool(str(bound_field.data or "").strip())


DEBT_ROWS = 5
DEBT_PARTS = ("name", "balance", "rate", "minimum")
STRATEGY_CHOICES = [
    ("avalanche", _("Highest interest rate first (avalanche: usually the least interest)")),
    ("snowball", _("Smallest balance first (snowball: fewer debts sooner)")),
]


def debt_fields(number):
    """One debt's row. Every field is optional on its own: a row left empty is simply not a debt."""
    return {
        f"debt{number}_name": forms.CharField(label=_("Name of the debt"), max_length=40, required=False),
        f"debt{number}_balance": money_field(_("Amount owed (yuan)"), required=False),
        f"debt{number}_rate": rate_field(_("Yearly interest rate (%)"), required=False),
        f"debt{number}_minimum": money_field(
            _("Minimum payment each month (yuan)"), required=False, minimum=Decimal(0)
        ),
    }


def payoff_rejection(reason, debts):
    if reason == "below_minimums":
        minimums = sum((debt.min_payment for debt in debts), Decimal("0.00"))
        return gettext(
            "This is less than the minimum payments added together (%(minimums)s yuan a month), so it "
            "cannot keep every debt up to date. Enter at least that amount to see a plan."
        ) % {"minimums": minimums}
    if reason == "never_repaid":
        return gettext(
            "This does not even cover the interest the debts add each month, so they would never be "
            "paid off. A plan needs more than that each month."
        )
    return gettext("At this amount the debts would take more than 50 years to pay off.")


class PayoffForm(CalculatorForm):
    """A monthly amount for debts and up to DEBT_ROWS debts as numbered fields (debt1_name, debt1_balance,
    ...), so the form needs no JavaScript and a plan stays a readable link."""

    # Many fields, grouped into fieldsets (FORM_RENDERER reads templates/, see settings).
    template_name_div = "tools/forms/payoff.html"

    budget = money_field(
        _("Money for debts each month (yuan)"),
        _("What you can pay towards all these debts together each month."),
    )
    # Generated fields are declared like written ones: a class body's locals() is the class namespace.
    locals().update(
        {name: field for number in range(1, DEBT_ROWS + 1) for name, field in debt_fields(number).items()}
    )
    strategy = forms.ChoiceField(
        label=_("Which debt gets the money left after the minimum payments?"),
        label_suffix="",  # a question needs no colon after its question mark
        choices=STRATEGY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial="avalanche",
    )

    def __init__(self, data=None, *args, **kwargs):
        # A shared link without a strategy gets the recommended one, shown as chosen.
        if data is not None and not data.get("strategy"):
            data = data.copy()
            data["strategy"] = "avalanche"
        super().__init__(data, *args, **kwargs)

    def debt_rows(self):
        return [[self[f"debt{number}_{part}"] for part in DEBT_PARTS] for number in range(1, DEBT_ROWS + 1)]

    def clean(self):
        cleaned = super().clean()
        debts, names, rows_typed = [], set(), 0
        for number in range(1, DEBT_ROWS + 1):
            fields = [f"debt{number}_{part}" for part in DEBT_PARTS]
            if not any(typed(self[field]) for field in fields):
                continue
            rows_typed += 1
            for field in fields:
                if cleaned.get(field) in (None, "") and field not in self.errors:
                    self.add_error(field, _("Fill this in as well, or leave this whole debt empty."))
            name, balance, rate, minimum = (cleaned.get(field) for field in fields)
            if name and name in names:
                self.add_error(fields[0], _("Give each debt a different name."))
            names.add(name)
            if not any(field in self.errors for field in fields):
                debts.append(money.Debt(name, balance, rate / HUNDRED, minimum))
        if not rows_typed:
            self.add_error(
                "debt1_name",
                _("Enter at least one debt: its name, what you owe, the rate and the minimum payment."),
            )
        budget = cleaned.get("budget")
        if self.errors or budget is None:
            return cleaned
        strategy = cleaned.get("strategy") or "avalanche"
        self.plans = money.compare_strategies(debts, budget)
        chosen = self.plans[strategy]
        if isinstance(chosen, money.PayoffImpossible):
            self.add_error("budget", payoff_rejection(chosen.reason, debts))
        self.debts = debts
        return cleaned

    def result(self):
        strategy = self.cleaned_data["strategy"] or "avalanche"
        other_strategy = "snowball" if strategy == "avalanche" else "avalanche"
        plan, other = self.plans[strategy], self.plans[other_strategy]
        other = other if isinstance(other, money.PayoffPlan) else None
        start = sum((debt.balance for debt in self.debts), Decimal("0.00"))
        outcomes = {outcome.name: outcome for outcome in plan.debts}
        extra = other.total_interest - plan.total_interest if other else None
        return {
            "plan": plan,
            "strategy": strategy,
            "other": other,
            "other_extra": extra,
            "other_difference": abs(extra) if other else None,
            "names": [debt.name for debt in self.debts],
            "order": [outcomes[name] for name in plan.payoff_order],
            "start_balance": start,
            "rows": [
                {
                    "month": row.month,
                    "payments": row.payments,
                    "interest": sum(row.interest, Decimal("0.00")),
                    "balance": row.total_balance,
                }
                for row in plan.table
            ],
            "balance_points": line_points([start, *(row.total_balance for row in plan.table)]),
        }

    def csv_rows(self, result):
        header = [pgettext("payoff plan", "Month")]
        for name in result["names"]:
            header += [
                gettext("Pay %(name)s") % {"name": name},
                gettext("%(name)s still owed") % {"name": name},
            ]
        yield [*header, gettext("Interest added"), gettext("Total still owed")]
        for row in result["plan"].table:
            cells = [row.month]
            for payment, balance in zip(row.payments, row.balances, strict=True):
                cells += [f"{payment:.2f}", f"{balance:.2f}"]
            interest = sum(row.interest, Decimal("0.00"))
            yield [*cells, f"{interest:.2f}", f"{row.total_balance:.2f}"]


INCOME_CATEGORIES = [
    ("wages", _("Wages")),
    ("business", _("Business income")),
    ("other_income", _("Other income")),
]
EXPENSE_CATEGORIES = [
    ("housing", _("Housing")),
    ("utilities", _("Water, power and gas")),
    ("food", _("Food")),
    ("transport", _("Transport")),
    ("education", _("Children's education")),
    ("medical", _("Medical costs")),
    ("insurance", _("Insurance")),
    ("parents", _("Supporting parents")),
    ("other_expense", _("Other essential spending")),
]
FREQUENCY_LABELS = {
    "weekly": _("Weekly"),
    "fortnightly": _("Every two weeks"),
    "monthly": _("Monthly"),
    "quarterly": _("Every three months"),
    "yearly": _("Yearly"),
}
# Monthly first: a select with nothing chosen (a link that leaves a frequency out) shows its first option,
# and that must be the monthly default the calculation then uses.
FREQUENCY_CHOICES = [
    (name, FREQUENCY_LABELS[name]) for name in sorted(money.FREQUENCIES, key=lambda name: name != "monthly")
]


def budget_fields(categories):
    fields = {}
    for key, label in categories:
        fields[key] = money_field(
            interpolated(_("%(category)s (yuan)"), category=label), required=False, minimum=Decimal(0)
        )
        fields[f"{key}_frequency"] = forms.ChoiceField(
            label=interpolated(_("%(category)s: how often"), category=label),
            choices=FREQUENCY_CHOICES,
            required=False,
            initial="monthly",
        )
    return fields


class BudgetForm(CalculatorForm):
    """Income and essential spending by fixed category, each amount with how often it comes (a field named
    after the category and one named <category>_frequency), turned into a monthly budget."""

    template_name_div = "tools/forms/budget.html"

    # Generated fields are declared like written ones: a class body's locals() is the class namespace.
    locals().update(budget_fields(INCOME_CATEGORIES + EXPENSE_CATEGORIES))

    def rows(self, categories):
        return [(self[key], self[f"{key}_frequency"]) for key, _label in categories]

    def income_rows(self):
        return self.rows(INCOME_CATEGORIES)

    def expense_rows(self):
        return self.rows(EXPENSE_CATEGORIES)

    def lines(self):
        data = self.cleaned_data
        for kind, categories in (("income", INCOME_CATEGORIES), ("expense", EXPENSE_CATEGORIES)):
            for key, _label in categories:
                if data.get(key):
                    yield money.BudgetLine(key, data[key], data.get(f"{key}_frequency") or "monthly", kind)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(self.lines()):
            raise forms.ValidationError(_("Enter at least one amount of income or spending."))
        return cleaned

    def result(self):
        budget = money.monthly_budget(self.lines())
        labels = dict(INCOME_CATEGORIES + EXPENSE_CATEGORIES)
        entered = {line.category: line for line in self.lines()}

        def row(category, monthly):
            line = entered[category]
            return {
                "label": labels[category],
                "amount": money.round2(line.amount),
                "frequency": FREQUENCY_LABELS[line.frequency],
                "monthly": monthly,
            }

        expenses = sorted(budget.expense_by_category.items(), key=lambda item: -item[1])
        bars, height = horizontal_bars([budget.shares[category] for category, _amount in expenses])
        expense_rows = [
            {
                **row(category, monthly),
                "share_percent": money.round2(budget.shares[category] * HUNDRED),
                "bar": bar,
            }
            for (category, monthly), bar in zip(expenses, bars, strict=True)
        ]
        return {
            "budget": budget,
            "income_rows": [
                row(category, monthly) for category, monthly in budget.income_by_category.items()
            ],
            "expense_rows": expense_rows,
            "chart_height": height,
            "shortfall": -budget.balance if budget.balance < 0 else None,
            "converted": any(line.frequency != "monthly" for line in entered.values()),
        }
