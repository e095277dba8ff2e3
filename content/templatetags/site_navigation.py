"""The site's main navigation: the sections an editor marked "show in menus", in the reader's language."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

register = template.Library()

SECTION_DEPTH = 3  # root (1) › home of a language (2) › sections


@register.simple_tag
def site_sections():
    # The language code comes from the URL; filtering through it costs one query, not a Locale lookup too.
    return (
        Page.objects.live()
        .public()
        .in_menu()
        .filter(depth=SECTION_DEPTH, locale__language_code=get_language())
        .order_by("path")
    )


@register.simple_tag
def breadcrumb_trail(page):
    """The page's ancestors from its language's home page down, one get_parent() query per level."""
    trail = []
    parent = page.get_parent()
    while parent is not None and parent.depth >= 2:
        trail.insert(0, parent)
        parent = parent.get_parent() if parent.depth > 2 else None
    return trail
