"""The search API answers a repeated question from memory, and never with a stale answer: a new, withdrawn
or restricted page, or an editor's new synonyms, change the next answer at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from search.models import QueryLogEntry, SynonymGroup
from tests.search.test_backend_pages import new_answer

pytestmark = pytest.mark.django_db

QUESTION = "zqremember"


def ask(client, q=QUESTION, **params):
    response = client.get("/api/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.json()


def titles(body):
    return [result["title"] for result in body["results"]]


def test_the_same_question_again_is_answered_without_searching_and_is_still_logged(client):
    new_answer("zqremember 协商还款第一条", slug="remember-one")
    first = ask(client)
    with CaptureQueriesContext(connection) as queries:
        again = ask(client)
    assert again == first and titles(first) == ["zqremember 协商还款第一条"]
    # Only the query log's row is written; no page is read.
    assert [q["sql"] for q in queries.captured_queries if "wagtailcore_page" in q["sql"]] == []
    assert QueryLogEntry.objects.filter(query=QUESTION.lower()).count() == 2
    # Another limit or type is another question.
    assert ask(client, limit=1)["total"] == 1 and ask(client, type="article")["results"] == []


def test_a_new_or_withdrawn_answer_changes_the_next_answer(client):
    one = new_answer("zqremember 协商还款第一条", slug="remember-one")
    assert titles(ask(client)) == [one.title]
    two = new_answer("zqremember 协商还款第二条", slug="remember-two")
    assert sorted(titles(ask(client))) == sorted([one.title, two.title])
    one.unpublish()
    assert titles(ask(client)) == [two.title]


def test_a_page_made_private_leaves_the_answer_although_its_document_did_not_change(client):
    page = new_answer("zqremember 协商还款第一条", slug="remember-one")
    assert titles(ask(client)) == [page.title]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(ask(client)) == []


def test_an_editors_new_synonym_changes_the_next_answer(client):
    page = new_answer("zqremember 协商还款第一条", slug="remember-one")
    assert titles(ask(client, q="zqsynonymword")) == []
    SynonymGroup.objects.create(terms="zqsynonymword, zqremember")
    assert titles(ask(client, q="zqsynonymword")) == [page.title]
