"""The self-assessment wizard without JavaScript: a 个体工商户 whose income halved, with 网商贷 and a credit
card, goes through every step, back and forward, and sees figures that agree with the affordability API."""

import json
from decimal import Decimal

import pytest

from portal.assessment.models import Assessment

pytestmark = pytest.mark.django_db

SITUATION = {
    "reasons": ["business_downturn"],
    "since": "2026-06-01",
    "duration": "6_to_12",
    "household": "3",
    "dependants": "1",
}
INCOME = {
    "wages_amount": "", "wages_frequency": "monthly",
    "business_total": "15000", "business_months": "3",
    "benefits_amount": "", "benefits_frequency": "monthly",
    "other_amount": "500", "other_frequency": "weekly",
    "income_before": "15000",
}  # fmt: skip
SPENDING = {"housing": "1800", "utilities": "300", "food": "1500", "transport": "200", "children": "800"}
DEBTS = [
    {"lender": "mybank", "name": "", "balance": "50000", "annual_rate": "14.6", "monthly_payment": "4500",
     "days_overdue": "0"},
    {"lender": "credit_card", "name": "招商银行信用卡", "balance": "30000", "annual_rate": "18",
     "monthly_payment": "3000", "days_overdue": "12"},
]  # fmt: skip


def debt_post(rows, **extra):
    data = {
        "debts-TOTAL_FORMS": str(len(rows)),
        "debts-INITIAL_FORMS": "0",
        "debts-MIN_NUM_FORMS": "1",
        "debts-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        data.update({f"debts-{i}-{key}": value for key, value in row.items()})
    return {**data, **extra}


def walk(client, stop=None):
    client.post("/assessment/")
    for slug, data in (
        ("situation", SITUATION),
        ("income", INCOME),
        ("spending", SPENDING),
        ("debts", debt_post(DEBTS)),
    ):
        if slug == stop:
            return
        response = client.post(f"/assessment/step/{slug}/", {**data, "go": "next"})
        assert response.status_code == 302, response.content.decode()[:3000]


def test_the_whole_wizard_in_one_sitting(client):
    assert client.get("/assessment/").status_code == 200
    walk(client)
    draft = Assessment.objects.get()
    assert draft.user is None and set(draft.answers) >= {"situation", "income", "spending", "debts"}
    review = client.get("/assessment/review/").content.decode()
    assert "招商银行信用卡" in review and "15000" in review
    results = client.get("/assessment/results/").content.decode()
    # Income: business 15000 / 3 = 5000.00, other 500 weekly = 2166.67 → 7166.67; spending 4600.00.
    assert "7166.67" in results and "4600.00" in results and "2566.67" in results
    letters = client.get("/assessment/letter/").content.decode()
    assert "致招商银行信用卡" in letters and "2566.67" in letters


def test_results_agree_to_the_cent_with_the_affordability_api(client):
    walk(client)
    html = client.get("/assessment/results/").content.decode()
    body = {
        "monthly_income": "7166.67",
        "expenses": SPENDING,
        "debts": [
            {
                "creditor": d["name"] or d["lender"],
                "balance": d["balance"],
                "monthly_payment": d["monthly_payment"],
            }
            for d in DEBTS
        ],
        "offer": "2566.67",
    }
    api = client.post("/api/tools/affordability/", json.dumps(body), content_type="application/json").json()
    assert api["disposable_income"] == "2566.67"
    for allocation in api["allocations"]:
        assert allocation["amount"] in html
    assert sum(Decimal(a["amount"]) for a in api["allocations"]) == Decimal("2566.67")


def test_back_keeps_what_was_typed_even_with_errors(client):
    walk(client, stop="spending")
    response = client.post(
        "/assessment/step/spending/", {"housing": "abc", "food": "1,500.555", "go": "back"}
    )
    assert response.status_code == 302 and response["Location"].endswith("/assessment/step/income/")
    again = client.get("/assessment/step/spending/").content.decode()
    assert 'value="abc"' in again and "1,500.555" in again


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-5", "不能为负数"),
        ("12.345", "最多两位小数"),
        ("12a", "请用数字输入金额"),
        ("999999999999", "金额太大"),
    ],
)
def test_bad_amounts_are_named_and_kept(client, value, message):
    walk(client, stop="spending")
    response = client.post("/assessment/step/spending/", {"food": value, "go": "next"})
    html = response.content.decode()
    assert response.status_code == 400 and message in html and f'value="{value}"' in html


def test_full_width_digits_and_yuan_signs_are_understood(client):
    walk(client, stop="spending")
    client.post("/assessment/step/spending/", {"food": "１，５００元", "housing": "¥1800", "go": "next"})
    assert Assessment.objects.get().answers["spending"]["food"] == "1500"


def test_a_debt_needs_a_lender(client):
    walk(client, stop="debts")
    rows = [{**DEBTS[0], "lender": ""}]
    response = client.post("/assessment/step/debts/", {**debt_post(rows), "go": "next"})
    assert response.status_code == 400 and "请选择这笔欠款的放款机构" in response.content.decode()


def test_rows_are_added_and_removed_without_javascript(client):
    walk(client, stop="debts")
    added = client.post("/assessment/step/debts/", debt_post(DEBTS[:1], add_debt="1")).content.decode()
    assert 'name="debts-1-balance"' in added and 'value="50000"' in added
    removed = client.post("/assessment/step/debts/", debt_post(DEBTS, remove_debt="0")).content.decode()
    assert 'name="debts-1-balance"' not in removed and "招商银行信用卡" in removed


def test_a_step_out_of_order_goes_back_to_the_first_missing_one(client):
    walk(client, stop="income")
    response = client.post("/assessment/step/debts/", {**debt_post(DEBTS), "go": "next"})
    assert response.status_code == 302 and response["Location"].endswith("/assessment/step/income/")
    assert client.get("/assessment/results/")["Location"].endswith("/assessment/step/income/")


def test_without_a_draft_the_steps_lead_to_the_start(client):
    assert client.get("/assessment/step/income/")["Location"].endswith("/assessment/")


def test_a_draft_is_resumed_with_its_code_in_another_browser(client):
    from django.test import Client

    walk(client, stop="debts")
    code = Assessment.objects.get().display_code
    other = Client()
    response = other.post("/assessment/resume/", {"code": code.lower().replace("-", " ")})
    assert response.status_code == 302 and response["Location"].endswith("/assessment/step/debts/")
    assert other.get("/assessment/step/situation/").status_code == 200


@pytest.mark.parametrize("code", ["ZZZZ-ZZZZ", "", "x" * 40])
def test_an_unknown_code_is_a_clear_404(client, code):
    response = client.post("/assessment/resume/", {"code": code})
    assert response.status_code == 404 and "30 天" in response.content.decode()


def test_an_expired_code_is_refused(client):
    from django.utils import timezone

    walk(client, stop="income")
    draft = Assessment.objects.get()
    Assessment.objects.filter(pk=draft.pk).update(expires_at=timezone.now())
    from django.test import Client

    assert Client().post("/assessment/resume/", {"code": draft.resume_code}).status_code == 404


def test_logging_in_midway_keeps_the_answers(client):
    from tests.helpers import make_user

    walk(client, stop="spending")
    user = make_user()
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-unusual-passphrase"})
    assert Assessment.objects.get().user == user
    assert client.get("/assessment/step/spending/").status_code == 200


def test_the_letters_are_edited_and_downloaded_as_a_pdf_with_the_borrowers_numbers(client):
    import io

    from pypdf import PdfReader

    walk(client)
    page = client.get("/assessment/letter/").content.decode()
    assert 'name="letter-0"' in page and 'name="letter-1"' in page
    client.post(
        "/assessment/letter/", {"letter-0": "致网商贷：我是张三，每月可还1534.38元。", "letter-1": ""}
    )
    response = client.get("/assessment/letter/pdf/")
    assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "我是张三" in text and "1534.38" in text
    assert "致招商银行信用卡" in text and "962.50" in text  # the second letter, as generated


def log_in(client, verified=True):
    from tests.helpers import make_user

    user = make_user(email="borrower2@example.com", verified=verified)
    client.force_login(user)
    return user


def test_submitting_needs_an_account_a_verified_email_and_both_ticks(client):
    from portal.negotiation.models import NegotiationRequest

    walk(client)
    assert "/accounts/login/" in client.get("/assessment/submit/")["Location"]
    user = log_in(client, verified=False)
    from portal.assessment.models import Assessment as Draft

    Draft.objects.update(user=user)
    assert "请先验证" in client.get("/assessment/submit/").content.decode()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).update(verified=True)
    refused = client.post("/assessment/submit/", {"consent": "on"})
    assert refused.status_code == 400 and not NegotiationRequest.objects.exists()
    first = client.post("/assessment/submit/", {"consent": "on", "truthful": "on"})
    second = client.post("/assessment/submit/", {"consent": "on", "truthful": "on"})
    made = NegotiationRequest.objects.get()
    assert first["Location"] == second["Location"] == f"/assessment/submitted/{made.reference}/"
    assert made.borrower == user and made.consent_text and made.consented_at
    assert made.snapshot["figures"]["affordable"] == "2566.67" and "招商银行信用卡" in made.letters[1]
    assert made.display_reference in client.get(first["Location"]).content.decode()
    assert made.display_reference in client.get("/accounts/me/").content.decode()


def test_someone_elses_request_is_a_404(client):
    from django.test import Client

    from portal.negotiation.models import NegotiationRequest

    walk(client)
    user = log_in(client)
    from portal.assessment.models import Assessment as Draft

    Draft.objects.update(user=user)
    client.post("/assessment/submit/", {"consent": "on", "truthful": "on"})
    made = NegotiationRequest.objects.get()
    stranger = Client()
    from tests.helpers import make_user

    stranger.force_login(make_user(email="stranger@example.com"))
    assert stranger.get(f"/assessment/submitted/{made.reference}/").status_code == 404
    assert stranger.post("/assessment/resume/", {"code": made.assessment.resume_code}).status_code == 404


def test_a_nul_character_typed_before_going_back_is_dropped_not_a_500(client):
    walk(client, stop="income")
    response = client.post("/assessment/step/income/", {"wages_amount": "12\x00abc", "go": "back"})
    assert response.status_code == 302
    assert 'value="12abc"' in client.get("/assessment/step/income/").content.decode()
