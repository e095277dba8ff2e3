"""Admin for quizzes: the per-question report editors use to find common misconceptions, with CSV export,
and an "Analytics" link beside each quiz in the page listing."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from portal.admin_reports import PermissionMenuItem, report_urls, spreadsheet_text
from quizzes.analytics import question_rows
from quizzes.models import Attempt, Question, QuizPage

REPORT_PERMISSION = "quizzes.view_attempt"


def percent(value):
    return "" if value is None else f"{round(100 * value)}%"


class QuizReportFilterSet(WagtailFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        label=_("Quiz"),
        queryset=QuizPage.objects.order_by("path"),
        field_name="page",
        empty_label=_("All quizzes"),
    )

    class Meta:
        model = Question
        fields = []


class ShareColumn(Column):
    def get_value(self, instance):
        return percent(instance.share_right)


class QuizReportView(ReportView):
    """Per question: completed answers, the share right, and the wrong answer chosen most."""

    page_title = _("Quiz questions")
    header_icon = "tasks"
    index_url_name = "quiz_question_report"
    index_results_url_name = "quiz_question_report_results"
    filterset_class = QuizReportFilterSet
    permission_policy = ModelPermissionPolicy(Attempt)
    permission_required = "view"
    paginate_by = 50
    columns = [
        Column("quiz_title", label=_("Quiz")),
        Column("text", label=_("Question")),
        Column("answered", label=_("Answered")),
        ShareColumn("share_right", label=_("Right")),
        Column("top_wrong_choice", label=_("Most chosen wrong answer")),
        Column("top_wrong_count", label=_("Times chosen")),
    ]
    list_export = [column.name for column in columns]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "quiz-questions"
    custom_field_preprocess = {
        "quiz_title": {"csv": spreadsheet_text, "xlsx": None},
        "text": {"csv": spreadsheet_text, "xlsx": None},
        "top_wrong_choice": {"csv": spreadsheet_text, "xlsx": None},
        "share_right": {"csv": percent, "xlsx": percent},
    }

    def get_queryset(self):
        return Question.objects.all()

    def get_filtered_queryset(self):
        rows = question_rows(super().get_filtered_queryset())
        for row in rows:
            row.quiz_title = f"{row.page.title} ({row.page.locale.language_code})"
        return rows


@hooks.register("register_admin_urls")
def register_report_urls():
    return report_urls("quiz-questions", QuizReportView, "quiz_question_report")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return PermissionMenuItem(
        _("Quiz questions"),
        reverse("quiz_question_report"),
        icon_name="tasks",
        order=910,
        permission=REPORT_PERMISSION,
    )


@hooks.register("register_page_listing_buttons")
def quiz_analytics_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, QuizPage) and user.has_perm(REPORT_PERMISSION):
        yield ListingButton(_("Analytics"), f"{reverse('quiz_question_report')}?quiz={page.pk}", priority=60)
