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


def _own(request, reference):
    return get_object_or_404(NegotiationRequest, reference=reference, borrower=request.user)


@never_cache
@login_required
def detail(request, reference):
    made = _own(request, reference)
    return TemplateResponse(
        request,
        "negotiation/request_detail.html",
        {
            "made": made,
            "events": made.events.select_related("actor"),
            "can_withdraw": made.WITHDRAWN in workflow.ALLOWED.get(made.status, set()),
        },
    )


@never_cache
@login_required
@require_POST
def withdraw(request, reference):
    made = _own(request, reference)
    try:
        workflow.change_status(
            made, made.WITHDRAWN, request.user, request, note=request.POST.get("reason", "")[:500]
        )
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Your request is withdrawn. You can start a new one at any time."))
    return redirect("negotiation_request", reference=made.reference)
