"""The borrower's side of a request: its timeline, and withdrawing it. Another person's request is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import workflow
from .models import NegotiationRequest


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
@login_required
def detail(request, reference):
    return render_detail(request, own(request, reference))


@never_cache
@login_required
@require_POST
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
