"""The "was this helpful?" vote: counts only, once per session per answer, never a 500 whatever is posted."""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import AnswerFeedback, PolicyAnswerPage

pytestmark = pytest.mark.django_db


def answer(external_id="demo-faq-a01", language="zh-hans"):
    return PolicyAnswerPage.objects.get(external_id=external_id, locale__language_code=language)


def counts(page):
    feedback = AnswerFeedback.objects.filter(page=page).first()
    return (feedback.helpful, feedback.not_helpful) if feedback else (0, 0)


def feedback_url(page):
    return reverse("faq_feedback", kwargs={"page_id": page.pk})


def vote(client, page, value="yes", **headers):
    return client.post(feedback_url(page), {"helpful": value}, headers=headers)


def test_a_vote_counts_and_returns_to_the_answer_with_thanks(client):
    page = answer()
    response = vote(client, page, "yes")
    assert response.status_code == 302 and response["Location"] == page.url + "#feedback"
    assert counts(page) == (1, 0)
    html = client.get(page.url).content.decode()
    assert "你已评价过这条回答，谢谢。" in html
    assert 'name="helpful"' not in html


def test_each_reader_counts_once_per_answer_but_may_rate_other_answers(client):
    page, other = answer(), answer("demo-faq-a02")
    vote(client, page, "yes")
    vote(client, page, "no")
    vote(client, other, "no")
    assert counts(page) == (1, 0)
    assert counts(other) == (0, 1)
    Client().post(feedback_url(page), {"helpful": "no"})  # another reader, another session
    assert counts(page) == (1, 1)


def test_no_person_is_stored_with_a_vote(client, django_user_model):
    page = answer()
    vote(client, page)
    row = AnswerFeedback.objects.get(page=page)
    assert {field.name for field in AnswerFeedback._meta.get_fields()} == {
        "id",
        "page",
        "helpful",
        "not_helpful",
    }
    assert row.total == 1


def test_share_is_shown_only_from_five_votes(client):
    page = answer("demo-faq-a08", "en")
    for value in ["yes", "yes", "no", "yes"]:
        Client().post(feedback_url(page), {"helpful": value})
    assert "found this answer helpful" not in client.get(page.url).content.decode()
    Client().post(feedback_url(page), {"helpful": "yes"})
    assert "4 of 5 readers found this answer helpful." in client.get(page.url).content.decode()


@pytest.mark.parametrize("data", [{}, {"helpful": "maybe"}, {"helpful": ""}, {"helpful": "yes\x00"}])
def test_a_bad_vote_is_a_400_with_a_message_and_counts_nothing(client, data):
    page = answer("demo-faq-a08", "en")
    response = client.post(feedback_url(page), data)
    assert response.status_code == 400
    assert "Choose “Yes” or “No”." in response.content.decode()
    assert counts(page) == (0, 0)


def test_get_is_not_allowed(client):
    assert client.get(feedback_url(answer())).status_code == 405


def test_a_vote_from_another_sites_page_is_refused():
    page = answer()
    for headers in (
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Sec-Fetch-Site": "cross-site"},
    ):
        assert vote(Client(), page, "yes", **headers).status_code == 403
    assert counts(page) == (0, 0)


def test_a_vote_from_the_answers_own_page_counts():
    page = answer()
    response = vote(Client(), page, "yes", Origin="http://testserver", **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 302
    assert counts(page) == (1, 0)


def test_the_answer_page_carries_no_csrf_token_and_so_can_be_cached(client):
    html = client.get(answer().url).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert reverse("faq_feedback", kwargs={"page_id": answer().pk}) in html


def test_publishing_a_new_revision_keeps_the_counts(client):
    page = answer()
    vote(client, page, "yes")
    Client().post(feedback_url(page), {"helpful": "no"})
    page.short_answer = page.short_answer + "（已更新）"
    page.save_revision().publish()
    revision = page.latest_revision
    revision.publish()  # re-publishing an older copy of the page changes nothing either
    assert counts(page) == (1, 1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["helpful", "Helpful", "csrfmiddlewaretoken", "x"]),
        st.one_of(st.sampled_from(["yes", "no", "YES", " yes", "1", "true"]), st.text(max_size=30)),
        max_size=3,
    )
)
def test_any_post_either_counts_one_valid_vote_or_is_a_400(data):
    page = PolicyAnswerPage.objects.get(external_id="demo-faq-b22", locale__language_code="en")
    before = counts(page)
    response = Client().post(feedback_url(page), data)
    after = counts(page)
    if data.get("helpful") in ("yes", "no"):
        assert response.status_code == 302
        assert sum(after) == sum(before) + 1
        assert (after[0] - before[0] == 1) == (data["helpful"] == "yes")
    else:
        assert response.status_code == 400
        assert after == before
