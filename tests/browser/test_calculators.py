"""A borrower uses the calculators at phone and desktop size, with and without JavaScript: the real cost of a
loan, a repayment schedule, a plan to pay off several debts and a monthly budget."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST


def fill_the_headline_loan(tab):
    tab.get_by_label("合同借款金额（元）").fill("10000")
    tab.get_by_label("实际到手金额（元）").fill("9000")
    tab.get_by_label("每月还款额（元）").fill("1000")
    tab.get_by_label("期数（月）").fill("12")


def open_the_apr_calculator(tab):
    tab.goto("/")
    tab.get_by_role("navigation", name="主导航").get_by_role("link", name="工具").click()
    tab.get_by_role("link", name="真实年化利率计算器").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("真实年化利率计算器")


@pytest.mark.parametrize("javascript", [False, True], ids=["without-js", "with-js"])
def test_real_apr_of_borrow_10000_receive_9000_repay_1000_for_12_months(make_page, javascript):
    tab = make_page(javascript=javascript)
    open_the_apr_calculator(tab)
    if javascript:
        # The result arrives as the borrower types; no button press needed. Waiting for the page's own fetch
        # (not a fixed few seconds) keeps a loaded machine from failing the test.
        with tab.expect_response(
            lambda response: "payment=1000" in response.url and "months=12" in response.url
        ):
            fill_the_headline_loan(tab)
        expect(tab.locator(".figure--main dd")).to_have_text("56.75%")
        expect(tab).to_have_url(re.compile(r"principal=10000"))
    else:
        fill_the_headline_loan(tab)
        tab.get_by_role("button", name="计算").click()
    expect(tab.locator(".figure--main dd")).to_have_text("56.75%")
    expect(tab.get_by_text("74.11%")).to_be_visible()
    expect(tab.get_by_text("看起来每年只有 20.00%")).to_be_visible()
    expect(tab.get_by_text("年化利率超过 36%：请务必停下来核实")).to_be_visible()


def test_loan_schedule_offers_its_table_as_a_download(page):
    page.goto("/tools/loan-repayments/")
    page.get_by_label("借款金额（元）").fill("12000")
    page.get_by_label("年利率（%）").fill("12")
    page.get_by_label("期数（月）").fill("12")
    page.get_by_label("等额本金").check()
    page.get_by_role("button", name="计算").click()
    expect(page.locator(".figure--main dd")).to_have_text("1120.00")
    with page.expect_download() as download:
        page.get_by_role("link", name="下载还款计划表（CSV）").click()
    assert download.value.suggested_filename == "loan-schedule.csv"


def fill_debt(tab, number, name, balance, rate, minimum):
    debt = tab.get_by_role("group", name=f"第 {number} 笔欠款")
    debt.get_by_label("欠款名称").fill(name)
    debt.get_by_label("欠款余额（元）").fill(balance)
    debt.get_by_label("年利率（%）").fill(rate)
    debt.get_by_label("每月最低还款（元）").fill(minimum)


def test_a_payoff_plan_for_three_debts_appears_as_the_borrower_types(page):
    page.goto("/tools/")
    page.get_by_role("link", name="还清债务计划").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("还清债务计划")
    page.get_by_label("每月可用于还债的钱（元）").fill("2500")
    fill_debt(page, 1, "招行信用卡", "12000", "18", "600")
    fill_debt(page, 2, "花呗", "3000", "15", "300")
    fill_debt(page, 3, "网贷A", "8000", "24", "400")
    # Without a button press: the highest rate (网贷A) first, and what the other order would cost.
    expect(page.locator(".figure--main dd")).to_have_text("11 个月")
    expect(page.get_by_text("网贷A：第 6 个月还清")).to_be_visible()
    expect(page.get_by_text("要多付 90.88 元利息")).to_be_visible()
    expect(page).to_have_url(re.compile(r"debt3_rate=24"))
    with page.expect_download() as download:
        page.get_by_role("link", name="下载还款计划（CSV）").click()
    assert download.value.suggested_filename == "payoff.csv"


def test_a_budget_too_small_for_the_minimums_is_explained_without_javascript(make_page):
    tab = make_page(javascript=False)
    tab.goto("/tools/debt-payoff/")
    tab.get_by_label("每月可用于还债的钱（元）").fill("800")
    fill_debt(tab, 1, "信用卡", "12000", "18", "600")
    fill_debt(tab, 2, "花呗", "3000", "15", "300")
    tab.get_by_role("button", name="计算").click()
    budget = tab.get_by_label("每月可用于还债的钱（元）")
    expect(budget).to_have_value("800")
    expect(budget).to_have_accessible_description(re.compile("少于各笔最低还款之和（每月 900.00 元）"))
    expect(tab.locator(".figure--main")).to_have_count(0)


def test_a_monthly_budget_from_weekly_wages_and_a_yearly_premium_without_javascript(make_page):
    tab = make_page(javascript=False)
    tab.goto("/tools/budget-planner/")
    tab.get_by_label("工资（元）").fill("1000")
    tab.get_by_label("工资：多久一次").select_option(label="每周")
    tab.get_by_label("住房（元）").fill("1500")
    tab.get_by_label("保险（元）").fill("2400")
    tab.get_by_label("保险：多久一次").select_option(label="每年")
    tab.get_by_role("button", name="计算").click()
    expect(tab.locator(".figure--main dd")).to_have_text("2633.33")
    expect(tab.get_by_text("扣除必要支出后，每月还剩 2633.33 元")).to_be_visible()
    expect(tab.get_by_role("img", name="各类必要支出占全部必要支出的比例")).to_be_visible()
    expect(tab.get_by_role("row", name=re.compile("保险"))).to_contain_text("200.00")
    # What was typed is still in the form, ready to adjust.
    expect(tab.get_by_label("工资：多久一次")).to_have_value("weekly")
