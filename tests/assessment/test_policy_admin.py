"""Editors keep the published policy in the admin: an option's rules are ticked, not typed as JSON, and the
wizard and the FAQ use the saved row at once."""

import pytest
from django.test import Client
from wagtail.models import Locale

from portal.assessment.models import NegotiationOption
from tests.helpers import demo_user

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/assessment/negotiationoption/add/"


def test_an_editor_adds_an_option_with_ticked_rules():
    client = Client()
    client.force_login(demo_user("admin@example.com"))
    form = client.get(ADD).content.decode()
    assert 'type="checkbox" name="reasons" value="illness"' in form
    response = client.post(
        ADD,
        {
            "title": "医疗期间减免罚息",
            "summary": "因病无法按时还款时，可以申请减免罚息。",
            "how_to_ask": "",
            "max_months": "6",
            "min_income_drop": "",
            "reasons": ["illness", "disaster"],
            "lenders": [],
            "sort_order": "0",
            "locale": Locale.get_default().pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    option = NegotiationOption.objects.get(title="医疗期间减免罚息")
    assert option.reasons == ["illness", "disaster"] and option.lenders == [] and option.max_months == 6
    assert "医疗期间减免罚息" in client.get("/faq/").content.decode()
