"""The negotiation team's queue in the admin: requests sorted by when a first reply is due, with filters, an
inspect page and the claim action. Only the team sees it."""

import django_filters
from django import forms
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.permissions import register_permission_policy

from portal.assessment.choices import LENDERS

from . import admin_views, evidence_views, message_views, offer_views
from .clock import reply_overdue
from .models import RISK_CHOICES, NegotiationRequest
from .policy import TeamPermissionPolicy, team_members

register_permission_policy(NegotiationRequest, TeamPermissionPolicy(NegotiationRequest))


# The days-overdue ranges the queue offers, as (choice, lookups on max_days_overdue).
OVERDUE_RANGES = {
    "none": {"max_days_overdue": 0},
    "1-30": {"max_days_overdue__gte": 1, "max_days_overdue__lte": 30},
    "31-90": {"max_days_overdue__gte": 31, "max_days_overdue__lte": 90},
    "over-90": {"max_days_overdue__gt": 90},
}


class RequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=NegotiationRequest.STATUS_CHOICES, label=_("Status"), widget=forms.CheckboxSelectMultiple
    )
    risk_band = django_filters.MultipleChoiceFilter(
        choices=RISK_CHOICES, label=_("Risk band"), widget=forms.CheckboxSelectMultiple
    )
    days_overdue = django_filters.ChoiceFilter(
        choices=[
            ("none", _("Nothing overdue")),
            ("1-30", _("1 to 30 days")),
            ("31-90", _("31 to 90 days")),
            ("over-90", _("More than 90 days")),
        ],
        method="filter_days_overdue",
        label=_("Days overdue (most)"),
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    # A request names several creditors: distinct, so that one with two debts at a lender is listed once.
    lender = django_filters.MultipleChoiceFilter(
        field_name="creditors__lender", choices=LENDERS, distinct=True, label=_("Lender"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    # Only the team is offered: nobody else can hold a request.
    assignee = django_filters.ModelChoiceFilter(
        queryset=lambda request: team_members(), label=_("Handled by"), empty_label=_("Anyone")
    )
    unclaimed = django_filters.BooleanFilter(
        field_name="assignee", lookup_expr="isnull", label=_("Not yet taken on"), widget=BooleanRadioSelect
    )
    reply_overdue = django_filters.BooleanFilter(
        method="filter_reply_overdue", label=_("First reply overdue"), widget=BooleanRadioSelect
    )

    class Meta:
        model = NegotiationRequest
        fields = ["status", "risk_band", "assignee"]

    def filter_days_overdue(self, queryset, name, value):
        return queryset.filter(**OVERDUE_RANGES[value])

    def filter_reply_overdue(self, queryset, name, value):
        late = {"first_response_at__isnull": True, "first_response_due__lt": timezone.now()}
        return queryset.filter(**late) if value else queryset.exclude(**late)


class ReplyOverdueColumn(StatusTagColumn):
    """A red "Reply overdue" tag on rows whose first reply is late; nothing on the others."""

    cell_template_name = "negotiation/admin/overdue_cell.html"

    def __init__(self, name="reply_overdue", **kwargs):
        super().__init__(name, accessor=reply_overdue, **kwargs)


def lender_labels(made):
    """The lenders a request names, each once, in the order the borrower gave them (from the prefetch)."""
    names = dict(LENDERS)
    seen = dict.fromkeys(creditor.lender for creditor in made.creditors.all())
    return ", ".join(str(names.get(code, code)) for code in seen)


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
        TitleColumn("display_reference", label=_("Reference"), url_name="negotiation_requests:inspect"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("risk_band", label=_("Risk band"), accessor="get_risk_band_display"),
        Column("max_days_overdue", label=_("Days overdue")),
        Column("lenders", label=_("Lenders"), accessor=lender_labels),
        Column("assignee", label=_("Handled by")),
        DateColumn("first_response_due", label=_("First reply due")),
        ReplyOverdueColumn(label=_("Reply")),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
    filterset_class = RequestFilterSet
    ordering = ["first_response_due", "submitted_at"]
    form_fields = []

    def get_index_view_kwargs(self, **kwargs):
        # The lenders and "handled by" columns read related rows: loaded with the page, not once per row.
        queryset = NegotiationRequest.objects.select_related("assignee").prefetch_related("creditors")
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


@hooks.register("register_admin_viewset")
def register_request_viewset():
    return RequestViewSet()


@hooks.register("register_admin_urls")
def register_claim_url():
    return [path("negotiation/claim/<int:pk>/", admin_views.claim, name="negotiation_claim")]


@hooks.register("register_admin_urls")
def register_assign_url():
    return [path("negotiation/assign/<int:pk>/", admin_views.assign, name="negotiation_assign")]


@hooks.register("register_admin_urls")
def register_offer_urls():
    return [
        path("negotiation/offer/<int:pk>/", offer_views.make_offer, name="negotiation_offer"),
        path(
            "negotiation/check-in/<int:pk>/<int:check_in>/done/",
            offer_views.check_in_done,
            name="negotiation_check_in_done",
        ),
    ]


@hooks.register("register_admin_urls")
def register_evidence_url():
    return [
        path("negotiation/evidence/<int:pk>/", evidence_views.team_download, name="negotiation_evidence_team")
    ]


@hooks.register("register_admin_urls")
def register_message_urls():
    return [
        path("negotiation/message/<int:pk>/", message_views.team_message, name="negotiation_team_message"),
        path("negotiation/ask/<int:pk>/", message_views.ask_for_information, name="negotiation_ask"),
        path("negotiation/note/<int:pk>/", message_views.add_note, name="negotiation_note"),
        path("negotiation/review/<int:pk>/", message_views.start_review, name="negotiation_start_review"),
        path("negotiation/close/<int:pk>/", message_views.close, name="negotiation_close"),
    ]
