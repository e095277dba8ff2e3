"""Taking a quiz without JavaScript: one question a screen with its explanation, or the whole quiz at once;
the result with its band; bad, replayed and stale posts; a quiz withdrawn mid-way; whose results are whose."""

import re
import uuid

import pytest
from django.test import Client

from quizzes.models import Answer, Attempt
from tests.helpers import make_quiz, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz()


def url(quiz, suffix=""):
    return quiz.url + suffix


def choice_id(quiz, number, text):
    question = quiz.ordered_questions()[number - 1]
    return next(choice.pk for choice in question.ordered_choices() if choice.text == text)


def token_of(response):
    return re.search(r'name="attempt" value="([0-9a-f-]+)"', response.content.decode()).group(1)


def answer(client, quiz, number, *texts):
    page = client.get(url(quiz, f"q/{number}/"))
    data = {
        "attempt": token_of(page),
        f"q{quiz.ordered_questions()[number - 1].pk}": [choice_id(quiz, number, t) for t in texts],
    }
    return client.post(url(quiz, f"q/{number}/"), data)


def test_one_question_at_a_time_shows_progress_then_the_explanation(client, quiz):
    page = client.get(url(quiz, "q/1/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "两个选项里哪个对？" in html and "第 1 题，共 3 题" in html
    assert 'type="radio"' in html and "解释1" not in html
    response = answer(client, quiz, 1, "错的")
    assert response.status_code == 302 and response["Location"].endswith("q/1/")
    feedback = client.get(url(quiz, "q/1/")).content.decode()
    assert "解释1" in feedback and "不太对" in feedback and "对的" in feedback
    assert 'href="' + quiz.url + 'q/2/"' in feedback


def test_finishing_the_quiz_scores_it_and_shows_the_band(client, quiz):
    answer(client, quiz, 1, "对的")
    answer(client, quiz, 2, "对一", "对二")
    answer(client, quiz, 3, "错")
    attempt = Attempt.objects.get(quiz=quiz)
    assert attempt.completed and (attempt.score, attempt.max_score) == (2, 3)
    last = client.get(url(quiz, "q/3/")).content.decode()
    result_url = url(quiz, f"result/{attempt.token}/")
    assert result_url in last
    result = client.get(result_url).content.decode()
    assert "差一点" in result and "3 题中答对了 2 题" in result
    assert all(f"解释{n}" in result for n in (1, 2, 3))


def test_a_question_with_several_right_answers_uses_checkboxes_and_needs_them_all(client, quiz):
    assert 'type="checkbox"' in client.get(url(quiz, "q/2/")).content.decode()
    answer(client, quiz, 2, "对一")
    assert Answer.objects.get().correct is False


def test_the_whole_quiz_on_one_page(client, quiz):
    page = client.get(url(quiz, "all/"))
    questions = quiz.ordered_questions()
    data = {
        "attempt": token_of(page),
        f"q{questions[0].pk}": choice_id(quiz, 1, "对的"),
        f"q{questions[1].pk}": [choice_id(quiz, 2, "对一"), choice_id(quiz, 2, "对二")],
        f"q{questions[2].pk}": choice_id(quiz, 3, "对"),
    }
    response = client.post(url(quiz, "all/"), data)
    attempt = Attempt.objects.get()
    assert response["Location"].endswith(f"result/{attempt.token}/")
    assert (attempt.score, attempt.mode) == (3, Attempt.WHOLE_QUIZ)
    assert "全对" in client.get(response["Location"]).content.decode()
    # Sent twice (a double click, the back button): still one attempt, counted once.
    again = client.post(url(quiz, "all/"), data)
    assert again["Location"] == response["Location"]
    assert Attempt.objects.count() == 1 and Answer.objects.count() == 3


def test_missing_answers_are_named_and_the_others_kept(client, quiz):
    page = client.get(url(quiz, "all/"))
    first = choice_id(quiz, 1, "错的")
    response = client.post(
        url(quiz, "all/"), {"attempt": token_of(page), f"q{quiz.ordered_questions()[0].pk}": first}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "请至少选择一个答案" in html and "请选择一个答案" in html
    assert re.search(rf'value="{first}"[^>]*checked', html)
    assert not Attempt.objects.exists()


@pytest.mark.parametrize("bad", ["999999", "abc", "", "-1"])
def test_a_tampered_choice_is_a_clear_error_and_counts_nothing(client, quiz, bad):
    page = client.get(url(quiz, "q/1/"))
    response = client.post(
        url(quiz, "q/1/"), {"attempt": token_of(page), f"q{quiz.ordered_questions()[0].pk}": bad}
    )
    assert response.status_code == 400
    assert "请" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_choice_of_another_question_is_refused(client, quiz):
    page = client.get(url(quiz, "q/1/"))
    other = choice_id(quiz, 3, "对")
    response = client.post(
        url(quiz, "q/1/"), {"attempt": token_of(page), f"q{quiz.ordered_questions()[0].pk}": other}
    )
    assert response.status_code == 400 and "请从列出的答案中选择" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_replayed_answer_keeps_the_first(client, quiz):
    page = client.get(url(quiz, "q/1/"))
    field = f"q{quiz.ordered_questions()[0].pk}"
    client.post(url(quiz, "q/1/"), {"attempt": token_of(page), field: choice_id(quiz, 1, "错的")})
    response = client.post(
        url(quiz, "q/1/"), {"attempt": token_of(page), field: choice_id(quiz, 1, "对的")}, follow=True
    )
    assert "第一次的答案" in response.content.decode()
    assert Answer.objects.get().correct is False and Answer.objects.count() == 1


def test_someone_elses_attempt_cannot_be_written_to_or_read(client, quiz):
    answer(client, quiz, 1, "对的")
    theirs = Attempt.objects.get()
    stranger = Client()
    stranger.get(url(quiz, "all/"))
    data = {"attempt": str(theirs.token), f"q{quiz.ordered_questions()[1].pk}": choice_id(quiz, 2, "错")}
    for question in quiz.ordered_questions():
        data[f"q{question.pk}"] = question.ordered_choices()[0].pk
    response = stranger.post(url(quiz, "all/"), data)
    assert response.status_code == 302 and response["Location"].endswith("all/")
    assert theirs.answers.count() == 1
    answer(client, quiz, 2, "对一", "对二")
    answer(client, quiz, 3, "对")
    assert client.get(url(quiz, f"result/{theirs.token}/")).status_code == 200
    assert stranger.get(url(quiz, f"result/{theirs.token}/")).status_code == 404
    assert client.get(url(quiz, f"result/{uuid.uuid4()}/")).status_code == 404


def test_a_quiz_withdrawn_mid_attempt_says_so_and_keeps_the_answers(client, quiz):
    answer(client, quiz, 1, "对的")
    quiz.unpublish()
    page = client.get(url(quiz, "q/2/"))
    assert page.status_code == 410 and "这个测验已下线" in page.content.decode()
    posted = client.post(url(quiz, "q/2/"), {"attempt": str(uuid.uuid4())})
    assert posted.status_code == 410
    assert Answer.objects.count() == 1


def test_retaking_starts_a_new_attempt_and_keeps_the_old_one(client, quiz):
    for n, picks in enumerate((["错的"], ["错"], ["错"]), 1):
        answer(client, quiz, n, *picks)
    client.post(url(quiz, "retake/"))
    for n, picks in enumerate((["对的"], ["对一", "对二"], ["对"]), 1):
        answer(client, quiz, n, *picks)
    assert sorted(Attempt.objects.values_list("score", flat=True)) == [0, 3]


def test_anonymous_attempts_join_the_account_at_log_in_and_show_in_progress(client, quiz):
    user = make_user()
    for n, picks in enumerate((["对的"], ["错"], ["对"]), 1):
        answer(client, quiz, n, *picks)
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-unusual-passphrase"})
    assert Attempt.objects.get().user == user
    progress = client.get("/accounts/me/quizzes/").content.decode()
    assert quiz.title in progress and "2 / 3" in progress


def test_progress_needs_an_account(client):
    response = client.get("/accounts/me/quizzes/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_how_others_did_appears_from_twenty_takers(quiz):
    def take(right):
        taker = Client()
        for n, picks in enumerate((["对的" if right else "错的"], ["对一", "对二"], ["对"]), 1):
            answer(taker, quiz, n, *picks)
        return taker

    for _ in range(18):
        take(right=True)
    last = take(right=False)
    attempt = Attempt.objects.filter(score=2).get()
    assert "20 人" in last.get(url(quiz, f"result/{attempt.token}/")).content.decode()
    take(right=True)
    html = last.get(url(quiz, f"result/{attempt.token}/")).content.decode()
    assert "95% 的答题者答对了这道题" in html and "100% 的答题者答对了这道题" in html


def test_a_scale_adds_points_and_maps_the_total_to_a_band(client):
    scale = make_quiz(
        kind="scale",
        slug="scale",
        questions=[
            ("我能按时付账单", [("从不", False, 0), ("有时", False, 2), ("总是", False, 4)]),
            ("我有应急的钱", [("没有", False, 0), ("一些", False, 2), ("足够", False, 4)]),
        ],
        bands=[(0, 3, "需要帮助"), (4, 6, "还行"), (7, 8, "稳健")],
    )
    page = client.get(url(scale, "all/"))
    first, second = scale.ordered_questions()
    pick = {c.text: c.pk for q in (first, second) for c in q.ordered_choices()}
    response = client.post(
        url(scale, "all/"),
        {"attempt": token_of(page), f"q{first.pk}": pick["总是"], f"q{second.pk}": pick["没有"]},
    )
    html = client.get(response["Location"]).content.decode()
    assert Attempt.objects.get().score == 4
    assert "还行" in html and "总分：8 分中的 4 分" in html
    assert "答对" not in html and "不太对" not in html


def test_an_attempt_left_complete_by_an_editors_change_is_scored_on_its_result(client, quiz):
    answer(client, quiz, 1, "对的")
    answer(client, quiz, 2, "对一", "对二")
    attempt = Attempt.objects.get()
    quiz.ordered_questions()[2].delete()  # the one question not yet answered goes
    response = client.get(url(quiz, f"result/{attempt.token}/"))
    attempt.refresh_from_db()
    assert response.status_code == 200 and (attempt.score, attempt.max_score) == (2, 2)
