"""One form per step of the wizard. Amounts accept what people type on phones (full-width digits, 元, ¥,
thousands separators) and refuse what cannot be meant (letters, negatives, three decimals, absurd sums) with a
message in the reader's language; a refused form keeps everything that was typed."""

import unicodedata
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import DURATIONS, FREQUENCIES, LENDERS, REASONS, SPENDING

MONEY_MAX = Decimal("100000000.00")


class MoneyField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(
            min_value=Decimal(0),
            max_value=MONEY_MAX,
            max_digits=11,
            decimal_places=2,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
            error_messages={
                "invalid": _("Enter an amount in yuan, using digits, e.g. 1200 or 1200.50."),
                "min_value": _("The amount cannot be negative."),
                "max_value": _("That amount is too large; check the number of zeros."),
                "max_decimal_places": _("Use at most two decimal places (fen)."),
                "max_digits": _("That amount is too large; check the number of zeros."),
            },
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value)
            for mark in ("¥", "￥", "元", ",", " ", "\u00a0"):
                value = value.replace(mark, "")
        return super().to_python(value)


def count_field(label, maximum, minimum=0, **kwargs):
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": _("Enter a whole number.")},
        **kwargs,
    )


class StepForm(forms.Form):
    """A step's form; `stored()` is what the draft keeps (text, so JSON holds it exactly)."""

    def stored(self):
        return {name: _stored(value) for name, value in self.cleaned_data.items()}


def _stored(value):
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class SituationForm(StepForm):
    reasons = forms.MultipleChoiceField(
        label=_("What happened?"),
        choices=REASONS,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick all that apply. Lenders ask for this first; it decides which options you can ask for."
        ),
        error_messages={"required": _("Tick at least one reason.")},
    )
    since = forms.DateField(
        label=_("Since when?"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Roughly is fine: the month it started."),
        error_messages={"invalid": _("Enter a date such as 2026-03-01.")},
    )
    duration = forms.ChoiceField(label=_("How long do you expect it to last?"), choices=DURATIONS)
    household = count_field(_("People in your household"), 20, minimum=1, help_text=_("Including you."))
    dependants = count_field(
        _("Of them, how many depend on your income?"),
        19,
        help_text=_("Children, parents or others you support."),
    )

    def clean(self):
        cleaned = super().clean()
        household, dependants = cleaned.get("household"), cleaned.get("dependants")
        if household is not None and dependants is not None and dependants >= household:
            self.add_error(
                "dependants", _("Dependants are the others in your household, so fewer than its size.")
            )
        return cleaned


class IncomeForm(StepForm):
    wages_amount = MoneyField(label=_("Wages"))
    wages_frequency = forms.ChoiceField(label=_("per"), choices=FREQUENCIES, initial="monthly")
    business_total = MoneyField(
        label=_("Business income, in total"),
        help_text=_("For 个体工商户 and small firms: what the business brought home over the months below."),
    )
    business_months = count_field(_("over the last (months)"), 12, minimum=3, required=False, initial=3)
    benefits_amount = MoneyField(label=_("Benefits and pensions"))
    benefits_frequency = forms.ChoiceField(label=_("per"), choices=FREQUENCIES, initial="monthly")
    other_amount = MoneyField(
        label=_("Other household income"), help_text=_("A partner's wages, rent, help.")
    )
    other_frequency = forms.ChoiceField(label=_("per"), choices=FREQUENCIES, initial="monthly")
    income_before = MoneyField(
        label=_("Household income a month before this happened"),
        help_text=_("Some options depend on how far income fell. Leave empty if you are not sure."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("business_total") and not cleaned.get("business_months"):
            self.add_error("business_months", _("Say over how many months (3 to 12)."))
        return cleaned


class SpendingForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SPENDING:
            self.fields[key] = MoneyField(label=label)


class DebtForm(StepForm):
    lender = forms.ChoiceField(
        label=_("Lender"), choices=[("", _("Choose the lender")), *LENDERS],
        error_messages={"required": _("Choose the lender of this debt.")},
    )  # fmt: skip
    name = forms.CharField(
        label=_("Name or account (optional)"), max_length=80, required=False,
        help_text=_("e.g. the bank of a credit card; it goes into the letter."),
    )  # fmt: skip
    balance = MoneyField(label=_("Still owed"), required=True)
    annual_rate = forms.DecimalField(
        label=_("Annual rate (%)"), required=False, min_value=0, max_value=1000,
        decimal_places=4, max_digits=8,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the rate as a number, e.g. 18 or 7.2.")},
    )  # fmt: skip
    monthly_payment = MoneyField(label=_("Payment due each month"), required=True)
    days_overdue = count_field(_("Days overdue"), 3650, required=False, initial=0)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("balance") is not None and cleaned["balance"] <= 0:
            self.add_error("balance", _("Enter what is still owed (more than 0)."))
        return cleaned


class BaseDebtFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        kept = [form for form in self.forms if form.has_changed() and not self._should_delete_form(form)]
        if not kept and not any(form.errors for form in self.forms):
            raise forms.ValidationError(_("Add at least one debt."))


DebtFormSet = forms.formset_factory(
    DebtForm, formset=BaseDebtFormSet, extra=0, min_num=1, max_num=20, can_delete=True, validate_max=True
)


class SubmitForm(forms.Form):
    """Two separate statements, each ticked on purpose: consent to the sensitive information, and truth."""

    consent = forms.BooleanField(
        label=_(
            "I agree that the negotiation team may use the sensitive information in this request (my income, "
            "debts and the reasons for my hardship, which may include health or job loss) to handle it, and "
            "for nothing else."
        ),
        error_messages={"required": _("Without this consent the team cannot handle your request.")},
    )
    truthful = forms.BooleanField(
        label=_("What I have entered is true to the best of my knowledge."),
        error_messages={"required": _("Please confirm that your answers are true.")},
    )
