"""The search page (/search/, a GET form that works without JavaScript) and its autocomplete endpoint."""

from django.apps import apps
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.views.decorators.cache import never_cache

from portal.page_tree import active_locale
from search import service
from search.forms import SearchForm

RESULTS_PER_PAGE = 10
# With fewer results than this the query may be a near miss: ask the backend for a better spelling.
FEW_RESULTS = 3
SUGGESTIONS = 8


class KnownCount:
    """Search results whose total is already known from the per-type counts, so the paginator asks no more."""

    def __init__(self, results, total):
        self.results, self.total = results, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, key):
        return self.results[key]


def faq_categories(locale):
    if "faq" not in service.result_types():
        return []
    category = apps.get_model("content", "PolicyCategory")
    return list(category.objects.filter(locale=locale).order_by("sort_order", "name"))


def self_assessment_url(locale):
    """Where a reader who found nothing can start the self-assessment: the wizard once it exists."""
    try:
        return reverse("assessment:start")
    except NoReverseMatch:
        pass
    for model_name in ["PolicyIndexPage", "ToolIndexPage"]:
        model = service.model_or_none("content", model_name)
        page = model.objects.live().filter(locale=locale).first() if model is not None else None
        if page is not None:
            return page.get_url()
    return None


@never_cache
def search_page(request):
    locale = active_locale()
    categories = faq_categories(locale)
    form = SearchForm(request.GET, categories=categories)
    form.is_valid()  # the errors show beside the fields; the valid parts still search
    query = form.valid_value("q") or ""
    result_type = form.valid_value("type") or ""
    category = form.valid_value("category")
    if category is not None:
        result_type = "faq"  # categories are FAQ categories
    context = {
        "form": form,
        "search_query": query,
        "result_type": result_type,
        "category": category,
        "categories": categories,
    }
    if query:
        context.update(results_context(request, query, locale, result_type, category))
    response = TemplateResponse(request, "search/search.html", context)
    # Result pages are endless near-duplicates: search engines should not index them.
    response["X-Robots-Tag"] = "noindex"
    return response


def results_context(request, query, locale, result_type, category):
    terms = service.query_terms(query)
    pages = service.scope(locale, category)
    with service.Timer() as timer:
        counts = service.count_by_type(query, pages)
        total = counts.get(result_type, 0) if result_type else sum(counts.values())
        results = service.search(query, pages, [result_type] if result_type else None)
        paginator = Paginator(KnownCount(results, total), RESULTS_PER_PAGE)
        page_of_results = paginator.get_page(request.GET.get("page"))
        found = list(page_of_results.object_list)
    service.log(query, total, result_type, translation.get_language(), timer.ms)

    promoted = service.promotions(query, locale) if page_of_results.number == 1 else []
    promoted_ids = {item["page"].pk for item in promoted if item["page"] is not None}
    context = {
        "total": total,
        "type_total": sum(counts.values()),
        "counts": [(name, service.TYPE_LABELS[name], count) for name, count in counts.items()],
        "results_page": page_of_results,
        "results": [service.describe(page, terms, request) for page in found if page.pk not in promoted_ids],
        "promoted": promoted,
        "did_you_mean": service.did_you_mean(query) if total < FEW_RESULTS else None,
        "first_result_number": page_of_results.start_index(),
    }
    if total == 0 and not promoted:
        context["useful_answers"] = [
            service.describe(page, [], request) for page in service.useful_answers(locale)
        ]
        context["assessment_url"] = self_assessment_url(locale)
    return context


@never_cache
def suggest(request):
    """Autocomplete as the reader types: {"suggestions": [{"title", "url", "type"}]}. Not logged."""
    query = service.clean_query(request.GET.get("q", ""))
    if not query:
        return JsonResponse({"suggestions": []})
    found = service.suggestions(query, active_locale(), request=request, limit=SUGGESTIONS)
    response = JsonResponse({"suggestions": found}, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response
