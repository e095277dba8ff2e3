"""The borrower's side of a request: its timeline, and withdrawing it. Another person's request is a 404."""

from functools import wraps

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.accounts.access import signed_in_or_404

from . import workflow
from .models import NegotiationRequest


def post_to_own_request(view):
    """For a borrower's POST-only action on a request: a 404 unless the signed-in person owns the request, and
    only then a 405 for another method, so that no answer tells a stranger that a reference exists."""

    @wraps(view)
    def guarded(request, reference, *args, **kwargs):
        mine = NegotiationRequest.objects.filter(reference=reference, borrower_id=request.user.pk)
        if not request.user.is_authenticated or not mine.exists():
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, reference, *args, **kwargs)

    return guarded


def own(request, reference, lock=False):
    """The signed-in borrower's request with this reference, or a 404 (whoever else's it is)."""
    found = NegotiationRequest.objects.select_for_update() if lock else NegotiationRequest.objects
    return get_object_or_404(found, reference=reference, borrower=request.user)


def render_detail(request, made, status=200, **forms):
    """The request page. A part's view that refuses a post passes its bound form back in `forms` (e.g.
    `message_form=form`), so the page shows the error beside what the person typed."""
    return TemplateResponse(
        request,
        "negotiation/request_detail.html",
        {
            "made": made,
            "events": made.events.filter(internal=False).select_related("actor"),
            "can_withdraw": made.WITHDRAWN in workflow.ALLOWED.get(made.status, set()),
            **forms,
        },
        status=status,
    )


@never_cache
@signed_in_or_404
def detail(request, reference):
    return render_detail(request, own(request, reference))


@never_cache
@post_to_own_request
def withdraw(request, reference):
    made = own(request, reference)
    try:
        workflow.change_status(
            made, made.WITHDRAWN, request.user, request, note=request.POST.get("reason", "")[:500]
        )
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request is withdrawn. You can start a new one at any time."))
    return redirect("negotiation_request", reference=made.reference)
