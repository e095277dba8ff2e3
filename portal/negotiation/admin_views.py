"""The team's views in the admin: the queue's inspect page with a "take on" button, and the confirmation that
makes the claim (a POST, so a prefetching browser or a crawler never claims anything)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import HeaderButton

from . import workflow
from .models import NegotiationRequest
from .policy import TEAM_PERMISSION


class RequestInspectView(InspectView):
    template_name = "negotiation/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["made"] = self.object
        return context

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.object.assignee_id is None:
            buttons.append(
                HeaderButton(
                    _("Take on this request"), url=reverse("negotiation_claim", args=[self.object.pk])
                )
            )
        return buttons


def claim(request, pk):
    if not request.user.has_perm(TEAM_PERMISSION):
        raise PermissionDenied
    made = get_object_or_404(NegotiationRequest, pk=pk)
    inspect_url = reverse("negotiation_requests:inspect", args=[made.pk])
    if request.method == "POST":
        try:
            workflow.claim(made, request.user, request)
        except workflow.NotAllowed as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("You are handling request %(reference)s.") % {"reference": made.display_reference}
            )
        return redirect(inspect_url)
    return TemplateResponse(
        request, "negotiation/admin/claim.html", {"made": made, "inspect_url": inspect_url}
    )
