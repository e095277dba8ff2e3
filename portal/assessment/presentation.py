"""What the review and results pages show, worked out here so templates only render: labels for stored codes,
notes on spending far from the usual ranges, the risk band's words and the chart of where the money goes."""

from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.tools.charts import horizontal_bars

from .calculation import AT_RISK, BEHIND, MANAGEABLE, STRETCHED
from .choices import DURATIONS, FREQUENCIES, LENDERS, REASONS, SPENDING
from .models import ReferenceRange, SupportLine

# An entry this far outside the usual range gets a gentle note (never an error: real costs differ).
FAR_BELOW, FAR_ABOVE = Decimal("0.5"), Decimal("2")

RISK = {
    BEHIND: (
        _("Behind with payments"),
        _("At least one payment is overdue. Asking now stops the costs growing."),
    ),
    AT_RISK: (
        _("At risk"),
        _(
            "Nothing may be overdue yet, but the payments take more than you can spare. "
            "This is the best time to ask."
        ),
    ),
    STRETCHED: (
        _("Stretched"),
        _("Payments take a large share of your income. Keep an eye on it; ask early if it gets worse."),
    ),
    MANAGEABLE: (
        _("Manageable"),
        _("Your payments fit what you have left. The tools can help you keep it that way."),
    ),
}


def labels(choices):
    return {key: str(label) for key, label in choices}


def spending_notes(draft, form):
    """{category: note} for entries far outside the editors' ranges for this household size."""
    household = draft.answers.get("situation", {}).get("household") or 1
    ranges = {
        r.category: r
        for r in ReferenceRange.objects.filter(household_min__lte=household, household_max__gte=household)
    }
    values = form.cleaned_data if form.is_bound and form.is_valid() else (form.initial or {})
    notes = {}
    for category, value in values.items():
        reference = ranges.get(category)
        if reference is None or value in (None, ""):
            continue
        amount = Decimal(value)
        if amount and (amount < reference.low * FAR_BELOW or amount > reference.high * FAR_ABOVE):
            notes[category] = reference
    return notes


def review(answers):
    situation, income = answers["situation"], answers["income"]
    reason_labels, lender_labels = labels(REASONS), labels(LENDERS)
    return {
        "reasons": [reason_labels.get(code, code) for code in situation.get("reasons", [])],
        "duration": labels(DURATIONS).get(situation.get("duration"), ""),
        "situation": situation,
        "income_rows": [
            (label, income.get(f"{key}_amount"), labels(FREQUENCIES).get(income.get(f"{key}_frequency"), ""))
            for key, label in (
                ("wages", _("Wages")),
                ("benefits", _("Benefits and pensions")),
                ("other", _("Other household income")),
            )
            if income.get(f"{key}_amount")
        ],
        "income": income,
        "spending_rows": [
            (label, answers["spending"].get(key)) for key, label in SPENDING if answers["spending"].get(key)
        ],
        "debt_rows": [
            {**debt, "lender_label": lender_labels.get(debt["lender"], debt["lender"])}
            for debt in answers["debts"]
        ],
    }


def results(answers, figures):
    title, advice = RISK[figures.risk]
    spending_labels = labels(SPENDING)
    parts = [(spending_labels.get(key, key), amount) for key, amount in figures.spending_by_category.items()]
    if figures.total_payments:
        parts.append((_("Debt payments due"), figures.total_payments))
    total = sum((amount for _, amount in parts), Decimal(0))
    fractions = [amount / total if total else Decimal(0) for _, amount in parts]
    bars, height = horizontal_bars(fractions)
    lender_labels = labels(LENDERS)
    return {
        "risk_title": title,
        "risk_advice": advice,
        "chart": {
            "rows": [(label, amount, bar) for (label, amount), bar in zip(parts, bars, strict=True)],
            "height": height,
        },
        "dsr_percent": round(figures.debt_service_ratio * 100),
        "debt_rows": [
            (debt.name or lender_labels.get(debt.lender, debt.lender), debt) for debt in figures.debts
        ],
        "support_lines": list(SupportLine.objects.filter(locale__language_code=get_language())),
    }
