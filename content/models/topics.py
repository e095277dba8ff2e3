"""Topic pages: a short introduction and the articles filed under the topic, a page at a time."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.page_tree import CachedViewRestrictionsMixin, public

ARTICLES_PER_PAGE = 12


class TopicIndexPage(CachedViewRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ArticlePage"]

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def articles(self):
        from .articles import ArticlePage

        return (
            public(ArticlePage.objects.child_of(self).live())
            .defer_streamfields()
            .order_by("-first_published_at", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # get_page() turns a missing, malformed or out-of-range ?page= into the nearest real page.
        context["articles"] = Paginator(self.articles(), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
        return context
