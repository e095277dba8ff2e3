"""The fixed lists the wizard offers: hardship reasons, lenders, frequencies, spending categories."""

from django.utils.translation import gettext_lazy as _

REASONS = [
    ("job_loss", _("Lost my job")),
    ("income_cut", _("My income was cut")),
    ("illness", _("Illness or injury")),
    ("business_downturn", _("My business (个体工商户 or small firm) earns less")),
    ("family_event", _("A family event (birth, death, divorce, care)")),
    ("disaster", _("A natural disaster or accident")),
    ("other", _("Something else")),
]
DURATIONS = [
    ("under_3", _("Less than 3 months")),
    ("3_to_6", _("3 to 6 months")),
    ("6_to_12", _("6 to 12 months")),
    ("over_12", _("More than a year")),
    ("unknown", _("I don't know yet")),
]
FREQUENCIES = [
    ("monthly", _("a month")),
    ("weekly", _("a week")),
    ("fortnightly", _("every two weeks")),
    ("quarterly", _("a quarter")),
    ("yearly", _("a year")),
]
LENDERS = [
    ("mybank", _("网商贷 (MYbank)")),
    ("jiebei", _("借呗 (Jiebei)")),
    ("huabei", _("花呗 (Huabei)")),
    ("weilidai", _("微粒贷 (WeBank Weilidai)")),
    ("credit_card", _("Credit card")),
    ("bank_loan", _("Bank loan")),
    ("consumer_finance", _("Consumer-finance company")),
    ("other", _("Other lender")),
]
SPENDING = [
    ("housing", _("Housing (rent or mortgage)")),
    ("utilities", _("Water, power, gas, phone and internet")),
    ("food", _("Food and daily necessities")),
    ("transport", _("Transport")),
    ("children", _("Children and education")),
    ("medical", _("Medical costs")),
    ("insurance", _("Insurance")),
    ("parents", _("Support for parents")),
    ("other", _("Other essentials")),
]
