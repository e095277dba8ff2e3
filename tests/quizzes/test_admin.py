"""What editors see: per-question figures that match the attempts made, a CSV download, the link from the page
listing, and a quiz page form that refuses a knowledge question without a right answer or bands with holes."""

import csv
import io

import pytest
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from quizzes.models import QuizIndexPage, QuizPage
from tests.helpers import demo_user, make_quiz
from tests.quizzes.test_taking import answer

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/quiz-questions/"


@pytest.fixture
def editor(client):
    client.force_login(demo_user("editor@example.com"))
    return client


def csv_rows(client, **params):
    response = client.get(REPORT, {**params, "export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    return list(csv.reader(io.StringIO(text)))


def take(quiz, *picks):
    taker = Client()
    for number, chosen in enumerate(picks, 1):
        answer(taker, quiz, number, *chosen)
    return taker


def test_figures_match_the_attempts_made(editor):
    quiz = make_quiz()
    take(quiz, ["对的"], ["对一", "对二"], ["对"])
    take(quiz, ["错的"], ["对一"], ["对"])
    take(quiz, ["错的"], ["对一", "对二"], ["错"])
    take(quiz, ["也错"], ["错"], ["对"])
    unfinished = Client()
    answer(unfinished, quiz, 1, "对的")  # not finished: not counted
    table = csv_rows(editor, quiz=quiz.pk)
    assert table[0] == ["测验", "问题", "作答人数", "答对比例", "最常选的错误答案", "被选次数"]
    assert [row[1:] for row in table[1:]] == [
        ["两个选项里哪个对？", "4", "25%", "错的", "2"],
        ["选出所有对的", "4", "50%", "错", "1"],
        ["第三题", "4", "75%", "错", "1"],
    ]


def test_the_report_page_and_the_listing_link(editor):
    quiz = make_quiz()
    take(quiz, ["对的"], ["对一", "对二"], ["对"])
    page = editor.get(REPORT, {"quiz": quiz.pk})
    assert page.status_code == 200 and "两个选项里哪个对？" in page.content.decode()
    listing = editor.get(f"/admin/pages/{quiz.get_parent().pk}/").content.decode()
    assert f"{REPORT}?quiz={quiz.pk}" in listing


def test_readers_cannot_open_the_report(client):
    client.force_login(demo_user("borrower@example.com"))
    assert client.get(REPORT).status_code in (302, 403)


def quiz_form(kind="knowledge", questions=None, bands=None):
    questions = questions or [[("对", True, 0), ("错", False, 0)], [("对", True, 0), ("错", False, 0)]]
    bands = bands or [(0, 1), (2, 2)]
    return nested_form_data(
        {
            "title": "新测验",
            "slug": "new-quiz",
            "kind": kind,
            "intro": rich_text("<p>介绍</p>"),
            "questions": inline_formset(
                [
                    {
                        "text": f"第{n}题",
                        "explanation": "解释",
                        "learn_more": "",
                        "choices": inline_formset(
                            [
                                {"text": text, "is_correct": "on" if right else "", "points": points}
                                for text, right, points in choices
                            ],
                            min=2,
                        ),
                    }
                    for n, choices in enumerate(questions, 1)
                ],
                min=1,
            ),
            "bands": inline_formset(
                [
                    {"min_score": low, "max_score": high, "title": f"{low}-{high}", "message": "说明",
                     "reading": inline_formset([])}
                    for low, high in bands
                ],
                min=1,
            ),
        }
    )  # fmt: skip


def create(client, data):
    index = QuizIndexPage.objects.get(locale__language_code="zh-hans", slug="quizzes")
    return client.post(f"/admin/pages/add/quizzes/quizpage/{index.pk}/", data)


@pytest.fixture
def moderator(client):
    client.force_login(demo_user("moderator@example.com"))
    return client


def test_an_editor_builds_a_quiz_in_the_admin(moderator):
    response = create(moderator, quiz_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    quiz = QuizPage.objects.get(slug="new-quiz")
    assert [len(q.ordered_choices()) for q in quiz.ordered_questions()] == [2, 2]
    assert moderator.get(f"/admin/pages/{quiz.pk}/edit/").status_code == 200


def test_a_knowledge_question_needs_a_right_answer(moderator):
    response = create(moderator, quiz_form(questions=[[("甲", False, 0), ("乙", False, 0)]], bands=[(0, 1)]))
    assert response.status_code == 200
    assert "请至少把一个选项标为正确答案" in response.content.decode()
    assert not QuizPage.objects.filter(slug="new-quiz").exists()


@pytest.mark.parametrize(
    ("bands", "message"), [([(0, 0), (2, 2)], "没有结果区间包含分数 1"), ([(0, 1), (1, 2)], "有重叠")]
)
def test_bands_must_cover_every_score_once(moderator, bands, message):
    response = create(moderator, quiz_form(bands=bands))
    assert response.status_code == 200 and message in response.content.decode()


def test_a_scale_is_checked_against_its_best_total(moderator):
    scale = [[("少", False, 0), ("多", False, 3)], [("少", False, 0), ("多", False, 2)]]
    assert create(moderator, quiz_form("scale", scale, [(0, 2), (3, 4)])).status_code == 200  # 5 uncovered
    assert create(moderator, quiz_form("scale", scale, [(0, 2), (3, 5)])).status_code == 302


def test_translating_a_quiz_copies_its_questions_choices_and_bands():
    from wagtail.models import Locale

    quiz = make_quiz(slug="to-translate")
    copy = quiz.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    questions = copy.ordered_questions()
    assert [q.text for q in questions] == [q.text for q in quiz.ordered_questions()]
    assert [len(q.ordered_choices()) for q in questions] == [3, 3, 2]
    assert {q.pk for q in questions}.isdisjoint({q.pk for q in quiz.ordered_questions()})
    assert copy.bands.count() == 3
