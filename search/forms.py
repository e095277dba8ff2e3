"""Validation of what a reader sends to the search page and the search API: clear messages, never a 500."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from search.service import TYPE_LABELS, clean_query, result_types

MAX_API_LIMIT = 50
DEFAULT_API_LIMIT = 10


class QueryField(forms.CharField):
    """Free text cleaned for searching: control characters (NUL included) become spaces, long input is cut."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


def type_choices():
    return [(name, TYPE_LABELS[name]) for name in result_types()]


class SearchForm(forms.Form):
    """The search page's GET form: the words, and optionally a type and an FAQ category."""

    q = QueryField(label=_("Search"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {category.slug: category for category in categories}
        self.fields["type"].choices = [("", _("All"))] + type_choices()
        self.fields["category"].choices = [("", _("All categories"))] + [
            (slug, category.name) for slug, category in self.categories.items()
        ]

    def clean_category(self):
        return self.categories.get(self.cleaned_data["category"])

    def valid_value(self, name):
        """The field's cleaned value, or its empty value when the reader sent something invalid."""
        return self.cleaned_data.get(name) if name not in self.errors else None


class SearchApiForm(forms.Form):
    """GET /api/search/ parameters."""

    q = QueryField(
        required=True,
        error_messages={"required": _("Give the words to search for in the q parameter.")},
    )
    type = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Unknown type %(value)s: use faq, article, tool or quiz.")},
    )
    limit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_API_LIMIT,
        # One message for every way to get it wrong; 50 is MAX_API_LIMIT.
        error_messages=dict.fromkeys(
            ["invalid", "min_value", "max_value", "max_digits"],
            _("limit must be a whole number from 1 to 50."),
        ),
    )
    lang = forms.ChoiceField(
        required=False,
        error_messages={"invalid_choice": _("Unknown language %(value)s.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "")] + type_choices()
        self.fields["lang"].choices = [("", "")] + [(code, name) for code, name in settings.LANGUAGES]

    def clean_limit(self):
        limit = self.cleaned_data["limit"]
        return DEFAULT_API_LIMIT if limit is None else limit

    def first_error(self):
        for field, messages in self.errors.items():
            return f"{field}: {messages[0]}"
        return ""
