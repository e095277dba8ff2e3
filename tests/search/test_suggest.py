"""'Did you mean' and marked terms from the real index of the demo site: homophone typos and pinyin become the
indexed words they sound like, real words are left alone, and a traditional-character query marks the
simplified text it found."""

import pytest

from search import service

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("网伤贷逾期了咋办", "网商贷逾期了咋办"),
        ("征心多久消除", "征信多久消除"),
        ("协上还款", "协商还款"),
        ("坎头息", "砍头息"),
        ("xieshang huankuan", "协商还款"),
    ],
)
def test_a_typo_or_pinyin_gets_the_word_it_sounds_like(typed, meant):
    assert service.did_you_mean(typed) == meant


@pytest.mark.parametrize("query", ["协商还款", "征信修复", "催收天天打电话给我妈", "credit report", "权利"])
def test_words_that_are_right_are_not_corrected(query):
    assert service.did_you_mean(query) is None


def test_a_traditional_query_marks_the_simplified_words(client):
    html = client.get("/search/", {"q": "協商還款"}).content.decode()
    assert "<mark>协商还款</mark>" in html or "<mark>协商</mark>" in html


def test_terms_include_synonyms_written_as_read():
    terms = service.query_terms("停息挂账")
    assert "停息挂账" in terms and "个性化分期" in terms
