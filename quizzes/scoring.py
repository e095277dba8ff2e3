"""Scoring, with no database: what one answer is worth, and which result band a total falls in.

A *knowledge* question is right only when the chosen set is exactly the set of correct choices (ticking one
of two right answers, or every box, is not right). A *scale* question has no right answer: the chosen
choices' points add up. Bands are inclusive ranges of totals: 3 falls in 0–3 and not in 4–6.
"""

from dataclasses import dataclass

KNOWLEDGE = "knowledge"
SCALE = "scale"


@dataclass(frozen=True)
class Outcome:
    correct: bool | None  # None on a scale, where nothing is right or wrong
    points: int


def outcome(kind, choices, selected):
    """The outcome of choosing `selected` (ids) among `choices`, (id, is_correct, points) triples."""
    selected = set(selected)
    if kind == SCALE:
        return Outcome(None, sum(points for choice_id, _, points in choices if choice_id in selected))
    right = {choice_id for choice_id, is_correct, _ in choices if is_correct}
    correct = bool(right) and selected == right
    return Outcome(correct, 1 if correct else 0)


def max_total(kind, questions):
    """The best possible total: one point a question, or on a scale the sum of each question's best."""
    if kind == SCALE:
        return sum(max((points for _, _, points in choices), default=0) for choices in questions)
    return len(questions)


def band_for(total, bands):
    """The first band, of (low, high, band) triples, whose inclusive range holds `total`; None if none."""
    for low, high, band in bands:
        if low <= total <= high:
            return band
    return None


def band_problems(ranges, best):
    """What is wrong with a list of (low, high) band ranges for totals 0..best: reversed ranges, overlaps,
    and the totals no band covers. Returns (kind, detail) pairs; an empty list means the bands are sound."""
    problems = []
    for low, high in ranges:
        if low > high:
            problems.append(("reversed", (low, high)))
    ordered = sorted((low, high) for low, high in ranges if low <= high)
    for (low1, high1), (low2, high2) in zip(ordered, ordered[1:], strict=False):
        if low2 <= high1:
            problems.append(("overlap", ((low1, high1), (low2, high2))))
    uncovered = [total for total in range(best + 1) if not any(low <= total <= high for low, high in ordered)]
    if uncovered:
        problems.append(("gap", tuple(uncovered)))
    return problems
