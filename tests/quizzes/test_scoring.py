"""Scoring rules: a knowledge question is right only with exactly the right choices; a scale adds points;
bands are inclusive at both edges; editors are told about gaps and overlaps."""

from hypothesis import given
from hypothesis import strategies as st

from quizzes import scoring

SINGLE = [(1, True, 0), (2, False, 0), (3, False, 0)]
MULTI = [(1, True, 0), (2, True, 0), (3, False, 0)]
SCALE = [(1, False, 0), (2, False, 1), (3, False, 4)]


def test_single_answer_question_is_right_only_with_the_right_choice():
    assert scoring.outcome(scoring.KNOWLEDGE, SINGLE, {1}) == scoring.Outcome(True, 1)
    assert scoring.outcome(scoring.KNOWLEDGE, SINGLE, {2}) == scoring.Outcome(False, 0)


def test_several_right_answers_must_all_be_chosen_and_nothing_else():
    assert scoring.outcome(scoring.KNOWLEDGE, MULTI, {1, 2}).correct is True
    assert scoring.outcome(scoring.KNOWLEDGE, MULTI, {1}).correct is False
    assert scoring.outcome(scoring.KNOWLEDGE, MULTI, {1, 2, 3}).correct is False


def test_scale_answers_carry_points_and_no_verdict():
    assert scoring.outcome(scoring.SCALE, SCALE, {3}) == scoring.Outcome(None, 4)
    assert scoring.outcome(scoring.SCALE, SCALE, {1}) == scoring.Outcome(None, 0)


def test_max_total_is_one_a_question_or_the_best_points_of_each():
    assert scoring.max_total(scoring.KNOWLEDGE, [SINGLE, MULTI]) == 2
    assert scoring.max_total(scoring.SCALE, [SCALE, SCALE]) == 8


BANDS = [(0, 3, "low"), (4, 6, "middle"), (7, 8, "high")]


def test_band_edges_are_inclusive():
    assert [scoring.band_for(total, BANDS) for total in range(9)] == ["low"] * 4 + ["middle"] * 3 + [
        "high"
    ] * 2
    assert scoring.band_for(9, BANDS) is None


def test_band_problems_name_gaps_overlaps_and_reversed_ranges():
    assert scoring.band_problems([(0, 3), (4, 6), (7, 8)], 8) == []
    assert scoring.band_problems([(0, 3), (5, 8)], 8) == [("gap", (4,))]
    assert scoring.band_problems([(0, 4), (4, 8)], 8) == [("overlap", ((0, 4), (4, 8)))]
    assert ("reversed", (6, 2)) in scoring.band_problems([(0, 8), (6, 2)], 8)
    assert scoring.band_problems([(0, 5)], 8) == [("gap", (6, 7, 8))]


choice_lists = st.lists(st.tuples(st.booleans(), st.integers(0, 4)), min_size=2, max_size=6).map(
    lambda items: [(n, correct, points) for n, (correct, points) in enumerate(items)]
)


@given(choice_lists, st.sets(st.integers(0, 7)))
def test_knowledge_outcome_is_right_exactly_when_the_choice_set_is_the_right_set(choices, selected):
    right = {n for n, correct, _ in choices if correct}
    result = scoring.outcome(scoring.KNOWLEDGE, choices, selected)
    assert result.correct == (bool(right) and selected == right)
    assert result.points == (1 if result.correct else 0)


@given(st.lists(choice_lists, min_size=1, max_size=8), st.data())
def test_a_scale_total_never_exceeds_its_maximum(questions, data):
    total = 0
    for choices in questions:
        picked = data.draw(st.sampled_from([n for n, _, _ in choices]))
        total += scoring.outcome(scoring.SCALE, choices, {picked}).points
    assert 0 <= total <= scoring.max_total(scoring.SCALE, questions)


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20)), max_size=5), st.integers(0, 20))
def test_sound_bands_give_every_total_exactly_one_band(ranges, best):
    bands = [(low, high, i) for i, (low, high) in enumerate(ranges)]
    if scoring.band_problems(ranges, best):
        return
    for total in range(best + 1):
        assert sum(1 for low, high, _ in bands if low <= total <= high) == 1
