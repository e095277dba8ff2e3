"""The search JSON API: GET /api/search/?q=&type=&limit=&lang=.

Answers {"results": [{"id", "type", "title", "url", "score"}], "total"}; `id` is an FAQ answer's external id
(the page's id where it has none). Without `lang` every language is searched, so one corpus of Chinese and
English answers answers both; with it, that language only. Bad parameters get HTTP 400 {"error": "..."},
never a 500. Outside the language prefix; rate limited per client address.
"""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Locale

from portal.tools.ratelimit import too_many_requests
from search import service
from search.forms import SearchApiForm


def error(message, status=400):
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


@never_cache
def search_api(request):
    # Messages follow the client's Accept-Language (the URL carries no language).
    with translation.override(translation.get_language_from_request(request)):
        return answer(request)


def answer(request):
    if request.method not in ("GET", "HEAD"):
        response = error(_("Use GET."), status=405)
        response["Allow"] = "GET, HEAD"
        return response
    if too_many_requests(request, "search-api", settings.SEARCH_API_REQUESTS_PER_MINUTE):
        return error(_("Too many requests. Wait a minute and try again."), status=429)
    form = SearchApiForm(request.GET)
    if not form.is_valid():
        return error(form.first_error())
    query, result_type, limit, lang = (form.cleaned_data[key] for key in ("q", "type", "limit", "lang"))
    locale = Locale.objects.filter(language_code=lang).first() if lang else None
    if lang and locale is None:
        return error(_("Unknown language %(value)s.") % {"value": lang})

    def compute():
        results = service.search(query, service.scope(locale), [result_type] if result_type else None)
        found = list(results[:limit])
        # Fewer than asked for: that is all of them, no need to count.
        total = len(found) if len(found) < limit else results.count()
        body = {"results": [describe(page, request) for page in found], "total": total}
        return json.dumps(body, ensure_ascii=False).encode(), total

    # The same question, asked again before anything it depends on changes, gets the same answer without a
    # search: a crowd arriving after a lender's policy change asks the same few things. Links are made for
    # the request's address, so that is part of the question.
    key = ("api", query, result_type, limit, lang, request.scheme, request.get_host())
    with service.Timer() as timer:
        body, total = service.remembered(key, compute, size=limit)
    service.log(query, total, result_type, lang, timer.ms)
    return HttpResponse(body, content_type="application/json")


def describe(page, request):
    result_type = service.type_of(page)
    identifier = getattr(page, "external_id", "") if result_type == "faq" else ""
    return {
        "id": identifier or str(page.pk),
        "type": result_type,
        "title": page.title,
        "url": page.get_url(request=request),
        "score": service.score_of(page),
    }
