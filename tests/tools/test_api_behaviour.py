"""How the calculators' API answers a client: methods, bad bodies, rate limits, and the headline example."""

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

APR_URL = "/api/tools/apr/"


def post_json(client, url, payload):
    body = payload if isinstance(payload, str) else json.dumps(payload)
    return client.post(url, data=body, content_type="application/json")


def test_borrow_10000_receive_9000_repay_1000_for_12_months_costs_about_57_percent(client):
    response = post_json(
        client, APR_URL, {"principal": "10000", "upfront_fee": "1000", "payments": ["1000"] * 12}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["amount_received"] == "9000.00"
    assert body["total_cost"] == "3000.00"
    assert body["apr_nominal"].startswith("0.5675")
    assert body["apr_effective"].startswith("0.741")


def test_amounts_come_back_as_strings_with_fixed_decimals(client):
    body = post_json(
        client,
        "/api/tools/loan-schedule/",
        {"principal": 12000, "annual_rate": 0.12, "months": 12, "method": "equal_principal"},
    ).json()
    assert body["first_payment"] == "1120.00"
    assert all(isinstance(row["balance"], str) for row in body["schedule"])
    assert body["schedule"][-1]["balance"] == "0.00"


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[1, 2, 3]",
        '"a string"',
        '{"principal": NaN, "payments": [1]}',
        '{"principal": Infinity, "payments": [1]}',
        "[" * 100_000,
        "",
        "\udcff",
    ],
    ids=["text", "list", "string", "nan", "infinity", "deep nesting", "empty", "bad unicode"],
)
def test_a_body_that_is_not_a_json_object_is_400_with_the_errors_envelope(client, raw):
    response = client.post(
        APR_URL, data=raw.encode("utf-8", "surrogatepass"), content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]


def test_numbers_too_large_to_be_a_float_are_refused_under_their_field(client):
    response = post_json(client, APR_URL, '{"principal": 1e400, "payments": [1000]}')
    assert response.status_code == 400
    assert "principal" in response.json()["errors"]


def test_get_is_405_and_names_post(client):
    response = client.get(APR_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["errors"]


def test_an_unknown_tool_is_404(client):
    response = post_json(client, "/api/tools/lottery/", {})
    assert response.status_code == 404
    assert response.json()["errors"]


def test_the_api_needs_no_csrf_token_and_sets_no_cookie():
    client = Client(enforce_csrf_checks=True)
    response = post_json(client, APR_URL, {"principal": "1000", "payments": ["1100"]})
    assert response.status_code == 200
    assert not response.cookies
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_each_client_is_rate_limited_per_minute(client, settings):
    settings.TOOLS_API_REQUESTS_PER_MINUTE = 3
    statuses = [
        post_json(client, APR_URL, {"principal": "1000", "payments": ["1100"]}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert post_json(other, APR_URL, {"principal": "1000", "payments": ["1100"]}).status_code == 200


@pytest.mark.parametrize(("prefix", "language_word"), [("zh-hans", "金额"), ("en", "amount")])
def test_error_messages_follow_the_accept_language_header(client, prefix, language_word):
    response = client.post(
        APR_URL,
        data=json.dumps({"principal": "abc", "payments": ["1"]}),
        content_type="application/json",
        headers={"Accept-Language": prefix},
    )
    assert language_word in " ".join(response.json()["errors"]["principal"]).lower()


def test_budget_normalises_frequencies_to_a_month(client):
    body = post_json(
        client,
        "/api/tools/budget/",
        {
            "lines": [
                {"category": "工资", "amount": "12000", "frequency": "monthly", "kind": "income"},
                {"category": "房租", "amount": "3000", "frequency": "monthly", "kind": "expense"},
                {"category": "保险", "amount": "2400", "frequency": "yearly", "kind": "expense"},
                {"category": "买菜", "amount": "300", "frequency": "weekly", "kind": "expense"},
            ]
        },
    ).json()
    assert body["expense_by_category"] == {"房租": "3000.00", "保险": "200.00", "买菜": "1300.00"}
    assert body["income_total"] == "12000.00" and body["balance"] == "7500.00"
