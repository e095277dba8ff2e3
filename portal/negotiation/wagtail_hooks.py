"""The negotiation team's queue in the admin: requests sorted by when a first reply is due, with filters, an
inspect page and the claim action. Only the team sees it."""

import django_filters
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import NegotiationRequest
from .policy import TeamPermissionPolicy

register_permission_policy(NegotiationRequest, TeamPermissionPolicy(NegotiationRequest))


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=NegotiationRequest.STATUS_CHOICES, label=_("Status"))
    unclaimed = django_filters.BooleanFilter(
        field_name="assignee", lookup_expr="isnull", label=_("Not yet taken on")
    )

    class Meta:
        model = NegotiationRequest
        fields = ["status", "assignee"]


class RequestViewSet(ModelViewSet):
    model = NegotiationRequest
    icon = "folder-open-inverse"
    menu_label = _("Negotiation requests")
    menu_order = 250
    add_to_admin_menu = True
    name = "negotiation_requests"
    inspect_view_enabled = True
    inspect_view_class = admin_views.RequestInspectView
    inspect_view_fields = [
        "reference", "status", "borrower", "assignee", "submitted_at", "first_response_due",
        "first_response_at",
    ]  # fmt: skip
    list_display = [
        Column("display_reference", label=_("Reference")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("assignee", label=_("Handled by")),
        DateColumn("first_response_due", label=_("First reply due")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    filterset_class = RequestFilterSet
    ordering = ["first_response_due", "submitted_at"]
    form_fields = []


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return RequestViewSet()


@hooks.register("register_admin_urls")
def register_claim_url():
    return [path("negotiation/claim/<int:pk>/", admin_views.claim, name="negotiation_claim")]
