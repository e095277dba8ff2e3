"""The tools' JSON API: POST /api/tools/<tool>/ with a JSON object, answered with strings for every amount.

Contract: money out as strings with two decimals, rates and ratios with six; any bad input is HTTP 400 with
{"errors": {field: [messages]}}, never a 500. CSRF-exempt (it changes nothing and sets no cookie) and rate
limited per client address.
"""

from decimal import Decimal

from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from portal import money
from portal.tools.fields import MISSING, BadBody, Reader, parse_body
from portal.tools.ratelimit import too_many_requests

MAX_PAYMENTS = 600
MAX_PAYOFF_DEBTS = 20
MAX_AFFORDABILITY_DEBTS = 50
MAX_BUDGET_LINES = 100


def money_text(amount):
    return f"{money.round2(amount):.2f}"


def rate_text(rate):
    return f"{money.round6(rate):.6f}"


class Rejected(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def loan_schedule(reader):
    principal = reader.money("principal", reader.raw("principal"), above_minimum=True)
    rate = reader.rate("annual_rate", reader.raw("annual_rate"))
    months = reader.count("months", reader.raw("months"), 1, MAX_PAYMENTS)
    method = reader.choice("method", reader.raw("method"), money.METHODS)
    if not reader.ok(principal, rate, months, method):
        raise Rejected(reader.errors)
    schedule = money.loan_schedule(principal, rate, months, method)
    return {
        "method": schedule.method,
        "months": schedule.months,
        "first_payment": money_text(schedule.first_payment),
        "last_payment": money_text(schedule.last_payment),
        "total_interest": money_text(schedule.total_interest),
        "total_payment": money_text(schedule.total_payment),
        "schedule": [
            {
                "period": row.period,
                "payment": money_text(row.payment),
                "principal": money_text(row.principal),
                "interest": money_text(row.interest),
                "balance": money_text(row.balance),
            }
            for row in schedule.rows
        ],
    }


def apr(reader):
    principal = reader.money("principal", reader.raw("principal"), above_minimum=True)
    fee = reader.money("upfront_fee", reader.raw("upfront_fee", required=False, default=Decimal(0)))
    raw_payments = reader.items("payments", reader.raw("payments"), 1, MAX_PAYMENTS, kind=object)
    payments = MISSING
    if raw_payments is not MISSING:
        payments = [reader.money("payments", value) for value in raw_payments]
        if MISSING in payments:
            payments = MISSING
        elif not any(payments):
            reader.error("payments", _("At least one payment must be more than 0."))
    if principal is not MISSING and fee is not MISSING and fee >= principal:
        reader.error("upfront_fee", _("The upfront fee must be less than the amount borrowed."))
    if not reader.ok(principal, fee, payments):
        raise Rejected(reader.errors)
    if sum(payments) < principal - fee:
        raise Rejected({"payments": [_("The payments add up to less than the amount you received.")]})
    result = money.true_apr(principal, payments, fee)
    return {
        "amount_received": money_text(result.amount_received),
        "total_repaid": money_text(result.total_repaid),
        "total_cost": money_text(result.total_cost),
        "monthly_irr": rate_text(result.monthly_irr),
        "apr_nominal": rate_text(result.apr_nominal),
        "apr_effective": rate_text(result.apr_effective),
    }


PAYOFF_REJECTIONS = {
    "below_minimums": lambda: _("The monthly budget is less than the minimum payments added together."),
    "never_repaid": lambda: _(
        "The monthly budget does not cover the interest charged each month, "
        "so the debts would never be repaid."
    ),
    "too_long": lambda: _("At this budget the debts would take more than 50 years to repay."),
}


def payoff(reader):
    strategy = reader.choice("strategy", reader.raw("strategy"), money.STRATEGIES)
    budget = reader.money("monthly_budget", reader.raw("monthly_budget"), above_minimum=True)
    raw_debts = reader.items("debts", reader.raw("debts"), 1, MAX_PAYOFF_DEBTS)
    debts = MISSING
    if raw_debts is not MISSING:
        debts = [
            money.Debt(
                name=reader.text("debts", item.get("name", MISSING)),
                balance=reader.money("debts", item.get("balance", MISSING), above_minimum=True),
                annual_rate=reader.rate("debts", item.get("annual_rate", MISSING)),
                min_payment=reader.money("debts", item.get("min_payment", MISSING)),
            )
            for item in raw_debts
        ]
        if any(MISSING in (debt.name, debt.balance, debt.annual_rate, debt.min_payment) for debt in debts):
            reader.error(
                "debts", _("Each debt needs a name, a balance above 0, a yearly rate and a minimum payment.")
            )
            debts = MISSING
        elif len({debt.name for debt in debts}) != len(debts):
            reader.error("debts", _("Give each debt a different name."))
    if not reader.ok(strategy, budget, debts):
        raise Rejected(reader.errors)
    try:
        plan = money.payoff_plan(debts, budget, strategy)
    except money.PayoffImpossible as impossible:
        raise Rejected({"monthly_budget": [PAYOFF_REJECTIONS[impossible.reason]()]}) from None
    return {
        "strategy": plan.strategy,
        "months": plan.months,
        "total_interest": money_text(plan.total_interest),
        "total_paid": money_text(plan.total_paid),
        "payoff_order": list(plan.payoff_order),
        "debts": [
            {
                "name": outcome.name,
                "paid_off_month": outcome.paid_off_month,
                "interest_paid": money_text(outcome.interest_paid),
            }
            for outcome in plan.debts
        ],
    }


def affordability(reader):
    income = reader.money("monthly_income", reader.raw("monthly_income"), above_minimum=True)
    raw_expenses = reader.raw("expenses", required=False, default={})
    expenses = {}
    if not isinstance(raw_expenses, dict):
        reader.error("expenses", _("Enter the expenses as categories with amounts."))
    else:
        for category, amount in raw_expenses.items():
            expenses[category] = reader.money("expenses", amount)
    raw_debts = reader.items(
        "debts", reader.raw("debts", required=False, default=[]), 0, MAX_AFFORDABILITY_DEBTS
    )
    debts = []
    if raw_debts is not MISSING:
        debts = [
            money.CreditorDebt(
                creditor=reader.text("debts", item.get("creditor", MISSING)),
                balance=reader.money("debts", item.get("balance", MISSING)),
                monthly_payment=reader.money("debts", item.get("monthly_payment", MISSING)),
            )
            for item in raw_debts
        ]
    debt_values = [value for debt in debts for value in (debt.creditor, debt.balance, debt.monthly_payment)]
    offer = reader.raw("offer", required=False, default=None)
    if offer is not None:
        offer = reader.money("offer", offer)
        if offer is not MISSING and raw_debts is not MISSING and MISSING not in debt_values:
            total_balance = sum(debt.balance for debt in debts)
            if total_balance <= 0:
                reader.error("offer", _("An offer can only be split among debts with a balance."))
            elif offer > total_balance:
                reader.error("offer", _("The offer cannot be more than the total of the balances."))
    if not reader.ok(income, offer, raw_debts, *expenses.values(), *debt_values):
        raise Rejected(reader.errors)
    result = money.affordability(income, expenses, debts, offer)
    return {
        "total_expenses": money_text(result.total_expenses),
        "total_debt_payments": money_text(result.total_debt_payments),
        "disposable_income": money_text(result.disposable_income),
        "surplus_after_debt_payments": money_text(result.surplus_after_debt_payments),
        "debt_service_ratio": rate_text(result.debt_service_ratio),
        "allocations": [
            {"creditor": allocation.creditor, "amount": money_text(allocation.amount)}
            for allocation in result.allocations
        ],
    }


def budget(reader):
    raw_lines = reader.items("lines", reader.raw("lines"), 1, MAX_BUDGET_LINES)
    lines = MISSING
    if raw_lines is not MISSING:
        lines = [
            money.BudgetLine(
                category=reader.text("lines", item.get("category", MISSING)),
                amount=reader.money("lines", item.get("amount", MISSING)),
                frequency=reader.choice("lines", item.get("frequency", "monthly"), tuple(money.FREQUENCIES)),
                kind=reader.choice("lines", item.get("kind", "expense"), ("income", "expense")),
            )
            for item in raw_lines
        ]
        if any(MISSING in (line.category, line.amount, line.frequency, line.kind) for line in lines):
            lines = MISSING
    if not reader.ok(lines):
        raise Rejected(reader.errors)
    result = money.monthly_budget(lines)
    return {
        "income_total": money_text(result.income_total),
        "expense_total": money_text(result.expense_total),
        "balance": money_text(result.balance),
        "income_by_category": {
            name: money_text(amount) for name, amount in result.income_by_category.items()
        },
        "expense_by_category": {
            name: money_text(amount) for name, amount in result.expense_by_category.items()
        },
        "expense_shares": {name: rate_text(share) for name, share in result.shares.items()},
    }


TOOLS = {
    "loan-schedule": loan_schedule,
    "apr": apr,
    "payoff": payoff,
    "affordability": affordability,
    "budget": budget,
}


def errors_response(errors, status=400):
    return JsonResponse({"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@never_cache
def tool_api(request, tool):
    # The API sits outside the language prefix; its messages follow the client's Accept-Language instead.
    with translation.override(translation.get_language_from_request(request)):
        return answer(request, tool)


def answer(request, tool):
    if tool not in TOOLS:
        return errors_response({"tool": [_("There is no such tool.")]}, status=404)
    if request.method != "POST":
        response = errors_response({"method": [_("Send the inputs with POST.")]}, status=405)
        response["Allow"] = "POST"
        return response
    if too_many_requests(request, f"tools-api:{tool}"):
        return errors_response(
            {"non_field_errors": [_("Too many requests. Wait a minute and try again.")]}, 429
        )
    try:
        data = parse_body(request.body)
    except RequestDataTooBig:
        return errors_response({"non_field_errors": [_("The request is too large.")]})
    except BadBody as problem:
        return errors_response({"non_field_errors": [str(problem)]})
    try:
        body = TOOLS[tool](Reader(data))
    except Rejected as rejected:
        return errors_response(rejected.errors)
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})
