"""What editors and takers learn from the answers: per question, how many answered, the share right, and the
wrong answer chosen most. Only completed attempts count, so a half-taken quiz does not skew the shares."""

from django.db.models import Count, Q

from quizzes import scoring
from quizzes.models import Attempt, Choice, Question

# Below this many completed attempts the shares say more about chance than about the question.
MIN_TAKERS_FOR_SHARES = 20


def completed_attempts(quiz):
    return Attempt.objects.filter(quiz=quiz, completed_at__isnull=False).count()


def _counted(questions):
    done = Q(answers__attempt__completed_at__isnull=False)
    return questions.annotate(
        answered=Count("answers", filter=done, distinct=True),
        answered_right=Count("answers", filter=done & Q(answers__correct=True), distinct=True),
    )


def share_right_by_question(quiz):
    """{question id: share of completed attempts that got it right}, or {} below MIN_TAKERS_FOR_SHARES."""
    if quiz.is_scale or completed_attempts(quiz) < MIN_TAKERS_FOR_SHARES:
        return {}
    rows = _counted(Question.objects.filter(page=quiz)).values("pk", "answered", "answered_right")
    return {row["pk"]: row["answered_right"] / row["answered"] for row in rows if row["answered"]}


def question_rows(questions):
    """Questions annotated for the editors' report: answered, answered_right, share_right (None without
    answers), top_wrong_choice and top_wrong_count (None when no wrong answer was chosen)."""
    rows = list(_counted(questions).select_related("page").order_by("page__path", "sort_order"))
    wrong = (
        Choice.objects.filter(question__in=[row.pk for row in rows], is_correct=False)
        .filter(answers__attempt__completed_at__isnull=False, answers__correct=False)
        .annotate(times=Count("answers"))
        .order_by("question_id", "-times", "sort_order")
    )
    top_wrong = {}
    for choice in wrong:
        top_wrong.setdefault(choice.question_id, choice)
    for row in rows:
        scale = row.page.kind == scoring.SCALE  # nothing is right or wrong on a scale
        row.share_right = row.answered_right / row.answered if row.answered and not scale else None
        choice = top_wrong.get(row.pk)
        row.top_wrong_choice = choice.text if choice else None
        row.top_wrong_count = choice.times if choice else None
    return rows
