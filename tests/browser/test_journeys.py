"""A reader's and a new borrower's first journeys, in a real browser at phone and desktop size."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST
from tests.helpers import article

pytestmark = BROWSER_TEST


def test_read_in_chinese_switch_to_english_and_back(page):
    zh, en = article("true-cost-of-borrowing"), article("true-cost-of-borrowing", "en")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text("协商还款与理财知识")

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Borrowing basics").click()
    page.get_by_role("link", name=en.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(en.title)
    expect(page.get_by_role("article").get_by_text("Last reviewed")).to_be_visible()

    page.get_by_role("link", name="简体中文").click()
    expect(page).to_have_url(re.compile(re.escape(zh.url) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(zh.title)


def test_sign_up_verify_the_email_and_log_in(page):
    email, password = "browser.reader@example.com", "river-lantern-quiet-42"
    page.goto("/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="注册").click()
    page.get_by_label("电子邮件").fill(email)
    page.get_by_label("密码:", exact=True).fill(password)
    page.get_by_label("密码（重复）").fill(password)
    page.get_by_role("button", name="注册").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_role("button", name="确认").click()

    page.goto("/accounts/login/")
    page.get_by_label("电子邮件").fill(email)
    page.get_by_label("密码", exact=False).fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("我的账户")
    expect(page.get_by_text(email).first).to_be_visible()
