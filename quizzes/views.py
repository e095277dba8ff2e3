"""Taking a quiz, without JavaScript: one question a screen with its explanation straight after, or the whole
quiz on one page; the result; and a signed-in borrower's progress. The quiz page's routes call these."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from quizzes import analytics, ownership
from quizzes.forms import AnswersForm
from quizzes.models import Attempt
from quizzes.recording import NotYours, complete_if_done, record


def _render(request, quiz, template, status=200, **context):
    return TemplateResponse(request, template, {**quiz.get_context(request), **context}, status=status)


def intro(request, quiz):
    questions = quiz.ordered_questions()
    attempt = _current_attempt(request, quiz)
    answered = attempt.answers.count() if attempt and not attempt.completed else 0
    return _render(
        request,
        quiz,
        "quizzes/quiz_page.html",
        question_count=len(questions),
        answered=answered,
        resume_number=min(answered + 1, len(questions)),
    )


def _current_attempt(request, quiz):
    token = request.session.get(ownership.CURRENT_KEY, {}).get(str(quiz.pk))
    if token is None:
        return None
    attempt = Attempt.objects.filter(token=token, quiz=quiz).first()
    return attempt if attempt and ownership.owns(request, attempt) else None


def question(request, quiz, number):
    questions = quiz.ordered_questions()
    if not 1 <= number <= len(questions):
        raise Http404
    current = questions[number - 1]
    token = ownership.current_token(request, quiz)
    attempt = Attempt.objects.filter(token=token, quiz=quiz).first()
    if attempt is not None and not ownership.owns(request, attempt):
        attempt = None
    answer = _answer(attempt, current) if attempt else None
    if attempt is not None and attempt.completed and request.method == "GET" and answer is None:
        ownership.forget_current(request, quiz)
        return redirect(quiz.subpage_url("question", number))
    form = AnswersForm([current], quiz.kind, initial={"attempt": token})
    if request.method == "POST":
        form = AnswersForm([current], quiz.kind, request.POST)
        if form.is_valid():
            if form.cleaned_data["attempt"] != token:
                messages.warning(
                    request, _("That answer belonged to an earlier attempt, so it was not counted.")
                )
                return redirect(quiz.subpage_url("question", number))
            try:
                attempt, new = record(request, quiz, token, form.selections(), Attempt.ONE_AT_A_TIME)
            except NotYours:
                ownership.forget_current(request, quiz)
                messages.warning(request, _("This form has expired. Please answer again."))
                return redirect(quiz.subpage_url("question", number))
            if not new:
                messages.info(request, _("You had already answered this question; your first answer counts."))
            return redirect(quiz.subpage_url("question", number))
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    is_last = number == len(questions)
    return _render(
        request,
        quiz,
        "quizzes/question.html",
        status=400 if form.is_bound and not form.is_valid() else 200,
        form=form,
        question=current,
        number=number,
        question_count=len(questions),
        percent_done=round(100 * (number - 1 + (1 if answer else 0)) / len(questions)),
        answer=answer,
        chosen_ids=_chosen_ids(answer),
        next_url=None if is_last else quiz.subpage_url("question", number + 1),
        result_url=(
            quiz.subpage_url("result", attempt.token) if attempt is not None and attempt.completed else None
        ),
    )


def _answer(attempt, question):
    return attempt.answers.filter(question=question).prefetch_related("choices").first()


def _chosen_ids(answer):
    return {choice.pk for choice in answer.choices.all()} if answer else set()


def whole_quiz(request, quiz):
    questions = quiz.ordered_questions()
    if request.method == "POST":
        form = AnswersForm(questions, quiz.kind, request.POST)
        if form.is_valid():
            token = form.cleaned_data["attempt"]
            existing = Attempt.objects.filter(token=token).first()
            if existing is not None and existing.completed and ownership.owns(request, existing):
                messages.info(request, _("These answers were already sent; they were counted once."))
                return redirect(quiz.subpage_url("result", existing.token))
            try:
                attempt, _new = record(request, quiz, token, form.selections(), Attempt.WHOLE_QUIZ)
            except NotYours:
                messages.warning(request, _("This form has expired. Please answer again."))
                return redirect(quiz.subpage_url("all"))
            return redirect(quiz.subpage_url("result", attempt.token))
    elif request.method == "GET":
        form = AnswersForm(questions, quiz.kind, initial={"attempt": uuid.uuid4()})
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    return _render(
        request,
        quiz,
        "quizzes/whole_quiz.html",
        status=400 if form.is_bound else 200,
        form=form,
        question_count=len(questions),
    )


def retake(request, quiz):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    ownership.forget_current(request, quiz)
    return redirect(quiz.subpage_url("question", 1))


def result(request, quiz, token):
    attempt = Attempt.objects.filter(token=token, quiz=quiz).first()
    if attempt is None or not ownership.owns(request, attempt):
        raise Http404
    questions = quiz.ordered_questions()
    if not attempt.completed:
        # Every question may be answered already if an editor removed the last open one: score it now.
        complete_if_done(attempt, quiz)
    if not attempt.completed:
        answered = set(attempt.answers.values_list("question_id", flat=True))
        number = next(i for i, q in enumerate(questions, 1) if q.pk not in answered)
        return redirect(quiz.subpage_url("question", number))
    answers = {answer.question_id: answer for answer in attempt.answers.prefetch_related("choices")}
    shares = analytics.share_right_by_question(quiz)
    review = [
        {
            "question": question,
            "answer": answers.get(question.pk),
            "chosen_ids": _chosen_ids(answers.get(question.pk)),
            "share_right": round(100 * shares[question.pk]) if question.pk in shares else None,
        }
        for question in questions
    ]
    band = quiz.band_for(attempt.score)
    return _render(
        request,
        quiz,
        "quizzes/result.html",
        attempt=attempt,
        band=band,
        reading=band.live_reading() if band else [],
        review=review,
        shares_shown=bool(shares),
        min_takers=analytics.MIN_TAKERS_FOR_SHARES,
    )


def withdrawn(quiz, request, *args, **kwargs):
    """A quiz unpublished while someone takes it: nothing more can be answered; what was answered stays."""
    return TemplateResponse(request, "quizzes/withdrawn.html", {"page": quiz}, status=410)


@login_required
def progress(request):
    """A signed-in borrower's attempts, newest first, and their best score on each quiz."""
    attempts = (
        Attempt.objects.filter(user=request.user, completed_at__isnull=False)
        .select_related("quiz")
        .order_by("-completed_at")
    )
    best = {
        row["quiz"]: row["best"]
        for row in Attempt.objects.filter(user=request.user, completed_at__isnull=False)
        .values("quiz")
        .annotate(best=Max("score"))
    }
    quizzes = {}
    for attempt in attempts:
        entry = quizzes.setdefault(
            attempt.quiz_id, {"quiz": attempt.quiz, "best": best[attempt.quiz_id], "attempts": []}
        )
        entry["attempts"].append(attempt)
    return TemplateResponse(request, "quizzes/progress.html", {"quizzes": list(quizzes.values())})
