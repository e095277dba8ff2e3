"""Forms: answering questions (one, or the whole quiz at once) and the editor's quiz page form.

A tampered choice id, a choice of another question or no answer at all is a form error in the reader's
language; the other answers on the page stay as they were chosen.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

from quizzes import scoring

INVALID_CHOICE = _("Choose one of the answers shown.")


def field_name(question):
    return f"q{question.pk}"


class AnswersForm(forms.Form):
    """Answers to `questions`; the hidden attempt token ties a posted form to one attempt (a replay of the
    same form finds that attempt instead of making a second one)."""

    attempt = forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"invalid": _("This form has expired.")}
    )

    def __init__(self, questions, kind, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            choices = [(choice.pk, choice.text) for choice in question.ordered_choices()]
            messages = {"required": _("Choose an answer."), "invalid_choice": INVALID_CHOICE}
            if kind == scoring.KNOWLEDGE and question.several_correct:
                field = forms.TypedMultipleChoiceField(
                    choices=choices,
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={**messages, "required": _("Choose at least one answer.")},
                )
            else:
                field = forms.TypedChoiceField(
                    choices=choices, coerce=int, widget=forms.RadioSelect, error_messages=messages
                )
            field.label = question.text
            field.question = question
            self.fields[field_name(question)] = field

    def selections(self):
        """{question: set of chosen choice ids} of a valid form."""
        selected = {}
        for question in self.questions:
            value = self.cleaned_data[field_name(question)]
            selected[question] = set(value) if isinstance(value, list) else {value}
        return selected

    def question_fields(self):
        return [self[field_name(question)] for question in self.questions]


def band_problem_messages(ranges, best):
    """Translated sentences for `scoring.band_problems`, for the editor's form."""
    messages = []
    for kind, detail in scoring.band_problems(ranges, best):
        if kind == "overlap":
            (low1, high1), (low2, high2) = detail
            messages.append(
                _("Bands %(a)s and %(b)s overlap.") % {"a": f"{low1}–{high1}", "b": f"{low2}–{high2}"}
            )
        elif kind == "gap":
            totals = ", ".join(str(total) for total in detail[:10])
            messages.append(
                ngettext(
                    "No band covers the score %(totals)s.",
                    "No band covers the scores %(totals)s.",
                    len(detail),
                )
                % {"totals": totals}
            )
    return messages


class QuizPageForm(WagtailAdminPageForm):
    """Checks what no single row can: a knowledge question has a right answer, and the bands cover every
    possible total once."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        questions = self._live_forms("questions")
        best_by_question = []
        for form in questions:
            choices = self._live_forms_of(form, "choices")
            if (
                kind == scoring.KNOWLEDGE
                and choices
                and not any(c.cleaned_data.get("is_correct") for c in choices)
            ):
                form.add_error(None, _("Mark at least one choice as correct."))
            best_by_question.append(max((c.cleaned_data.get("points") or 0 for c in choices), default=0))
        best = sum(best_by_question) if kind == scoring.SCALE else len(questions)
        ranges = [
            (form.cleaned_data["min_score"], form.cleaned_data["max_score"])
            for form in self._live_forms("bands")
            if form.cleaned_data.get("min_score") is not None
            and form.cleaned_data.get("max_score") is not None
        ]
        for message in band_problem_messages(ranges, best):
            self.add_error(None, message)
        return cleaned

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        return self._kept(formset)

    @staticmethod
    def _live_forms_of(form, name):
        formset = getattr(form, "formsets", {}).get(name)
        return QuizPageForm._kept(formset)

    @staticmethod
    def _kept(formset):
        if formset is None:
            return []
        formset.is_valid()  # the page form is cleaned before its formsets; this cleans them (once, cached)
        return [
            form
            for form in formset.forms
            if hasattr(form, "cleaned_data") and form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
