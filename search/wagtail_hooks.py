"""Admin for search: synonym groups (a snippet under Settings) and the report of what readers search for."""

from datetime import timedelta

import django_filters
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.admin_reports import PermissionMenuItem, report_urls, spreadsheet_text
from search.models import QueryLogEntry, SynonymGroup

REPORT_PERMISSION = "search.view_querylogentry"
PERIODS = {"7": 7, "30": 30}


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "resubmit"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["__str__", "note"]


register_snippet(SynonymGroupViewSet)


class QueryReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[("7", _("Last 7 days")), ("30", _("Last 30 days"))],
        empty_label=None,
        method="noop",  # applied in the view, which also needs the default
    )
    outcome = django_filters.ChoiceFilter(
        label=_("Searches"),
        choices=[("zero", _("Only those that found nothing"))],
        empty_label=_("All"),
        method="only_zero_results",
    )

    class Meta:
        model = QueryLogEntry
        fields = []

    def noop(self, queryset, name, value):
        return queryset

    def only_zero_results(self, queryset, name, value):
        return queryset.filter(result_count=0) if value == "zero" else queryset


class QueryReportView(ReportView):
    """Top queries over the last 7 or 30 days (or only those that found nothing), with a CSV download."""

    page_title = _("Search queries")
    header_icon = "search"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    filterset_class = QueryReportFilterSet
    permission_policy = ModelPermissionPolicy(QueryLogEntry)
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("query", label=_("Query")),
        Column("searches", label=_("Searches")),
        Column("zero_results", label=_("Found nothing")),
        DateColumn("last_seen", label=_("Last searched")),
    ]
    # The download has the table's columns under the same headings.
    list_export = [column.name for column in columns]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "search-queries"
    # Readers type the queries: one starting with = or + must not run as a formula in a spreadsheet.
    custom_field_preprocess = {"query": {"csv": spreadsheet_text, "xlsx": None}}

    def get_queryset(self):
        entries = self.filter_queryset(QueryLogEntry.objects.all())
        period = "7"
        if self.filters and self.filters.is_valid():
            period = self.filters.form.cleaned_data.get("period") or "7"
        since = timezone.now() - timedelta(days=PERIODS.get(period, 7))
        return (
            entries.filter(created_at__gte=since)
            .values("query")
            .annotate(
                searches=Count("id"),
                zero_results=Count("id", filter=Q(result_count=0)),
                last_seen=Max("created_at"),
            )
            .order_by("-searches", "query")
        )


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls("search-queries", QueryReportView, "search_query_report")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("Search queries"),
        reverse("search_query_report"),
        icon_name="search",
        order=900,
        permission=REPORT_PERMISSION,
    )
