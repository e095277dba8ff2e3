"""The calculators as a borrower meets them: server-rendered forms, plain-word results, CSV, never a 5xx."""

import csv
import io
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import ToolIndexPage, ToolPage
from tests.helpers import tags

pytestmark = pytest.mark.django_db

HEADLINE = {"principal": "10000", "received": "9000", "payment": "1000", "months": "12"}


def tool_page(tool, language="zh-hans"):
    return ToolPage.objects.get(tool=tool, locale__language_code=language)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_borrow_10000_get_9000_repay_1000_a_month_for_a_year(client, language):
    page = tool_page("apr", language)
    html = client.get(f"{page.url}?{urlencode(HEADLINE)}").content.decode()
    assert "56.75%" in html and "74.11%" in html and "20.00%" in html
    assert ("年化利率超过 36%" if language == "zh-hans" else "Above 36% a year") in html
    assert ("年化利率超过 24%" if language == "zh-hans" else "Above 24% a year") in html
    assert ("被扣下了 1000.00 元" if language == "zh-hans" else "1000.00 yuan was kept back") in html


def test_a_cheap_loan_shows_no_rate_warning(client):
    page = tool_page("apr")
    query = urlencode({"principal": "10000", "payment": "856.07", "months": "12"})
    html = client.get(f"{page.url}?{query}").content.decode()
    assert "年化利率超过" not in html
    assert "5.00%" in html


def test_an_empty_calculator_shows_the_form_and_no_result(client):
    html = client.get(tool_page("apr").url).content.decode()
    assert tags(html, "form", method="get")
    assert "真实年化成本" not in html
    assert 'class="errorlist"' not in html


@pytest.mark.parametrize(("language", "message"), [("zh-hans", "输入一个数字"), ("en", "Enter a number")])
def test_bad_input_is_explained_in_the_readers_language_and_kept(client, language, message):
    page = tool_page("apr", language)
    query = urlencode({"principal": "一万", "received": "9000", "payment": "1000", "months": "0"})
    response = client.get(f"{page.url}?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="一万"' in html and 'value="9000"' in html


def test_received_more_than_the_contract_is_refused(client):
    query = urlencode({"principal": "9000", "received": "10000", "payment": "1000", "months": "12"})
    html = client.get(f"{tool_page('apr').url}?{query}").content.decode()
    assert "实际到手金额不能超过合同金额" in html


def test_loan_schedule_page_shows_chart_table_and_csv_link(client):
    page = tool_page("loan-schedule")
    query = urlencode(
        {"principal": "12000", "annual_rate": "12", "months": "12", "method": "equal_principal"}
    )
    html = client.get(f"{page.url}?{query}").content.decode()
    assert "1120.00" in html  # first payment: 1000 principal + 120 interest
    assert tags(html, "svg", role="img") and tags(html, "polyline")
    assert html.count("<tr>") == 13  # header + 12 months
    assert tags(html, "a", href=f"/csv/loan-schedule/?{query}")


def test_schedule_downloads_as_csv_that_spreadsheets_read(client):
    query = urlencode(
        {"principal": "12000", "annual_rate": "12", "months": "12", "method": "equal_principal"}
    )
    response = client.get(f"/en/csv/loan-schedule/?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Month", "Payment", "Principal", "Interest", "Balance"]
    assert rows[1] == ["1", "1120.00", "1000.00", "120.00", "11000.00"]
    assert rows[-1][-1] == "0.00" and len(rows) == 13


def test_csv_without_inputs_is_a_clear_400(client):
    response = client.get("/csv/loan-schedule/?principal=oops")
    assert response.status_code == 400
    assert "请先填写计算器" in response.content.decode()
    assert client.get("/csv/apr/").status_code == 404


def test_tool_index_lists_every_tool_in_the_readers_language(client):
    index = ToolIndexPage.objects.get(locale__language_code="en")
    html = client.get(index.url).content.decode()
    for page in ToolPage.objects.filter(locale__language_code="en"):
        assert page.title in html
    assert "工具" in client.get("/").content.decode()  # the section is in the main navigation


query_values = st.one_of(
    st.text(max_size=12), st.integers(-(10**12), 10**12).map(str), st.decimals(allow_nan=True).map(str)
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tool=st.sampled_from(["apr", "loan-schedule"]),
    query=st.dictionaries(
        st.sampled_from(["principal", "received", "payment", "months", "annual_rate", "method", "x"]),
        query_values,
        max_size=6,
    ),
)
def test_any_query_string_gets_a_page_not_a_server_error(client, tool, query):
    page = tool_page(tool)
    assert client.get(page.url, query).status_code == 200
    assert client.get(f"/csv/{tool}/", query).status_code in (200, 400, 404)
