"""The one place that turns a reader's query into results: used by the search page, the API and autocomplete.

Only Wagtail's search API is used here (`.search()`, `.autocomplete()`, `get_search_backend()`), so the engine
is a matter of configuration. Extras a backend may offer beyond that API (`query_terms`, `did_you_mean`) are
looked up with getattr and have plain fallbacks.
"""

import atexit
import html
import threading
import time
import unicodedata

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelsearch.backends.base import EmptySearchResults, FieldError
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import normalise_query_string

from portal import page_cache
from portal.page_tree import public
from search import synonyms
from search.highlight import highlight
from search.models import QueryLogEntry

# Longer queries are cut here before searching: nobody types more, and the engine's work stays bounded.
MAX_QUERY_LENGTH = 200

# What the search covers: a type name (used in URLs and the API) → the page model. Models of apps that are not
# installed (yet) are skipped, so a new kind of page joins the search by adding a line here.
RESULT_TYPES = {
    "faq": ("content", "PolicyAnswerPage"),
    "article": ("content", "ArticlePage"),
    "tool": ("content", "ToolPage"),
    "quiz": ("quizzes", "QuizPage"),
}
TYPE_LABELS = {
    "faq": _("Answers"),
    "article": _("Articles"),
    "tool": _("Tools"),
    "quiz": _("Quizzes"),
}
# Most searches have no promotion: the set of promoted queries is kept in the cache, not looked up each time.
PROMOTED_QUERIES_KEY = "search:promoted-queries"
PROMOTED_QUERIES_SECONDS = 600
# Text fields a result's snippet may come from when the page has no search_snippet(), in order of preference.
SNIPPET_FIELDS = ["summary", "short_answer", "search_description", "intro"]


def clean_query(raw):
    """The query as searched: control characters become spaces, runs of spaces one, cut to length."""
    # Only a bounded prefix is inspected, so a 10,000-character query costs no more than a short one.
    text = "".join(
        " " if unicodedata.category(char)[0] == "C" else char for char in raw[: MAX_QUERY_LENGTH * 2]
    )
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def engine_text(query):
    """What the engine is given: letters, digits and spaces only.

    Punctuation and symbols carry no meaning in a plain-text query, and some engines read them as syntax
    (SQLite's FTS5 fails on a lone "<" or quote), so they become spaces.
    """
    kept = "".join(char if unicodedata.category(char)[0] in "LNM" else " " for char in query)
    return " ".join(kept.split())


def log_key(query):
    """The query as logged and as editors' promotions are keyed (Wagtail's normalisation: lower case)."""
    return normalise_query_string(query)[:MAX_QUERY_LENGTH]


def result_types():
    """Installed searchable page models by type name, in the order the page shows them."""
    found = {name: model_or_none(*label) for name, label in RESULT_TYPES.items()}
    return {name: model for name, model in found.items() if model is not None}


def model_or_none(app_label, model_name):
    """The model, or None while its app is not installed."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def type_of(page):
    """The type name of a page (or page class), or None when it is not a searchable type."""
    page_class = page if isinstance(page, type) else type(page)
    for name, model in result_types().items():
        if issubclass(page_class, model):
            return name
    return None


def scope(locale=None, category=None):
    """Live, public pages of every searchable type, in one locale (or all), optionally one FAQ category.

    Build it once per request and narrow it with `of_types()`: the view restrictions behind `.public()` are
    read when it is built.
    """
    models = result_types()
    if category is not None:
        # Categories belong to FAQ answers: filtering by one narrows the search to answers.
        queryset = models["faq"].objects.filter(category=category)
    else:
        queryset = Page.objects.type(*models.values()).specific()
    queryset = public(queryset.live())
    return queryset.filter(locale=locale) if locale is not None else queryset


def of_types(pages, types):
    """The pages narrowed to the named types (all of them when `types` is empty)."""
    models = result_types()
    chosen = [models[name] for name in types or () if name in models]
    return pages.type(*chosen) if chosen else pages


def search(query, pages, types=None):
    """Lazy search results over `pages` (a `scope()`), best first, each carrying `_score` (or None)."""
    text = engine_text(query)
    if not text:
        return EmptySearchResults()
    return of_types(pages, types).search(text).annotate_score("_score")


def remembered(key, compute, size=1):
    """``compute()``'s value for ``key``, kept while nothing it depends on changes, where the backend can keep
    it (``remember``; otherwise computed every time). It depends on the index (the backend forgets at each
    change to it), on which pages are live and public (the page cache's generation, bumped at every save,
    move or deletion of a page, view restriction, site or locale) and on the synonyms in force."""
    remember = getattr(_backend(), "remember", None)
    if not callable(remember):
        return compute()
    return remember((page_cache.generation(), synonyms.version(), key), compute, size)


_backends = {}


def _backend():
    """The default search backend, made once per configuration: modelsearch builds a new one on every
    ``get_search_backend()``, which costs more than answering a remembered question."""
    config = repr(settings.WAGTAILSEARCH_BACKENDS.get("default"))
    backend = _backends.get(config)
    if backend is None:
        backend = _backends[config] = get_search_backend()
    return backend


def count_by_type(query, pages):
    """{type name: number of results} for the query across every type (one facet query where supported)."""
    models = result_types()
    try:
        facets = search(query, pages).facet("content_type_id")
    except (NotImplementedError, FieldError):
        return {name: search(query, pages, [name]).count() for name in models}
    counts = dict.fromkeys(models, 0)
    for content_type_id, count in facets.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        name = type_of(model) if model else None
        if name:
            counts[name] += count
    return counts


def score_of(page):
    score = getattr(page, "_score", None)
    return float(score) if score is not None else 0.0


def query_terms(query):
    """The words to mark in snippets: the backend's analysed terms where offered, else the typed words."""
    terms = getattr(get_search_backend(), "query_terms", None)
    if callable(terms):
        return [term for term in terms(query) if term] or query.split()
    return query.split()


def did_you_mean(query):
    """A spelling the backend suggests for a near miss, or None (also where the backend offers none)."""
    suggest = getattr(get_search_backend(), "did_you_mean", None)
    if not callable(suggest):
        return None
    suggestion = suggest(query)
    if suggestion and log_key(suggestion) != log_key(query):
        return suggestion
    return None


def snippet_text(page):
    if callable(getattr(page, "search_snippet", None)):
        return page.search_snippet()
    for field in SNIPPET_FIELDS:
        value = getattr(page, field, None)
        if value:
            # Rich text fields hold HTML: the snippet is plain text, escaped again when marked up.
            return html.unescape(strip_tags(str(value)))
    return ""


def describe(page, terms, request=None):
    """What a result shows: the type, title and snippet with the terms marked, and where it links."""
    result_type = type_of(page)
    return {
        "page": page,
        "type": result_type,
        "type_label": TYPE_LABELS.get(result_type, ""),
        "url": page.get_url(request=request),
        "title_html": highlight(page.title, terms, length=len(page.title) or 1),
        "snippet_html": highlight(snippet_text(page), terms),
    }


def promoted_queries():
    """The query strings editors have promoted results for, cached (cleared whenever promotions change)."""
    found = cache.get(PROMOTED_QUERIES_KEY)
    if found is None:
        found = set(SearchPromotion.objects.values_list("query__query_string", flat=True))
        cache.set(PROMOTED_QUERIES_KEY, found, PROMOTED_QUERIES_SECONDS)
    return found


def forget_promoted_queries(**kwargs):
    cache.delete(PROMOTED_QUERIES_KEY)


def promotions(query, locale):
    """Editors' recommended results for this exact query (normalised): live pages in this locale, links."""
    key = log_key(query)
    if key not in promoted_queries():
        return []
    promoted = (
        SearchPromotion.objects.filter(query__query_string=key)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    found = []
    for promotion in promoted:
        page = promotion.page
        if page is None:
            if promotion.external_link_url:
                found.append(
                    {
                        "page": None,
                        "url": promotion.external_link_url,
                        "title": promotion.external_link_text or promotion.external_link_url,
                        "description": promotion.description,
                    }
                )
            continue
        if not page.live or page.locale_id != locale.pk:
            continue
        found.append(
            {
                "page": page,
                "url": page.get_url(),
                "title": page.title,
                "description": promotion.description or page.search_description,
            }
        )
    return found


def useful_answers(locale, limit=5):
    """For a search that found nothing: editor-promoted answers, then the most helpful, then the newest."""
    models = result_types()
    model = models.get("faq") or models["article"]
    live = public(model.objects.live()).filter(locale=locale)
    chosen = []
    promoted_ids = SearchPromotion.objects.filter(page__isnull=False).values("page_id")
    chosen += list(live.filter(pk__in=promoted_ids)[:limit])
    feedback = model_or_none("content", "AnswerFeedback")
    if feedback is not None and len(chosen) < limit:
        helpful_ids = (
            feedback.objects.filter(page__locale=locale, page__live=True, helpful__gt=0)
            .order_by("-helpful")
            .values_list("page_id", flat=True)[:limit]
        )
        by_id = {page.pk: page for page in live.filter(pk__in=list(helpful_ids))}
        chosen += [by_id[pk] for pk in helpful_ids if pk in by_id]
    if len(chosen) < limit:
        chosen += list(live.order_by("-first_published_at", "-pk")[: limit * 2])
    unique = {}
    for page in chosen:
        unique.setdefault(page.pk, page)
    return list(unique.values())[:limit]


def suggestions(query, locale, request=None, limit=8):
    """Autocomplete: titles that start like the query, FAQ answers first, as {"title", "url", "type"}."""
    models = result_types()
    text = engine_text(query)
    pages = scope(locale)
    found = []
    if text and "faq" in models:
        found += list(of_types(pages, ["faq"]).autocomplete(text)[:limit])
    others = [name for name in models if name != "faq"]
    if text and others and len(found) < limit:
        found += list(of_types(pages, others).autocomplete(text)[: limit - len(found)])
    return [
        {"title": page.title, "url": page.get_url(request=request), "type": type_of(page)} for page in found
    ]


class Timer:
    """Milliseconds spent inside a `with` block, for the query log."""

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.ms = round((time.perf_counter() - self.started) * 1000)


def log(query, result_count, result_type="", language="", took_ms=0):
    """Record a search (the words, the outcome, never who asked).

    Entries are written in batches of ``SEARCH_LOG_BATCH``, by the first search made ``SEARCH_LOG_SECONDS``
    or more after the last write, and when the worker exits: a crowd's searches then cost the database one
    insert per batch, not one each, and on SQLite two workers no longer queue for its single writer on every
    search. A worker that is killed loses at most its unwritten batch; an entry's time is when its batch was
    written."""
    key = log_key(query)
    if not key:
        return
    entry = QueryLogEntry(
        query=key,
        result_count=result_count,
        result_type=result_type or "",
        language=language or "",
        took_ms=max(0, took_ms),
    )
    with _log_lock:
        _log_batch.append(entry)
        due = len(_log_batch) >= settings.SEARCH_LOG_BATCH or (
            time.monotonic() - _log_flushed[0] >= settings.SEARCH_LOG_SECONDS
        )
    if due:
        flush_log()


def flush_log():
    """Write the searches logged in this process and not written yet."""
    with _log_lock:
        entries, _log_batch[:] = list(_log_batch), []
        _log_flushed[0] = time.monotonic()
    if entries:
        QueryLogEntry.objects.bulk_create(entries)


_log_batch, _log_lock, _log_flushed = [], threading.Lock(), [time.monotonic()]
atexit.register(lambda: _log_batch and flush_log())
