"""The pre-filled request letter, one per creditor, in formal Chinese (or English on the English site). The
figures come from the same calculation as the results; the borrower edits the text before using it."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .choices import LENDERS, REASONS

MAX_LETTER_CHARS = 6000
TEMPLATES = {"zh-hans": "assessment/letters/letter_zh.txt", "en": "assessment/letters/letter_en.txt"}


def texts(draft, figures, language=None):
    """The generated letter for each debt, in order."""
    language = language or translation.get_language()
    template = TEMPLATES.get(language, TEMPLATES["zh-hans"])
    situation = draft.answers["situation"]
    with translation.override(language):
        reasons = [str(label) for code, label in REASONS if code in situation.get("reasons", [])]
        lenders = {code: str(label) for code, label in LENDERS}
        return [
            render_to_string(
                template,
                {
                    "debt": debt,
                    "lender": debt.name or lenders.get(debt.lender, debt.lender),
                    "figures": figures,
                    "reasons": reasons,
                    "since": situation.get("since"),
                    "household": situation.get("household"),
                    "dependants": situation.get("dependants"),
                    "reply_days": settings.ASSESSMENT_LETTER_REPLY_DAYS,
                },
            ).strip()
            for debt in figures.debts
        ]


def with_edits(draft, generated):
    """(generated, text to show) for each letter: the borrower's edited text where there is one."""
    return [
        {
            "index": i,
            "generated": text,
            "text": draft.letters.get(str(i), text),
            "edited": str(i) in draft.letters,
        }
        for i, text in enumerate(generated)
    ]
