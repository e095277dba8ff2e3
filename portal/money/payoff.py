"""Debt payoff plans: the avalanche (highest rate first) and snowball (smallest balance first) strategies,
simulated month by month with cent-rounded interest."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .inputs import as_money, as_rate
from .rounding import precise, round2

STRATEGIES = ("avalanche", "snowball")
ZERO = Decimal("0.00")


class PayoffImpossible(ValueError):
    """The budget cannot clear the debts: `reason` is "below_minimums" (less than the minimum payments),
    "never_repaid" (no more than the first month's interest) or "too_long" (beyond max_months)."""

    REASONS = ("below_minimums", "never_repaid", "too_long")

    def __init__(self, reason: str, message: str = ""):
        if reason not in self.REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        super().__init__(message or reason)
        self.reason = reason


@dataclass(frozen=True)
class Debt:
    name: str
    balance: Decimal
    annual_rate: Decimal
    min_payment: Decimal


@dataclass(frozen=True)
class DebtOutcome:
    name: str
    paid_off_month: int
    interest_paid: Decimal
    total_paid: Decimal


@dataclass(frozen=True)
class PayoffMonth:
    """One month of the plan; the tuples follow the input order of the debts, balances after payment."""

    month: int
    payments: tuple[Decimal, ...]
    interest: tuple[Decimal, ...]
    balances: tuple[Decimal, ...]
    total_balance: Decimal


@dataclass(frozen=True)
class PayoffPlan:
    strategy: str
    months: int
    total_interest: Decimal
    total_paid: Decimal
    payoff_order: tuple[str, ...]
    debts: tuple[DebtOutcome, ...]
    table: tuple[PayoffMonth, ...]


def payoff_plan(
    debts: Sequence[Debt], monthly_budget: Decimal, strategy: str, max_months: int = 600
) -> PayoffPlan:
    """Spend monthly_budget on the debts each month: interest first, then every minimum, then the rest to
    the debts in the strategy's order (fixed at the start), spilling over to the next within the month."""
    if strategy not in STRATEGIES:
        raise ValueError(f"unknown strategy {strategy!r}; expected one of {', '.join(STRATEGIES)}")
    debts = [_checked(debt) for debt in debts]
    if not debts:
        raise ValueError("at least one debt is needed")
    if len({debt.name for debt in debts}) != len(debts):
        raise ValueError("debt names must be unique")
    if max_months < 1:
        raise ValueError("max_months must be at least 1")
    budget = as_money(monthly_budget, "monthly_budget")
    if budget <= 0:
        raise ValueError("monthly_budget must be greater than 0")

    with precise():
        minimums = sum((debt.min_payment for debt in debts), ZERO)
        if budget < minimums:
            raise PayoffImpossible("below_minimums", f"the budget {budget} is below the minimums {minimums}")
        first_interest = sum((_interest(debt.balance, debt.annual_rate) for debt in debts), ZERO)
        if budget <= first_interest:
            raise PayoffImpossible(
                "never_repaid",
                f"the budget {budget} does not exceed the first month's interest {first_interest}",
            )
        return _simulate(debts, budget, strategy, max_months)


def compare_strategies(
    debts: Sequence[Debt], monthly_budget: Decimal
) -> dict[str, PayoffPlan | PayoffImpossible]:
    """Both strategies' plans (or why each is impossible), so the cost of the other choice can be shown."""
    results: dict[str, PayoffPlan | PayoffImpossible] = {}
    for strategy in STRATEGIES:
        try:
            results[strategy] = payoff_plan(debts, monthly_budget, strategy)
        except PayoffImpossible as impossible:
            results[strategy] = impossible
    return results


def _checked(debt: Debt) -> Debt:
    if not debt.name:
        raise ValueError("every debt needs a name")
    balance = as_money(debt.balance, "balance")
    if balance <= 0:
        raise ValueError(f"the balance of {debt.name} must be greater than 0")
    min_payment = as_money(debt.min_payment, "min_payment")
    if min_payment < 0:
        raise ValueError(f"the minimum payment of {debt.name} must not be negative")
    return Debt(debt.name, balance, as_rate(debt.annual_rate, "annual_rate"), min_payment)


def _interest(balance: Decimal, annual_rate: Decimal) -> Decimal:
    # Multiplying before dividing keeps an exact half-cent exact.
    return round2(balance * annual_rate / 12)


def _priority(debts: Sequence[Debt], strategy: str) -> list[int]:
    if strategy == "avalanche":
        return sorted(range(len(debts)), key=lambda j: (-debts[j].annual_rate, debts[j].balance, j))
    return sorted(range(len(debts)), key=lambda j: (debts[j].balance, -debts[j].annual_rate, j))


def _simulate(debts: Sequence[Debt], budget: Decimal, strategy: str, max_months: int) -> PayoffPlan:
    order = _priority(debts, strategy)
    balances = [debt.balance for debt in debts]
    interest_paid = [ZERO] * len(debts)
    paid_off = [0] * len(debts)
    payoff_order: list[str] = []
    table: list[PayoffMonth] = []

    for month in range(1, max_months + 1):
        open_debts = [j for j in range(len(debts)) if balances[j] > 0]
        interest = [ZERO] * len(debts)
        payments = [ZERO] * len(debts)
        for j in open_debts:
            interest[j] = _interest(balances[j], debts[j].annual_rate)
            balances[j] += interest[j]
            interest_paid[j] += interest[j]
        for j in open_debts:
            payments[j] = min(debts[j].min_payment, balances[j])
        left = budget - sum(payments, ZERO)
        for j in order:
            if left == 0:
                break
            extra = min(left, balances[j] - payments[j])
            payments[j] += extra
            left -= extra
        for j in order:
            if j in open_debts:
                balances[j] -= payments[j]
                if balances[j] == 0:
                    paid_off[j] = month
                    payoff_order.append(debts[j].name)
        table.append(
            PayoffMonth(month, tuple(payments), tuple(interest), tuple(balances), sum(balances, ZERO))
        )
        if not any(balances):
            break
    else:
        raise PayoffImpossible("too_long", f"the debts would take more than {max_months} months to clear")

    paid = [sum((row.payments[j] for row in table), ZERO) for j in range(len(debts))]
    outcomes = tuple(
        DebtOutcome(debt.name, paid_off[j], interest_paid[j], paid[j]) for j, debt in enumerate(debts)
    )
    return PayoffPlan(
        strategy=strategy,
        months=len(table),
        total_interest=sum(interest_paid, ZERO),
        total_paid=sum(paid, ZERO),
        payoff_order=tuple(payoff_order),
        debts=outcomes,
        table=tuple(table),
    )
