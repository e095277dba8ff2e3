"""The figures the portal's articles quote (articles 01 and 02) are what the calculators give."""

from decimal import ROUND_HALF_UP, Decimal

from portal.money import daily_rate_to_annual_simple, fee_rate_payments, loan_schedule, round2, true_apr

D = Decimal


def four_decimals(rate: Decimal) -> Decimal:
    return rate.quantize(D("0.0001"), rounding=ROUND_HALF_UP)


def test_borrow_10000_receive_9000_repay_1000_a_month_for_a_year():
    # 借1万, 到手9000, 每月还1000, 还12个月: "约56.75% (月利率乘以12); 按复利滚算全年约74.1%".
    result = true_apr(D("10000.00"), [D("1000.00")] * 12, upfront_fee=D("1000.00"))
    assert four_decimals(result.apr_nominal) == D("0.5675")
    assert four_decimals(result.apr_effective) == D("0.7411")
    assert round(result.apr_effective, 3) == D("0.741")
    assert result.total_cost == D("3000.00")


def test_the_same_repayments_on_the_full_10000_cost_about_35_1_percent():
    result = true_apr(D("10000.00"), [D("1000.00")] * 12)
    assert round(result.apr_nominal, 3) == D("0.351")


def test_a_075_percent_monthly_fee_on_the_original_principal_is_about_16_2_percent():
    # Equal principal parts plus 75 a month on the original 10,000: "9%" in the advert, about 16.2% by IRR.
    payments = fee_rate_payments(D("10000.00"), D("0.0075"), 12)
    assert payments[0] == D("908.33")
    assert sum(payments) == D("10900.00")
    result = true_apr(D("10000.00"), payments)
    assert round(result.apr_nominal, 3) == D("0.162")
    assert result.apr_nominal > 12 * D("0.0075") * D("1.8")


def test_a_30_yuan_monthly_membership_fee_on_top_makes_about_22_5_percent():
    payments = [payment + 30 for payment in fee_rate_payments(D("10000.00"), D("0.0075"), 12)]
    assert round(true_apr(D("10000.00"), payments).apr_nominal, 3) == D("0.225")


def test_a_daily_rate_of_5_in_10000_is_advertised_as_18_25_percent():
    assert daily_rate_to_annual_simple(D("0.0005")) == D("0.1825")


def test_the_standard_mortgage_pays_5307_27_a_month():
    # 100万 30年 4.9% 等额本息: 月供5307.27 (a consistency check between the schedule and the APR).
    schedule = loan_schedule(D("1000000.00"), D("0.049"), 360, "equal_installment")
    assert schedule.first_payment == D("5307.27")
    result = true_apr(D("1000000.00"), [row.payment for row in schedule.rows])
    assert round2(result.apr_nominal * 100) == D("4.90")
