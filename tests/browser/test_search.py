"""Searching at phone and desktop size: type 協商還款 (traditional characters) into the header's search box,
pick a suggestion with the keyboard or the pointer and land on that FAQ answer; without JavaScript,
submit the form and read the results.

Chinese matching comes from the portal's Whoosh backend (segmentation, traditional→simplified folding, Chinese
prefix autocomplete); Wagtail's database backend would fail these journeys.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

TRADITIONAL = "協商還款"
SIMPLIFIED = "协商还款"


def header_box(page):
    # By id: the label's Chinese text comes with the translation catalogue.
    return page.locator("#site-search-q")


@pytest.mark.parametrize("pick", ["keyboard", "pointer"])
def test_pick_a_suggestion_and_land_on_the_answer(page, pick):
    page.goto("/")
    box = header_box(page)
    box.click()
    box.press_sequentially(TRADITIONAL, delay=30)
    expect(box).to_have_attribute("role", "combobox")
    expect(box).to_have_attribute("aria-expanded", "true")
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    title = options.first.inner_text()
    assert SIMPLIFIED in title

    if pick == "keyboard":
        box.press("ArrowDown")
        expect(options.first).to_have_attribute("aria-selected", "true")
        box.press("Enter")
    else:
        options.first.get_by_role("link").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/faq/"))


def test_escape_closes_the_suggestions(page):
    page.goto("/")
    box = header_box(page)
    box.click()
    box.press_sequentially(TRADITIONAL, delay=30)
    expect(page.get_by_role("option").first).to_be_visible()
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()


def test_without_javascript_the_form_submits_and_shows_results(make_page):
    page = make_page(javascript=False)
    page.goto("/")
    box = header_box(page)
    box.fill(TRADITIONAL)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    results = page.locator(".search-result__title a")
    expect(results.first).to_be_visible()
    assert any(SIMPLIFIED in text for text in results.all_inner_texts())
