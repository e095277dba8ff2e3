"""Recording answers: each question counts once per attempt, whatever is replayed or posted twice, and an
attempt is scored once, when its last question is answered."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from quizzes import ownership, scoring
from quizzes.models import Answer, Attempt


class NotYours(Exception):
    """The posted token names an attempt of another person, or of another quiz."""


def record(request, quiz, token, selections, mode):
    """Stores the answers in `selections` ({question: chosen ids}) on the attempt `token`; returns
    (attempt, number of answers that were new). Answers already given are kept as they were."""
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        attempt, created = Attempt.objects.get_or_create(
            token=token, defaults={"quiz": quiz, "user": user, "mode": mode}
        )
        if attempt.quiz_id != quiz.pk or not (created or ownership.owns(request, attempt)):
            raise NotYours
    ownership.remember(request, attempt)
    new = 0
    for question, chosen in selections.items():
        result = scoring.outcome(quiz.kind, question.choice_triples(), chosen)
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    attempt=attempt, question=question, correct=result.correct, points=result.points
                )
                answer.choices.set(chosen)
        except IntegrityError:
            continue  # answered already (a replay, or a second post racing the first)
        new += 1
    complete_if_done(attempt, quiz)
    return attempt, new


def complete_if_done(attempt, quiz):
    """Scores the attempt once every question of the quiz has an answer (once only: a conditional update)."""
    if attempt.completed:
        return
    questions = quiz.ordered_questions()
    answers = list(attempt.answers.filter(question__in=questions))
    if len(answers) < len(questions):
        return
    score = sum(answer.points for answer in answers)
    updated = Attempt.objects.filter(pk=attempt.pk, completed_at__isnull=True).update(
        completed_at=timezone.now(), score=score, max_score=quiz.max_total(questions)
    )
    if updated:
        attempt.refresh_from_db()
