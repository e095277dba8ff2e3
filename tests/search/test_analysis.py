"""Analysis: what a borrower types and what an answer says meet in the same terms."""

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from search import synonyms
from search.backends.whoosh.analysis import (
    autocomplete_terms,
    normalize,
    pinyin_terms,
    query_units,
    split_pinyin,
    text_terms,
)
from search.backends.whoosh.expansion import expand
from search.models import SynonymGroup


def test_full_width_and_traditional_text_is_folded():
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert normalize("協商還款") == "协商还款"
    assert text_terms("徵信報告") == text_terms("征信报告")


def test_domain_words_stay_whole():
    for word in ["网商贷", "借呗", "微粒贷", "花呗", "停息挂账", "个性化分期", "征信", "砍头息", "协商还款"]:
        assert word in text_terms(f"我想了解{word}的问题")


def test_search_mode_also_indexes_the_shorter_words_inside():
    terms = text_terms("协商还款")
    assert {"协商", "还款", "协商还款"} <= set(terms)


def test_english_words_are_stemmed_and_stop_words_dropped():
    assert text_terms("The collectors are calling") == text_terms("collector call")


def test_homophone_typos_and_pinyin_share_the_answers_pinyin():
    answer = set(pinyin_terms("协商还款"))
    for typed in ["协商换款", "xieshang huankuan", "xie shang huan kuan"]:
        typed_grams = {gram for unit in query_units(typed) for gram in unit.pinyin}
        assert {"xie_shang", "huan_kuan"} <= typed_grams & answer, typed
    assert split_pinyin("zhengxin") == ("zheng", "xin")
    assert split_pinyin("credit") is None


def test_a_single_syllable_english_word_is_not_read_as_pinyin():
    assert all(not unit.pinyin for unit in query_units("can long"))


def test_autocomplete_finds_a_chinese_substring_by_prefix():
    assert any(term.startswith("协商") for term in autocomplete_terms("什么是協商還款"))


@given(st.text(max_size=80))
def test_analysis_never_fails_on_any_text(text):
    text_terms(text)
    pinyin_terms(text)
    autocomplete_terms(text)
    query_units(text)


@pytest.mark.django_db
def test_editor_synonyms_are_read_once_and_refreshed_on_change(django_assert_num_queries):
    cache.clear()
    group = SynonymGroup.objects.create(terms="白户, 征信空白")
    with django_assert_num_queries(1):
        assert ["白户", "征信空白"] in synonyms.synonym_groups()
        assert ["白户", "征信空白"] in synonyms.synonym_groups()
    group.terms = "白户, 没有征信记录"
    group.save()
    assert ["白户", "没有征信记录"] in synonyms.synonym_groups()
    group.delete()
    assert all("白户" not in found for found in synonyms.synonym_groups())


def expansion_of(text, groups):
    units = query_units(text, with_pinyin=False)
    expanded = expand(units, text, tuple(map(tuple, groups)), synonym_weight=0.6, cross_language_weight=0.4)
    return {unit.term: dict(alternatives) for unit, alternatives in zip(units, expanded, strict=True)}


def test_a_synonym_phrase_is_found_in_the_text_however_jieba_splits_it():
    # 晚点还钱 is cut 晚点 | 还钱, not 晚点还 | 钱; the group's phrase is still found and stands in for it.
    expanded = expansion_of("晚点还钱可以吗", [("晚点还", "延期还款")])
    assert expanded["晚点"] == {("延期还款",): 0.6, ("晚点", "还"): 0.6}


def test_a_phrase_inside_one_longer_word_weighs_less():
    expanded = expansion_of("协商还款", [("协商", "商量")])
    assert expanded["协商还款"] == {("商量",): 0.3}


def test_the_other_languages_words_weigh_less_both_ways():
    groups = [("征信", "credit report")]
    assert expansion_of("征信多久", groups)["征信"] == {("credit", "report"): 0.4}
    assert expansion_of("credit report", groups)["credit"] == {("征信",): 0.4}


def test_the_default_groups_give_the_chinese_for_common_english_lending_words():
    groups = synonyms.DEFAULT_GROUPS
    for english, chinese in [("debt collector", "催收"), ("credit report", "征信"), ("negotiate", "协商")]:
        first = query_units(english, with_pinyin=False)[0].term
        assert (chinese,) in expansion_of(english, groups)[first]


def test_the_pinyin_file_matches_the_pinyin_package():
    """pinyin.txt is made from pypinyin's table (python -m search.backends.whoosh.pinyin_table)."""
    from search.backends.whoosh import pinyin_table

    assert pinyin_table.table() == pinyin_table.from_pypinyin()
    assert pinyin_table.table()["还"][:2] == ("hai", "huan")
