"""A monthly budget built from lines paid at different frequencies, as article 10 walks through it."""

from decimal import Decimal

import pytest

from portal.money import FREQUENCIES, BudgetLine, monthly_budget, to_monthly

D = Decimal


def test_frequencies_convert_to_a_month():
    assert to_monthly(D("1000.00"), "weekly") == D("4333.33")
    assert to_monthly(D("1000.00"), "fortnightly") == D("2166.67")
    assert to_monthly(D("1000.00"), "monthly") == D("1000.00")
    assert to_monthly(D("1000.00"), "quarterly") == D("333.33")
    assert to_monthly(D("9000.00"), "yearly") == D("750.00")
    assert all(isinstance(factor, Decimal) for factor in FREQUENCIES.values())


def test_a_half_cent_a_month_rounds_up():
    # 0.06 a year is 0.005 a month; a truncated 1/12 (0.08333...) would give 0.00.
    assert to_monthly(D("0.06"), "yearly") == D("0.01")
    assert to_monthly(D("0.03"), "quarterly") == D("0.01")


def test_a_budget_adds_up_each_category_after_normalising_each_line():
    budget = monthly_budget(
        [
            BudgetLine("工资", D("6000.00"), "monthly", "income"),
            BudgetLine("房租", D("2000.00"), "monthly", "expense"),
            BudgetLine("吃饭", D("300.00"), "weekly", "expense"),
            BudgetLine("保险", D("3600.00"), "yearly", "expense"),
            BudgetLine("保险", D("0.10"), "quarterly", "expense"),  # 0.0333 -> 0.03 on its own line
            BudgetLine("兼职", D("500.00"), "quarterly", "income"),
        ]
    )
    assert budget.income_by_category == {"工资": D("6000.00"), "兼职": D("166.67")}
    assert budget.expense_by_category == {"房租": D("2000.00"), "吃饭": D("1300.00"), "保险": D("300.03")}
    assert budget.income_total == D("6166.67")
    assert budget.expense_total == D("3600.03")
    assert budget.balance == D("2566.64")
    assert abs(sum(budget.shares.values()) - 1) < D("1e-50")
    assert round(budget.shares["房租"], 6) == D("0.555551")


def test_a_budget_without_expenses_has_zero_shares():
    budget = monthly_budget([BudgetLine("工资", D("6000.00"), "monthly", "income")])
    assert (budget.expense_total, budget.balance, budget.shares) == (D("0.00"), D("6000.00"), {})


@pytest.mark.parametrize(
    "line",
    [
        BudgetLine("x", D("1.00"), "daily", "expense"),
        BudgetLine("x", D("1.00"), "monthly", "gift"),
        BudgetLine("x", D("-1.00"), "monthly", "expense"),
        BudgetLine("x", D("1.005"), "monthly", "expense"),
    ],
)
def test_malformed_lines_are_refused(line):
    with pytest.raises(ValueError):
        monthly_budget([line])
