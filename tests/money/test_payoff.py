"""Payoff plans as the planner shows them: which debt is cleared first and when, what each costs, the
month-by-month table, the other strategy's extra interest, and the budgets that cannot work."""

from decimal import Decimal

import pytest

from portal.money import Debt, PayoffImpossible, PayoffPlan, compare_strategies, payoff_plan

D = Decimal
CARD = Debt("招行信用卡", D("12000.00"), D("0.18"), D("600.00"))
HUABEI = Debt("花呗", D("3000.00"), D("0.15"), D("300.00"))
LOAN = Debt("网贷A", D("8000.00"), D("0.24"), D("400.00"))  # dev-payoff-002's three debts


def test_the_first_month_of_the_table():
    plan = payoff_plan([CARD, HUABEI, LOAN], D("2500.00"), "avalanche")
    first = plan.table[0]
    assert first.month == 1
    assert first.interest == (D("180.00"), D("37.50"), D("160.00"))
    # Minimums to the card and 花呗, everything else to 网贷A (24 %).
    assert first.payments == (D("600.00"), D("300.00"), D("1600.00"))
    assert first.balances == (D("11580.00"), D("2737.50"), D("6560.00"))
    assert first.total_balance == D("20877.50")


def test_a_half_cent_of_interest_rounds_up():
    # 1800 × 0.0049 / 12 = 0.735 exactly.
    plan = payoff_plan([Debt("x", D("1800.00"), D("0.0049"), D("0.00"))], D("100.00"), "avalanche")
    assert plan.table[0].interest == (D("0.74"),)


def test_extra_money_spills_over_to_the_next_debt_in_the_same_month():
    plan = payoff_plan([CARD, HUABEI, LOAN], D("2500.00"), "avalanche")
    clearing = plan.table[5]  # month 6, when 网贷A clears
    assert clearing.balances[2] == D("0.00")
    assert sum(clearing.payments) == D("2500.00")
    assert clearing.payments[0] > CARD.min_payment


def test_snowball_costs_more_interest_than_avalanche_here():
    plans = compare_strategies([CARD, HUABEI, LOAN], D("2500.00"))
    assert set(plans) == {"avalanche", "snowball"}
    assert all(isinstance(plan, PayoffPlan) for plan in plans.values())
    assert plans["snowball"].total_interest - plans["avalanche"].total_interest == D("90.88")
    assert plans["snowball"].payoff_order == ("花呗", "网贷A", "招行信用卡")


def test_compare_reports_an_impossible_budget_for_both_strategies():
    plans = compare_strategies([CARD, HUABEI], D("800.00"))
    assert [plans[name].reason for name in ("avalanche", "snowball")] == ["below_minimums"] * 2


def test_debts_cleared_in_the_same_month_are_listed_in_priority_order():
    small = Debt("small", D("100.00"), D("0.10"), D("0.00"))
    smaller = Debt("smaller", D("50.00"), D("0.20"), D("0.00"))
    plan = payoff_plan([small, smaller], D("1000.00"), "snowball")
    assert plan.months == 1
    assert plan.payoff_order == ("smaller", "small")
    assert [outcome.paid_off_month for outcome in plan.debts] == [1, 1]
    # The budget left over once everything is cleared is not spent.
    assert plan.total_paid == D("150.00") + plan.total_interest < D("1000.00")


def test_snowball_ties_go_to_the_higher_rate_then_to_input_order():
    cheap = Debt("cheap", D("1000.00"), D("0.05"), D("10.00"))
    dear = Debt("dear", D("1000.00"), D("0.30"), D("10.00"))
    twin = Debt("twin", D("1000.00"), D("0.30"), D("10.00"))
    plan = payoff_plan([cheap, twin, dear], D("300.00"), "snowball")
    assert plan.payoff_order == ("twin", "dear", "cheap")


def test_the_priority_is_fixed_at_the_start():
    loan = Debt("loan", D("1000.00"), D("0.12"), D("0.00"))
    card = Debt("card", D("1500.00"), D("0.12"), D("650.00"))
    plan = payoff_plan([loan, card], D("700.00"), "snowball")
    # After month 1 the card owes less than the loan, yet the extra 50 still goes to the loan.
    assert plan.table[0].balances == (D("960.00"), D("865.00"))
    assert plan.table[1].payments == (D("50.00"), D("650.00"))


def test_a_zero_minimum_debt_waits_its_turn():
    family = Debt("亲友借款", D("5000.00"), D("0"), D("0.00"))
    card = Debt("信用卡", D("6000.00"), D("0.18"), D("300.00"))
    plan = payoff_plan([family, card], D("1200.00"), "avalanche")
    assert plan.table[0].payments == (D("0.00"), D("1200.00"))
    assert plan.debts[0].interest_paid == D("0.00")
    assert plan.debts[0].total_paid == D("5000.00")


def test_a_budget_below_the_minimums_is_impossible():
    with pytest.raises(PayoffImpossible) as raised:
        payoff_plan([CARD, HUABEI], D("899.99"), "avalanche")
    assert raised.value.reason == "below_minimums"


def test_a_budget_equal_to_the_first_months_interest_never_repays():
    debt = Debt("网贷", D("50000.00"), D("0.12"), D("0.00"))
    with pytest.raises(PayoffImpossible) as raised:
        payoff_plan([debt], D("500.00"), "avalanche")
    assert raised.value.reason == "never_repaid"


def test_a_plan_beyond_the_cap_is_too_long():
    # One cent above the interest repays the debt, but only after about 90 years.
    debt = Debt("网贷", D("50000.00"), D("0.12"), D("0.00"))
    with pytest.raises(PayoffImpossible) as raised:
        payoff_plan([debt], D("500.01"), "avalanche")
    assert raised.value.reason == "too_long"
    assert payoff_plan([debt], D("500.01"), "avalanche", max_months=2000).months > 600


def test_a_growing_debt_left_on_its_minimum_hits_the_cap():
    # The card's 10.00 minimum is below its 90.00 monthly interest while the extra goes to the loan at 30 %.
    card = Debt("card", D("6000.00"), D("0.18"), D("10.00"))
    loan = Debt("loan", D("200000.00"), D("0.30"), D("0.00"))
    with pytest.raises(PayoffImpossible) as raised:
        payoff_plan([card, loan], D("5100.00"), "avalanche", max_months=24)
    assert raised.value.reason == "too_long"


@pytest.mark.parametrize(
    ("debts", "strategy"),
    [
        ([], "avalanche"),
        ([CARD, CARD], "avalanche"),
        ([Debt("x", D("0.00"), D("0.1"), D("0"))], "avalanche"),
        ([Debt("x", D("10.00"), D("0.1"), D("-1.00"))], "avalanche"),
        ([Debt("", D("10.00"), D("0.1"), D("1.00"))], "avalanche"),
        ([CARD], "blizzard"),
    ],
)
def test_malformed_plans_are_refused(debts, strategy):
    with pytest.raises(ValueError):
        payoff_plan(debts, D("1000.00"), strategy)
