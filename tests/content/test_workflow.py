"""The editorial workflow through the admin: an editor submits, a moderator approves, readers see it."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.helpers import article, demo_user

pytestmark = pytest.mark.django_db


def edit_form(page, title, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "summary": page.summary,
            "last_reviewed": datetime.date(2026, 11, 28).isoformat(),
            "tags": "年化利率",
            "body": streamfield([("paragraph", rich_text("<p>修订后的正文。</p>"))]),
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_editor_submits_moderator_approves_and_the_change_goes_live(client):
    page = article("repayment-methods")
    new_title = "三种还款方式怎么选（修订）"

    client.force_login(demo_user("editor@example.com"))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form(page, new_title, "action-submit")
    )
    assert response.status_code == 302
    page.refresh_from_db()
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    client.logout()
    assert new_title not in client.get(page.url).content.decode()  # readers still see the live version

    client.force_login(demo_user("moderator@example.com"))
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "好的"},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED

    page.refresh_from_db()
    assert page.live and page.title == new_title
    client.logout()
    assert new_title in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("email", "may_publish"), [("editor@example.com", False), ("moderator@example.com", True)]
)
def test_only_moderators_publish_directly(client, email, may_publish):
    page = article("repayment-methods")
    client.force_login(demo_user(email))
    client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        edit_form(page, "直接发布的标题", "action-publish"),
    )
    page.refresh_from_db()
    assert (page.title == "直接发布的标题") is may_publish
