"""Attempts at a quiz and their answers. An anonymous attempt belongs to the session that made it (its token
is kept in the session, nothing about the person is stored); it moves to the account at log-in."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Attempt(models.Model):
    ONE_AT_A_TIME = "one"
    WHOLE_QUIZ = "all"
    MODE_CHOICES = [(ONE_AT_A_TIME, _("One question at a time")), (WHOLE_QUIZ, _("Whole quiz on one page"))]

    token = models.UUIDField(_("token"), unique=True, default=uuid.uuid4, editable=False)
    quiz = models.ForeignKey(
        "quizzes.QuizPage", on_delete=models.CASCADE, related_name="attempts", verbose_name=_("quiz")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("user"),
    )
    mode = models.CharField(_("mode"), max_length=3, choices=MODE_CHOICES, default=ONE_AT_A_TIME)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    score = models.IntegerField(_("score"), null=True, blank=True)
    max_score = models.IntegerField(_("highest possible score"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["quiz", "completed_at"])]

    def __str__(self):
        return f"{self.quiz_id}: {self.score}/{self.max_score}"

    @property
    def completed(self):
        return self.completed_at is not None


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey("quizzes.Question", on_delete=models.CASCADE, related_name="answers")
    choices = models.ManyToManyField("quizzes.Choice", related_name="answers")
    correct = models.BooleanField(null=True)  # None on a self-assessment scale
    points = models.IntegerField(default=0)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_answer_per_question_per_attempt"
            )
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}: {self.points}"
