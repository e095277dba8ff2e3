"""The form a team member fills in to hand a request to someone on the team: whom to give it to, and (hidden)
who held it when the page was shown, so a claim made in the meantime is never taken away unseen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .policy import team_members


class TeamMemberField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class AssignForm(forms.Form):
    to = TeamMemberField(
        queryset=None,
        label=_("Give this request to"),
        empty_label=_("Choose a team member"),
        error_messages={"invalid_choice": _("Choose someone on the negotiation team.")},
    )
    holder = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Evaluated per form, so someone who just joined (or left) the team is offered (or not) at once.
        self.fields["to"].queryset = team_members()

    def clean_holder(self):
        """The holder's id as the page showed it, or None for "nobody held it"."""
        value = self.cleaned_data["holder"].strip()
        if not value:
            return None
        if not value.isascii() or not value.isdigit():
            raise ValidationError(_("The page was out of date. Please try again."))
        return int(value)
