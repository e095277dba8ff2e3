"""The money behind the results: income normalised to a month, what is affordable and its fair split, the
risk band (at risk before anything is overdue), and which published options the answers meet."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.assessment.calculation import AT_RISK, BEHIND, MANAGEABLE, STRETCHED, results
from portal.assessment.models import NegotiationOption
from portal.assessment.options import meets


def answers(income=None, spending=None, debts=None, reasons=("income_cut",)):
    return {
        "situation": {"reasons": list(reasons), "household": 2, "dependants": 0},
        "income": income or {"wages_amount": "8000", "wages_frequency": "monthly", "income_before": "12000"},
        "spending": spending or {"housing": "2000", "food": "1500"},
        "debts": debts
        or [
            {"lender": "mybank", "balance": "30000", "monthly_payment": "3000", "days_overdue": 0},
            {"lender": "credit_card", "balance": "10000", "monthly_payment": "1000", "days_overdue": 0},
        ],
    }


def test_income_of_every_frequency_becomes_a_month():
    figures = results(
        answers(
            income={
                "wages_amount": "1000", "wages_frequency": "weekly",
                "business_total": "9000", "business_months": "6",
                "benefits_amount": "1200", "benefits_frequency": "yearly",
            }
        )
    )  # fmt: skip
    assert figures.income_by_source == {
        "wages": Decimal("4333.33"),
        "benefits": Decimal("100.00"),
        "business": Decimal("1500.00"),
    }
    assert figures.monthly_income == Decimal("5933.33")


def test_affordable_amount_is_what_is_left_split_by_balance():
    figures = results(answers())
    assert figures.disposable_income == Decimal("4500.00")
    assert figures.affordable == Decimal("4000.00")  # never more than the payments need
    assert [debt.share for debt in figures.debts] == [Decimal("3000.00"), Decimal("1000.00")]
    assert figures.months_to_clear == 10 and figures.income_drop_percent == 33


def test_risk_bands():
    assert results(answers()).risk == STRETCHED  # 4000 / 8000 = 50%: not above half
    tight = answers(income={"wages_amount": "7000", "wages_frequency": "monthly"})
    assert results(tight).risk == AT_RISK  # nothing overdue, yet payments take more than half
    easy = answers(income={"wages_amount": "20000", "wages_frequency": "monthly"})
    assert results(easy).risk == MANAGEABLE
    late = answers()
    late["debts"][1]["days_overdue"] = 3
    assert results(late).risk == BEHIND


def test_no_income_at_all_is_at_risk_with_nothing_affordable():
    figures = results(answers(income={"wages_amount": "", "wages_frequency": "monthly"}))
    assert figures.affordable == 0 and figures.months_to_clear is None and figures.risk == AT_RISK


money = st.decimals(min_value=0, max_value=10**6, places=2)


@settings(max_examples=300, deadline=None)
@given(income=money, spend=money, balances=st.lists(st.tuples(money, money), min_size=1, max_size=6))
def test_shares_always_add_up_to_the_affordable_amount(income, spend, balances):
    debts = [
        {"lender": "other", "balance": str(balance + Decimal("0.01")), "monthly_payment": str(payment)}
        for balance, payment in balances
    ]
    figures = results(
        answers(
            income={"wages_amount": str(income), "wages_frequency": "monthly"},
            spending={"food": str(spend)},
            debts=debts,
        )
    )
    assert 0 <= figures.affordable <= figures.total_payments
    assert sum(debt.share for debt in figures.debts) == (
        figures.affordable if figures.monthly_income > 0 else 0
    )
    assert all(debt.share >= 0 for debt in figures.debts)


def option(**rules):
    return NegotiationOption(title="x", summary="y", **rules)


def test_options_are_met_by_income_drop_reasons_lenders_and_arrears():
    base = answers()
    figures = results(base)  # income fell 33%
    assert meets(option(), base, figures)
    assert meets(option(min_income_drop=30), base, figures)
    assert not meets(option(min_income_drop=40), base, figures)
    assert not meets(option(reasons=["illness"]), base, figures)
    assert meets(option(reasons=["illness", "income_cut"]), base, figures)
    assert meets(option(lenders=["credit_card"]), base, figures)
    assert not meets(option(lenders=["weilidai"]), base, figures)
    assert not meets(option(needs_arrears=True), base, figures)
    no_before = answers(income={"wages_amount": "8000", "wages_frequency": "monthly"})
    assert not meets(option(min_income_drop=10), no_before, results(no_before))


@pytest.mark.django_db
def test_spending_far_from_the_usual_range_gets_a_gentle_note(client):
    from tests.assessment.test_wizard import walk

    walk(client, stop="spending")
    checking = client.post("/assessment/step/spending/", {"food": "20000", "housing": "1500", "go": "next"})
    html = checking.content.decode()
    assert checking.status_code == 200 and "wizard-note" in html and 'name="checked"' in html
    assert html.count("wizard-note") == 1  # housing 1500 is usual for three people
    confirmed = client.post(
        "/assessment/step/spending/", {"food": "20000", "housing": "1500", "checked": "y"}
    )
    assert confirmed.status_code == 302 and confirmed["Location"].endswith("/assessment/step/debts/")
    usual = client.post("/assessment/step/spending/", {"food": "1500", "go": "next"})
    assert usual.status_code == 302
