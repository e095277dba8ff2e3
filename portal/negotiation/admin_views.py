"""The team's views in the admin: the queue's inspect page with a "take on" button, and the confirmation that
makes the claim (a POST, so a prefetching browser or a crawler never claims anything)."""

from datetime import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets.button import HeaderButton

from . import summary, workflow
from .assignment import AssignForm
from .models import NegotiationRequest
from .policy import TEAM_PERMISSION


class RequestInspectView(InspectView):
    template_name = "negotiation/admin/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # The inspect template formats values with |localize, which skips the time-zone conversion a plain
        # {{ value }} makes: without this the team would read UTC beside the local times of the rest.
        if isinstance(value, datetime):
            return timezone.localtime(value)
        return value

    def get_reference_display_value(self):
        return self.object.display_reference

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["made"] = self.object
        context["summary"] = summary.for_team(self.object)
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
        buttons.append(HeaderButton(_("Assign"), url=reverse("negotiation_assign", args=[self.object.pk])))
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


def assign(request, pk):
    """A team member gives the request to someone on the team (a handover if someone held it). The form says
    who held it when the page was shown; if that changed meanwhile, nothing is done and the page says so."""
    if not request.user.has_perm(TEAM_PERMISSION):
        raise Http404
    made = get_object_or_404(NegotiationRequest.objects.select_related("assignee"), pk=pk)
    inspect_url = reverse("negotiation_requests:inspect", args=[made.pk])
    refusal = None
    if request.method == "POST":
        form = AssignForm(request.POST)
        if form.is_valid():
            to_user = form.cleaned_data["to"]
            try:
                workflow.assign(made, to_user, request.user, request, seen_holder=form.cleaned_data["holder"])
            except workflow.NotAllowed as refused:
                refusal = refused.message
                made.refresh_from_db()
                # A fresh form that knows the holder as it now is, keeping the choice that was made.
                form = AssignForm(initial={"to": to_user.pk, "holder": made.assignee_id or ""})
            else:
                messages.success(
                    request,
                    _("Request %(reference)s is now handled by %(name)s.")
                    % {"reference": made.display_reference, "name": to_user},
                )
                return redirect(inspect_url)
    else:
        form = AssignForm(initial={"holder": made.assignee_id or ""})
    return TemplateResponse(
        request,
        "negotiation/admin/assign.html",
        {"made": made, "form": form, "refusal": refusal, "inspect_url": inspect_url},
    )
