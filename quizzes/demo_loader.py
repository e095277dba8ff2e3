"""The demo quizzes (quizzes/demo/*.json, both languages in each file) as pages under a quiz index in each
language. Idempotent: a quiz that exists is left as the editors have it. A file may name a group whose
members alone may open the quiz (Wagtail page privacy), as the negotiation team's training quiz does."""

import json
from pathlib import Path

from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from content.models import ArticlePage, PolicyAnswerPage
from quizzes.models import BandReading, Choice, Question, QuizIndexPage, QuizPage, ResultBand

DEMO_DIR = Path(__file__).resolve().parent / "demo"
LANGUAGE_KEYS = {"zh-hans": "zh", "en": "en"}


def ensure_demo_quizzes(homes, locales, publisher, default_language):
    """`homes` and `locales` are keyed by language code; the default language's pages are the originals."""
    index_data = json.loads((DEMO_DIR / "index.json").read_text(encoding="utf-8"))
    languages = [default_language, *(code for code in homes if code != default_language)]
    indexes, original_index = {}, None
    for code in languages:
        index = QuizIndexPage.objects.child_of(homes[code]).filter(slug=index_data["slug"]).first()
        if index is None:
            text = index_data[LANGUAGE_KEYS[code]]
            index = QuizIndexPage(title=text["title"], intro=text["intro"], slug=index_data["slug"])
            index.show_in_menus = True
            _add(homes[code], index, locales[code], original_index, publisher)
        original_index = original_index or index
        indexes[code] = index
    for path in sorted(DEMO_DIR.glob("[0-9]*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        original = None
        for code in languages:
            quiz = QuizPage.objects.child_of(indexes[code]).filter(slug=data["slug"]).first()
            if quiz is None:
                quiz = _add(indexes[code], build_quiz(data, code), locales[code], original, publisher)
                if data.get("restricted_to_group"):
                    restrict(quiz, data["restricted_to_group"])
            original = original or quiz
            if data.get("embed_in_article"):
                embed(quiz, data["embed_in_article"], publisher)


def embed(quiz, article_slug, publisher):
    """Places the quiz at the end of an article in the quiz's language (once), as editors would."""
    article = ArticlePage.objects.filter(locale_id=quiz.locale_id, slug=article_slug).first()
    if article is None or any(block.block_type == "quiz" for block in article.body):
        return
    article.body.append(("quiz", {"heading": "", "quiz": Page.objects.get(pk=quiz.pk)}))
    article.save_revision(user=publisher, log_action=False).publish(user=publisher, log_action=False)


def build_quiz(data, language):
    text = data[LANGUAGE_KEYS[language]]
    quiz = QuizPage(title=text["title"], slug=data["slug"], kind=data["kind"], intro=text["intro"])
    quiz.questions = [
        Question(
            sort_order=order,
            text=item["text"],
            explanation=item["explanation"],
            learn_more=find_page(item.get("learn_more"), language),
            choices=[
                Choice(
                    sort_order=n, text=choice["text"], is_correct=choice["correct"], points=choice["points"]
                )
                for n, choice in enumerate(item["choices"])
            ],
        )
        for order, item in enumerate(text["questions"])
    ]
    quiz.bands = [
        ResultBand(
            sort_order=order,
            min_score=band["min"],
            max_score=band["max"],
            title=band["title"],
            message=band["message"],
            reading=[
                BandReading(sort_order=n, page=page)
                for n, page in enumerate(
                    filter(None, (find_page(ref, language) for ref in band.get("reading", [])))
                )
            ],
        )
        for order, band in enumerate(text["bands"])
    ]
    return quiz


def find_page(reference, language):
    """The page a demo file points to: {"type": "article", "slug": ...} or {"type": "faq", "id": ...}."""
    if not reference:
        return None
    if reference["type"] == "article":
        found = ArticlePage.objects.filter(locale__language_code=language, slug=reference["slug"])
    else:
        found = PolicyAnswerPage.objects.filter(locale__language_code=language, external_id=reference["id"])
    page = found.first()
    return Page.objects.get(pk=page.pk) if page else None


def restrict(quiz, group_name):
    group, _ = Group.objects.get_or_create(name=group_name)
    restriction = PageViewRestriction.objects.create(page=quiz, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group)


def _add(parent, page, locale, original, publisher):
    page.locale = locale
    page.live = False
    if original is not None:
        page.translation_key = original.translation_key
    parent.add_child(instance=page)
    page.save_revision(user=publisher, log_action=False).publish(user=publisher, log_action=False)
    page.refresh_from_db()
    return page
