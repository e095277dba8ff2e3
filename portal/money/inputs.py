"""Checks shared by every calculator's inputs: money is a finite whole number of cents, rates are finite
and not negative. Range limits (1亿, 1000 %, 600 months) belong to the API, not here."""

from decimal import Decimal

from .rounding import round2


def _decimal(value: Decimal | int, field: str) -> Decimal:
    # bool is an int subclass, and True is never a sensible amount.
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise ValueError(f"{field} must be a Decimal, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError(f"{field} must be finite")
    return value


def as_money(value: Decimal | int, field: str) -> Decimal:
    """value as a 2-decimal amount; ValueError unless it is a finite whole number of cents.

    Never rounds silently: a sub-cent input would break every "sums exactly to the cent" promise.
    """
    value = _decimal(value, field)
    money = round2(value)
    if money != value:
        raise ValueError(f"{field} must be a whole number of cents")
    return money


def as_rate(value: Decimal | int, field: str) -> Decimal:
    """value as a rate (a fraction, per year or per month); ValueError if it is negative or not finite."""
    value = _decimal(value, field)
    if value < 0:
        raise ValueError(f"{field} must not be negative")
    return value
