"""Loan schedules as a borrower reads them: level 等额本息 payments, falling 等额本金 payments, 先息后本
interest then a balloon, half-cent ties rounded up, and the full 600-month term."""

from decimal import Decimal

import pytest

from portal.money import METHODS, level_payment, loan_schedule

D = Decimal


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("principal", ["0.01", "2500.00", "100000000.00"])
def test_a_600_month_schedule_repays_the_loan_to_the_cent(method, principal):
    schedule = loan_schedule(D(principal), D("0.0435"), 600, method)
    assert len(schedule.rows) == 600
    assert sum(row.principal for row in schedule.rows) == D(principal)
    assert schedule.rows[-1].balance == D("0.00")
    assert all(row.payment == row.principal + row.interest for row in schedule.rows)
    assert schedule.total_payment == D(principal) + schedule.total_interest


def test_equal_installment_payments_are_level_until_the_last():
    schedule = loan_schedule(D("200000.00"), D("0.0435"), 600, "equal_installment")
    assert {row.payment for row in schedule.rows[:-1]} == {D("818.34")}
    assert schedule.last_payment == D("809.65")
    # Interest falls and principal rises as the balance comes down.
    assert schedule.rows[0].interest > schedule.rows[300].interest > schedule.rows[-1].interest


def test_equal_principal_payments_fall_by_the_interest_on_one_part():
    schedule = loan_schedule(D("12000.00"), D("0.06"), 12, "equal_principal")
    assert [row.payment for row in schedule.rows[:3]] == [D("1060.00"), D("1055.00"), D("1050.00")]
    assert {row.principal for row in schedule.rows} == {D("1000.00")}


def test_interest_only_repays_the_principal_with_the_last_payment():
    schedule = loan_schedule(D("100000.00"), D("0.049"), 12, "interest_only")
    assert all(row.principal == 0 and row.balance == D("100000.00") for row in schedule.rows[:-1])
    assert schedule.last_payment == D("100408.33")


def test_a_half_cent_of_interest_rounds_up():
    # 2500 × 0.0438 / 12 = 9.125 exactly; banker's rounding would charge 9.12.
    assert loan_schedule(D("2500.00"), D("0.0438"), 6, "interest_only").first_payment == D("9.13")
    # 1800 × 0.0049 / 12 = 0.735: rate / 12 taken first (0.000408333...) would round it down to 0.73.
    assert loan_schedule(D("1800.00"), D("0.0049"), 2, "interest_only").rows[0].interest == D("0.74")


def test_a_half_cent_level_payment_rounds_up():
    assert level_payment(D("100.01"), D("0"), 2) == D("50.01")
    # Exactly 2880240.005: (1+r)^n taken to 60 digits lands a hair below the half and gives 2880240.00.
    schedule = loan_schedule(D("5760120.00"), D("0.0005"), 2, "equal_installment")
    assert schedule.first_payment == D("2880240.01")


def test_the_residue_goes_to_the_last_payment():
    schedule = loan_schedule(D("10000.00"), D("0"), 3, "equal_installment")
    assert [row.payment for row in schedule.rows] == [D("3333.33"), D("3333.33"), D("3333.34")]


def test_a_tiny_loan_over_a_long_term_is_never_overpaid():
    # round2(4.00 / 600) = 0.01 would repay 4.00 by month 400 and then push the balance negative.
    schedule = loan_schedule(D("4.00"), D("0"), 600, "equal_principal")
    assert schedule.rows[399].balance == D("0.00")
    assert all(row.payment == 0 for row in schedule.rows[400:])
    assert schedule.total_payment == D("4.00")


def test_amounts_without_decimals_come_back_in_cents():
    schedule = loan_schedule(D(50000), D("0.18"), 24, "interest_only")
    assert str(schedule.rows[0].balance) == "50000.00"


@pytest.mark.parametrize(
    ("principal", "rate", "months", "method"),
    [
        (D("0.00"), D("0.05"), 12, "equal_installment"),
        (D("-1000.00"), D("0.05"), 12, "equal_installment"),
        (D("100.005"), D("0.05"), 12, "equal_installment"),
        (D("NaN"), D("0.05"), 12, "equal_installment"),
        (D("10000.00"), D("-0.01"), 12, "equal_installment"),
        (D("10000.00"), D("0.05"), 0, "equal_installment"),
        (D("10000.00"), D("0.05"), 12, "balloon"),
    ],
)
def test_impossible_loans_are_refused(principal, rate, months, method):
    with pytest.raises(ValueError):
        loan_schedule(principal, rate, months, method)
