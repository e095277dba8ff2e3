"""Taking the literacy quiz on a phone, in Chinese, one question a screen: each answer is followed by its
explanation, the result shows the band and what to read next. The same without JavaScript. axe finds no
serious or critical violation on the quiz's screens in either language."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import QuizPage
from tests.browser.conftest import BROWSER_TEST
from tests.browser.test_accessibility import axe_violations, describe

pytestmark = BROWSER_TEST


def literacy(language="zh-hans"):
    return QuizPage.objects.get(slug="money-basics", locale__language_code=language)


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_take_the_literacy_quiz_one_question_at_a_time(make_page, javascript):
    quiz = literacy()
    questions = quiz.ordered_questions()
    page = make_page(javascript=javascript)
    page.goto(quiz.url)
    page.get_by_role("link", name="开始：一次一题").click()
    right = 0
    for number, question in enumerate(questions, 1):
        expect(page.locator(".quiz-progress__label")).to_have_text(f"第 {number} 题，共 {len(questions)} 题")
        group = page.get_by_role("group", name=re.compile(re.escape(question.text[:20])))
        # Pick the right answers on odd questions and the first choice on even ones: a mix of both outcomes.
        picks = question.correct_choices() if number % 2 else question.ordered_choices()[:1]
        for choice in picks:
            group.get_by_label(choice.text, exact=True).check()
        right += {c.pk for c in picks} == {c.pk for c in question.correct_choices()}
        page.get_by_role("button", name="提交答案").click()
        expect(page.locator(".quiz-review__explanation")).to_contain_text(question.explanation[:30])
        if number < len(questions):
            page.get_by_role("link", name="下一题").click()
    page.get_by_role("link", name="查看你的结果").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("你的结果")
    band = quiz.band_for(right)
    expect(page.locator(".quiz-result__score")).to_contain_text(f"{len(questions)} 题中答对了 {right} 题")
    expect(page.locator("#band-title")).to_have_text(band.title)
    reading = page.get_by_role("region", name="接下来可以读").get_by_role("link")
    expect(reading).to_have_count(len(band.live_reading()))
    first = reading.first.inner_text()
    reading.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first)


def test_a_missing_answer_is_named_on_the_whole_quiz_page(page):
    quiz = literacy()
    page.goto(quiz.subpage_url("all"))
    page.get_by_role("button", name="提交我的答案").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.locator(".errorlist").first).to_contain_text("请")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_quiz_screens_have_no_serious_accessibility_violations(page, language):
    quiz = literacy(language)
    first = quiz.ordered_questions()[0]
    screens = {
        "intro": quiz.url,
        "whole quiz": quiz.subpage_url("all"),
        "question": quiz.subpage_url("question", 1),
    }
    for name, url in screens.items():
        page.goto(url)
        assert not (violations := axe_violations(page)), f"{name} ({language}):\n{describe(violations)}"
    page.locator(f"input[name='q{first.pk}']").first.check()
    page.locator(".quiz form button[type=submit]").click()
    page.wait_for_selector(".quiz-review")
    assert not (violations := axe_violations(page)), f"feedback ({language}):\n{describe(violations)}"
    page.goto(quiz.subpage_url("all"))
    page.locator(".quiz form button[type=submit]").click()
    page.wait_for_selector(".errorlist")
    assert not (violations := axe_violations(page)), (
        f"whole quiz errors ({language}):\n{describe(violations)}"
    )
    for question in quiz.ordered_questions():
        page.locator(f"input[name='q{question.pk}']").first.check()
    page.locator(".quiz form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/result/"))
    assert not (violations := axe_violations(page)), f"result ({language}):\n{describe(violations)}"
