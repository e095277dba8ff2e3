"""A request handled end to end in two browsers: the borrower on a phone submits from the wizard; a case
worker signs in with a password and an authenticator code, takes the request on and asks for a payslip; the
borrower uploads it and replies; the worker previews and makes an offer; the borrower reads its schedule and
accepts. The borrower's timeline shows every step with its time; the transparency page counts the request."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.negotiation.models import NegotiationRequest, Offer
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_assessment import begin, debts, income, situation, spending
from tests.helpers import DEMO_PASSWORD, activate_totp, demo_user, make_user, totp_code
from tests.negotiation.test_evidence import PAYSLIP

pytestmark = BROWSER_TEST


def earlier_requests(count):
    """Requests of other people this month, so that the month's figures pass the "fewer than 5" threshold."""
    for number in range(count):
        NegotiationRequest.objects.create(
            borrower=make_user(email=f"earlier{number}@example.com"), snapshot={}, consent_text="…",
            consented_at=timezone.now(), reasons=["job_loss"],
        )  # fmt: skip


def submit_from_the_wizard(page):
    begin(page)
    situation(page)
    income(page)
    spending(page)
    debts(page)
    page.goto("/assessment/submit/")
    page.locator("input[name=login]").fill("borrower@example.com")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.locator("#id_consent").check()
    page.locator("#id_truthful").check()
    page.locator(".container form button[type=submit]").last.click()
    return NegotiationRequest.objects.get(borrower__email="borrower@example.com")


def sign_in_with_totp(page, worker, secret):
    page.goto("/admin/")
    page.locator("input[name=login]").fill(worker.email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("form:has(input[name=code]) button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_request_from_submission_to_an_accepted_offer(make_page, tmp_path):
    earlier_requests(4)
    borrower = make_page()
    made = submit_from_the_wizard(borrower)
    mine = f"/accounts/me/requests/{made.reference}/"

    worker = demo_user("negotiator@example.com")
    secret = activate_totp(worker)
    team = make_page()
    team.set_viewport_size({"width": 1280, "height": 900})
    sign_in_with_totp(team, worker, secret)
    team.goto("/admin/negotiation_requests/")
    team.get_by_role("link", name=made.display_reference).first.click()
    expect(team).to_have_url(re.compile(rf"/admin/negotiation_requests/inspect/{made.pk}/$"))
    team.locator(f"a[href='/admin/negotiation/claim/{made.pk}/']").first.click()
    team.locator("main form button[type=submit]").click()
    team.locator("#ask_body").fill("请上传最近一个月的工资单。")
    team.locator(f"form[action='/admin/negotiation/ask/{made.pk}/'] button[type=submit]").click()
    made.refresh_from_db()
    assert made.status == NegotiationRequest.INFO_REQUESTED and made.assignee == worker

    borrower.goto(mine)
    expect(borrower.locator("#messages")).to_contain_text("工资单")
    payslip = tmp_path / "工资单.pdf"
    payslip.write_bytes(PAYSLIP)
    borrower.locator("#evidence-form input[type=file]").set_input_files(str(payslip))
    borrower.locator("#evidence-form button[type=submit]").click()
    expect(borrower.locator("a[href*='/evidence/']").first).to_contain_text("工资单")
    borrower.locator("#message_body").fill("工资单已上传，请查收。")
    borrower.locator("#message-form button[type=submit]").click()
    made.refresh_from_db()
    assert made.status == NegotiationRequest.IN_REVIEW

    team.reload()
    expect(team.locator("#messages")).to_contain_text("工资单已上传")
    first_payment = (timezone.localdate() + timedelta(days=14)).isoformat()
    team.locator("#id_offer-kind").select_option(Offer.INSTALMENTS)
    team.locator("#id_offer-balance").fill("80000")
    team.locator("#id_offer-months").fill("40")
    team.locator("#id_offer-annual_rate").fill("0")
    team.locator("#id_offer-start_date").fill(first_payment)
    team.locator("button[name=preview]").click()
    expect(team.locator("table").first).to_contain_text("2000.00")
    team.locator("button[name=make]").click()

    borrower.goto(mine)
    schedule = borrower.locator("table").first
    expect(schedule).to_contain_text(first_payment)
    expect(schedule).to_contain_text("2000.00")
    borrower.locator("form[action$='/accept/'] button[type=submit]").click()
    made.refresh_from_db()
    assert made.status == NegotiationRequest.ACCEPTED and made.offers.get().status == Offer.ACCEPTED

    steps = borrower.locator(".timeline li")
    expect(steps).to_have_count(made.events.filter(internal=False).count())
    assert (
        steps.count() >= 8
    )  # submitted, taken on, review, info asked, file, message, back in review, offer…
    for step in steps.all():
        expect(step.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\dT"))
    expect(borrower.locator(".timeline")).to_contain_text("工资单")

    borrower.goto("/transparency/")
    month = borrower.locator("table").first.locator("tbody tr").last
    expect(month.locator("td").first).to_have_text("5")
