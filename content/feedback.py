"""The "was this helpful?" vote's endpoint, outside the page's own URL, so that the page carries no CSRF
token and can be served from the page cache (portal/page_cache.py) to every anonymous reader.

Instead of a token, the vote is refused when the browser says it comes from another site's page: browsers
name the page a POST comes from (Origin, else Referer, and Sec-Fetch-Site), so a forged vote from elsewhere
is seen. A client that names no page is not a browser, and has no reader's session to borrow.
"""

from urllib.parse import urlsplit

from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from content.models import PolicyAnswerPage
from portal.page_tree import public


def from_this_site(request):
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return False
    source = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not source:
        return True
    parts = urlsplit(source)
    return parts.scheme == request.scheme and parts.netloc == request.get_host()


@csrf_exempt
@require_POST
def answer_feedback(request, page_id):
    page = get_object_or_404(public(PolicyAnswerPage.objects.live()), pk=page_id)
    if not from_this_site(request):
        return HttpResponseForbidden(_("This vote came from another site and was not counted."))
    return page.record_feedback(request)
