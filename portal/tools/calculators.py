"""The calculators an editor can place: each pairs a form with its result template and a CSV of its table."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portal.tools import forms


@dataclass(frozen=True)
class Calculator:
    slug: str
    label: str
    form_class: type
    template: str
    has_csv: bool = False

    def run(self, query):
        """The bound (or empty) form and, when it is valid, what the result template shows."""
        form = self.form_class.from_query(query)
        result = form.result() if form.is_bound and form.is_valid() else None
        return form, result


CALCULATORS = {
    calculator.slug: calculator
    for calculator in [
        Calculator("apr", _("True APR calculator"), forms.AprForm, "tools/results/apr.html"),
        Calculator(
            "loan-schedule",
            _("Loan repayment calculator"),
            forms.LoanScheduleForm,
            "tools/results/loan_schedule.html",
            has_csv=True,
        ),
        Calculator(
            "payoff", _("Debt payoff planner"), forms.PayoffForm, "tools/results/payoff.html", has_csv=True
        ),
        Calculator("budget", _("Budget planner"), forms.BudgetForm, "tools/results/budget.html"),
    ]
}
