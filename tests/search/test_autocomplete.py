"""/search/suggest/: titles as the reader types, in the reader's language, FAQ answers first, never logged."""

import pytest

from content.models import PolicyAnswerPage
from search.models import QueryLogEntry

pytestmark = pytest.mark.django_db


def test_suggestions_are_titles_with_links_in_the_readers_language(client):
    answer = PolicyAnswerPage.objects.live().filter(locale__language_code="en").first()
    response = client.get("/en/search/suggest/", {"q": answer.title})
    suggestions = response.json()["suggestions"]
    assert {"title": answer.title, "url": answer.url, "type": "faq"} in suggestions
    assert all(suggestion["url"].startswith("/en/") for suggestion in suggestions)


def test_faq_answers_come_before_other_pages(client):
    suggestions = client.get("/en/search/suggest/", {"q": "cred"}).json()["suggestions"]
    types = [suggestion["type"] for suggestion in suggestions]
    assert "faq" in types and "article" in types, types
    assert types == sorted(types, key=lambda kind: kind != "faq")


def test_blank_or_symbol_only_input_suggests_nothing(client):
    for query in ["", "   ", "<<<", "\x00"]:
        assert client.get("/en/search/suggest/", {"q": query}).json() == {"suggestions": []}


def test_keystrokes_are_not_logged(client):
    client.get("/en/search/suggest/", {"q": "cred"})
    assert not QueryLogEntry.objects.exists()


def test_titles_are_data_not_markup(client):
    answer = PolicyAnswerPage.objects.live().filter(locale__language_code="en").first()
    answer.title = "Credit <img src=x onerror=alert(1)> question"
    answer.save_revision().publish()
    response = client.get("/en/search/suggest/", {"q": "Credit"})
    assert response["Content-Type"] == "application/json"
    assert answer.title in [suggestion["title"] for suggestion in response.json()["suggestions"]]
