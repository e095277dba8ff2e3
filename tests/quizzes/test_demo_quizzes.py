"""The demo quizzes: a literacy quiz, a rights quiz and a well-being scale in both languages, each sound
(bands cover every total once, knowledge questions have a right answer) and pointing to live reading."""

import pytest

from quizzes import scoring
from quizzes.models import QuizPage

pytestmark = pytest.mark.django_db

SLUGS = {
    "money-basics": scoring.KNOWLEDGE,
    "know-your-rights": scoring.KNOWLEDGE,
    "financial-wellbeing": scoring.SCALE,
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize(("slug", "kind"), SLUGS.items())
def test_each_demo_quiz_is_sound_and_links_to_live_reading(language, slug, kind):
    quiz = QuizPage.objects.live().get(slug=slug, locale__language_code=language)
    questions = quiz.ordered_questions()
    assert quiz.kind == kind and len(questions) >= 6
    ranges = [(band.min_score, band.max_score) for band in quiz.bands.all()]
    assert scoring.band_problems(ranges, quiz.max_total(questions)) == []
    for question in questions:
        assert question.explanation
        if kind == scoring.KNOWLEDGE:
            assert question.correct_choices()
    assert any(question.learn_more and question.learn_more.live for question in questions)
    for band in quiz.bands.all():
        assert all(page.live and page.locale.language_code == language for page in band.live_reading())
    assert all(band.live_reading() for band in quiz.bands.all())


def test_the_translations_are_linked():
    for slug in SLUGS:
        zh = QuizPage.objects.get(slug=slug, locale__language_code="zh-hans")
        assert zh.get_translation_or_none(zh.get_translations().get().locale) is not None
