"""Cent and 6-decimal rounding (ROUND_HALF_UP) and the working precision every money calculation uses."""

from contextlib import AbstractContextManager
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

PRECISION = 60
CENT = Decimal("0.01")
MICRO = Decimal("0.000001")

# quantize() needs room for every digit of the result; a private context keeps that independent of the
# caller's (possibly 28-digit) global context.
_CONTEXT = Context(prec=PRECISION, rounding=ROUND_HALF_UP)


def precise() -> AbstractContextManager[Context]:
    """A local decimal context of PRECISION digits; the global context is left alone."""
    return localcontext(_CONTEXT)


def round2(x: Decimal) -> Decimal:
    """Round to cents, half up: 9.125 -> 9.13, -0.125 -> -0.13."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP, context=_CONTEXT)


def round6(x: Decimal) -> Decimal:
    """Round to 6 decimals, half up: 0.1875025 -> 0.187503."""
    return x.quantize(MICRO, rounding=ROUND_HALF_UP, context=_CONTEXT)


def round_ratio2(numerator: int, denominator: int) -> Decimal:
    """Round the exact fraction numerator/denominator of cents to a money amount, half up, with no
    intermediate rounding, so a value that is truly on a half-cent is treated as one."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    quotient, remainder = divmod(abs(numerator), denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return Decimal(-quotient if numerator < 0 else quotient).scaleb(-2, context=_CONTEXT)
