"""The wizard's steps in order: each with its form, template, and why it helps (shown on the step)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    why: str
    form_class: type | None = None


STEPS = [
    Step(
        "situation",
        _("Your situation"),
        _("Lenders first ask what happened and since when. Saying it plainly shows which options fit you."),
        forms.SituationForm,
    ),
    Step(
        "income",
        _("Income"),
        _("What comes in each month shows what you can really pay. It stays with you unless you submit it."),
        forms.IncomeForm,
    ),
    Step(
        "spending",
        _("Essential spending"),
        _(
            "Listing what you must spend is not a judgement: it is what a fair plan leaves you to live on, "
            "and what lenders are asked to respect."
        ),
        forms.SpendingForm,
    ),
    Step(
        "debts",
        _("Debts"),
        _("One row per debt. The offer is shared among your lenders in proportion to what each is owed."),
        None,  # a formset, see views
    ),
]
STEP_SLUGS = [step.slug for step in STEPS]
BY_SLUG = {step.slug: step for step in STEPS}


def first_missing(answers):
    """The first step without saved answers, or None when all are there."""
    return next((slug for slug in STEP_SLUGS if slug not in answers), None)
