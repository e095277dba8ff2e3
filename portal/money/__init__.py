"""Pure-Python money maths for the portal's calculators (no Django here): loan schedules, true APR (IRR),
debt payoff plans, monthly budgets and affordability.

The rules every function follows (the contract of the finance reference vectors, section 2):

- Money is `Decimal` in whole cents; `round2` rounds to cents and `round6` to 6 decimals, both ROUND_HALF_UP
  (9.125 -> 9.13, 0.1875025 -> 0.187503), never banker's rounding and never binary floats. Work happens in
  a local 60-digit context; the global decimal context is never changed.
- Loan schedule: interest_k = round2(B_{k-1} × annual_rate / 12), rate / 12 never rounded; the 等额本息
  payment is round2(P·r·(1+r)^n / ((1+r)^n − 1)) (round2(P/n) at 0 %), the 等额本金 principal part
  round2(P/n), 先息后本 repays nothing until the end; the last period repays the remaining balance.
- APR: the monthly IRR i ≥ 0 of the payments against principal − upfront fee, unrounded; apr_nominal = 12·i,
  apr_effective = (1+i)^12 − 1.
- Payoff: priority fixed at the start (avalanche: rate desc, then smaller balance; snowball: balance asc,
  then higher rate; then input order); each month interest round2(B × rate / 12) is added, minimums
  min(min_payment, balance) are paid, the rest of the budget spills over the debts in priority order.
- Affordability: an offer is split round2(offer × balance / total), the residue to the largest balance.
"""

from .affordability import Affordability, Allocation, CreditorDebt, affordability, split_offer
from .apr import AprResult, InsufficientPayments, daily_rate_to_annual_simple, fee_rate_payments, true_apr
from .budget import FREQUENCIES, Budget, BudgetLine, monthly_budget, to_monthly
from .loans import METHODS, LoanSchedule, ScheduleRow, level_payment, loan_schedule
from .payoff import (
    STRATEGIES,
    Debt,
    DebtOutcome,
    PayoffImpossible,
    PayoffMonth,
    PayoffPlan,
    compare_strategies,
    payoff_plan,
)
from .rounding import CENT, round2, round6

__all__ = [
    "CENT",
    "FREQUENCIES",
    "METHODS",
    "STRATEGIES",
    "Affordability",
    "Allocation",
    "AprResult",
    "Budget",
    "BudgetLine",
    "CreditorDebt",
    "Debt",
    "DebtOutcome",
    "InsufficientPayments",
    "LoanSchedule",
    "PayoffImpossible",
    "PayoffMonth",
    "PayoffPlan",
    "ScheduleRow",
    "affordability",
    "compare_strategies",
    "daily_rate_to_annual_simple",
    "fee_rate_payments",
    "level_payment",
    "loan_schedule",
    "monthly_budget",
    "payoff_plan",
    "round2",
    "round6",
    "split_offer",
    "to_monthly",
    "true_apr",
]
