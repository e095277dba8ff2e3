"""The calculators as a borrower meets them: server-rendered forms, plain-word results, CSV, never a 5xx."""

import csv
import io
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import ToolIndexPage, ToolPage
from tests.helpers import tags
from tests.tools.vectors import VECTORS

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


# The debt payoff planner and the budget planner.

PAYOFF_VECTORS = {vector["id"]: vector for vector in VECTORS if vector["tool"] == "payoff"}
PLANNED = [vector_id for vector_id, vector in PAYOFF_VECTORS.items() if vector["expect"]["status"] == 200]


def payoff_query(vector_id, **changes):
    """A reference vector's request as the planner's query string: the yearly rate as a percentage."""
    request = PAYOFF_VECTORS[vector_id]["request"]
    query = {"budget": request["monthly_budget"], "strategy": request["strategy"]}
    for number, debt in enumerate(request["debts"], start=1):
        query[f"debt{number}_name"] = debt["name"]
        query[f"debt{number}_balance"] = debt["balance"]
        query[f"debt{number}_rate"] = str(Decimal(debt["annual_rate"]) * 100)
        query[f"debt{number}_minimum"] = debt["min_payment"]
    return {**query, **changes}


def main_figure(html):
    return re.search(r'figure--main">\s*<dt>[^<]*</dt>\s*<dd>([^<]*)</dd>', html).group(1)


def field_errors(html, field):
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize("vector_id", PLANNED)
def test_payoff_plan_matches_the_reference_vectors(client, vector_id):
    expected = PAYOFF_VECTORS[vector_id]["expect"]["body"]
    html = client.get(tool_page("payoff").url, payoff_query(vector_id)).content.decode()
    assert main_figure(html) == f"{expected['months']} 个月"
    assert f"一共要付 {expected['total_interest']} 元利息" in html
    order = {name: place for place, name in enumerate(expected["payoff_order"])}
    for debt in sorted(expected["debts"], key=lambda debt: order[debt["name"]]):
        line = f"{debt['name']}：第 {debt['paid_off_month']} 个月还清，共付利息 {debt['interest_paid']} 元。"
        assert line in html
    # The steps are listed in the order the debts are cleared.
    positions = [html.index(f"<li>{name}：") for name in expected["payoff_order"]]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("language", "costs_more", "saves"),
    [
        ("zh-hans", "要多付 {} 元利息", "可以少付 {} 元利息"),
        ("en", "would cost you {} yuan more in interest", "would save you {} yuan in interest"),
    ],
)
def test_payoff_plan_says_what_the_other_order_would_cost(client, language, costs_more, saves):
    avalanche = PAYOFF_VECTORS["dev-payoff-002"]["expect"]["body"]
    snowball = PAYOFF_VECTORS["dev-payoff-003"]["expect"]["body"]
    difference = Decimal(snowball["total_interest"]) - Decimal(avalanche["total_interest"])
    page = tool_page("payoff", language)
    html = client.get(page.url, payoff_query("dev-payoff-002")).content.decode()
    assert costs_more.format(difference) in html
    html = client.get(page.url, payoff_query("dev-payoff-002", strategy="snowball")).content.decode()
    assert snowball["total_interest"] in html
    assert saves.format(difference) in html


def test_a_shared_plan_without_an_order_uses_the_recommended_one(client):
    query = payoff_query("dev-payoff-002")
    del query["strategy"]
    html = client.get(tool_page("payoff").url, query).content.decode()
    assert re.search(r'<input type="radio" name="strategy" value="avalanche"[^>]* checked', html)
    assert "一共要付 2031.94 元利息" in html


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "少于各笔最低还款之和（每月 900.00 元）"), ("en", "added together (900.00 yuan a month)")],
)
def test_a_budget_below_the_minimums_is_explained_under_it_and_nothing_typed_is_lost(
    client, language, message
):
    page = tool_page("payoff", language)
    response = client.get(page.url, payoff_query("dev-payoff-008"))
    html = response.content.decode()
    assert response.status_code == 200
    assert message in field_errors(html, "budget")
    assert 'value="800.00"' in html and 'value="信用卡"' in html and 'value="12000.00"' in html
    assert "figure--main" not in html


@pytest.mark.parametrize(
    ("language", "message"),
    [("zh-hans", "连欠款每月新增的利息都不够付"), ("en", "does not even cover the interest")],
)
def test_a_budget_that_never_repays_the_debts_is_refused(client, language, message):
    html = client.get(tool_page("payoff", language).url, payoff_query("dev-payoff-009")).content.decode()
    assert message in field_errors(html, "budget")


def test_half_filled_debts_are_errors_on_their_own_fields_and_empty_ones_are_ignored(client):
    query = payoff_query("dev-payoff-001", debt2_name="花呗", debt3_rate="", debt4_balance="   ")
    html = client.get(tool_page("payoff").url, query).content.decode()
    for field in ("debt2_balance", "debt2_rate", "debt2_minimum"):
        assert "如果不需要这笔欠款，请把这一组全部留空" in field_errors(html, field)
    assert not field_errors(html, "debt2_name") and not field_errors(html, "debt3_name")
    assert 'value="花呗"' in html and 'value="car loan"' in html


def test_each_debt_needs_its_own_name_and_at_least_one_debt_is_needed(client):
    page = tool_page("payoff", "en")
    query = payoff_query("dev-payoff-007", debt2_name="信用卡甲")
    assert "Give each debt a different name." in field_errors(
        client.get(page.url, query).content.decode(), "debt2_name"
    )
    html = client.get(page.url, {"budget": "1000"}).content.decode()
    assert "Enter at least one debt" in field_errors(html, "debt1_name")


def test_payoff_plan_downloads_as_csv_that_adds_up(client):
    expected = PAYOFF_VECTORS["dev-payoff-002"]["expect"]["body"]
    query = payoff_query("dev-payoff-002")
    html = client.get(tool_page("payoff").url, query).content.decode()
    assert tags(html, "a", href=f"/csv/payoff/?{urlencode(query)}")
    response = client.get(f"/en/csv/payoff/?{urlencode(query)}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="payoff.csv"'
    header, *rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["Month", "Pay 招行信用卡", "招行信用卡 still owed"]
    assert header[-2:] == ["Interest added", "Total still owed"]
    assert len(rows) == expected["months"] and rows[-1][-1] == "0.00"
    payments = sum(Decimal(row[column]) for row in rows for column in range(1, len(header) - 2, 2))
    assert payments == Decimal(expected["total_paid"])
    assert sum(Decimal(row[-2]) for row in rows) == Decimal(expected["total_interest"])


def test_a_debt_name_never_becomes_a_spreadsheet_formula(client):
    query = payoff_query("dev-payoff-001", debt1_name="=HYPERLINK(1)")
    header = next(csv.reader(io.StringIO(client.get("/en/csv/payoff/", query).content.decode("utf-8-sig"))))
    assert header[2] == "'=HYPERLINK(1) still owed"


def test_payoff_csv_needs_a_valid_plan_and_the_budget_planner_has_none(client):
    assert client.get("/csv/payoff/", payoff_query("dev-payoff-008")).status_code == 400
    assert client.get("/csv/budget/", {"wages": "5000"}).status_code == 404


BUDGET = {
    "wages": "1000",
    "wages_frequency": "weekly",
    "housing": "1500",
    "housing_frequency": "monthly",
    "insurance": "2400",
    "insurance_frequency": "yearly",
}


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "每月还剩 2633.33 元"), ("en", "2633.33 yuan a month is left")],
)
def test_budget_turns_weekly_and_yearly_amounts_into_monthly_ones(client, language, words):
    html = client.get(tool_page("budget", language).url, BUDGET).content.decode()
    assert main_figure(html) == "2633.33"  # 1000 × 52 ÷ 12 = 4333.33, less 1500 and 2400 ÷ 12 = 200
    assert words in html
    assert "<td>4333.33</td>" in html and "<td>200.00</td>" in html
    assert "88.24%" in html and "11.76%" in html  # 1500 and 200 of 1700
    assert tags(html, "svg", role="img") and len(tags(html, "rect", **{"class": "chart__bar"})) == 2


@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "每月比收入多 700.00 元"), ("en", "700.00 yuan a month more than your income")],
)
def test_budget_names_a_shortfall_in_words(client, language, words):
    query = {"wages": "3000", "housing": "2500", "food": "1200"}
    html = client.get(tool_page("budget", language).url, query).content.decode()
    assert main_figure(html) == "700.00"
    assert words in html


@pytest.mark.parametrize(
    ("language", "negative", "nothing"),
    [
        ("zh-hans", "确保该值大于或等于0", "请至少填写一项收入或支出金额"),
        ("en", "greater than or equal to 0", "Enter at least one amount of income or spending."),
    ],
)
def test_budget_input_errors_are_explained_and_kept(client, language, negative, nothing):
    page = tool_page("budget", language)
    query = {"wages": "5000", "food": "-300", "transport": "两百", "parents_frequency": "daily"}
    response = client.get(page.url, query)
    html = response.content.decode()
    assert response.status_code == 200
    assert negative in field_errors(html, "food")
    assert field_errors(html, "transport") and field_errors(html, "parents_frequency")
    assert 'value="-300"' in html and 'value="两百"' in html and 'value="5000"' in html
    assert nothing in client.get(page.url, {"wages_frequency": "weekly"}).content.decode()


payoff_fields = ["budget", "strategy"] + [
    f"debt{number}_{part}" for number in (1, 2, 5) for part in ("name", "balance", "rate", "minimum")
]
budget_fields = ["wages", "wages_frequency", "food", "food_frequency", "insurance", "insurance_frequency"]
frequencies = st.sampled_from(
    ["weekly", "fortnightly", "monthly", "quarterly", "yearly", "avalanche", "snowball"]
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    tool=st.sampled_from(["payoff", "budget"]),
    query=st.dictionaries(
        st.sampled_from([*payoff_fields, *budget_fields, "x"]),
        st.one_of(query_values, frequencies),
        max_size=10,
    ),
)
def test_any_planner_query_string_gets_a_page_not_a_server_error(client, tool, query):
    page = tool_page(tool)
    assert client.get(page.url, query).status_code == 200
    assert client.get(f"/csv/{tool}/", query).status_code in (200, 400, 404)
