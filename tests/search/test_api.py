"""GET /api/search/: the shape the relevance benchmark relies on, clear 400s for bad input, never a 5xx."""

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import PolicyAnswerPage

pytestmark = pytest.mark.django_db


def english_answer():
    return PolicyAnswerPage.objects.live().filter(locale__language_code="en").exclude(external_id="").first()


def test_faq_results_carry_the_external_id_and_the_documented_fields(client):
    answer = english_answer()
    response = client.get("/api/search/", {"q": answer.title, "type": "faq", "limit": 10})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] >= len(body["results"]) >= 1
    assert all(set(result) == {"id", "type", "title", "url", "score"} for result in body["results"])
    assert all(result["type"] == "faq" for result in body["results"])
    assert all(isinstance(result["score"], float) for result in body["results"])
    assert answer.external_id in [result["id"] for result in body["results"]]


def test_other_types_use_the_page_id(client):
    body = client.get("/api/search/", {"q": "loan", "type": "article"}).json()
    assert body["results"]
    assert all(result["id"].isdigit() and result["type"] == "article" for result in body["results"])


def test_without_lang_every_language_is_searched_with_lang_only_that_one(client):
    answer = english_answer()
    everywhere = client.get("/api/search/", {"q": answer.title}).json()
    assert answer.external_id in [result["id"] for result in everywhere["results"]]
    chinese = client.get("/api/search/", {"q": answer.title, "lang": "zh-hans"}).json()
    assert all(not result["url"].startswith("/en/") for result in chinese["results"])
    english = client.get("/api/search/", {"q": answer.title, "lang": "en"}).json()
    assert all(result["url"].startswith("/en/") for result in english["results"])


def test_limit_caps_the_results_and_total_counts_them_all(client):
    body = client.get("/api/search/", {"q": "loan credit", "limit": 2}).json()
    assert len(body["results"]) == 2
    assert body["total"] > 2


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": "   "}, "q"),
        ({"q": "\x00\x01"}, "q"),
        ({"q": "loan", "type": "podcast"}, "type"),
        ({"q": "loan", "limit": "0"}, "limit"),
        ({"q": "loan", "limit": "51"}, "limit"),
        ({"q": "loan", "limit": "ten"}, "limit"),
        ({"q": "loan", "limit": "9" * 5000}, "limit"),
        ({"q": "loan", "lang": "fr"}, "lang"),
    ],
)
def test_bad_parameters_get_400_with_a_message(client, params, field):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"].startswith(f"{field}:")


def test_error_messages_follow_accept_language(client):
    response = client.get("/api/search/", {"q": "loan", "limit": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "limit must be a whole number" in response.json()["error"]


def test_a_ten_thousand_character_query_is_answered(client):
    response = client.get("/api/search/", {"q": "协商还款" * 2500})
    assert response.status_code == 200
    assert "results" in response.json()


def test_post_is_refused_with_json(client):
    response = client.post("/api/search/", {"q": "loan"})
    assert response.status_code == 405
    assert "error" in response.json()


@override_settings(SEARCH_API_REQUESTS_PER_MINUTE=3)
def test_each_client_is_rate_limited(client):
    statuses = [client.get("/api/search/", {"q": "loan"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert "error" in client.get("/api/search/", {"q": "loan"}).json()


NASTY = st.sampled_from(
    [
        "'; DROP TABLE wagtailcore_page; --",
        ".*(a+)+$",
        '"',
        "*",
        "NEAR(",
        "AND OR NOT",
        "%_",
        "\\",
        "<b>",
        "\x00",
    ]
)


@override_settings(SEARCH_API_REQUESTS_PER_MINUTE=10**9)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=st.text(max_size=80) | NASTY | st.lists(NASTY, max_size=4).map(" loan ".join),
    kind=st.none() | st.sampled_from(["faq", "article", "tool", "quiz", "", "FAQ", "x"]),
    limit=st.none() | st.integers(-5, 60).map(str) | st.text(max_size=5),
    lang=st.none() | st.sampled_from(["en", "zh-hans", "", "xx"]),
)
def test_any_parameters_answer_200_or_400_as_json(client, q, kind, limit, lang):
    params = {"q": q, "type": kind, "limit": limit, "lang": lang}
    response = client.get("/api/search/", {key: value for key, value in params.items() if value is not None})
    assert response.status_code in (200, 400)
    body = response.json()
    assert ("error" in body) == (response.status_code == 400)
