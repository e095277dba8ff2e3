"""What the team's summary of one request shows, worked out here so the template only renders: the creditors
with their labels, the risk band and reasons in words, the proposed plan's figures from the snapshot, the
letters and consent as given, and the response clock."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from portal.assessment.choices import LENDERS, REASONS

from .clock import reply_overdue


@dataclass(frozen=True)
class Share:
    """One creditor's part of the affordable amount, as the borrower's results showed it."""

    label: str
    balance: Decimal | None
    share: Decimal | None


def _money(value):
    """A snapshot amount (stored as text) as Decimal, or None if it is missing or not a number."""
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _labels(choices):
    return {code: str(label) for code, label in choices}


def plan(snapshot):
    """The figures of the plan the borrower proposed, or None when the snapshot holds none."""
    figures = snapshot.get("figures") if isinstance(snapshot, dict) else None
    if not isinstance(figures, dict):
        return None
    lenders = _labels(LENDERS)
    debts = [debt for debt in figures.get("debts") or [] if isinstance(debt, dict)]
    return {
        "affordable": _money(figures.get("affordable")),
        "total_payments": _money(figures.get("total_payments")),
        "shortfall": _money(figures.get("shortfall")),
        "months_to_clear": figures.get("months_to_clear"),
        "split": [
            Share(
                label=debt.get("name") or lenders.get(debt.get("lender"), debt.get("lender") or ""),
                balance=_money(debt.get("balance")),
                share=_money(debt.get("share")),
            )
            for debt in debts
        ],
    }


def for_team(made, now=None):
    lenders, reasons = _labels(LENDERS), _labels(REASONS)
    return {
        "creditors": [
            (lenders.get(creditor.lender, creditor.lender), creditor) for creditor in made.creditors.all()
        ],
        "risk": made.get_risk_band_display(),
        "reasons": [reasons.get(code, code) for code in made.reasons or []],
        "plan": plan(made.snapshot),
        "reply_overdue": reply_overdue(made, now),
    }
