"""The home page: introduction, topics and the latest articles in the reader's language."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.page_tree import CachedViewRestrictionsMixin, public

LATEST_ARTICLES_ON_HOME = 6


class HomePage(CachedViewRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.TopicIndexPage",
        "content.ToolIndexPage",
        "content.PolicyIndexPage",
        "quizzes.QuizIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .articles import ArticlePage
        from .topics import TopicIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["topics"] = public(TopicIndexPage.objects.child_of(self).live())
        context["latest_articles"] = (
            public(ArticlePage.objects.descendant_of(self).live())
            .defer_streamfields()
            .order_by("-first_published_at")[:LATEST_ARTICLES_ON_HOME]
        )
        return context
