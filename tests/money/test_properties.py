"""Properties that must hold for any input, not just the reference vectors: schedules repay exactly the
loan, the IRR recovers the rate a schedule was built at, offers split to the cent, payoff plans spend the
budget and end at zero, and budget normalisation is exact where it can be."""

from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.money import (
    METHODS,
    Debt,
    PayoffImpossible,
    loan_schedule,
    payoff_plan,
    round2,
    split_offer,
    to_monthly,
    true_apr,
)
from portal.money.rounding import precise

EXAMPLES = settings(max_examples=500, deadline=None)


def cents(low: int, high: int):
    """Money from low to high cents."""
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


# Annual rates 0..1 with up to 4 decimals.
RATES = st.integers(0, 10_000).map(lambda n: Decimal(n).scaleb(-4))


@EXAMPLES
@given(
    principal=cents(1, 1_000_000_000),
    annual_rate=RATES,
    months=st.integers(1, 600),
    method=st.sampled_from(METHODS),
)
def test_a_schedule_repays_exactly_the_loan(principal, annual_rate, months, method):
    schedule = loan_schedule(principal, annual_rate, months, method)
    rows = schedule.rows
    assert [row.period for row in rows] == list(range(1, months + 1))
    assert sum(row.principal for row in rows) == principal
    assert rows[-1].balance == Decimal("0.00")
    opening = principal
    for row in rows:
        assert row.payment == row.principal + row.interest
        assert row.balance == opening - row.principal
        # No refunds and no negative balances, even where a rounded-up payment would overpay a tiny loan.
        assert row.principal >= 0 and row.interest >= 0 and row.balance >= 0
        opening = row.balance
    assert schedule.total_interest == sum(row.interest for row in rows)
    assert schedule.total_payment == principal + schedule.total_interest
    assert (schedule.first_payment, schedule.last_payment) == (rows[0].payment, rows[-1].payment)


@EXAMPLES
@given(principal=cents(120_000, 1_000_000_000), annual_rate=RATES.filter(bool), months=st.integers(1, 360))
def test_the_apr_of_an_equal_installment_loan_is_its_rate(principal, annual_rate, months):
    payments = [
        row.payment for row in loan_schedule(principal, annual_rate, months, "equal_installment").rows
    ]
    result = true_apr(principal, payments)
    # The schedule rounds each period's interest by at most half a cent, which shifts the present value at
    # the true rate by at most 0.005 a period; dividing by the present value's slope bounds the APR error
    # by 0.12 / principal, i.e. 1e-4 from 1,200 up.
    assert abs(result.apr_nominal - annual_rate) <= Decimal("0.12") / principal <= Decimal("0.0001")


@EXAMPLES
@given(
    received=cents(100, 10_000_000),
    payments=st.lists(cents(0, 2_000_000), min_size=1, max_size=120).filter(any),
)
def test_the_irr_discounts_the_payments_to_what_was_received(received, payments):
    total = sum(payments)
    if total < received:
        received = total
    result = true_apr(received, payments)
    assert result.monthly_irr >= 0
    assert (result.monthly_irr == 0) == (total == received)
    with precise():
        present_value = sum(p / (1 + result.monthly_irr) ** k for k, p in enumerate(payments, start=1))
    assert abs(present_value - received) < Decimal("1e-20")
    assert result.total_cost == total - received


@EXAMPLES
@given(
    balances=st.lists(cents(0, 10_000_000_000), min_size=1, max_size=50).filter(any),
    fraction=st.integers(0, 1000),
)
def test_an_offer_splits_to_the_cent(balances, fraction):
    total = sum(balances)
    offer = (total * fraction / 1000).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    shares = split_offer(offer, balances)
    assert len(shares) == len(balances)
    assert sum(shares) == offer
    holder = balances.index(max(balances))
    with precise():
        exact = [offer * balance / total for balance in balances]
    for j, (share, pro_rata) in enumerate(zip(shares, exact, strict=True)):
        assert share == share.quantize(Decimal("0.01"))
        if j == holder:
            # The residue is at most half a cent from each creditor's rounding.
            assert abs(share - pro_rata) <= Decimal("0.005") * len(balances)
        else:
            assert abs(share - pro_rata) <= Decimal("0.005")
        if balances[j] == 0:
            assert share == 0


@st.composite
def debts_and_budget(draw):
    count = draw(st.integers(1, 5))
    debts = []
    for index in range(count):
        balance = draw(cents(1, 10_000_000))
        debts.append(
            Debt(
                f"debt {index}",
                balance,
                draw(RATES.map(lambda r: r * Decimal("0.36"))),
                draw(cents(0, 50_000)),
            )
        )
    with precise():
        interest = sum(round2(debt.balance * debt.annual_rate / 12) for debt in debts)
    floor = max(sum(debt.min_payment for debt in debts), interest + Decimal("0.01"))
    return debts, floor + draw(cents(0, 2_000_000))


@EXAMPLES
@given(debts_and_budget(), st.sampled_from(["avalanche", "snowball"]))
def test_a_payoff_plan_spends_the_budget_and_clears_every_debt(case, strategy):
    debts, budget = case
    try:
        plan = payoff_plan(debts, budget, strategy)
    except PayoffImpossible as impossible:
        # The budget covers the minimums and the first month's interest; only the 600-month cap remains.
        assert impossible.reason == "too_long"
        return
    opening = sum(debt.balance for debt in debts)
    assert plan.total_paid == opening + plan.total_interest
    assert plan.table[-1].total_balance == Decimal("0.00")
    assert plan.months == len(plan.table) == max(outcome.paid_off_month for outcome in plan.debts)
    assert sorted(plan.payoff_order) == sorted(debt.name for debt in debts)
    cleared = {outcome.name: outcome.paid_off_month for outcome in plan.debts}
    assert [cleared[name] for name in plan.payoff_order] == sorted(cleared.values())
    for month in plan.table:
        spent = sum(month.payments)
        assert spent <= budget
        if month.month < plan.months:
            # While anything is owed, no part of the budget is left unspent.
            assert spent == budget
        assert month.total_balance == sum(month.balances)
        assert all(balance >= 0 for balance in month.balances)
    for j, outcome in enumerate(plan.debts):
        assert outcome.total_paid == sum(month.payments[j] for month in plan.table)
        assert outcome.total_paid == debts[j].balance + outcome.interest_paid


@EXAMPLES
@given(monthly=cents(0, 10_000_000_000))
def test_a_yearly_amount_twelve_times_the_month_normalises_back_to_it(monthly):
    assert to_monthly(monthly * 12, "yearly") == monthly
    assert to_monthly(monthly * 3, "quarterly") == monthly
    assert to_monthly(monthly, "monthly") == monthly
    # A weekly amount comes to between 4 and 5 weeks' worth a month (52 / 12 = 4.33...).
    assert 4 * monthly <= to_monthly(monthly, "weekly") <= 5 * monthly
