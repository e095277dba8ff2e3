"""The editors' report of what readers search for: top and zero-result queries, 7 or 30 days, CSV download."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from search.models import QueryLogEntry
from tests.helpers import demo_user

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/search-queries/"


def searched(query, times, results=3, days_ago=0):
    for _ in range(times):
        entry = QueryLogEntry.objects.create(query=query, result_count=results, took_ms=5)
        QueryLogEntry.objects.filter(pk=entry.pk).update(created_at=timezone.now() - timedelta(days=days_ago))


def rows(client, **params):
    response = client.get(REPORT, {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def editor_client(client):
    client.force_login(demo_user("editor@example.com"))
    return client


def test_top_queries_of_the_last_7_days_most_searched_first(editor_client):
    searched("协商还款", 3)
    searched("征信", 1, results=0)
    searched("old news", 5, days_ago=10)
    table = rows(editor_client)
    assert table[0] == ["搜索词", "搜索次数", "没有结果", "最近一次搜索"]  # the admin is in Chinese
    assert [row[:3] for row in table[1:]] == [["协商还款", "3", "0"], ["征信", "1", "1"]]
    assert "old news" in [row[0] for row in rows(editor_client, period="30")]


def test_zero_result_queries_only(editor_client):
    searched("协商还款", 3)
    searched("xyzzy", 2, results=0)
    assert [row[0] for row in rows(editor_client, outcome="zero")[1:]] == ["xyzzy"]


def test_report_page_lists_queries_for_moderators_too(client):
    searched("停息挂账", 2)
    client.force_login(demo_user("moderator@example.com"))
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "停息挂账" in response.content.decode()


def test_formulas_typed_as_queries_are_neutralised_in_the_csv(editor_client):
    searched("=HYPERLINK(1)", 1)
    assert rows(editor_client)[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("email", ["negotiator@example.com", "borrower@example.com"])
def test_people_without_the_permission_cannot_see_it(client, email):
    searched("secret words", 1)
    client.force_login(demo_user(email))
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "secret words" not in response.content.decode()


def test_report_is_in_the_reports_menu_for_editors(editor_client):
    assert REPORT in editor_client.get("/admin/").content.decode()
