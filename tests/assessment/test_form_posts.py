"""Whatever is posted to a step (letters in amounts, huge numbers, three decimals, missing fields, tampered
formset counts, a step out of order), the wizard answers with a page or a redirect, never a 500, and a draft
only ever holds valid answers."""

from decimal import Decimal

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.assessment.calculation import results
from portal.assessment.models import Assessment
from tests.assessment.test_wizard import walk

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.one_of(
    st.sampled_from(
        ["", "0", "-1", "12.345", "1e9", "１２３", "¥1,200", "99999999999", "NaN", "abc", "3", "12"]
    ),
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=3).map(str),
    st.text(max_size=15),
)
FIELDS = {
    "situation": ["reasons", "since", "duration", "household", "dependants"],
    "income": [
        "wages_amount", "wages_frequency", "business_total", "business_months", "other_amount",
        "income_before",
    ],
    "spending": ["housing", "food", "medical", "other"],
    "debts": [
        "debts-TOTAL_FORMS", "debts-INITIAL_FORMS", "debts-0-lender", "debts-0-balance",
        "debts-0-monthly_payment", "debts-0-annual_rate", "debts-0-days_overdue", "debts-1-balance",
        "remove_debt", "add_debt",
    ],
}  # fmt: skip


@EXAMPLES
@given(slug=st.sampled_from(list(FIELDS)), data=st.data(), go=st.sampled_from(["next", "back", ""]))
def test_any_post_to_any_step(slug, data, go):
    client = Client()
    walk(client)
    post = data.draw(st.dictionaries(st.sampled_from(FIELDS[slug]), TEXT, max_size=len(FIELDS[slug])))
    response = client.post(f"/assessment/step/{slug}/", {**post, "go": go})
    assert response.status_code in (200, 302, 400)
    draft = Assessment.objects.order_by("-pk").first()
    figures = results(draft.answers)  # whatever was saved still computes
    assert figures.affordable >= 0 and figures.affordable <= max(figures.total_payments, Decimal(0))
    for path in ("/assessment/review/", "/assessment/results/", "/assessment/letter/"):
        assert client.get(path).status_code in (200, 302)
