"""The self-assessment on a phone, in Chinese: a 个体工商户 whose income fell by half, with 网商贷 and a
credit card, goes through the wizard in one sitting, sees the options, edits and downloads the letter (the
PDF's text holds the borrower's numbers) and submits; another borrower resumes an anonymous draft with its
code. axe finds no serious or critical violation on any step or on the results, in either language."""

import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from portal.negotiation.models import NegotiationRequest
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import axe_violations, describe
from tests.helpers import DEMO_PASSWORD

pytestmark = BROWSER_TEST


def begin(page, prefix=""):
    page.goto(f"{prefix}/assessment/")
    page.locator(f"form[action='{prefix}/assessment/'] button").click()


def next_step(page):
    page.locator("button[name=go][value=next]").click()


def situation(page):
    page.locator("input[name=reasons][value=business_downturn]").check()
    page.locator("#id_since").fill("2026-06-01")
    page.locator("#id_duration").select_option("6_to_12")
    page.locator("#id_household").fill("3")
    page.locator("#id_dependants").fill("1")
    next_step(page)


def income(page):
    page.locator("#id_business_total").fill("15000")
    page.locator("#id_business_months").fill("3")
    page.locator("#id_income_before").fill("10000")
    next_step(page)


def spending(page):
    page.locator("#id_housing").fill("1500")
    page.locator("#id_food").fill("1200")
    page.locator("#id_utilities").fill("300")
    next_step(page)


def debts(page):
    page.locator("#id_debts-0-lender").select_option("mybank")
    page.locator("#id_debts-0-balance").fill("50000")
    page.locator("#id_debts-0-monthly_payment").fill("4500")
    page.locator("button[name=add_debt]").click()
    page.locator("#id_debts-1-lender").select_option("credit_card")
    page.locator("#id_debts-1-balance").fill("30000")
    page.locator("#id_debts-1-monthly_payment").fill("3000")
    page.locator("#id_debts-1-days_overdue").fill("12")
    next_step(page)


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_small_business_owner_completes_the_wizard_and_submits(page, tmp_path):
    begin(page)
    expect(page.locator(".resume-code")).to_be_visible()
    situation(page)
    income(page)
    spending(page)
    debts(page)
    expect(page).to_have_url(re.compile(r"/assessment/review/$"))
    page.locator("a.button[href='/assessment/results/']").click()
    # Income 5000, essentials 3000: 2000 a month, shared 1250.00 / 750.00 by balances 50000 / 30000.
    expect(page.locator(".figure--main dd")).to_have_text("2000.00")
    expect(page.locator("table")).to_contain_text("1250.00")
    expect(page.locator(".badge--recommended").first).to_be_visible()
    page.locator("a[href='/assessment/letter/']").click()
    letter = page.locator("#letter-0")
    letter.fill(letter.input_value().replace("[姓名]", "张三"))
    page.locator("form button[type=submit]").last.click()
    with page.expect_download() as download:
        page.locator("a[href='/assessment/letter/pdf/']").click()
    path = tmp_path / "letters.pdf"
    download.value.save_as(path)
    text = "".join(p.extract_text() for p in PdfReader(path).pages)
    assert "张三" in text and "1250.00" in text and "750.00" in text
    page.goto("/assessment/submit/")
    page.locator("input[name=login]").fill("borrower@example.com")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/assessment/submit/$"))
    page.locator("#id_consent").check()
    page.locator("#id_truthful").check()
    page.locator(".container form button[type=submit]").last.click()
    made = NegotiationRequest.objects.get()
    expect(page.locator(".resume-code")).to_have_text(made.display_reference)
    assert made.snapshot["figures"]["affordable"] == "2000.00" and "张三" in made.letters[0]


@pytest.mark.parametrize("viewport", ["phone"])
def test_an_anonymous_draft_is_resumed_with_its_code(make_page):
    first = make_page()
    begin(first)
    situation(first)
    code = first.locator(".resume-code").first.inner_text()
    other = make_page(javascript=False)
    other.goto("/assessment/")
    other.locator("#resume-code").fill(code)
    other.locator("form[action='/assessment/resume/'] button").click()
    expect(other).to_have_url(re.compile(r"/assessment/step/income/$"))
    other.locator("button[name=go][value=back]").click()
    expect(other.locator("input[name=reasons][value=business_downturn]")).to_be_checked()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["zh-hans", "en"])
def test_every_step_and_the_results_have_no_serious_accessibility_violations(page, prefix):
    def check(name):
        violations = axe_violations(page)
        assert not violations, f"{name} ({prefix or 'zh-hans'}):\n{describe(violations)}"

    page.goto(f"{prefix}/assessment/")
    check("start")
    page.locator(f"form[action='{prefix}/assessment/'] button").click()
    check("situation")
    next_step(page)
    check("situation with errors")
    situation(page)
    check("income")
    income(page)
    page.locator("#id_food").fill("-5")
    next_step(page)
    check("spending with errors")
    spending(page)
    check("debts")
    debts(page)
    check("review")
    page.goto(f"{prefix}/assessment/results/")
    check("results")
    page.goto(f"{prefix}/assessment/letter/")
    check("letters")
