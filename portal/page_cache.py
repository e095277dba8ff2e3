"""The page cache for anonymous readers: whole Wagtail pages in Django's cache, by origin, language and path.

A response is kept and served again only when all of these hold, so that nobody is ever shown a page made for
someone else:
- a GET of a page Wagtail served (its ``wagtail_serve`` view), with no query string (a calculator's result, a
  search, a filtered list are made for one question);
- the reader sent no session or message cookie: signed in or not, a session may hold a quiz attempt, a wizard
  draft or a vote that the page shows, and a signed-in editor sees the Wagtail user bar;
- the page set no cookie and changed no session (a CSRF token, a message), and said neither private nor
  no-store;
- a 200 answer.

Everything is dropped at once when any page, snippet, setting, view restriction, image, document, site or
locale is saved or deleted, or published or unpublished (``purge``): the cache key carries a generation number
that is bumped. Editors change things a few times a day and readers come by the thousand, so one purge that is
always right beats a precise one that could miss the snippet a page shows.

The purge reaches every process only through a shared cache: ``PAGE_CACHE_ENABLED`` defaults to on where
REDIS_URL is set (settings).
"""

import functools
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from wagtail import signals as wagtail_signals
from wagtail.models import Locale, Page, PageViewRestriction, Site

GENERATION_KEY = "page-cache:generation"
HIT_HEADER = "X-Page-Cache"
PAGE_VIEW = "wagtail_serve"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A new number, never one an evicted counter had used before: entries under it can't be stale.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def purge(**kwargs):
    """Drops every cached page (a signal receiver, also called directly)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def key_for(request):
    # Pages hold absolute links (canonical, hreflang, structured data) made from the scheme and host.
    origin = f"{request.scheme}://{request.get_host()}"
    return f"page-cache:{generation()}:{origin}:{request.LANGUAGE_CODE}:{request.path}"


def may_use_cache(request):
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def may_keep(request, response):
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != PAGE_VIEW:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "no-cache" in cache_control:
        return False
    session = getattr(request, "session", None)
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or (session is not None and session.modified):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    return not queued


class PageCacheMiddleware:
    """Last in MIDDLEWARE: every other middleware still treats a cached page as it treats a fresh one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not may_use_cache(request):
            return self.get_response(request)
        key = key_for(request)
        kept = cache.get(key)
        if kept is not None:
            return self._rebuild(kept)
        response = self.get_response(request)  # a template response is rendered by now (Django's handler)
        if may_keep(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() != "set-cookie"]
            cache.set(key, (response.content, headers), settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _rebuild(kept):
        content, headers = kept
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response


@functools.cache
def _shown_on_pages():
    """The model classes whose rows pages show; looked up once, since every save of any model asks."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.snippets.models import get_snippet_models

    bases = (Page, PageViewRestriction, Site, Locale, AbstractImage, AbstractDocument)
    return bases + (BaseGenericSetting, BaseSiteSetting), frozenset(get_snippet_models())


def _purge_if_shown(sender, instance, **kwargs):
    bases, snippets = _shown_on_pages()
    if sender in snippets or isinstance(instance, bases):
        purge()


def connect():
    """Called once from ``PortalConfig.ready``. Publishing and unpublishing save the page or snippet, so the
    save signal covers them; a move updates the tree without a save."""
    post_save.connect(_purge_if_shown, dispatch_uid="page-cache-save")
    post_delete.connect(_purge_if_shown, dispatch_uid="page-cache-delete")
    wagtail_signals.post_page_move.connect(purge, dispatch_uid="page-cache-move")
