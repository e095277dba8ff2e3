"""The site's main navigation: the sections an editor marked "show in menus", in the reader's language."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from portal import page_tree
from portal.page_cache import generation
from portal.page_tree import public

register = template.Library()

SECTION_DEPTH = 3  # root (1) › home of a language (2) › sections


@register.simple_tag
def site_sections():
    # The language code comes from the URL; filtering through it costs one query, not a Locale lookup too.
    return (
        public(Page.objects.live())
        .in_menu()
        .filter(depth=SECTION_DEPTH, locale__language_code=get_language())
        .order_by("path")
    )


@register.simple_tag
def page_tree_fragment():
    """For ``{% cache tree.seconds name tree.generation ... %}`` around what only the page tree decides
    (menus, breadcrumbs): kept until the tree changes where the tree cache is on, for 0 seconds where not."""
    if not page_tree.enabled():
        return {"seconds": 0, "generation": 0}
    return {"seconds": page_tree.ROUTE_SECONDS, "generation": generation()}


@register.simple_tag
def breadcrumb_trail(page):
    """The page's ancestors from its language's home page down (one query, however deep the page)."""
    return list(page.get_ancestors().filter(depth__gte=2))
