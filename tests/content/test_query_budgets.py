"""SQL query budgets per public page type: a change that adds queries per item (N+1) fails here.

Measured on a warm request (the site-root cache filled by a first one), as readers mostly meet it.
Lower a budget when a page gets cheaper; raise one only with a reason in the commit message.
"""

import pytest

from tests.helpers import article, topic

pytestmark = pytest.mark.django_db

BUDGETS = [
    ("home zh-hans", lambda: "/", 5),
    ("home en", lambda: "/en/", 5),
    ("topic", lambda: topic().url, 5),
    # The route, the view restrictions, the menu, the breadcrumb trail and a "related tools" block's links
    # come from the page tree cache (portal/page_tree.py): the page itself is one query, the site another.
    # The demo article also ends with a quiz block (one: the quiz).
    ("article zh-hans", lambda: article().url, 7),
    ("article en", lambda: article(language="en").url, 7),
    (
        "tool page with a result",
        lambda: "/tools/true-apr/?principal=10000&received=9000&payment=1000&months=12",
        5,
    ),
    ("tool index", lambda: "/tools/", 4),
    # FAQ: categories and answers are two queries whatever their number; an answer adds its category,
    # vote counts, tags and related answers (one query).
    # The index also lists the published negotiation options ("What you can ask for"): one query.
    ("faq index zh-hans", lambda: "/faq/", 6),
    ("faq index en", lambda: "/en/faq/", 6),
    ("faq category", lambda: "/faq/category/negotiation/", 6),
    ("faq answer zh-hans", lambda: "/faq/demo-faq-a01/", 7),
    ("faq answer en", lambda: "/en/faq/demo-faq-a08/", 7),
    # Quizzes: a question screen reads the attempt and the session besides the page and its questions.
    ("quiz index", lambda: "/quizzes/", 4),
    ("quiz intro", lambda: "/quizzes/money-basics/", 5),
    ("quiz question", lambda: "/quizzes/money-basics/q/1/", 7),
    ("whole quiz", lambda: "/quizzes/money-basics/all/", 5),
    ("log-in", lambda: "/accounts/login/", 3),
    ("sign-up", lambda: "/accounts/signup/", 3),
    ("healthz", lambda: "/healthz", 2),
]


@pytest.mark.parametrize(("name", "url", "budget"), BUDGETS, ids=[name for name, _, _ in BUDGETS])
def test_page_stays_within_its_query_budget(client, django_assert_max_num_queries, name, url, budget):
    path = url()
    assert client.get(path).status_code == 200
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


def test_article_queries_do_not_grow_with_related_articles(client, django_assert_max_num_queries):
    """Six related articles cost what three do."""
    from content.models import ArticlePage, ArticleRelatedPage

    page = article()
    others = ArticlePage.objects.live().filter(locale_id=page.locale_id).exclude(pk=page.pk)[:6]
    page.related_links.all().delete()
    for order, other in enumerate(others):
        ArticleRelatedPage.objects.create(article=page, page=other, sort_order=order)
    client.get(page.url)
    with django_assert_max_num_queries(7):
        html = client.get(page.url).content.decode()
    assert all(other.title in html for other in others)


def test_faq_answer_queries_do_not_grow_with_related_answers(client, django_assert_max_num_queries):
    """An answer with three related answers costs what one with none does."""
    from content.models import PolicyAnswerPage

    bare = PolicyAnswerPage.objects.get(external_id="demo-faq-a03", locale__language_code="zh-hans")
    assert not bare.related_answer_links.exists()
    client.get(bare.url)
    with django_assert_max_num_queries(7):
        assert client.get(bare.url).status_code == 200


def test_quiz_result_queries_do_not_grow_with_questions(client, django_assert_max_num_queries):
    """The result of a six-question quiz, every explanation and "learn more" link shown, in a fixed number."""
    from quizzes.models import QuizPage
    from tests.quizzes.test_taking import token_of

    quiz = QuizPage.objects.get(slug="money-basics", locale__language_code="zh-hans")
    data = {"attempt": token_of(client.get(quiz.subpage_url("all")))}
    for question in quiz.ordered_questions():
        data[f"q{question.pk}"] = question.ordered_choices()[0].pk
    result = client.post(quiz.subpage_url("all"), data)["Location"]
    client.get(result)
    # The page, the site and the session, the attempt, its answers and their choices, the questions and their
    # choices, bands and their reading, the count of takers.
    with django_assert_max_num_queries(12):
        assert client.get(result).status_code == 200
