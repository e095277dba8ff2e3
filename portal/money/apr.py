"""The true cost of a loan: the monthly IRR of what was received against what is repaid, as a nominal
(×12) and an effective annual rate, plus the conversions adverts' fee rates need."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .inputs import as_money, as_rate
from .rounding import precise, round2

# Far below the 1e-12 the contract asks for; Newton converges quadratically, so it costs one or two steps.
TOLERANCE = Decimal("1e-40")
_MAX_STEPS = 500


class InsufficientPayments(ValueError):
    """The payments add up to less than the borrower received, so there is no non-negative rate."""


@dataclass(frozen=True)
class AprResult:
    amount_received: Decimal
    total_repaid: Decimal
    total_cost: Decimal
    monthly_irr: Decimal
    apr_nominal: Decimal
    apr_effective: Decimal


def true_apr(principal: Decimal, payments: Sequence[Decimal], upfront_fee: Decimal = Decimal(0)) -> AprResult:
    """Solve Σ payment_k / (1+i)^k = principal − upfront_fee for the monthly rate i ≥ 0, payment k falling
    k months after the payout. The rates come back unrounded; money comes back in cents."""
    principal = as_money(principal, "principal")
    fee = as_money(upfront_fee, "upfront_fee")
    payments = [as_money(payment, "payments") for payment in payments]
    if fee < 0:
        raise ValueError("upfront_fee must not be negative")
    if fee >= principal:
        raise ValueError("upfront_fee must be less than principal")
    if any(payment < 0 for payment in payments):
        raise ValueError("payments must not be negative")
    if not any(payment > 0 for payment in payments):
        raise ValueError("at least one payment must be greater than 0")

    received = principal - fee
    total = sum(payments, Decimal("0.00"))
    if total < received:
        raise InsufficientPayments(f"the payments total {total}, less than the {received} received")

    with precise():
        monthly = _irr(received, payments, total) if total > received else Decimal(0)
        return AprResult(
            amount_received=round2(received),
            total_repaid=round2(total),
            total_cost=round2(total - received),
            monthly_irr=monthly,
            apr_nominal=12 * monthly,
            apr_effective=(1 + monthly) ** 12 - 1,
        )


def _irr(received: Decimal, payments: Sequence[Decimal], total: Decimal) -> Decimal:
    """Newton's method on the bracket [(S/R)^(1/n) − 1, S/R − 1], falling back to bisection.

    With no negative payment the present value is decreasing and convex in i, so Newton started at the
    lower bound climbs monotonically to the root; the bracket only guards against the last-digit noise.
    The bounds hold because every payment falls between month 1 and month n.
    """
    low = (total / received) ** (Decimal(1) / len(payments)) - 1
    high = total / received - 1
    rate = low
    for _ in range(_MAX_STEPS):
        excess, slope = _excess_and_slope(received, payments, rate)
        if excess == 0:
            return rate
        if excess > 0:
            low = rate
        else:
            high = rate
        step = excess / slope if slope else 0
        candidate = rate - step
        if not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - rate) < TOLERANCE or high - low < TOLERANCE:
            return candidate
        rate = candidate
    raise ArithmeticError("the IRR did not converge")  # unreachable for non-negative payments


def _excess_and_slope(
    received: Decimal, payments: Sequence[Decimal], rate: Decimal
) -> tuple[Decimal, Decimal]:
    """Present value minus the amount received, and its derivative in the rate, in one Horner pass."""
    discount = 1 / (1 + rate)
    value = derivative = Decimal(0)
    # Horner on Σ p_k·v^k with v = 1/(1+i), carrying d/dv along; then d/di = d/dv · (−v²).
    for payment in reversed(payments):
        derivative = derivative * discount + value + payment
        value = (value + payment) * discount
    return value - received, -derivative * discount * discount


def fee_rate_payments(principal: Decimal, monthly_fee_rate: Decimal, months: int) -> list[Decimal]:
    """Payments of an instalment plan charging a "monthly fee rate" on the ORIGINAL principal every month
    (信用卡分期, 月费率): round2(principal/months + principal × rate) each month, the last payment also
    carrying the principal's rounding residue principal − months × round2(principal/months)."""
    principal = as_money(principal, "principal")
    monthly_fee_rate = as_rate(monthly_fee_rate, "monthly_fee_rate")
    if months < 1:
        raise ValueError("months must be at least 1")
    with precise():
        payment = round2(principal / months + principal * monthly_fee_rate)
        residue = principal - months * round2(principal / months)
    return [payment] * (months - 1) + [payment + residue]


def daily_rate_to_annual_simple(daily_rate: Decimal) -> Decimal:
    """The simple annual rate adverts call 年化: daily rate × 365 (万分之五 a day -> 0.1825)."""
    return as_rate(daily_rate, "daily_rate") * 365
