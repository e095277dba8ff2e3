"""Articles: a summary shown first, a StreamField body, tags, related reading and a "last reviewed" date."""

from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from content.blocks import ArticleBodyBlock
from content.reading_time import reading_minutes
from portal.page_tree import CachedViewRestrictionsMixin, public


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("content.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(CachedViewRestrictionsMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences shown first and in listings."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    last_reviewed = models.DateField(
        _("last reviewed"),
        help_text=_("When an editor last checked that every rule and figure is still right."),
    )
    reading_minutes = models.PositiveSmallIntegerField(_("reading time"), default=1, editable=False)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("tags")], heading=_("Review and tags")),
        InlinePanel("related_links", label=_("Related articles"), max_num=6),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("last_reviewed"),
    ]

    parent_page_types = ["content.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def save(self, *args, **kwargs):
        # Stored rather than computed per request: listings show it without loading every body.
        self.reading_minutes = reading_minutes(self.plain_text())
        super().save(*args, **kwargs)

    def plain_text(self):
        texts = self.body.stream_block.get_searchable_content(self.body)
        return "\n".join([self.title, self.summary, *(strip_tags(text) for text in texts)])

    def related_articles(self):
        """Live related articles in this article's language, in the editor's order (two queries)."""
        keys = list(self.related_links.values_list("page__translation_key", flat=True))
        found = {
            page.translation_key: page
            for page in public(ArticlePage.objects.live())
            .filter(locale_id=self.locale_id, translation_key__in=keys)
            .defer_streamfields()
        }
        return [found[key] for key in keys if key in found]


class ArticleRelatedPage(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )

    panels = [PageChooserPanel("page", page_type="content.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
