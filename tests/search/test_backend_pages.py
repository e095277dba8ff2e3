"""The Whoosh backend on real pages: publishing, unpublishing, moving and deleting change what is found."""

import pytest
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from content.models import PolicyAnswerPage, PolicyCategory, PolicyIndexPage
from search.backends.whoosh.schema import document_id

pytestmark = pytest.mark.django_db


def new_answer(title, slug="backend-check", language="zh-hans"):
    index = PolicyIndexPage.objects.get(locale=Locale.objects.get(language_code=language))
    page = PolicyAnswerPage(
        title=title,
        slug=slug,
        short_answer="检查搜索索引用的回答。",
        body=[("paragraph", "<p>检查</p>")],
        last_reviewed="2026-11-29",
        category=PolicyCategory.objects.filter(locale=index.locale).first(),
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def found(query, queryset=None):
    return list(get_search_backend().search(query, queryset if queryset is not None else Page.objects.live()))


def test_a_published_answer_is_found_by_its_words_and_by_their_traditional_form():
    page = new_answer("临时测试题目：祖母绿账单")
    assert page in [result.specific for result in found("祖母绿账单")]
    assert page in [result.specific for result in found("祖母綠賬單")]


def test_an_unpublished_answer_is_no_longer_found():
    page = new_answer("临时测试题目：琥珀色罚单")
    page.unpublish()
    assert found("琥珀色罚单") == []


def test_a_moved_answer_is_found_at_its_new_address():
    page = new_answer("临时测试题目：翡翠色票据")
    old_url = page.get_url()
    other_parent = PolicyIndexPage.objects.get(locale__language_code="zh-hans").get_parent()
    page.move(other_parent, pos="last-child")
    results = found("翡翠色票据", PolicyAnswerPage.objects.live())
    assert [result.get_url() for result in results] == [PolicyAnswerPage.objects.get(pk=page.pk).get_url()]
    assert results[0].get_url() != old_url


def test_a_deleted_answer_leaves_the_index():
    page = new_answer("临时测试题目：珊瑚色收据")
    doc_id = document_id(Page.objects.get(pk=page.pk))
    searcher = get_search_backend().store.searcher()
    assert searcher.document(id=doc_id) is not None
    page.delete()
    assert get_search_backend().store.searcher().document(id=doc_id) is None
    # Other answers may speak of receipts (收据 ~ 凭证); the deleted one is not among them.
    assert page.pk not in [result.pk for result in found("珊瑚色收据", Page.objects.all())]


def test_autocomplete_suggests_an_answer_from_a_traditional_prefix():
    page = new_answer("临时测试题目：协商还款的紫晶方案")
    suggestions = get_search_backend().autocomplete("協商還款的紫", PolicyAnswerPage.objects.live())
    assert page in list(suggestions)


def test_healthz_search_works_with_the_backend(client):
    assert client.get("/healthz").status_code == 200
