"""The page cache for anonymous readers: public pages come from the cache, nobody gets a page made for someone
else, and a change an editor publishes shows at once."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from content.models import PolicyAnswerPage
from portal.page_cache import HIT_HEADER
from tests.helpers import article, demo_user, home

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def faq_answer():
    return PolicyAnswerPage.objects.get(external_id="demo-faq-a01", locale__language_code="zh-hans")


def twice(path, client=None):
    client = client or Client()
    first = client.get(path)
    return first, client.get(path)


@pytest.mark.parametrize(
    "path",
    [
        lambda: "/",
        lambda: "/en/",
        lambda: article().url,
        lambda: faq_answer().url,
        lambda: "/faq/",
        lambda: "/tools/true-apr/",
        lambda: "/quizzes/money-basics/",
    ],
    ids=["home", "home en", "article", "faq answer", "faq index", "tool page", "quiz intro"],
)
def test_a_public_page_is_served_from_the_cache_without_a_query(path, django_assert_num_queries):
    url = path()
    first = Client().get(url)
    assert first.status_code == 200 and first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        again = Client().get(url)
    assert again[HIT_HEADER] == "hit"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    assert again["X-Frame-Options"] == "DENY"  # the other middleware still applies


def test_publishing_a_change_shows_at_once():
    page = article()
    twice(page.url)
    page.title = "新的标题 Fresh title"
    page.save_revision().publish()
    response = Client().get(page.url)
    assert HIT_HEADER not in response or response[HIT_HEADER] == "miss"
    assert "新的标题 Fresh title" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once():
    page = article()
    twice(page.url)
    page.unpublish()
    assert Client().get(page.url).status_code == 404


def test_a_changed_snippet_shows_on_the_pages_that_use_it():
    page = faq_answer()
    twice(page.url)
    category = page.local_category()
    category.name = "改过的分类名"
    category.save()
    assert "改过的分类名" in Client().get(page.url).content.decode()


def test_a_new_view_restriction_applies_at_once():
    page = article()
    twice(page.url)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(page.url)
    assert response.status_code == 302  # to the log-in page, not the cached article


def test_a_signed_in_readers_page_is_never_kept_nor_served_to_others():
    client = Client()
    client.force_login(demo_user("borrower@example.com"))
    mine = client.get(home().url)
    assert HIT_HEADER not in mine
    assert HIT_HEADER not in client.get(home().url)
    anonymous = Client().get(home().url)
    assert anonymous[HIT_HEADER] == "miss"
    assert b"borrower@example.com" not in anonymous.content


def test_a_signed_in_reader_never_gets_the_anonymous_copy():
    twice(home().url)
    client = Client()
    client.force_login(demo_user("editor@example.com"))
    response = client.get(home().url)
    assert HIT_HEADER not in response
    assert b"wagtail-userbar" in response.content  # an editor's own page, with the user bar


def test_a_reader_with_a_session_is_not_served_from_the_cache():
    url = faq_answer().url
    twice(url)
    reader = Client()
    reader.post(reverse("faq_feedback", kwargs={"page_id": faq_answer().pk}), {"helpful": "yes"})  # a session
    response = reader.get(url)
    assert HIT_HEADER not in response
    assert b'name="helpful"' not in response.content  # their own page: they have voted


@pytest.mark.parametrize(
    "path",
    [
        "/tools/true-apr/?principal=10000&received=9000&payment=1000&months=12",  # a result
        "/search/?q=协商",  # a search
        "/quizzes/money-basics/q/1/",  # a question screen (a session, a CSRF token)
        "/accounts/login/",  # a form with a CSRF token, not a Wagtail page
        "/assessment/",
        "/transparency/",
    ],
)
def test_pages_made_for_one_reader_or_one_question_are_never_kept(path):
    first, again = twice(path)
    assert HIT_HEADER not in first and HIT_HEADER not in again


def test_admin_pages_are_never_kept():
    client = Client()
    client.force_login(demo_user("admin@example.com"))
    first, again = twice("/admin/", client)
    assert HIT_HEADER not in first and HIT_HEADER not in again


def test_off_by_default_without_a_shared_cache(settings):
    settings.PAGE_CACHE_ENABLED = False
    first, again = twice(article().url)
    assert HIT_HEADER not in again
