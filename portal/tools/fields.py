"""Strict readers for the tools' JSON input: money, rates, counts and lists, each error kept under its field.

JSON bodies are parsed with Decimal for every number, so no value ever passes through a binary float.
"""

import json
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MONEY_MAX = Decimal("100000000.00")
RATE_MAX = Decimal(10)
CENT = Decimal("0.01")
RATE_STEP = Decimal("0.00000001")
MISSING = object()


class BadBody(ValueError):
    """The body is not a JSON object."""


def _refuse_constant(name):
    raise ValueError(name)


def parse_body(raw):
    """A JSON object with every number as Decimal; NaN and Infinity tokens are refused."""
    try:
        data = json.loads(raw, parse_float=Decimal, parse_int=int, parse_constant=_refuse_constant)
    except (ValueError, RecursionError, UnicodeDecodeError):
        raise BadBody(_("The request body must be a JSON object.")) from None
    if not isinstance(data, dict):
        raise BadBody(_("The request body must be a JSON object."))
    return data


class Reader:
    """Reads fields from a request object and collects every problem, so one answer names them all."""

    def __init__(self, data):
        self.data = data
        self.errors = {}

    def error(self, field, message):
        self.errors.setdefault(field, []).append(str(message))

    def raw(self, field, required=True, default=None):
        if field in self.data and self.data[field] is not None:
            return self.data[field]
        if required:
            self.error(field, _("This field is required."))
            return MISSING
        return default

    # Values

    def decimal(self, field, value, step, message):
        """A finite Decimal from a JSON number or a numeric string, with at most `step` precision."""
        if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
            self.error(field, message)
            return MISSING
        try:
            number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
        except InvalidOperation:
            self.error(field, message)
            return MISSING
        if not number.is_finite():
            self.error(field, message)
            return MISSING
        try:
            exact = number == number.quantize(step)
        except InvalidOperation:  # far beyond any allowed value: quantize cannot represent it
            exact = False
        if not exact:
            self.error(field, message)
            return MISSING
        return number

    def money(self, field, value, *, minimum=Decimal(0), above_minimum=False, maximum=MONEY_MAX):
        if value is MISSING:
            return MISSING
        amount = self.decimal(
            field, value, CENT, _("Enter an amount of money with at most 2 decimal places.")
        )
        if amount is MISSING:
            return MISSING
        if amount > maximum:
            self.error(field, _("The amount must be at most %(maximum)s.") % {"maximum": f"{maximum:.2f}"})
            return MISSING
        if amount < minimum or (above_minimum and amount == minimum):
            message = (
                _("The amount must be more than %(minimum)s.")
                if above_minimum
                else _("The amount must be at least %(minimum)s.")
            )
            self.error(field, message % {"minimum": f"{minimum:.2f}"})
            return MISSING
        return amount

    def rate(self, field, value):
        if value is MISSING:
            return MISSING
        rate = self.decimal(
            field, value, RATE_STEP, _("Enter a yearly rate as a decimal fraction, e.g. 0.049 for 4.9%.")
        )
        if rate is MISSING:
            return MISSING
        if not Decimal(0) <= rate <= RATE_MAX:
            self.error(field, _("The yearly rate must be between 0 and 10 (1000%)."))
            return MISSING
        return rate

    def count(self, field, value, minimum, maximum):
        if value is MISSING:
            return MISSING
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(field, _("Enter a whole number."))
            return MISSING
        if not minimum <= value <= maximum:
            self.error(
                field,
                _("Enter a whole number from %(minimum)s to %(maximum)s.")
                % {"minimum": minimum, "maximum": maximum},
            )
            return MISSING
        return value

    def choice(self, field, value, choices):
        if value is MISSING:
            return MISSING
        if not isinstance(value, str) or value not in choices:
            self.error(field, _("Choose one of: %(choices)s.") % {"choices": ", ".join(choices)})
            return MISSING
        return value

    def text(self, field, value, max_length=100):
        if value is MISSING:
            return MISSING
        if not isinstance(value, str) or not value.strip():
            self.error(field, _("Enter a name."))
            return MISSING
        if len(value) > max_length or "\x00" in value:
            self.error(field, _("Enter a name of at most %(count)s characters.") % {"count": max_length})
            return MISSING
        return value.strip()

    def items(self, field, value, minimum, maximum, kind=dict):
        """A list of `kind` values, of allowed length; problems are reported under the list's name."""
        if value is MISSING:
            return MISSING
        if not isinstance(value, list):
            self.error(field, _("Enter a list."))
            return MISSING
        if not minimum <= len(value) <= maximum:
            self.error(
                field,
                _("Enter from %(minimum)s to %(maximum)s entries.")
                % {"minimum": minimum, "maximum": maximum},
            )
            return MISSING
        if kind is dict and not all(isinstance(item, dict) for item in value):
            self.error(field, _("Each entry must be an object."))
            return MISSING
        return value

    def ok(self, *values):
        return not self.errors and all(value is not MISSING for value in values)
