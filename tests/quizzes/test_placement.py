"""Where quizzes appear: the index lists the public ones, an article can hold one, and a training quiz
restricted to the negotiation team opens for the team only."""

import pytest
from django.utils import translation

from content.blocks import ArticleBodyBlock
from quizzes.models import QuizPage
from tests.helpers import demo_user, make_quiz

pytestmark = pytest.mark.django_db


def training(language="zh-hans"):
    return QuizPage.objects.get(slug="team-training", locale__language_code=language)


@pytest.mark.parametrize(("language", "prefix"), [("zh-hans", ""), ("en", "/en")])
def test_the_index_lists_the_public_demo_quizzes(client, language, prefix):
    html = client.get(f"{prefix}/quizzes/").content.decode()
    public = QuizPage.objects.live().public().filter(locale__language_code=language)
    assert public.count() == 3
    assert all(quiz.title in html for quiz in public)
    assert training(language).title not in html


def test_the_training_quiz_is_for_the_negotiation_team_only(client):
    url = training().url + "q/1/"
    assert client.get(url).status_code == 302  # to the log-in page
    client.force_login(demo_user("borrower@example.com"))
    assert client.get(url).status_code == 302
    client.force_login(demo_user("negotiator@example.com"))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_quiz_block_shows_the_quiz_and_its_ways_in(language):
    quiz = make_quiz(language=language)
    block = ArticleBodyBlock().child_blocks["quiz"]
    with translation.override(language):
        html = block.render(block.to_python({"heading": "", "quiz": quiz.pk}))
    assert quiz.title in html and f'href="{quiz.url}q/1/"' in html and f'href="{quiz.url}all/"' in html
    with translation.override(language):
        hidden = block.render(block.to_python({"heading": "", "quiz": training(language).pk}))
    assert training(language).title not in hidden
    quiz.unpublish()
    with translation.override(language):
        assert block.render(block.to_python({"heading": "", "quiz": quiz.pk})).strip() == ""


@pytest.mark.parametrize(("language", "prefix"), [("zh-hans", ""), ("en", "/en")])
def test_the_demo_article_on_borrowing_costs_ends_with_the_literacy_quiz(client, language, prefix):
    from tests.helpers import article

    quiz = QuizPage.objects.get(slug="money-basics", locale__language_code=language)
    html = client.get(article(language=language).url).content.decode()
    assert quiz.title in html and f'href="{quiz.subpage_url("question", 1)}"' in html
