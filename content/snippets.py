"""Snippets editors maintain beside the pages: the warnings the APR calculator shows above a rate."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin


class RateWarning(TranslatableMixin, models.Model):
    threshold = models.DecimalField(
        _("shown above this yearly rate"),
        max_digits=6,
        decimal_places=4,
        help_text=_("As a fraction: 0.24 means 24% a year (annualised by IRR)."),
    )
    title = models.CharField(_("title"), max_length=120)
    explanation = RichTextField(_("explanation"), features=["bold", "italic", "link", "ul"])

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("rate warning")
        verbose_name_plural = _("rate warnings")
        ordering = ["threshold"]

    def __str__(self):
        return f"{self.title} (> {self.threshold * 100:.0f}%)"

    @classmethod
    def above(cls, rate):
        """Warnings in the reader's language whose threshold the rate exceeds, highest first."""
        return list(cls.objects.filter(locale=Locale.get_active(), threshold__lt=rate).order_by("-threshold"))
