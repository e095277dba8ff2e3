"""The demo site: both languages, enough substantial articles, groups, workflow examples, idempotence."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, Revision, WorkflowState

from content.models import ArticlePage, TopicIndexPage
from tests.helpers import DEMO_PASSWORD, article

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_at_least_twelve_articles_in_each_language_across_five_topics():
    zh = ArticlePage.objects.live().filter(locale__language_code="zh-hans")
    en = ArticlePage.objects.live().filter(locale__language_code="en")
    assert zh.count() >= 12 and en.count() == zh.count()
    assert TopicIndexPage.objects.live().filter(locale__language_code="zh-hans").count() == 5
    assert all(page.get_translation_or_none(en.first().locale) for page in zh)


def test_every_chinese_article_has_at_least_600_chinese_characters():
    for page in ArticlePage.objects.filter(locale__language_code="zh-hans"):
        assert len(CJK.findall(page.plain_text())) >= 600, page.slug


def test_groups_exist_and_editors_cannot_publish():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    assert Group.objects.filter(name="Negotiation team").exists()
    root = Page.get_first_root_node()
    assert not editors.page_permissions.filter(page=root, permission__codename="publish_page").exists()
    assert moderators.page_permissions.filter(page=root, permission__codename="publish_page").exists()


def test_demo_accounts_can_log_in(client):
    for email in ("editor@example.com", "moderator@example.com", "borrower@example.com", "admin@example.com"):
        assert client.login(username=email, password=DEMO_PASSWORD), email


def test_the_demo_shows_a_revision_in_moderation_and_a_scheduled_one():
    in_moderation = article("emergency-fund")
    assert WorkflowState.objects.filter(
        base_content_type__model="page",
        object_id=str(in_moderation.pk),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists()
    scheduled = article("build-a-monthly-budget")
    assert Revision.page_revisions.filter(
        object_id=str(scheduled.pk), approved_go_live_at__isnull=False
    ).exists()
    assert scheduled.live


def test_loading_again_changes_nothing():
    before = ArticlePage.objects.count(), Revision.objects.count()
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    assert (ArticlePage.objects.count(), Revision.objects.count()) == before
    assert "0 created in this run" in out.getvalue()
