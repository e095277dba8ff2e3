"""Affordability and offer splits as a borrower preparing to negotiate sees them."""

from decimal import Decimal

import pytest

from portal.money import Allocation, CreditorDebt, affordability, split_offer

D = Decimal


def test_an_over_committed_household_shows_a_negative_surplus():
    result = affordability(
        D("9000.00"),
        {"housing": D("3000.00"), "food": D("1800.00"), "transport": D("600.00"), "children": D("1500.00")},
        [
            CreditorDebt("建设银行信用卡", D("45000.00"), D("2250.00")),
            CreditorDebt("网贷A", D("12000.00"), D("1600.00")),
            CreditorDebt("网贷B", D("6000.00"), D("900.00")),
        ],
        offer=D("1100.00"),
    )
    assert result.disposable_income == D("2100.00")
    assert result.surplus_after_debt_payments == D("-2650.00")
    assert round(result.debt_service_ratio, 6) == D("0.527778")
    assert result.allocations == (
        Allocation("建设银行信用卡", D("785.72")),
        Allocation("网贷A", D("209.52")),
        Allocation("网贷B", D("104.76")),
    )


def test_without_debts_or_an_offer_nothing_is_allocated():
    result = affordability(D("8000.00"), {"rent": D("2500.00")})
    assert (result.total_debt_payments, result.debt_service_ratio, result.allocations) == (D("0.00"), 0, ())
    assert result.surplus_after_debt_payments == D("5500.00")


def test_the_ratio_is_unrounded():
    result = affordability(D("16000.00"), debts=[CreditorDebt("房贷", D("200000.00"), D("3000.04"))])
    assert result.debt_service_ratio == D("0.1875025")


def test_a_negative_residue_goes_to_the_first_of_the_tied_largest():
    assert split_offer(D("1000.00"), [D("12000.00"), D("12000.00"), D("9000.00")]) == [
        D("363.63"),
        D("363.64"),
        D("272.73"),
    ]


def test_a_positive_residue_goes_to_the_largest_balance_wherever_it_is():
    assert split_offer(D("0.01"), [D("1.00"), D("3.00"), D("1.00")]) == [D("0.00"), D("0.01"), D("0.00")]


def test_a_settled_debt_gets_nothing():
    assert split_offer(D("999.99"), [D("7000.00"), D("0.00"), D("3000.00")]) == [
        D("699.99"),
        D("0.00"),
        D("300.00"),
    ]


@pytest.mark.parametrize(
    ("income", "debts", "offer"),
    [
        (D("0.00"), [], None),
        (D("-1.00"), [], None),
        (D("5000.00"), [CreditorDebt("已结清", D("0.00"), D("0.00"))], D("0.00")),
        (D("5000.00"), [], D("100.00")),
        (D("5000.00"), [CreditorDebt("卡", D("100.00"), D("10.00"))], D("100.01")),
        (D("5000.00"), [CreditorDebt("卡", D("100.00"), D("10.00"))], D("-1.00")),
        (D("5000.00"), [CreditorDebt("卡", D("-100.00"), D("10.00"))], None),
    ],
)
def test_impossible_requests_are_refused(income, debts, offer):
    with pytest.raises(ValueError):
        affordability(income, {}, debts, offer)
