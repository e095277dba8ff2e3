"""The finance reference vectors and the contract's comparison rules (README of the vector set, section 3)."""

import json
import re
from decimal import Decimal
from pathlib import Path

VECTORS = json.loads((Path(__file__).resolve().parents[1] / "data" / "finance_vectors_dev.json").read_text())
MONEY = re.compile(r"^-?\d+\.\d{2}$")
RATE = re.compile(r"^-?\d+\.\d{6}$")


def mismatches(expected, actual, tolerance, where="body"):
    """Every difference between an expected and an actual JSON value, as readable lines."""
    problems = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{where}.{key}: missing")
            else:
                problems += mismatches(value, actual[key], tolerance, f"{where}.{key}")
    elif isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{where}: expected {len(expected)} items, got {actual!r}"[:300]]
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            problems += mismatches(want, got, tolerance, f"{where}[{index}]")
    elif isinstance(expected, str) and (MONEY.match(expected) or RATE.match(expected)):
        pattern, limit = (MONEY, tolerance["money"]) if MONEY.match(expected) else (RATE, tolerance["rate"])
        if not isinstance(actual, str) or not pattern.match(actual):
            problems.append(f"{where}: expected a string like {expected!r}, got {actual!r}")
        elif abs(Decimal(actual) - Decimal(expected)) > Decimal(limit):
            problems.append(f"{where}: expected {expected}, got {actual}")
    elif expected != actual or type(expected) is not type(actual):
        problems.append(f"{where}: expected {expected!r}, got {actual!r}")
    return problems
