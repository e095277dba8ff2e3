"""Which published negotiation options a borrower's answers meet. The options are rows editors keep
(NegotiationOption); these are what can be asked for, never a promise."""

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Locale

from .models import NegotiationOption


@dataclass(frozen=True)
class Match:
    option: NegotiationOption
    eligible: bool


def meets(option, answers, results):
    situation = answers.get("situation", {})
    lenders = {debt["lender"] for debt in answers.get("debts", [])}
    if option.min_income_drop is not None:
        drop = results.income_drop_percent
        if drop is None or drop < option.min_income_drop:
            return False
    if option.reasons and not set(option.reasons) & set(situation.get("reasons", [])):
        return False
    if option.lenders and not set(option.lenders) & lenders:
        return False
    return not (option.needs_arrears and not any(debt.days_overdue > 0 for debt in results.debts))


def published_options(language=None):
    """The options in the reader's language (the default language's when none are translated)."""
    options = NegotiationOption.objects.filter(locale__language_code=language or get_language())
    if not options.exists():
        options = NegotiationOption.objects.filter(locale=Locale.get_default())
    return list(options)


def match_options(answers, results, language=None):
    """Every published option, those the answers meet first."""
    matches = [Match(option, meets(option, answers, results)) for option in published_options(language)]
    return sorted(matches, key=lambda match: not match.eligible)
