"""manage.py import_faq: creates or updates answers by (id, language), idempotent, line errors reported."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.models import Locale, Page, Revision, Site

from content.faq_import import LineError, derive_short_answer, import_faq, parse_line
from content.models import HomePage, PolicyAnswerPage, PolicyCategory, PolicyIndexPage, RateWarning
from portal.assessment.models import NegotiationOption, SupportLine

pytestmark = pytest.mark.django_db

DEV_FILE = Path(__file__).resolve().parents[2] / "content" / "demo" / "faq" / "part-a.jsonl"


def entry(external_id="test-faq-001", language="zh-hans", **fields):
    data = {
        "id": external_id,
        "question": "逾期以后还能申请个性化分期吗？",
        "answer": "可以申请，银行会审核。\n\n准备好收入变化的证明材料。",
        "category": "negotiation",
        "tags": ["个性化分期", "信用卡"],
        "lang": language,
    }
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


def run(*lines, **options):
    out = io.StringIO()
    return import_faq(lines, stdout=out, **options), out.getvalue()


def write(tmp_path, *lines):
    path = tmp_path / "faq.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_import_creates_a_published_answer_with_derived_short_answer(client):
    stats, _ = run(entry())
    assert (stats.created, stats.updated, stats.unchanged, stats.errors) == (1, 0, 0, [])
    page = PolicyAnswerPage.objects.get(external_id="test-faq-001")
    assert page.live and page.title == "逾期以后还能申请个性化分期吗？"
    assert page.short_answer == "可以申请，银行会审核。"
    assert [block.block_type for block in page.body] == ["paragraph", "paragraph"]
    assert sorted(page.tags.names()) == ["个性化分期", "信用卡"]
    assert page.category.slug == "negotiation" and page.category.locale.language_code == "zh-hans"
    assert page.get_parent().specific_class is PolicyIndexPage
    assert "准备好收入变化的证明材料。" in client.get(page.url).content.decode()


def test_imported_answers_are_searchable_at_once():
    run(entry(question="电费账单和网贷哪个先还比较好？"))
    page = PolicyAnswerPage.objects.get(external_id="test-faq-001")
    assert page.pk in [
        result.pk for result in PolicyAnswerPage.objects.live().search("电费账单和网贷哪个先还比较好")
    ]


def test_second_import_changes_nothing_and_creates_no_revision():
    run(entry(), entry("test-faq-002", "en", question="Can I ask for instalments?", answer="Yes. Ask early."))
    revisions = Revision.objects.count()
    stats, _ = run(
        entry(), entry("test-faq-002", "en", question="Can I ask for instalments?", answer="Yes. Ask early.")
    )
    assert (stats.created, stats.updated, stats.unchanged) == (0, 0, 2)
    assert Revision.objects.count() == revisions


def test_changed_line_updates_the_same_page_and_publishes_it():
    run(entry())
    page = PolicyAnswerPage.objects.get(external_id="test-faq-001")
    stats, _ = run(
        entry(
            question="新的问题？",
            short_answer="新的简短回答。",
            tags=["新标签", "信用卡"],
            category="documents",
        )
    )
    assert stats.updated == 1
    updated = PolicyAnswerPage.objects.get(external_id="test-faq-001")
    assert updated.pk == page.pk and updated.url == page.url
    assert (updated.title, updated.short_answer, updated.category.slug) == (
        "新的问题？",
        "新的简短回答。",
        "documents",
    )
    assert sorted(updated.tags.names()) == ["信用卡", "新标签"]
    assert not updated.has_unpublished_changes


def test_same_id_in_two_languages_is_two_answers():
    stats, _ = run(entry(), entry(language="en", question="Can I still ask?", answer="Yes, you can."))
    assert stats.created == 2
    english = PolicyAnswerPage.objects.get(external_id="test-faq-001", locale__language_code="en")
    assert english.url.startswith("/en/faq/")
    assert english.category.name == "Negotiating repayment"
    zh_category = PolicyCategory.objects.get(slug="negotiation", locale__language_code="zh-hans")
    assert english.category.translation_key == zh_category.translation_key


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (entry(id=""), '"id" must be a non-empty string'),
        (entry(id="has space"), '"id" may contain only'),
        (entry(question=""), '"question" must be a non-empty string'),
        (entry(question="问" * 300), '"question" is longer than 255'),
        (entry(answer=42), '"answer" must be a non-empty string'),
        (entry(lang="fr"), '"lang" must be one of zh-hans, en'),
        (entry(category="no-such-category"), 'unknown "category"'),
        (entry(category="Bad Slug!"), '"category" must be a slug'),
        (entry(tags="一个标签"), '"tags" must be a list'),
        (entry(tags=["a"] * 3 + [str(n) for n in range(20)]), '"tags" may hold at most'),
        (entry(last_reviewed="yesterday"), '"last_reviewed" must be a date'),
        (entry(question="问题\x00？"), '"question" contains control characters'),
    ],
)
def test_bad_line_is_reported_with_its_number_and_the_others_are_imported(line, reason):
    stats, _ = run(entry("ok-1"), line, entry("ok-2"))
    assert stats.created == 2
    assert len(stats.errors) == 1 and stats.errors[0].startswith("line 2: ") and reason in stats.errors[0]
    assert not PolicyAnswerPage.objects.filter(external_id="test-faq-001").exists()


def test_progress_is_reported_every_n_lines():
    lines = [entry(f"bulk-{number:03d}", question=f"第{number}个问题？") for number in range(7)]
    stats, output = run(*lines, progress_every=3)
    assert stats.created == 7
    assert output.splitlines() == [
        "3 answers processed: 3 created, 0 updated, 0 unchanged, 0 failed",
        "6 answers processed: 6 created, 0 updated, 0 unchanged, 0 failed",
    ]


def test_command_reads_a_file_reports_and_fails_when_a_line_failed(tmp_path):
    path = write(tmp_path, entry("cmd-1"), "", "{broken", entry("cmd-2"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 line"):
        call_command("import_faq", path, stdout=out, stderr=err)
    assert "line 3: not valid JSON" in err.getvalue()
    assert "2 created, 0 updated, 0 unchanged, 1 failed" in out.getvalue()
    assert PolicyAnswerPage.objects.filter(external_id__in=["cmd-1", "cmd-2"]).count() == 2


def test_command_on_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_faq", str(tmp_path / "missing.jsonl"), stdout=io.StringIO())


def test_command_imports_the_demo_file_again_without_changes():
    out = io.StringIO()
    call_command("import_faq", str(DEV_FILE), stdout=out, progress_every=0)
    assert "0 created, 0 updated, 22 unchanged, 0 failed" in out.getvalue()


def test_demo_loader_keeps_an_editors_change_to_an_answer():
    page = PolicyAnswerPage.objects.get(external_id="demo-faq-a01", locale__language_code="zh-hans")
    page.short_answer = "编辑改过的简短回答。"
    page.save_revision().publish()
    call_command("load_demo_content", stdout=io.StringIO())
    page.refresh_from_db()
    assert page.short_answer == "编辑改过的简短回答。"


@pytest.fixture
def fresh_site(settings):
    """What `migrate` leaves: Wagtail's root page, a "Welcome" page, the default site and one locale.

    The search index is not rolled back with the database: deleting the demo pages here must not delete them
    from the index the rest of the run searches, so the index is not updated while this test runs.
    """
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False} for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    Page.objects.filter(depth=2).delete()
    PolicyCategory.objects.all().delete()
    RateWarning.objects.all().delete()
    # Translatable snippets keep their locale: a freshly migrated site has none of them.
    NegotiationOption.objects.all().delete()
    SupportLine.objects.all().delete()
    Locale.objects.exclude(language_code="zh-hans").delete()
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=welcome, is_default_site=True)
    assert not HomePage.objects.exists()


def test_import_on_a_freshly_migrated_site_builds_home_and_faq_in_each_language(client, fresh_site):
    stats, _ = run(
        entry(), entry("test-faq-002", "en", question="Can I ask for instalments?", answer="Yes. Ask early.")
    )
    assert stats.created == 2 and not stats.errors
    zh_home = HomePage.objects.get(locale__language_code="zh-hans")
    en_home = HomePage.objects.get(locale__language_code="en")
    assert zh_home.translation_key == en_home.translation_key
    assert Site.objects.get(is_default_site=True).root_page_id == zh_home.pk
    indexes = PolicyIndexPage.objects.order_by("locale__language_code")
    assert [index.url for index in indexes] == ["/en/faq/", "/faq/"]
    assert client.get("/faq/").status_code == 200
    zh_answer = PolicyAnswerPage.objects.get(external_id="test-faq-001")
    assert "可以申请，银行会审核。" in client.get(zh_answer.url).content.decode()
    en_answer = PolicyAnswerPage.objects.get(external_id="test-faq-002")
    assert client.get(en_answer.url).status_code == 200 and en_answer.url.startswith("/en/faq/")


def test_english_only_import_on_a_fresh_site_still_serves_it_under_en(fresh_site):
    run(entry("only-en", "en", question="Is this service free?", answer="Yes. It never asks for fees."))
    page = PolicyAnswerPage.objects.get(external_id="only-en")
    assert page.url.startswith("/en/faq/")
    assert HomePage.objects.filter(locale__language_code="zh-hans").exists()


@pytest.mark.parametrize(
    ("answer", "short"),
    [
        ("第一句。第二句。", "第一句。第二句。"),
        ("“引号里的话。”然后呢？" + "很长" * 80 + "。", "“引号里的话。”然后呢？"),
        (
            "It is allowed. Ask the bank first, in writing.\n\nMore detail.",
            "It is allowed. Ask the bank first, in writing.",
        ),
        ("甲" * 100 + "，" + "乙" * 200 + "。", "甲" * 100 + "…"),
        ("A" * 400, "A" * 119 + "…"),
        ("Version 2.5 of the rules applies. " + "x " * 100, "Version 2.5 of the rules applies."),
    ],
)
def test_short_answer_is_cut_at_a_sentence_end(answer, short):
    assert derive_short_answer(answer) == short
    assert len(derive_short_answer(answer)) <= 180


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["id", "question", "answer", "short_answer", "category", "tags", "lang", "last_reviewed"]
        ),
        JSON_VALUES,
    ),
    raw=st.text(max_size=40),
)
def test_any_line_is_either_read_or_refused_with_a_reason(fields, raw):
    """Whatever a file holds, parse_line returns an entry or raises LineError: never another exception."""
    for line in (json.dumps(fields), raw, json.dumps({**json.loads(entry()), **fields})):
        try:
            parsed = parse_line(line)
        except LineError as error:
            assert str(error)
        else:
            assert parsed["title"] and parsed["short_answer"] and parsed["body"]
            assert "\x00" not in parsed["title"] + parsed["short_answer"] + "".join(parsed["tags"])
