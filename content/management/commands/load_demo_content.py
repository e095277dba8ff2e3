"""Build the demo site: both languages' page trees, the editorial groups and workflow, and demo accounts.

Idempotent: what exists is left as it is (an editor's changes survive), what is missing is created.
"""

import json
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from content.faq_import import import_faq, set_related_answers
from content.models import (
    ArticlePage,
    ArticleRelatedPage,
    HomePage,
    RateWarning,
    ToolIndexPage,
    ToolPage,
    TopicIndexPage,
)
from portal.assessment.demo_loader import ensure_demo_policy
from quizzes.demo_loader import ensure_demo_quizzes

SILENT_MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEFAULT_LANGUAGE = "zh-hans"
OTHER_LANGUAGES = ["en"]
DATA_LANGUAGE_KEYS = {"zh-hans": "zh", "en": "en"}

DEMO_PASSWORD = "portal-demo-2026"
DEMO_ACCOUNTS = [
    # (email, display name, groups, is_superuser)
    ("admin@example.com", "Admin", [], True),
    ("editor@example.com", "Editor", ["Editors"], False),
    ("moderator@example.com", "Moderator", ["Moderators"], False),
    ("negotiator@example.com", "Negotiator", ["Negotiation team"], False),
    ("borrower@example.com", "Borrower", [], False),
]

GROUP_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
ADMIN_GROUPS = ["Editors", "Moderators", "Negotiation team"]
WORKFLOW_NAME = "Moderators approval"

# Shown in the admin as examples of the workflow: one revision waits for a moderator, one is scheduled.
ARTICLE_IN_MODERATION = "emergency-fund"
ARTICLE_WITH_SCHEDULED_REVISION = "build-a-monthly-budget"

# A few demo answers point to related ones (up to three, same language), so the answer pages show them.
FAQ_RELATED = {
    "zh-hans": {
        "demo-faq-a01": ["demo-faq-a04", "demo-faq-a07", "demo-faq-b13"],
        "demo-faq-a02": ["demo-faq-c17", "demo-faq-c18", "demo-faq-c20"],
        "demo-faq-a04": ["demo-faq-a09", "demo-faq-a05", "demo-faq-c21"],
        "demo-faq-a06": ["demo-faq-c01", "demo-faq-c02", "demo-faq-a21"],
        "demo-faq-a20": ["demo-faq-b01", "demo-faq-b02", "demo-faq-b05"],
        "demo-faq-b17": ["demo-faq-b18", "demo-faq-b19", "demo-faq-c09"],
        "demo-faq-b09": ["demo-faq-b10", "demo-faq-a17", "demo-faq-c09"],
    },
    "en": {
        "demo-faq-a08": ["demo-faq-c22", "demo-faq-a13"],
        "demo-faq-b22": ["demo-faq-c16", "demo-faq-a22"],
    },
}


class Command(BaseCommand):
    help = "Create the demo site (pages in zh-hans and en, groups, workflow, demo accounts) if missing."

    def handle(self, *args, **options):
        site_data = json.loads((DEMO_DIR / "site.json").read_text(encoding="utf-8"))
        articles = [
            json.loads(path.read_text(encoding="utf-8"))
            for path in sorted((DEMO_DIR / "articles").glob("*.json"))
        ]
        # The workflow example would email moderators; loading demo data should send nobody mail.
        with transaction.atomic(), override_settings(MAILERS=SILENT_MAILERS):
            locales = self.ensure_locales()
            groups = self.ensure_groups()
            users = self.ensure_accounts(groups)
            editor, moderator = users.get("editor@example.com"), users.get("moderator@example.com")
            homes = self.ensure_homes(site_data["home"], locales, moderator)
            self.ensure_workflow(groups["Moderators"])
            topics = self.ensure_topics(site_data["topics"], homes, locales, moderator)
            self.ensure_tools(site_data, homes, locales, moderator)
            self.ensure_faq()
            created = self.ensure_articles(articles, topics, locales, editor, moderator)
            ensure_demo_quizzes(homes, locales, moderator, DEFAULT_LANGUAGE)
            ensure_demo_policy(locales, DEFAULT_LANGUAGE)
            if created:
                self.link_related(articles, locales)
                self.show_workflow_examples(created, editor, moderator)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {ArticlePage.objects.count()} article pages, "
                f"{len(created)} created in this run."
            )
        )

    # Locales, groups and accounts

    def ensure_locales(self):
        return {
            code: Locale.objects.get_or_create(language_code=code)[0]
            for code in [DEFAULT_LANGUAGE, *OTHER_LANGUAGES]
        }

    def ensure_groups(self):
        root = Page.get_first_root_node()
        access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        groups = {}
        for name in ADMIN_GROUPS:
            group, _ = Group.objects.get_or_create(name=name)
            group.permissions.add(access_admin)
            groups[name] = group
        for name, codenames in GROUP_PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page=root,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )
        # Editors and moderators read the reports: what readers search for and do not find, and which quiz
        # questions they get wrong.
        reports = Permission.objects.filter(
            Q(content_type__app_label="search", codename="view_querylogentry")
            | Q(content_type__app_label="quizzes", codename="view_attempt")
        )
        for name in ("Editors", "Moderators"):
            groups[name].permissions.add(*reports)
        # The negotiation team works its queue (and nobody else sees it).
        groups["Negotiation team"].permissions.add(
            *Permission.objects.filter(
                content_type__app_label="negotiation",
                codename__in=["view_negotiationrequest", "change_negotiationrequest"],
            )
        )
        return groups

    def ensure_accounts(self, groups):
        User = get_user_model()
        users = {}
        if not settings.DEMO_ACCOUNTS_ALLOWED:
            self.stdout.write("Demo accounts are switched off in these settings; none created.")
            return users
        for email, name, group_names, is_superuser in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=DEMO_PASSWORD,
                    display_name=name,
                    is_superuser=is_superuser,
                    is_staff=is_superuser,
                )
                user.groups.set(groups[group] for group in group_names)
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            users[email] = user
        return users

    # Pages

    def ensure_homes(self, home_data, locales, publisher):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=locales[DEFAULT_LANGUAGE], depth=2).first()
        if home is None:
            # Wagtail's migrations leave a "Welcome" page where the home page belongs.
            Page.objects.filter(depth=2, content_type__model="page").delete()
            home = self.add_page(
                root, HomePage, locales[DEFAULT_LANGUAGE], None, "home", home_data, publisher
            )
            base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": base_url.hostname,
                    "port": base_url.port or (443 if base_url.scheme == "https" else 80),
                    "root_page": home,
                    "site_name": "协商还款助手",
                },
            )
        homes = {DEFAULT_LANGUAGE: home}
        for code in OTHER_LANGUAGES:
            homes[code] = home.get_translation_or_none(locales[code]) or self.add_page(
                root, HomePage, locales[code], home, f"home-{code}", home_data, publisher
            )
        return homes

    def ensure_topics(self, topics_data, homes, locales, publisher):
        topics = {}
        for topic_data in topics_data:
            slug = topic_data["slug"]
            original = self.find_child(homes[DEFAULT_LANGUAGE], TopicIndexPage, slug)
            original = original or self.add_page(
                homes[DEFAULT_LANGUAGE],
                TopicIndexPage,
                locales[DEFAULT_LANGUAGE],
                None,
                slug,
                topic_data,
                publisher,
            )
            topics[(slug, DEFAULT_LANGUAGE)] = original
            for code in OTHER_LANGUAGES:
                topics[(slug, code)] = original.get_translation_or_none(locales[code]) or self.add_page(
                    homes[code], TopicIndexPage, locales[code], original, slug, topic_data, publisher
                )
        return topics

    def ensure_tools(self, site_data, homes, locales, publisher):
        index_data = site_data["tool_index"]
        index = self.find_child(homes[DEFAULT_LANGUAGE], ToolIndexPage, index_data["slug"]) or self.add_page(
            homes[DEFAULT_LANGUAGE],
            ToolIndexPage,
            locales[DEFAULT_LANGUAGE],
            None,
            index_data["slug"],
            index_data,
            publisher,
        )
        indexes = {DEFAULT_LANGUAGE: index}
        for code in OTHER_LANGUAGES:
            indexes[code] = index.get_translation_or_none(locales[code]) or self.add_page(
                homes[code], ToolIndexPage, locales[code], index, index_data["slug"], index_data, publisher
            )
        for tool_data in site_data["tool_pages"]:
            original = self.find_child(index, ToolPage, tool_data["slug"])
            for code in [DEFAULT_LANGUAGE, *OTHER_LANGUAGES]:
                existing = original if code == DEFAULT_LANGUAGE else None
                if original is not None and code != DEFAULT_LANGUAGE:
                    existing = original.get_translation_or_none(locales[code])
                if existing is None:
                    page = self.add_page(
                        indexes[code],
                        ToolPage,
                        locales[code],
                        original,
                        tool_data["slug"],
                        tool_data,
                        publisher,
                        tool=tool_data["tool"],
                    )
                    original = original or page
        for warning in site_data["rate_warnings"]:
            original = None
            for code in [DEFAULT_LANGUAGE, *OTHER_LANGUAGES]:
                text = warning[DATA_LANGUAGE_KEYS[code]]
                found = RateWarning.objects.filter(
                    locale=locales[code], threshold=warning["threshold"]
                ).first()
                if found is None:
                    found = RateWarning.objects.create(
                        locale=locales[code],
                        threshold=warning["threshold"],
                        title=text["title"],
                        explanation=text["explanation"],
                        translation_key=original.translation_key if original else uuid.uuid4(),
                    )
                original = original or found

    def ensure_faq(self):
        """The FAQ index in each language and the demo answers that are missing (existing ones are kept)."""
        for path in sorted((DEMO_DIR / "faq").glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                stats = import_faq(lines, only_new=True)
            if stats.errors:
                raise CommandError(f"{path.name}, {stats.errors[0]}")
        for language, related in FAQ_RELATED.items():
            set_related_answers(language, related)

    def ensure_articles(self, articles, topics, locales, author, publisher):
        created = {}
        today = timezone.now()
        for index, article in enumerate(articles):
            slug = article["slug"]
            parent = topics[(article["topic"], DEFAULT_LANGUAGE)]
            original = self.find_child(parent, ArticlePage, slug)
            # Spread first-publication dates so listings have a stable, plausible order.
            published_at = today - timedelta(days=3 * (len(articles) - index))
            if original is None:
                original = self.add_article(
                    parent, locales[DEFAULT_LANGUAGE], None, article, author, publisher, published_at
                )
                created[(slug, DEFAULT_LANGUAGE)] = original
            for code in OTHER_LANGUAGES:
                if original.get_translation_or_none(locales[code]) is None:
                    created[(slug, code)] = self.add_article(
                        topics[(article["topic"], code)],
                        locales[code],
                        original,
                        article,
                        author,
                        publisher,
                        published_at,
                    )
        return created

    def add_article(self, parent, locale, original, article, author, publisher, published_at):
        text = article[DATA_LANGUAGE_KEYS[locale.language_code]]
        body = list(text["body"])
        if article.get("tools"):
            body.append({"type": "related_tools", "value": {"heading": "", "tools": article["tools"]}})
        page = ArticlePage(
            title=text["title"],
            slug=article["slug"],
            locale=locale,
            summary=text["summary"],
            body=json.dumps(body, ensure_ascii=False),
            last_reviewed=date.fromisoformat(article["last_reviewed"]),
            first_published_at=published_at,
            live=False,
        )
        if original is not None:
            page.translation_key = original.translation_key
        page.tags.add(*text.get("tags", []))
        parent.add_child(instance=page)
        page.save_revision(user=author).publish(user=publisher)
        page.refresh_from_db()  # publishing worked on a copy made from the revision
        return page

    def add_page(self, parent, page_class, locale, original, slug, data, publisher, **fields):
        text = data[DATA_LANGUAGE_KEYS[locale.language_code]]
        page = page_class(
            title=text["title"],
            slug=slug,
            locale=locale,
            intro=text.get("intro", ""),
            live=False,
            show_in_menus=page_class in (TopicIndexPage, ToolIndexPage),
            **fields,
        )
        if original is not None:
            page.translation_key = original.translation_key
        parent.add_child(instance=page)
        page.save_revision(user=publisher).publish(user=publisher)
        page.refresh_from_db()
        return page

    def find_child(self, parent, page_class, slug):
        return page_class.objects.child_of(parent).filter(slug=slug).first()

    def link_related(self, articles, locales):
        for article in articles:
            for locale in locales.values():
                page = ArticlePage.objects.filter(locale=locale, slug=article["slug"]).first()
                if page is None or page.related_links.exists():
                    continue
                page.related_links = [
                    ArticleRelatedPage(page=related, sort_order=order)
                    for order, related in enumerate(
                        ArticlePage.objects.filter(locale=locale, slug=slug).first()
                        for slug in article.get("related", [])
                    )
                    if related is not None
                ]
                # Publishing a revision keeps the links when an editor later edits the page.
                page.save_revision(log_action=False).publish(log_action=False)

    # Workflow examples

    def ensure_workflow(self, moderators):
        root = Page.get_first_root_node()
        if root.get_workflow() is not None:
            return
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        task, _ = GroupApprovalTask.objects.get_or_create(name=WORKFLOW_NAME)
        task.groups.add(moderators)
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    def show_workflow_examples(self, created, editor, moderator):
        pending = created.get((ARTICLE_IN_MODERATION, DEFAULT_LANGUAGE))
        if pending is not None and editor is not None:
            pending.summary = pending.summary + "（修订稿：补充了小额储蓄的例子。）"
            pending.save_revision(user=editor)
            pending.get_workflow().start(pending, editor)

        scheduled = created.get((ARTICLE_WITH_SCHEDULED_REVISION, DEFAULT_LANGUAGE))
        if scheduled is not None:
            scheduled.last_reviewed = timezone.localdate() + timedelta(days=30)
            scheduled.go_live_at = timezone.now() + timedelta(days=30)
            scheduled.save_revision(user=moderator).publish(user=moderator)
