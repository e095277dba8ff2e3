"""Editors' promoted results come first on the search page, marked recommended; searching creates no rows."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from content.models import PolicyAnswerPage

pytestmark = pytest.mark.django_db


def promote(query_string, page=None, **fields):
    query, _ = Query.objects.get_or_create(query_string=query_string)
    return SearchPromotion.objects.create(query=query, page=page, sort_order=0, **fields)


def test_promoted_answer_is_shown_first_and_marked_recommended(client):
    answer = PolicyAnswerPage.objects.live().filter(locale__language_code="en").last()
    promote("credit", answer, description="The answer editors recommend.")
    html = client.get("/en/search/", {"q": "  CREDIT "}).content.decode()
    promoted = html.index("search-result--promoted")
    assert html.index(answer.url) > promoted
    assert html.index("Recommended") < html.index('class="search-results" start="1"')
    assert "The answer editors recommend." in html
    # Not listed twice.
    assert html.count(f'href="{answer.url}"') == 1


def test_promotions_in_another_language_are_not_shown(client):
    chinese = PolicyAnswerPage.objects.live().filter(locale__language_code="zh-hans").first()
    promote("credit", chinese)
    html = client.get("/en/search/", {"q": "credit"}).content.decode()
    assert "search-result--promoted" not in html


def test_a_new_promotion_shows_without_waiting_for_the_cache(client):
    client.get("/en/search/", {"q": "credit"})
    promote("credit", external_link_url="https://12378.cbirc.gov.cn/", external_link_text="Complaints line")
    html = client.get("/en/search/", {"q": "credit"}).content.decode()
    assert 'href="https://12378.cbirc.gov.cn/"' in html


def test_searching_does_not_create_query_rows(client):
    client.get("/en/search/", {"q": "credit"})
    client.get("/api/search/", {"q": "credit"})
    assert not Query.objects.exists()
