"""Every development reference vector the money maths can answer, run straight through portal.money.

Calculations (status 200) must reproduce the expected body under the vectors' comparison rules: money to the
cent, rates within 0.000001 after round6, integers, strings and lists exactly, long schedules spot-checked
by period. Rejections that are about the numbers (not about JSON or field formats) must raise the matching
domain exception.
"""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from portal.money import (
    CreditorDebt,
    Debt,
    PayoffImpossible,
    affordability,
    loan_schedule,
    payoff_plan,
    round6,
    true_apr,
)

VECTORS = json.loads((Path(__file__).parent.parent / "data" / "finance_vectors_dev.json").read_text("utf-8"))
MONEY = re.compile(r"^-?\d+\.\d{2}$")
RATE = re.compile(r"^-?\d+\.\d{6}$")


def money(value) -> Decimal:
    return Decimal(str(value))


def _vectors(status):
    return [
        pytest.param(vector, id=vector["id"]) for vector in VECTORS if vector["expect"]["status"] == status
    ]


def run(tool: str, request: dict) -> dict:
    """Call the tool's function with the request's fields and shape the result like the API body."""
    if tool == "loan-schedule":
        result = loan_schedule(
            money(request["principal"]), money(request["annual_rate"]), request["months"], request["method"]
        )
        body = {key: getattr(result, key) for key in ("method", "months", "first_payment", "last_payment")}
        body |= {"total_interest": result.total_interest, "total_payment": result.total_payment}
        body["schedule"] = [vars(row) for row in result.rows]
        return body
    if tool == "apr":
        result = true_apr(
            money(request["principal"]),
            [money(payment) for payment in request["payments"]],
            money(request.get("upfront_fee", "0")),
        )
        return vars(result)
    if tool == "payoff":
        debts = [
            Debt(debt["name"], money(debt["balance"]), money(debt["annual_rate"]), money(debt["min_payment"]))
            for debt in request["debts"]
        ]
        result = payoff_plan(debts, money(request["monthly_budget"]), request["strategy"])
        body = vars(result) | {"payoff_order": list(result.payoff_order)}
        body["debts"] = [vars(outcome) for outcome in result.debts]
        return body
    if tool == "affordability":
        result = affordability(
            money(request["monthly_income"]),
            {category: money(amount) for category, amount in request.get("expenses", {}).items()},
            [
                CreditorDebt(debt["creditor"], money(debt["balance"]), money(debt["monthly_payment"]))
                for debt in request.get("debts", [])
            ],
            money(request["offer"]) if "offer" in request else None,
        )
        return vars(result) | {"allocations": [vars(allocation) for allocation in result.allocations]}
    raise AssertionError(f"no function for {tool}")


def assert_matches(actual, expected, where: str) -> None:
    if isinstance(expected, dict):
        for key, value in expected.items():
            assert key in actual, f"{where}.{key} is missing"
            assert_matches(actual[key], value, f"{where}.{key}")
    elif isinstance(expected, list):
        assert len(actual) == len(expected), f"{where}: {len(actual)} items, expected {len(expected)}"
        for index, (got, want) in enumerate(zip(actual, expected, strict=True)):
            assert_matches(got, want, f"{where}[{index}]")
    elif isinstance(expected, str) and MONEY.match(expected):
        # str() also checks the amount is in cents, as the API will print it.
        assert str(actual) == expected, f"{where}: {actual} != {expected}"
    elif isinstance(expected, str) and RATE.match(expected):
        assert abs(round6(actual) - Decimal(expected)) <= Decimal("0.000001"), (
            f"{where}: {actual} != {expected}"
        )
    else:
        assert actual == expected, f"{where}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("vector", _vectors(200))
def test_calculation_vector(vector):
    body = run(vector["tool"], vector["request"])
    assert_matches(body, vector["expect"]["body"], vector["id"])
    rows = {str(row["period"]): row for row in body.get("schedule", [])}
    for period, row in vector["expect"].get("schedule_rows", {}).items():
        assert_matches(rows[period], row, f"{vector['id']} row {period}")


def test_every_calculation_vector_is_covered():
    calculations = [vector for vector in VECTORS if vector["expect"]["status"] == 200]
    assert len(calculations) == 39
    assert {vector["tool"] for vector in calculations} == {"loan-schedule", "apr", "payoff", "affordability"}


# Rejections decided by the numbers themselves, with the exception the domain raises for each.
DOMAIN_REJECTIONS = {
    "dev-loan-schedule-017": ValueError,  # negative principal
    "dev-loan-schedule-018": ValueError,  # months = 0
    "dev-loan-schedule-024": ValueError,  # principal 0
    "dev-loan-schedule-025": ValueError,  # unknown method
    "dev-apr-011": ValueError,  # no payment at all
    "dev-apr-012": ValueError,  # a negative payment
    "dev-payoff-008": PayoffImpossible,  # budget below the minimums
    "dev-payoff-009": PayoffImpossible,  # budget below the first month's interest
    "dev-affordability-007": ValueError,  # income 0
}
REASONS = {"dev-payoff-008": "below_minimums", "dev-payoff-009": "never_repaid"}


@pytest.mark.parametrize(
    "vector", [param for param in _vectors(400) if param.values[0]["id"] in DOMAIN_REJECTIONS]
)
def test_domain_rejection_vector(vector):
    with pytest.raises(DOMAIN_REJECTIONS[vector["id"]]) as raised:
        run(vector["tool"], vector["request"])
    if vector["id"] in REASONS:
        assert raised.value.reason == REASONS[vector["id"]]


def test_every_domain_rejection_is_in_the_vectors():
    assert {vector["id"] for vector in VECTORS if vector["expect"]["status"] == 400} >= set(DOMAIN_REJECTIONS)
