"""Facts about the page tree that every page view asks for, kept in the cache between requests: which page a
URL routes to, and where the view restrictions are.

Wagtail finds a page by walking the tree one slug at a time (two queries a level) and checks the view
restrictions of the page and every ancestor (two more), and each ``.public()`` listing reads every
restriction again: about half the queries of an uncached page. Both facts are stored under the page cache's
generation number (``portal.page_cache``), which any save or deletion of a page, view restriction, site or
locale, and any move, bumps; so a new restriction or a moved page counts from the next request on.

That holds across processes only with a cache they share: ``PAGE_TREE_CACHE_ENABLED`` is on where REDIS_URL
is set, and in a single process (``make run``, the tests). Off, Wagtail's own lookups run unchanged.
What is cached is where things are, never whether a page is live: the routed page is read from the
database on every request, and Wagtail's ``route`` still decides.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Locale, Page, PageViewRestriction, Site

from portal.page_cache import PAGE_VIEW, generation

ROUTE_SECONDS = 60 * 60


def enabled():
    return settings.PAGE_TREE_CACHE_ENABLED


# ---- view restrictions ----


_MISSING = object()


def _key(name):
    return f"page-tree:{generation()}:{name}"


def kept(name, compute):
    """``compute()``, kept in the cache under ``name`` until the page tree changes; computed every time where
    the tree cache is off. For what only pages, restrictions, sites and locales decide."""
    if not enabled():
        return compute()
    key = _key(name)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, ROUTE_SECONDS)
    return value


def _read_restrictions():
    rows = PageViewRestriction.objects.values_list("id", "page__path", "page__depth").order_by("id")
    return tuple(rows), Page.objects.filter(alias_of__isnull=False).exists()


def restrictions():
    """(restricted sections as (restriction id, page path, page depth), whether any page is an alias)."""
    return kept("restrictions", _read_restrictions)


def public(queryset):
    """``queryset.public()``, with the restricted sections from the cache instead of a query."""
    if not enabled():
        return queryset.public()
    rows, _ = restrictions()
    if not rows:
        return queryset
    private = Q()
    for _, path, depth in rows:
        private |= Q(path__startswith=path, depth__gte=depth)
    return queryset.exclude(private)


class CachedViewRestrictionsMixin:
    """Page models: ``get_view_restrictions`` without a query when the page is in no restricted section.

    Wagtail's serving hook asks it of every page it serves. An alias takes its source page's restrictions,
    which the cached paths cannot tell, so any alias on the site sends the question back to Wagtail."""

    def get_view_restrictions(self):
        if not enabled():
            return super().get_view_restrictions()
        rows, any_alias = restrictions()
        if any_alias:
            return super().get_view_restrictions()
        ids = [rid for rid, path, _ in rows if self.path.startswith(path)]
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


# ---- locales ----


def active_locale():
    """``Locale.get_active()``, kept: views outside the page tree (search) ask it on every request."""
    return kept(f"locale:{get_language()}", Locale.get_active)


# ---- routing ----


def route(request, path):
    """Wagtail's route for a request (as ``Page.route_for_request`` gives it), from the cached page id: one
    query for the page instead of two a level. A path that routes nowhere is not kept."""
    # Not ``kept``: a path that routes nowhere is not stored, and a stored route is checked again.
    key = _key(f"route:{request.get_host()}:{request.LANGUAGE_CODE}:{path}")
    found = cache.get(key)
    if found is not None:
        page_id, content_type_id, depth = found
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model is not None else None
        if page is not None:
            components = [component for component in path.split("/") if component]
            site = Site.find_for_request(request)
            consumed = depth - site.root_page.depth if site else -1
            if 0 <= consumed <= len(components):
                try:
                    return page.route(request, components[consumed:])
                except Http404:
                    return None
    result = Page.route_for_request(request, path)
    if result is not None:
        page = result[0]
        cache.set(key, (page.pk, page.content_type_id, page.depth), ROUTE_SECONDS)
    return result


class RouteCacheMiddleware:
    """Answers Wagtail's page lookup from the cache before its serve view runs: Wagtail keeps the route of a
    request in ``request._wagtail_route_for_request`` and uses it when it is there (``route_for_request``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if not enabled() or match is None or match.url_name != PAGE_VIEW:
            return None
        if not hasattr(request, "_wagtail_route_for_request"):
            # Wagtail's URL pattern passes the path positionally.
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            request._wagtail_route_for_request = route(request, path)
        return None
