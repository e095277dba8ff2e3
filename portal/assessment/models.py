"""Drafts of the self-assessment, the spending reference ranges editors keep, and the published negotiation
options with their eligibility rules (the FAQ shows them and the wizard evaluates them, from the same rows),
and the support lines the results always show."""

import secrets
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin

from .admin_forms import NegotiationOptionForm
from .choices import LENDERS, REASONS, SPENDING

DRAFT_LIFETIME = timedelta(days=30)
# No 0/O, 1/I/L or 5/S: a code read out on the phone or copied from a screenshot is read right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRTUVWXY2346789"
CODE_LENGTH = 8


def new_resume_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def draft_expiry():
    return timezone.now() + DRAFT_LIFETIME


class Assessment(models.Model):
    """One borrower's answers, step by step. Anonymous drafts are found again by their resume code."""

    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    resume_code = models.CharField(
        _("resume code"), max_length=CODE_LENGTH, unique=True, default=new_resume_code
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("user"),
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    letters = models.JSONField(_("edited letters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="zh-hans")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    expires_at = models.DateTimeField(_("expires"), default=draft_expiry)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-updated_at"]

    def __str__(self):
        return self.display_code

    @property
    def display_code(self):
        return f"{self.resume_code[:4]}-{self.resume_code[4:]}"

    @property
    def expired(self):
        return self.expires_at <= timezone.now()

    def save_step(self, step, data):
        self.answers = {**self.answers, step: data}
        self.expires_at = draft_expiry()
        self.save()


class ReferenceRange(models.Model):
    """What a household of a given size usually spends a month on one category: the wizard notes an entry far
    outside it (gently: real costs differ by city and by family)."""

    category = models.CharField(_("category"), max_length=20, choices=SPENDING)
    household_min = models.PositiveSmallIntegerField(_("household size from"), default=1)
    household_max = models.PositiveSmallIntegerField(_("household size to"), default=20)
    low = models.DecimalField(_("usual low (yuan a month)"), max_digits=11, decimal_places=2)
    high = models.DecimalField(_("usual high (yuan a month)"), max_digits=11, decimal_places=2)

    panels = [
        FieldPanel("category"),
        MultiFieldPanel(
            [FieldPanel("household_min"), FieldPanel("household_max")], heading=_("Household size")
        ),
        MultiFieldPanel([FieldPanel("low"), FieldPanel("high")], heading=_("Usual range")),
    ]

    class Meta:
        verbose_name = _("spending reference range")
        verbose_name_plural = _("spending reference ranges")
        ordering = ["category", "household_min"]

    def __str__(self):
        sizes = f"{self.household_min}–{self.household_max}"
        return f"{self.get_category_display()} ({sizes}): {self.low}–{self.high}"


class NegotiationOption(TranslatableMixin, models.Model):
    """An option the published policy lets a borrower ask for, and who may ask: every rule left empty holds
    for everyone."""

    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(_("what it is"), max_length=600)
    how_to_ask = models.TextField(_("how to ask"), max_length=600, blank=True)
    max_months = models.PositiveSmallIntegerField(
        _("up to (months)"), null=True, blank=True, help_text=_("How long it can last, if there is a limit.")
    )
    min_income_drop = models.PositiveSmallIntegerField(
        _("income fell by at least (%)"), null=True, blank=True, help_text=_("Leave empty for any change.")
    )
    reasons = models.JSONField(
        _("for these reasons only"), default=list, blank=True, help_text=_("Leave empty for any reason.")
    )
    lenders = models.JSONField(
        _("for these lenders only"), default=list, blank=True, help_text=_("Leave empty for any lender.")
    )
    needs_arrears = models.BooleanField(_("only once a payment is overdue"), default=False)
    sort_order = models.IntegerField(_("sort order"), default=0)

    base_form_class = NegotiationOptionForm

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("how_to_ask"),
        FieldPanel("max_months"),
        MultiFieldPanel(
            [
                FieldPanel("min_income_drop"),
                FieldPanel("reasons"),
                FieldPanel("lenders"),
                FieldPanel("needs_arrears"),
            ],
            heading=_("Who can ask"),
        ),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("negotiation option")
        verbose_name_plural = _("negotiation options")
        ordering = ["sort_order", "title"]

    def __str__(self):
        return self.title

    def reason_labels(self):
        labels = dict(REASONS)
        return [labels[code] for code in self.reasons if code in labels]

    def lender_labels(self):
        labels = dict(LENDERS)
        return [labels[code] for code in self.lenders if code in labels]


class SupportLine(TranslatableMixin, models.Model):
    """A free support line the results always show (a mental-health line, say), kept by editors; the 12378
    complaint line is always shown besides."""

    name = models.CharField(_("name"), max_length=80)
    phone = models.CharField(_("phone"), max_length=40)
    description = models.CharField(_("what it offers"), max_length=200)
    sort_order = models.IntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("phone"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("support line")
        verbose_name_plural = _("support lines")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return f"{self.name} {self.phone}"
