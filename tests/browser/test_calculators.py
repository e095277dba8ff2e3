"""A borrower works out the real cost of a loan on a phone-sized screen, with and without JavaScript."""

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
    fill_the_headline_loan(tab)
    if javascript:
        # The result arrives as the borrower types; no button press needed.
        expect(tab.locator(".figure--main dd")).to_have_text("56.75%")
        expect(tab).to_have_url(re.compile(r"principal=10000"))
    else:
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
