"""From a borrower's answers to the figures the results show, with portal.money doing every sum, so the
results, the letter and the affordability API agree to the cent.

The affordable monthly amount is what is left after essential spending (never below zero, never more than the
contractual payments need); it is split among the creditors pro rata to their balances.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from portal import money
from portal.money.rounding import precise, round2

ZERO = Decimal("0.00")
# A debt-service ratio above this, or payments above what is left, puts a borrower "at risk" before anything
# is overdue: the point at which to ask early, while more options are open.
AT_RISK_RATIO = Decimal("0.5")
STRETCHED_RATIO = Decimal("0.35")

BEHIND, AT_RISK, STRETCHED, MANAGEABLE = "behind", "at_risk", "stretched", "manageable"


@dataclass(frozen=True)
class DebtFigures:
    lender: str
    name: str
    balance: Decimal
    annual_rate: Decimal
    monthly_payment: Decimal
    days_overdue: int
    share: Decimal  # of the affordable amount


@dataclass(frozen=True)
class Results:
    monthly_income: Decimal
    income_by_source: dict
    essential_spending: Decimal
    spending_by_category: dict
    total_payments: Decimal
    total_balance: Decimal
    disposable_income: Decimal
    surplus_after_payments: Decimal
    debt_service_ratio: Decimal
    affordable: Decimal
    shortfall: Decimal
    months_to_clear: int | None
    risk: str
    income_drop_percent: int | None
    debts: tuple


def monthly_income(income):
    """{source: monthly amount} from the income step (business income averaged over its months)."""
    sources = {}
    for source in ("wages", "benefits", "other"):
        amount = income.get(f"{source}_amount")
        if amount:
            sources[source] = money.to_monthly(
                Decimal(amount), income.get(f"{source}_frequency") or "monthly"
            )
    if income.get("business_total"):
        with precise():
            sources["business"] = round2(Decimal(income["business_total"]) / int(income["business_months"]))
    return sources


def income_drop_percent(before, now):
    """How far income fell, in whole percent (rounded down), or None without a figure from before."""
    if not before or Decimal(before) <= 0:
        return None
    drop = (Decimal(before) - now) / Decimal(before) * 100
    return max(0, math.floor(drop))


def results(answers):
    income = answers.get("income", {})
    sources = monthly_income(income)
    total_income = sum(sources.values(), ZERO)
    spending = {key: Decimal(value) for key, value in answers.get("spending", {}).items() if value}
    debts = answers.get("debts", [])
    creditors = [
        money.CreditorDebt(
            debt.get("name") or debt["lender"], Decimal(debt["balance"]), Decimal(debt["monthly_payment"])
        )
        for debt in debts
    ]
    total_payments = sum((debt.monthly_payment for debt in creditors), ZERO)
    total_balance = sum((debt.balance for debt in creditors), ZERO)
    disposable = total_income - sum(spending.values(), ZERO)
    affordable = max(ZERO, min(disposable, total_payments, total_balance))
    figures = (
        money.affordability(total_income, spending, creditors, affordable if total_balance > 0 else None)
        if total_income > 0
        else None
    )
    shares = (
        [allocation.amount for allocation in figures.allocations]
        if figures and figures.allocations
        else [ZERO] * len(debts)
    )
    ratio = figures.debt_service_ratio if figures else (Decimal(1) if total_payments else ZERO)
    months = math.ceil(total_balance / affordable) if affordable > 0 and total_balance > 0 else None
    overdue = any(int(debt.get("days_overdue") or 0) > 0 for debt in debts)
    surplus = disposable - total_payments
    if overdue:
        risk = BEHIND
    elif ratio > AT_RISK_RATIO or surplus < 0:
        risk = AT_RISK
    elif ratio > STRETCHED_RATIO:
        risk = STRETCHED
    else:
        risk = MANAGEABLE
    return Results(
        monthly_income=total_income,
        income_by_source=sources,
        essential_spending=sum(spending.values(), ZERO),
        spending_by_category=spending,
        total_payments=total_payments,
        total_balance=total_balance,
        disposable_income=disposable,
        surplus_after_payments=surplus,
        debt_service_ratio=ratio,
        affordable=affordable,
        shortfall=max(ZERO, total_payments - affordable),
        months_to_clear=months,
        risk=risk,
        income_drop_percent=income_drop_percent(income.get("income_before"), total_income),
        debts=tuple(
            DebtFigures(
                lender=debt["lender"],
                name=debt.get("name") or "",
                balance=Decimal(debt["balance"]),
                annual_rate=Decimal(debt.get("annual_rate") or 0),
                monthly_payment=Decimal(debt["monthly_payment"]),
                days_overdue=int(debt.get("days_overdue") or 0),
                share=share,
            )
            for debt, share in zip(debts, shares, strict=True)
        ),
    )
