"""Reading time: at least a minute, and never shorter for a longer text."""

from hypothesis import given
from hypothesis import strategies as st

from content.reading_time import reading_minutes


def test_chinese_reads_at_about_400_characters_a_minute():
    assert reading_minutes("借" * 400) == 1
    assert reading_minutes("借" * 401) == 2
    assert reading_minutes("word " * 600) == 3


@given(st.text(), st.text())
def test_longer_text_never_reads_faster(first, extra):
    assert 1 <= reading_minutes(first) <= reading_minutes(first + " " + extra)
