"""What a household can afford each month, and a fair pro-rata split of a monthly offer among creditors."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from .inputs import as_money
from .rounding import precise, round2

ZERO = Decimal("0.00")
_NO_EXPENSES: Mapping[str, Decimal] = MappingProxyType({})


@dataclass(frozen=True)
class CreditorDebt:
    creditor: str
    balance: Decimal
    monthly_payment: Decimal


@dataclass(frozen=True)
class Allocation:
    creditor: str
    amount: Decimal


@dataclass(frozen=True)
class Affordability:
    total_expenses: Decimal
    total_debt_payments: Decimal
    disposable_income: Decimal
    surplus_after_debt_payments: Decimal
    debt_service_ratio: Decimal
    allocations: tuple[Allocation, ...]


def affordability(
    monthly_income: Decimal,
    expenses: Mapping[str, Decimal] = _NO_EXPENSES,
    debts: Sequence[CreditorDebt] = (),
    offer: Decimal | None = None,
) -> Affordability:
    """Disposable income (income − expenses, possibly negative), what is left after the contractual debt
    payments, the unrounded debt-service ratio (payments / income) and, when an offer is given, its split
    among the creditors (input order; empty without an offer)."""
    income = as_money(monthly_income, "monthly_income")
    if income <= 0:
        raise ValueError("monthly_income must be greater than 0")
    costs = [_non_negative(amount, "expenses") for amount in expenses.values()]
    payments = [_non_negative(debt.monthly_payment, "monthly_payment") for debt in debts]
    balances = [_non_negative(debt.balance, "balance") for debt in debts]

    total_expenses = sum(costs, ZERO)
    total_payments = sum(payments, ZERO)
    disposable = income - total_expenses
    allocations: tuple[Allocation, ...] = ()
    if offer is not None:
        offer = _non_negative(offer, "offer")
        if offer > sum(balances, ZERO):
            raise ValueError("the offer must not exceed the total of the balances")
        shares = split_offer(offer, balances)
        allocations = tuple(
            Allocation(debt.creditor, share) for debt, share in zip(debts, shares, strict=True)
        )
    with precise():
        ratio = total_payments / income
    return Affordability(
        total_expenses=total_expenses,
        total_debt_payments=total_payments,
        disposable_income=disposable,
        surplus_after_debt_payments=disposable - total_payments,
        debt_service_ratio=ratio,
        allocations=allocations,
    )


def split_offer(offer: Decimal, balances: Sequence[Decimal]) -> list[Decimal]:
    """Shares of `offer` pro rata to `balances`: each round2(offer × balance / total), and the rounding
    residue (either sign) to the largest balance, the first listed on a tie, so they sum to the offer."""
    offer = as_money(offer, "offer")
    balances = [as_money(balance, "balance") for balance in balances]
    total = sum(balances, ZERO)
    if total <= 0:
        raise ValueError("an offer can only be split when the balances total more than 0")
    with precise():
        # Multiplying before dividing keeps an exact half-cent exact.
        shares = [round2(offer * balance / total) for balance in balances]
    largest = balances.index(max(balances))
    shares[largest] += offer - sum(shares, ZERO)
    return shares


def _non_negative(value: Decimal, field: str) -> Decimal:
    money = as_money(value, field)
    if money < 0:
        raise ValueError(f"{field} must not be negative")
    return money
