"""Where each page type may be created, and that an editor's form creates a working article."""

import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.models import ArticlePage, HomePage, PolicyIndexPage, ToolIndexPage, ToolPage, TopicIndexPage
from quizzes.models import QuizIndexPage, QuizPage
from tests.helpers import article, home, topic


class PageTreeRulesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = home()
        cls.topic = topic()
        cls.article = article()

    def setUp(self):
        self.login()

    def test_home_sits_at_the_root_and_holds_topics(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {TopicIndexPage, ToolIndexPage, PolicyIndexPage, QuizIndexPage}
        )

    def test_topics_hold_articles_and_articles_hold_nothing(self):
        self.assertAllowedParentPageTypes(TopicIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(TopicIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(ArticlePage, {TopicIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_tool_pages_live_in_the_tools_section_only(self):
        self.assertAllowedParentPageTypes(ToolIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(ToolPage, {ToolIndexPage})
        self.assertAllowedSubpageTypes(ToolPage, set())
        self.assertCanNotCreateAt(TopicIndexPage, ToolPage)

    def test_quizzes_live_in_the_quiz_section_only(self):
        self.assertAllowedParentPageTypes(QuizIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(QuizIndexPage, {QuizPage})
        self.assertAllowedParentPageTypes(QuizPage, {QuizIndexPage})
        self.assertAllowedSubpageTypes(QuizPage, set())

    def test_an_article_cannot_be_created_on_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanCreateAt(TopicIndexPage, ArticlePage)

    def article_form_data(self, slug="new-article"):
        return nested_form_data(
            {
                "title": "新文章：协商前先算清楚",
                "slug": slug,
                "summary": "列出收入和必要支出，再决定能还多少。",
                "last_reviewed": datetime.date(2026, 11, 1).isoformat(),
                "tags": "预算, 协商",
                "body": streamfield(
                    [
                        ("heading", "先算清楚"),
                        ("paragraph", rich_text("<p>每月收入减去必要支出，就是能拿出来还款的钱。</p>")),
                        ("callout", {"title": "要点", "body": rich_text("<p>不要借新还旧。</p>")}),
                        ("quote", {"quote": "早一点开口，选择就多一点。", "attribution": "一位借款人"}),
                    ]
                ),
                "related_links": inline_formset([{"page": self.article.pk}]),
                "comments": inline_formset([]),
            }
        )

    def test_an_editor_form_creates_an_article_with_every_text_block(self):
        data = self.article_form_data()
        self.assertCanCreate(self.topic, ArticlePage, data)
        created = ArticlePage.objects.get(slug="new-article")
        self.assertEqual(
            [block.block_type for block in created.body], ["heading", "paragraph", "callout", "quote"]
        )
        self.assertEqual(created.related_links.get().page_id, self.article.pk)

    def test_every_page_type_renders_in_both_languages(self):
        for language in ("zh-hans", "en"):
            tools = ToolIndexPage.objects.get(locale__language_code=language)
            pages = [home(language), topic(language=language), article(language=language), tools]
            for page in [*pages, *ToolPage.objects.child_of(tools)]:
                with self.subTest(page=page.url_path, language=language):
                    self.assertPageIsRenderable(page)

    def test_home_topic_and_article_previews_render(self):
        self.assertPageIsPreviewable(
            home(),
            post_data=nested_form_data(
                {
                    "title": "首页",
                    "slug": "home",
                    "intro": rich_text("<p>介绍</p>"),
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(
            self.topic,
            post_data=nested_form_data(
                {
                    "title": "借贷基础",
                    "slug": "borrowing-basics",
                    "intro": rich_text("<p>介绍</p>"),
                    "comments": inline_formset([]),
                }
            ),
        )
        self.assertPageIsPreviewable(self.article, post_data=self.article_form_data(self.article.slug))
