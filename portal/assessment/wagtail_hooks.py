"""Admin for the wizard's policy data: negotiation options, spending reference ranges and support lines, as
snippets in one menu group."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import NegotiationOption, ReferenceRange, SupportLine


class NegotiationOptionViewSet(SnippetViewSet):
    model = NegotiationOption
    icon = "list-ul"
    list_display = ["title", "max_months", "min_income_drop", "locale"]


class ReferenceRangeViewSet(SnippetViewSet):
    model = ReferenceRange
    icon = "table"
    list_display = ["__str__"]


class SupportLineViewSet(SnippetViewSet):
    model = SupportLine
    icon = "help"
    list_display = ["name", "phone", "locale"]


class AssessmentGroup(SnippetViewSetGroup):
    items = (NegotiationOptionViewSet, ReferenceRangeViewSet, SupportLineViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Self-assessment")
    menu_name = "self-assessment"


register_snippet(AssessmentGroup)
