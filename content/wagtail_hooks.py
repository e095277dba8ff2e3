"""Admin configuration for content: snippet viewsets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content.models import PolicyCategory
from content.snippets import RateWarning


class RateWarningViewSet(SnippetViewSet):
    model = RateWarning
    icon = "warning"
    menu_label = _("Rate warnings")
    list_display = ["title", "threshold", "locale"]


register_snippet(RateWarningViewSet)


class PolicyCategoryViewSet(SnippetViewSet):
    model = PolicyCategory
    icon = "help"
    menu_label = _("FAQ categories")
    list_display = ["name", "slug", "sort_order", "locale"]
    list_filter = ["locale"]


register_snippet(PolicyCategoryViewSet)
