"""The 工具 section: an index of calculators and a page per calculator, each with an editor's introduction."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content.calculators import calculator_context
from portal.page_tree import CachedViewRestrictionsMixin, public
from portal.tools.calculators import CALCULATORS


class ToolIndexPage(CachedViewRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.ToolPage"]

    class Meta:
        verbose_name = _("tool index")

    def tools(self):
        return public(ToolPage.objects.child_of(self).live()).order_by("path")


class ToolPage(CachedViewRestrictionsMixin, Page):
    tool = models.CharField(
        _("calculator"), max_length=40, choices=[(slug, calc.label) for slug, calc in CALCULATORS.items()]
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("tool"), FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.ToolIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tool page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(calculator_context(self.tool, request))
        return context
