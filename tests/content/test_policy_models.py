"""FAQ page rules: where answers may live, one answer per external id and language, search fields."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.search.backends import get_search_backend
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import (
    ArticlePage,
    HomePage,
    PolicyAnswerPage,
    PolicyCategory,
    PolicyIndexPage,
    ToolPage,
    TopicIndexPage,
)
from quizzes.models import QuizPage
from search import service


def answer(external_id="demo-faq-a01", language="zh-hans"):
    return PolicyAnswerPage.objects.get(external_id=external_id, locale__language_code=language)


class PolicyPageRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = PolicyIndexPage.objects.get(locale__language_code="zh-hans")
        cls.answer = answer()

    def setUp(self):
        self.login()

    def test_the_faq_sits_under_a_home_page_and_holds_answers_only(self):
        self.assertAllowedParentPageTypes(PolicyIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyIndexPage, {PolicyAnswerPage})
        self.assertAllowedParentPageTypes(PolicyAnswerPage, {PolicyIndexPage})
        self.assertAllowedSubpageTypes(PolicyAnswerPage, set())
        self.assertCanCreateAt(HomePage, PolicyIndexPage)
        self.assertCanNotCreateAt(TopicIndexPage, PolicyAnswerPage)
        self.assertCanNotCreateAt(HomePage, PolicyAnswerPage)

    def answer_form_data(self, slug="new-answer", related=()):
        return nested_form_data(
            {
                "title": "协商之前要先算什么？",
                "slug": slug,
                "short_answer": "先算出每月真实能还多少。",
                "body": streamfield([("paragraph", rich_text("<p>收入减去必要支出。</p>"))]),
                "category": PolicyCategory.objects.get(slug="budgeting", locale__language_code="zh-hans").pk,
                "tags": "预算, 协商",
                "last_reviewed": datetime.date(2026, 11, 1).isoformat(),
                "external_id": "",
                "related_answer_links": inline_formset([{"page": page.pk} for page in related]),
                "comments": inline_formset([]),
            }
        )

    def test_an_editor_form_creates_an_answer_with_related_answers(self):
        related = list(PolicyAnswerPage.objects.filter(locale__language_code="zh-hans")[:2])
        self.assertCanCreate(self.index, PolicyAnswerPage, self.answer_form_data(related=related))
        created = PolicyAnswerPage.objects.get(slug="new-answer")
        assert [link.page_id for link in created.related_answer_links.all()] == [page.pk for page in related]

    def test_index_and_answers_render_in_both_languages(self):
        for language in ("zh-hans", "en"):
            index = PolicyIndexPage.objects.get(locale__language_code=language)
            with self.subTest(language=language):
                self.assertPageIsRenderable(index)
                self.assertPageIsRenderable(PolicyAnswerPage.objects.child_of(index).first())
        self.assertPageIsRoutable(self.index, "category/negotiation/")

    def test_answer_preview_renders(self):
        self.assertPageIsPreviewable(self.answer, post_data=self.answer_form_data(self.answer.slug))


@pytest.mark.django_db
def test_an_external_id_is_unique_per_language_but_may_repeat_across_languages():
    zh = answer("demo-faq-a01")
    clash = answer("demo-faq-a02")
    clash.external_id = zh.external_id
    with pytest.raises(ValidationError):
        clash.save()
    en = answer("demo-faq-a08", "en")
    en.external_id = zh.external_id
    en.save()  # the same id in another language is that answer's translation
    assert PolicyAnswerPage.objects.filter(external_id=zh.external_id).count() == 2
    # Answers an editor writes have no external id; any number of them may leave it blank.
    for page in (answer("demo-faq-a03"), answer("demo-faq-a04")):
        page.external_id = ""
        page.save()


@pytest.mark.django_db
def test_result_types_and_snippets_for_the_search_page():
    page = answer()
    assert [service.type_of(model) for model in (PolicyAnswerPage, ArticlePage, ToolPage, QuizPage)] == [
        "faq",
        "article",
        "tool",
        "quiz",
    ]
    assert page.search_snippet() == page.short_answer
    assert "<" not in page.search_snippet() and page.body_text() and "<p>" not in page.body_text()


@pytest.mark.django_db
def test_search_fields_cover_question_short_answer_body_tags_and_category():
    names = {getattr(field, "field_name", None) for field in PolicyAnswerPage.search_fields}
    assert {"title", "short_answer", "body", "tags", "category", "external_id"} <= names
    related = {
        field.field_name: field for field in PolicyAnswerPage.search_fields if hasattr(field, "fields")
    }
    assert [sub.field_name for sub in related["tags"].fields] == ["name"]


@pytest.mark.django_db
def test_published_answers_are_found_through_wagtails_search_api():
    page = answer("demo-faq-a08", "en")
    results = PolicyAnswerPage.objects.live().filter(locale=page.locale).search(page.title)
    assert page.pk in [result.pk for result in results]
    filtered = get_search_backend().search(
        page.title, PolicyAnswerPage.objects.filter(external_id=page.external_id)
    )
    assert [result.pk for result in filtered] == [page.pk]


@pytest.mark.django_db
def test_a_category_in_use_cannot_be_deleted():
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        PolicyCategory.objects.get(slug="negotiation", locale__language_code="zh-hans").delete()
