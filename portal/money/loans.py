"""Repayment schedules for 等额本息, 等额本金 and 先息后本 loans, cent-rounded period by period."""

from dataclasses import dataclass
from decimal import Decimal

from .inputs import as_money, as_rate
from .rounding import precise, round2, round_ratio2

METHODS = ("equal_installment", "equal_principal", "interest_only")


@dataclass(frozen=True)
class ScheduleRow:
    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal


@dataclass(frozen=True)
class LoanSchedule:
    method: str
    months: int
    first_payment: Decimal
    last_payment: Decimal
    total_interest: Decimal
    total_payment: Decimal
    rows: tuple[ScheduleRow, ...]


def level_payment(principal: Decimal, annual_rate: Decimal, months: int) -> Decimal:
    """The 等额本息 payment A = round2(P·r·(1+r)^n / ((1+r)^n − 1)) with r = annual_rate / 12.

    Worked in exact integers: a payment that lies exactly on a half-cent must round up, and a truncated
    decimal (1+r)^n could land a hair below the half instead.
    """
    if annual_rate == 0:
        with precise():
            return round2(principal / months)
    p_num, p_den = principal.as_integer_ratio()
    a_num, a_den = annual_rate.as_integer_ratio()
    # r = a_num / v and 1 + r = u / v, so A = P·a_num·u^n / (v·(u^n − v^n)).
    v = 12 * a_den
    u = v + a_num
    growth, base = u**months, v**months
    return round_ratio2(100 * p_num * a_num * growth, p_den * v * (growth - base))


def loan_schedule(principal: Decimal, annual_rate: Decimal, months: int, method: str) -> LoanSchedule:
    """The month-by-month schedule: interest round2(B × annual_rate / 12) on the opening balance, the
    method's principal part, and the last period repaying whatever balance is left so it ends at 0.00."""
    if method not in METHODS:
        raise ValueError(f"unknown repayment method {method!r}; expected one of {', '.join(METHODS)}")
    if months < 1:
        raise ValueError("months must be at least 1")
    principal = as_money(principal, "principal")
    if principal <= 0:
        raise ValueError("principal must be greater than 0")
    annual_rate = as_rate(annual_rate, "annual_rate")

    with precise():
        if method == "equal_installment":
            payment = level_payment(principal, annual_rate, months)
        elif method == "equal_principal":
            part = round2(principal / months)
        balance = principal
        rows = []
        for period in range(1, months + 1):
            # Multiplying before dividing keeps an exact half-cent exact; rate/12 first would truncate it.
            interest = round2(balance * annual_rate / 12)
            if period == months:
                repaid = balance
            elif method == "equal_installment":
                repaid = payment - interest
            elif method == "equal_principal":
                repaid = part
            else:
                repaid = Decimal("0.00")
            # A payment rounded up on a tiny loan over many months could otherwise overpay it and leave a
            # negative balance with a refund as the "last payment"; the loan simply ends early instead.
            repaid = min(repaid, balance)
            balance -= repaid
            rows.append(ScheduleRow(period, repaid + interest, repaid, interest, balance))

        total_interest = sum((row.interest for row in rows), Decimal("0.00"))
        return LoanSchedule(
            method=method,
            months=months,
            first_payment=rows[0].payment,
            last_payment=rows[-1].payment,
            total_interest=total_interest,
            total_payment=sum((row.payment for row in rows), Decimal("0.00")),
            rows=tuple(rows),
        )
