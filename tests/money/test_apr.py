"""The true APR a borrower should compare: fees deducted at payout, fees on the original principal, payment
holidays, interest-free plans, refusals, and speed on a 50-year payment list."""

import time
from decimal import Decimal

import pytest

from portal.money import (
    InsufficientPayments,
    daily_rate_to_annual_simple,
    fee_rate_payments,
    round6,
    true_apr,
)

D = Decimal


def test_an_upfront_fee_raises_the_apr():
    payments = [D("888.49")] * 11 + [D("888.47")]
    without = true_apr(D("10000.00"), payments)
    with_fee = true_apr(D("10000.00"), payments, D("1000.00"))
    # The stated 12 %, give or take the schedule's cent rounding.
    assert round(without.apr_nominal, 4) == D("0.1200")
    assert round6(with_fee.apr_nominal) == D("0.325000")
    assert with_fee.amount_received == D("9000.00")
    assert with_fee.total_cost == D("1661.86")


def test_payments_that_only_return_the_money_cost_nothing():
    result = true_apr(D("1200.00"), [D("100.00")] * 12)
    assert (result.monthly_irr, result.apr_nominal, result.apr_effective) == (0, 0, 0)
    assert result.total_cost == D("0.00")


def test_a_payment_holiday_lowers_the_rate_of_the_same_payments():
    prompt = true_apr(D("1000.00"), [D("1100.00")])
    deferred = true_apr(D("1000.00"), [D("0.00")] * 5 + [D("1100.00")])
    assert round6(prompt.monthly_irr) == D("0.100000")
    # 1.1 ** (1/6) − 1: the same 100 of interest spread over six months.
    assert round6(deferred.monthly_irr) == D("0.016012")


def test_effective_apr_compounds_the_monthly_rate():
    result = true_apr(D("1000.00"), [D("1100.00")])
    assert round6(result.apr_effective) == D("2.138428")
    assert round6(result.apr_nominal) == D("1.200000")


def test_the_rates_are_unrounded():
    result = true_apr(D("10000.00"), [D("893.33")] * 12)
    assert result.monthly_irr != round6(result.monthly_irr)
    # ×12 of the unrounded monthly rate, not of the 6-decimal one (which would give 0.130332).
    assert round6(result.apr_nominal) == D("0.130335")


def test_payments_short_of_the_amount_received_are_refused():
    with pytest.raises(InsufficientPayments):
        true_apr(D("10000.00"), [D("800.00")] * 12)
    with pytest.raises(InsufficientPayments):
        true_apr(D("10000.00"), [D("740.00")] * 12, D("1000.00"))
    assert issubclass(InsufficientPayments, ValueError)


@pytest.mark.parametrize(
    ("principal", "payments", "fee"),
    [
        (D("10000.00"), [D("900.00")] * 12, D("10000.00")),  # the fee swallows the loan
        (D("10000.00"), [D("900.00")] * 12, D("-1.00")),
        (D("10000.00"), [], D("0")),
        (D("10000.00"), [D("0.00")] * 3, D("0")),
        (D("10000.00"), [D("11000.00"), D("-50.00")], D("0")),
        (D("0.00"), [D("1.00")], D("0")),
    ],
)
def test_meaningless_loans_are_refused(principal, payments, fee):
    with pytest.raises(ValueError):
        true_apr(principal, payments, fee)


def test_600_payments_are_solved_quickly():
    payments = [D("1234.56")] * 599 + [D("250000.00")]
    start = time.perf_counter()
    for _ in range(5):
        result = true_apr(D("200000.00"), payments, D("5000.00"))
    assert (time.perf_counter() - start) / 5 < 0.05
    assert result.monthly_irr > 0


def test_a_monthly_fee_rate_is_charged_on_the_original_principal():
    payments = fee_rate_payments(D("10000.00"), D("0.006"), 12)
    assert payments == [D("893.33")] * 11 + [D("893.37")]
    assert sum(payments) == D("10720.00")


def test_fee_rate_payments_for_one_month_repay_principal_and_fee():
    assert fee_rate_payments(D("10000.00"), D("0.0075"), 1) == [D("10075.00")]


def test_a_daily_rate_times_365_is_the_advertised_simple_rate():
    assert daily_rate_to_annual_simple(D("0.0005")) == D("0.1825")
    assert daily_rate_to_annual_simple(D("0.0002")) == D("0.0730")
