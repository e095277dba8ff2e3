"""The editors' form for negotiation options: who may ask, as tick boxes rather than raw JSON."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import LENDERS, REASONS


class NegotiationOptionForm(WagtailAdminModelForm):
    reasons = forms.MultipleChoiceField(
        label=_("For these reasons only"),
        choices=REASONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for any reason."),
    )
    lenders = forms.MultipleChoiceField(
        label=_("For these lenders only"),
        choices=LENDERS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for any lender."),
    )
