"""Create or update FAQ answers from JSON Lines: one answer per line, matched by (external id, language).

A line looks like {"id": "dev-faq-001", "question": "…", "answer": "…", "category": "negotiation",
"tags": ["…"], "lang": "zh-hans"}, with an optional "short_answer" and "last_reviewed" (YYYY-MM-DD).
Each line is checked and saved in its own transaction, so a bad line is reported and skipped while the
others are imported. A page is published only when something changed, so importing the same file twice
creates no revisions. Publishing is what updates the search index (Wagtail's signal handlers).
"""

import contextlib
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from content.models import HomePage, PolicyAnswerPage, PolicyCategory, PolicyIndexPage, PolicyRelatedAnswer
from content.models.policy import MAX_RELATED_ANSWERS

SHORT_ANSWER_LENGTH = 120
MAX_TAGS = 10
MAX_ANSWER_LENGTH = 20_000
EXTERNAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
CATEGORY_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
# A sentence ends at Chinese 。！？ (and any closing quotes), or at . ! ? followed by a space or the end.
SENTENCE_END = re.compile(r"[。！？]+[”’」』）)]*|[.!?]+[\"'”’)]*(?=\s|$)")
CLAUSE_END = re.compile(r"[，；：,;:]")
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Ids in uuid5 keep the two languages' copies of a category translations of each other across sites.
CATEGORY_NAMESPACE = uuid.UUID("6f1d6a52-54c9-4a4b-9d0e-3c8a2f2b7c11")
# The categories of the issue, in the order the FAQ lists them: slug -> (zh-hans name, en name).
KNOWN_CATEGORIES = {
    "negotiation": ("协商还款", "Negotiating repayment"),
    "credit-report": ("征信", "Credit reports"),
    "collection": ("催收与权益", "Debt collection and your rights"),
    "interest-and-fees": ("利率与费用", "Interest and fees"),
    "budgeting": ("预算", "Budgeting"),
    "scams": ("防骗", "Avoiding scams"),
    "documents": ("材料准备", "Preparing documents"),
    "rights-and-complaints": ("投诉渠道", "Complaint channels"),
    "general": ("其他问题", "Other questions"),
}
# Page text is content, not interface: written here per language rather than through the catalogues.
HOME_TEXT = {"zh-hans": "协商还款助手", "en": "Debt Help Portal"}
INDEX_TEXT = {
    "zh-hans": {
        "title": "常见问题",
        "intro": "<p>借款人最常问的问题，先给简短的回答，再把道理和做法讲清楚。按分类浏览，或直接搜索。</p>",
    },
    "en": {
        "title": "Questions and answers",
        "intro": "<p>The questions borrowers ask most, each with a short answer first and the details "
        "after it. Browse by category or search.</p>",
    },
}
FAQ_SLUG = "faq"
# Search index updates of this many lines are committed together (where the backend can batch writes).
INDEX_BATCH_LINES = 100


class LineError(ValueError):
    """A line that cannot be imported; the message says why, in terms the file's author can act on."""


@dataclass
class ImportStats:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def processed(self):
        return self.created + self.updated + self.unchanged + len(self.errors)

    def summary(self):
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} failed"
        )


def import_faq(lines, *, stdout=None, progress_every=50, only_new=False):
    """Import every line of `lines` (strings); returns the counts and the errors as "line N: why".

    With only_new, answers that already exist are left as they are (the demo loader keeps editors' changes).
    """
    stats = ImportStats()
    importer = _Importer(only_new=only_new)
    batch = _IndexBatches(INDEX_BATCH_LINES)
    with batch:
        _import_lines(lines, stats, importer, batch, stdout, progress_every)
    return stats


class _IndexBatches:
    """Groups the search index writes of every ``size`` lines into one commit, when the backend offers
    ``batch()`` (the Whoosh backend does); otherwise each publish updates the index as it happens."""

    def __init__(self, size):
        self.size = size
        self.lines = 0
        self.stack = contextlib.ExitStack()

    def _open(self):
        start = getattr(get_search_backend(), "batch", None)
        if start is not None:
            self.stack.enter_context(start())

    def __enter__(self):
        self._open()
        return self

    def line_done(self):
        self.lines += 1
        if self.lines % self.size == 0:
            self.stack.close()
            self._open()

    def __exit__(self, *exc_info):
        self.stack.close()


def _import_lines(lines, stats, importer, batch, stdout, progress_every):
    for number, line in enumerate(lines, start=1):
        line = line.lstrip("\ufeff").strip()
        if not line:
            continue
        try:
            entry = parse_line(line)
            with transaction.atomic():
                outcome = importer.save(entry)
        except (LineError, ValidationError) as error:
            reason = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            stats.errors.append(f"line {number}: {reason}")
            importer.forget()
        else:
            setattr(stats, outcome, getattr(stats, outcome) + 1)
        batch.line_done()
        if stdout is not None and progress_every and stats.processed % progress_every == 0:
            stdout.write(f"{stats.processed} answers processed: {stats.summary()}\n")


def parse_line(line):
    """The line's fields, checked and normalised; raises LineError with the first problem found."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise LineError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(data, dict):
        raise LineError("expected a JSON object")

    def text(key, *, required=True, max_length=None):
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise LineError(f'"{key}" must be a non-empty string')
        value = value.strip()
        if CONTROL_CHARACTER.search(value):
            # PostgreSQL refuses NUL in text, and no reader needs the others.
            raise LineError(f'"{key}" contains control characters')
        if max_length and len(value) > max_length:
            raise LineError(f'"{key}" is longer than {max_length} characters')
        return value

    external_id = text("id", max_length=100)
    if not EXTERNAL_ID.match(external_id):
        raise LineError('"id" may contain only letters, digits and . _ : -')
    language = text("lang")
    if language not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        allowed = ", ".join(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
        raise LineError(f'"lang" must be one of {allowed}, not {language!r}')
    category = text("category")
    if not CATEGORY_SLUG.match(category):
        raise LineError('"category" must be a slug such as "negotiation"')
    tags = data.get("tags", [])
    if not isinstance(tags, list) or not all(
        isinstance(tag, str) and tag.strip() and not CONTROL_CHARACTER.search(tag) for tag in tags
    ):
        raise LineError('"tags" must be a list of non-empty strings')
    tags = list(dict.fromkeys(tag.strip() for tag in tags))
    if len(tags) > MAX_TAGS or any(len(tag) > 100 for tag in tags):
        raise LineError(f'"tags" may hold at most {MAX_TAGS} tags of up to 100 characters')
    answer = text("answer", max_length=MAX_ANSWER_LENGTH)
    short_answer = text("short_answer", required=False, max_length=600) or derive_short_answer(answer)
    last_reviewed = None
    if data.get("last_reviewed") is not None:
        try:
            last_reviewed = date.fromisoformat(text("last_reviewed"))
        except ValueError:
            raise LineError('"last_reviewed" must be a date written YYYY-MM-DD') from None
    return {
        "external_id": external_id,
        "language": language,
        "title": text("question", max_length=255),
        "short_answer": short_answer,
        "body": body_blocks(answer),
        "category": category,
        "tags": tags,
        "last_reviewed": last_reviewed,
    }


def derive_short_answer(answer, limit=SHORT_ANSWER_LENGTH):
    """The answer's first sentence(s), at most about `limit` characters, cut where a sentence ends."""
    first_paragraph = answer.strip().split("\n\n", 1)[0].strip()
    ends = [match.end() for match in SENTENCE_END.finditer(first_paragraph)]
    fitting = [end for end in ends if end <= limit]
    if fitting:
        return first_paragraph[: fitting[-1]].strip()
    if ends and ends[0] <= limit * 1.5:
        return first_paragraph[: ends[0]].strip()  # one long sentence reads better whole than cut
    clauses = [match.start() for match in CLAUSE_END.finditer(first_paragraph) if match.start() < limit]
    cut = clauses[-1] if clauses else limit - 1
    return first_paragraph[:cut].rstrip() + "…"


def body_blocks(answer):
    """The plain-text answer as paragraph blocks: one per blank-line-separated paragraph."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", answer.strip()) if part.strip()]
    return [
        {
            "type": "paragraph",
            "value": "<p>" + "<br/>".join(escape(line) for line in part.splitlines()) + "</p>",
        }
        for part in paragraphs
    ]


class _Importer:
    """Finds or creates what an answer needs (language, home, FAQ index, category), then saves the answer."""

    def __init__(self, *, only_new=False):
        self.only_new = only_new
        self.indexes = {}
        self.categories = {}

    def forget(self):
        # A failed line's transaction was rolled back: anything it created and cached is gone.
        self.indexes.clear()
        self.categories.clear()

    def save(self, entry):
        locale, _created = Locale.objects.get_or_create(language_code=entry["language"])
        index = self.index_for(locale)
        category = self.category_for(entry["category"], locale)
        page = PolicyAnswerPage.objects.filter(locale=locale, external_id=entry["external_id"]).first()
        if page is None:
            page = PolicyAnswerPage(
                external_id=entry["external_id"],
                locale=locale,
                slug=self.free_slug(index, entry["external_id"]),
                last_reviewed=entry["last_reviewed"] or timezone.localdate(),
                live=False,
            )
            self.apply(page, entry, category)
            index.add_child(instance=page)
            page.save_revision().publish()
            return "created"
        if self.only_new or not self.differs(page, entry, category):
            return "unchanged"
        self.apply(page, entry, category)
        page.save_revision().publish()
        return "updated"

    def apply(self, page, entry, category):
        page.title = entry["title"]
        page.short_answer = entry["short_answer"]
        page.body = entry["body"]
        page.category = category
        if entry["last_reviewed"]:
            page.last_reviewed = entry["last_reviewed"]
        page.tags.set(entry["tags"])

    def differs(self, page, entry, category):
        current_body = [(block["type"], block["value"]) for block in page.body.raw_data]
        wanted_body = [(block["type"], block["value"]) for block in entry["body"]]
        return (
            page.title != entry["title"]
            or page.short_answer != entry["short_answer"]
            or current_body != wanted_body
            or page.category_id != category.pk
            or sorted(page.tags.names()) != sorted(entry["tags"])
            or (entry["last_reviewed"] is not None and page.last_reviewed != entry["last_reviewed"])
        )

    def free_slug(self, parent, external_id):
        base = slugify(external_id) or "answer"
        taken = set(
            Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    # What an answer hangs on

    def category_for(self, slug, locale):
        key = (slug, locale.pk)
        if key not in self.categories:
            category = PolicyCategory.objects.filter(slug=slug, locale=locale).first()
            if category is None:
                category = self.create_category(slug, locale)
            self.categories[key] = category
        return self.categories[key]

    def create_category(self, slug, locale):
        other_language = PolicyCategory.objects.filter(slug=slug).exclude(locale=locale).first()
        if slug not in KNOWN_CATEGORIES and other_language is None:
            known = ", ".join(KNOWN_CATEGORIES)
            raise LineError(
                f'unknown "category" {slug!r}: use one of {known}, or create it in the admin first'
            )
        if slug in KNOWN_CATEGORIES:
            chinese, english = KNOWN_CATEGORIES[slug]
            name = chinese if locale.language_code.startswith("zh") else english
            sort_order = list(KNOWN_CATEGORIES).index(slug) + 1
        else:
            name, sort_order = other_language.name, other_language.sort_order
        return PolicyCategory.objects.create(
            slug=slug,
            locale=locale,
            name=name,
            sort_order=sort_order,
            translation_key=(
                other_language.translation_key if other_language else uuid.uuid5(CATEGORY_NAMESPACE, slug)
            ),
        )

    def index_for(self, locale):
        if locale.pk not in self.indexes:
            index = PolicyIndexPage.objects.filter(locale=locale).order_by("path").first()
            self.indexes[locale.pk] = index or self.create_index(locale)
        return self.indexes[locale.pk]

    def create_index(self, locale):
        home = self.home_for(locale)
        text = INDEX_TEXT.get(locale.language_code, INDEX_TEXT["en"])
        index = PolicyIndexPage(
            title=text["title"],
            slug=FAQ_SLUG,
            locale=locale,
            intro=text["intro"],
            show_in_menus=True,
            live=False,
        )
        # The other languages' FAQ is this page's translation, so the language switcher links the two.
        other = PolicyIndexPage.objects.exclude(locale=locale).order_by("path").first()
        if other is not None:
            index.translation_key = other.translation_key
        if Page.objects.child_of(home).filter(slug=FAQ_SLUG).exists():
            index.slug = self.free_slug(home, FAQ_SLUG)
        home.add_child(instance=index)
        index.save_revision().publish()
        return index

    def home_for(self, locale):
        """This language's home page; a freshly migrated site gets one (the default language's first)."""
        home = HomePage.objects.filter(locale=locale, depth=2).order_by("path").first()
        if home is not None:
            return home
        default_locale = Locale.get_default()
        default_home = HomePage.objects.filter(locale=default_locale, depth=2).order_by("path").first()
        if locale != default_locale and default_home is None:
            default_home = self.home_for(default_locale)
        root = Page.get_first_root_node()
        home = HomePage(
            title=HOME_TEXT.get(locale.language_code, HOME_TEXT["en"]),
            slug=self.free_slug(root, "home" if locale == default_locale else f"home-{locale.language_code}"),
            locale=locale,
            live=False,
        )
        if default_home is not None:
            home.translation_key = default_home.translation_key
        root.add_child(instance=home)
        home.save_revision().publish()
        if locale == default_locale:
            self.serve_from(home)
        return home

    def serve_from(self, home):
        # Wagtail's migrations point the default site at a "Welcome" placeholder; the new home replaces it.
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif not isinstance(site.root_page.specific, HomePage):
            site.root_page = home
            site.save()


def set_related_answers(language, related):
    """Link answers to up to three others by external id ({id: [id, …]}), where none are linked yet."""
    pages = {
        page.external_id: page
        for page in PolicyAnswerPage.objects.filter(
            locale__language_code=language,
            external_id__in={*related, *(i for ids in related.values() for i in ids)},
        )
    }
    for external_id, others in related.items():
        page = pages.get(external_id)
        if page is None or page.related_answer_links.exists():
            continue
        page.related_answer_links = [
            PolicyRelatedAnswer(page=pages[other], sort_order=order)
            for order, other in enumerate(other for other in others[:MAX_RELATED_ANSWERS] if other in pages)
        ]
        # Publishing a revision keeps the links when an editor later edits the page.
        page.save_revision(log_action=False).publish(log_action=False)
