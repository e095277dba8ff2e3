"""The demo negotiation policy: its options and support line in both languages, linked as translations; a
spending reference range for every category and household size; and the FAQ index listing the options."""

import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from portal.assessment.choices import LENDERS, REASONS, SPENDING
from portal.assessment.demo_loader import POLICY_FILE, ensure_demo_policy
from portal.assessment.models import NegotiationOption, ReferenceRange, SupportLine
from tests.content.test_query_budgets import BUDGETS

pytestmark = pytest.mark.django_db

DATA = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
LANGUAGES = {"zh-hans": "zh", "en": "en"}
FAQ_INDEX = {"zh-hans": "/faq/", "en": "/en/faq/"}
FAQ_INDEX_BUDGET = next(budget for name, _, budget in BUDGETS if name == "faq index zh-hans")


def locales():
    return {code: Locale.objects.get(language_code=code) for code in LANGUAGES}


@pytest.mark.parametrize("item", DATA["options"], ids=[item["key"] for item in DATA["options"]])
def test_each_demo_option_exists_in_both_languages_as_linked_translations(item):
    zh = NegotiationOption.objects.get(locale__language_code="zh-hans", title=item["zh"]["title"])
    en = zh.get_translation(Locale.objects.get(language_code="en"))
    assert en.title == item["en"]["title"]
    for row in (zh, en):
        assert row.max_months == item["max_months"] and row.min_income_drop == item["min_income_drop"]
        assert row.reasons == item["reasons"] and row.lenders == item["lenders"]
        assert row.needs_arrears == item["needs_arrears"] and row.sort_order == item["sort_order"]


def test_the_demo_options_are_sound_plain_text_requests():
    assert 5 <= len(DATA["options"]) <= 6
    for item in DATA["options"]:
        assert set(item["reasons"]) <= dict(REASONS).keys()
        assert set(item["lenders"]) <= dict(LENDERS).keys()
        for language in LANGUAGES.values():
            text = item[language]
            assert len(text["summary"]) <= 600 and len(text["how_to_ask"]) <= 600
            assert not any("<" in value for value in text.values())


def test_the_support_line_exists_in_both_languages_as_linked_translations():
    zh = SupportLine.objects.get(locale__language_code="zh-hans", phone="12356")
    en = zh.get_translation(Locale.objects.get(language_code="en"))
    assert (zh.sort_order, en.sort_order, en.phone) == (10, 10, "12356")
    assert zh.name == DATA["support_lines"][0]["zh"]["name"]
    assert en.name == DATA["support_lines"][0]["en"]["name"]


@pytest.mark.parametrize("category", [code for code, _ in SPENDING])
def test_every_spending_category_has_one_range_for_each_household_size(category):
    ranges = list(ReferenceRange.objects.filter(category=category))
    for size in range(1, 21):
        covering = [r for r in ranges if r.household_min <= size <= r.household_max]
        assert len(covering) == 1, (category, size)
        assert Decimal(0) <= covering[0].low < covering[0].high


def test_loading_again_keeps_what_editors_changed_and_adds_nothing():
    option = NegotiationOption.objects.get(
        locale__language_code="en", title=DATA["options"][0]["en"]["title"]
    )
    option.summary = "Edited by an editor."
    option.save()
    ReferenceRange.objects.filter(category="food").update(high=Decimal("9999.00"))
    counts = [model.objects.count() for model in (NegotiationOption, SupportLine, ReferenceRange)]

    ensure_demo_policy(locales(), "zh-hans")

    assert [model.objects.count() for model in (NegotiationOption, SupportLine, ReferenceRange)] == counts
    option.refresh_from_db()
    assert option.summary == "Edited by an editor."
    assert set(ReferenceRange.objects.filter(category="food").values_list("high", flat=True)) == {
        Decimal("9999.00")
    }


def test_a_missing_translation_is_added_with_the_original_translation_key():
    item = DATA["options"][0]
    zh = NegotiationOption.objects.get(locale__language_code="zh-hans", title=item["zh"]["title"])
    NegotiationOption.objects.filter(translation_key=zh.translation_key, locale__language_code="en").delete()

    ensure_demo_policy(locales(), "zh-hans")

    en = NegotiationOption.objects.get(locale__language_code="en", title=item["en"]["title"])
    assert en.translation_key == zh.translation_key


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_faq_index_lists_the_options_and_links_to_the_wizard(client, language):
    html = client.get(FAQ_INDEX[language]).content.decode()
    for item in DATA["options"]:
        assert item[LANGUAGES[language]]["title"] in html
    with translation.override(language):
        assert f'href="{reverse("assessment_start")}"' in html


def test_the_faq_category_pages_do_not_load_the_options(client):
    """The options are listed on the index only; a category page never queries them."""
    client.get("/faq/category/negotiation/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/faq/category/negotiation/").status_code == 200
    assert not any(NegotiationOption._meta.db_table in query["sql"] for query in queries.captured_queries)


def test_the_faq_index_lists_more_options_in_the_same_number_of_queries(
    client, django_assert_max_num_queries
):
    """The options are one query whatever their number (the query budget of the index holds with more)."""
    zh = Locale.objects.get(language_code="zh-hans")
    for n in range(4):
        NegotiationOption.objects.create(
            locale=zh, title=f"Extra option {n}", summary="…", lenders=["jiebei"]
        )
    client.get("/faq/")
    with django_assert_max_num_queries(FAQ_INDEX_BUDGET):
        html = client.get("/faq/").content.decode()
    assert "Extra option 3" in html
