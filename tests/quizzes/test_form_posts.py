"""Any form post, however tampered, replayed or incomplete, is either counted once or refused with a 400:
never a 500, never an answer holding a choice of another question, never one attempt counted twice."""

import pytest
from django.db.models import F
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizzes.models import Answer, Attempt, QuizPage
from tests.quizzes.test_taking import token_of

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def demo_quiz():
    return QuizPage.objects.get(slug="money-basics", locale__language_code="zh-hans")


def stray_choices():
    return Answer.choices.through.objects.exclude(choice__question_id=F("answer__question_id")).count()


def values(choice_ids):
    one = st.one_of(
        st.sampled_from(choice_ids).map(str), st.integers(-5, 10**12).map(str), st.text(max_size=12)
    )
    return st.one_of(one, st.lists(one, max_size=4))


@EXAMPLES
@given(data=st.data())
def test_one_question_posts(data):
    quiz = demo_quiz()
    questions = quiz.ordered_questions()
    all_choices = [choice.pk for question in questions for choice in question.ordered_choices()]
    number = data.draw(st.integers(1, len(questions)))
    url = quiz.subpage_url("question", number)
    client = Client()
    token = token_of(client.get(url))
    fields = [f"q{question.pk}" for question in questions] + ["attempt", "x"]
    post = data.draw(st.dictionaries(st.sampled_from(fields), values(all_choices), max_size=4))
    post.setdefault(
        "attempt", data.draw(st.one_of(st.just(token), st.uuids().map(str), st.text(max_size=40)))
    )
    before = Answer.objects.count()
    response = client.post(url, post)
    assert response.status_code in (302, 400)
    added = Answer.objects.count() - before
    assert added == (1 if response.status_code == 302 and post.get("attempt") == token else 0)
    client.post(url, post)  # the same post again
    assert Answer.objects.count() - before == added
    assert stray_choices() == 0


@EXAMPLES
@given(data=st.data())
def test_whole_quiz_posts(data):
    quiz = demo_quiz()
    questions = quiz.ordered_questions()
    all_choices = [choice.pk for question in questions for choice in question.ordered_choices()]
    client = Client()
    token = token_of(client.get(quiz.subpage_url("all")))
    post = {
        f"q{question.pk}": data.draw(
            st.one_of(
                st.sampled_from([c.pk for c in question.ordered_choices()]).map(str), values(all_choices)
            )
        )
        for question in questions
        if data.draw(st.booleans()) or data.draw(st.booleans())
    }
    post["attempt"] = data.draw(st.one_of(st.just(token), st.text(max_size=40)))
    attempts = Attempt.objects.count()
    first = client.post(quiz.subpage_url("all"), post)
    second = client.post(quiz.subpage_url("all"), post)
    assert first.status_code in (302, 400) and second.status_code == first.status_code
    made = Attempt.objects.count() - attempts
    assert made == (1 if first.status_code == 302 else 0)
    if made:
        attempt = Attempt.objects.get(token=token)
        assert attempt.completed and attempt.answers.count() == len(questions)
        assert first["Location"] == second["Location"] == quiz.subpage_url("result", attempt.token)
    assert stray_choices() == 0
