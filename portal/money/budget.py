"""A monthly budget from income and expense lines paid weekly, fortnightly, monthly, quarterly or yearly."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .inputs import as_money
from .rounding import precise, round2

# to_monthly multiplies by the exact ratio, so a half-cent (a yearly 0.06 is 0.005 a month) stays exact and
# rounds up whatever the precision; FREQUENCIES are the same factors as Decimals, for display.
_RATIOS = {
    "weekly": (52, 12),
    "fortnightly": (26, 12),
    "monthly": (1, 1),
    "quarterly": (1, 3),
    "yearly": (1, 12),
}
with precise():
    FREQUENCIES = {name: Decimal(times) / per for name, (times, per) in _RATIOS.items()}
KINDS = ("income", "expense")


@dataclass(frozen=True)
class BudgetLine:
    category: str
    amount: Decimal
    frequency: str
    kind: str


@dataclass(frozen=True)
class Budget:
    income_total: Decimal
    expense_total: Decimal
    balance: Decimal
    income_by_category: dict[str, Decimal]
    expense_by_category: dict[str, Decimal]
    shares: dict[str, Decimal]


def to_monthly(amount: Decimal, frequency: str) -> Decimal:
    """The monthly equivalent of an amount paid at `frequency`, in cents: round2(amount × factor)."""
    if frequency not in _RATIOS:
        raise ValueError(f"unknown frequency {frequency!r}; expected one of {', '.join(_RATIOS)}")
    amount = as_money(amount, "amount")
    times, per = _RATIOS[frequency]
    with precise():
        return round2(amount * times / per)


def monthly_budget(lines: Iterable[BudgetLine]) -> Budget:
    """Totals per month: each line is normalised (and rounded) on its own, then lines of the same category
    are added up. `shares` gives each expense category's unrounded fraction of all expenses (0 when there
    are no expenses at all)."""
    by_kind: dict[str, dict[str, Decimal]] = {kind: {} for kind in KINDS}
    for line in lines:
        if line.kind not in KINDS:
            raise ValueError(f"unknown kind {line.kind!r}; expected income or expense")
        if as_money(line.amount, "amount") < 0:
            raise ValueError(f"the amount for {line.category} must not be negative")
        monthly = to_monthly(line.amount, line.frequency)
        totals = by_kind[line.kind]
        totals[line.category] = totals.get(line.category, Decimal("0.00")) + monthly

    income, expenses = by_kind["income"], by_kind["expense"]
    income_total = sum(income.values(), Decimal("0.00"))
    expense_total = sum(expenses.values(), Decimal("0.00"))
    with precise():
        shares = {
            category: amount / expense_total if expense_total else Decimal(0)
            for category, amount in expenses.items()
        }
    return Budget(income_total, expense_total, income_total - expense_total, income, expenses, shares)
