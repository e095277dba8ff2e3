"""Negotiation requests as borrowers submit them from the self-assessment (what they asked, the figures and
letters as they stood, the separate consent they gave), and the immutable events of each request's life."""

import os
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def validate_day_list(value):
    try:
        days = [int(part) for part in value.split(",") if part.strip()]
    except ValueError:
        days = None
    if not days or any(day < 1 or day > 3650 for day in days):
        raise ValidationError(_("Enter whole numbers of days from 1 to 3650, separated by commas."))


def new_reference():
    """Ten digits, read out on the phone as three groups: 482-913-0571."""
    return f"{secrets.randbelow(10**10):010d}"


RISK_CHOICES = [
    ("behind", _("Behind with payments")),
    ("at_risk", _("At risk")),
    ("stretched", _("Stretched")),
    ("manageable", _("Manageable")),
]


class NegotiationRequest(models.Model):
    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    INFO_REQUESTED = "info_requested"
    OFFER_MADE = "offer_made"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    STATUS_CHOICES = [
        (SUBMITTED, _("Submitted")),
        (IN_REVIEW, _("In review")),
        (INFO_REQUESTED, _("Information requested")),
        (OFFER_MADE, _("Offer made")),
        (ACCEPTED, _("Accepted")),
        (DECLINED, _("Declined")),
        (CLOSED, _("Closed")),
        (WITHDRAWN, _("Withdrawn")),
    ]

    reference = models.CharField(
        _("reference"), max_length=10, unique=True, default=new_reference, editable=False
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="negotiation_requests",
        verbose_name=_("borrower"),
    )
    assessment = models.OneToOneField(
        "assessment.Assessment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="request",
        verbose_name=_("self-assessment"),
    )
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=SUBMITTED)
    snapshot = models.JSONField(_("assessment as submitted"))
    letters = models.JSONField(_("letters as submitted"), default=list)
    consent_text = models.TextField(_("consent given"))
    consented_at = models.DateTimeField(_("consent given at"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        verbose_name=_("handled by"),
    )
    first_response_due = models.DateTimeField(_("first reply due"), null=True, blank=True, db_index=True)
    first_response_at = models.DateTimeField(_("first reply"), null=True, blank=True)
    # Copied from the snapshot at submission so that the queue can filter and the transparency page can count
    # without reading every snapshot.
    risk_band = models.CharField(
        _("risk band"), max_length=20, choices=RISK_CHOICES, blank=True, db_index=True
    )
    max_days_overdue = models.PositiveIntegerField(_("days overdue (most)"), default=0)
    reasons = models.JSONField(_("hardship reasons"), default=list, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("negotiation request")
        verbose_name_plural = _("negotiation requests")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.display_reference

    @property
    def display_reference(self):
        return f"{self.reference[:3]}-{self.reference[3:6]}-{self.reference[6:]}"


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableEvent("request events cannot be changed")

    def delete(self):
        raise ImmutableEvent("request events cannot be deleted")


class ImmutableEvent(Exception):
    """Raised by any attempt to change or delete a recorded event."""


class RequestEvent(models.Model):
    """One thing that happened to a request: who did it, when, what, and from where. Written once: the model
    and its queryset refuse every change and deletion, and a request with events cannot be deleted."""

    SUBMITTED = "submitted"
    STATUS = "status"
    CLAIMED = "claimed"
    ASSIGNED = "assigned"
    MESSAGE = "message"
    EVIDENCE = "evidence"
    NOTE = "note"
    OFFER = "offer"
    CHECK_IN = "check_in"
    CONSENT = "consent"
    KIND_CHOICES = [
        (SUBMITTED, _("Submitted")),
        (STATUS, _("Status changed")),
        (CLAIMED, _("Taken on")),
        (ASSIGNED, _("Assigned")),
        (MESSAGE, _("Message")),
        (EVIDENCE, _("Evidence added")),
        (NOTE, _("Internal note")),
        (OFFER, _("Offer")),
        (CHECK_IN, _("Check-in")),
        (CONSENT, _("Consent withdrawn")),
    ]

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.PROTECT, related_name="events", verbose_name=_("request")
    )
    kind = models.CharField(_("what"), max_length=20, choices=KIND_CHOICES)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("who"),
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    # Internal events (notes, assignments, check-ins) are the team's: the borrower's timeline leaves them out.
    internal = models.BooleanField(_("team only"), default=False)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.kind} {self.from_status}→{self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableEvent("request events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableEvent("request events cannot be deleted")

    def get_to_status_display(self):
        return dict(NegotiationRequest.STATUS_CHOICES).get(self.to_status, self.to_status)


@register_setting(icon="time")
class NegotiationSettings(BaseGenericSetting):
    """What the team promises, kept by the team's managers in the admin (Settings → Negotiation)."""

    first_response_hours = models.PositiveSmallIntegerField(
        _("first reply within (working hours)"),
        default=16,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_("Working hours are 09:00–18:00, Monday to Friday."),
    )
    check_in_days = models.CharField(
        _("check in after an agreement (days)"),
        max_length=100,
        default="30,90,180",
        validators=[validate_day_list],
        help_text=_("Days after the borrower accepts an offer, separated by commas, e.g. 30,90,180."),
    )

    class Meta:
        verbose_name = _("negotiation settings")


class Creditor(models.Model):
    """One debt named in the request, copied from the assessment at submission (the queue filters by it)."""

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="creditors", verbose_name=_("request")
    )
    lender = models.CharField(_("lender"), max_length=30, db_index=True)
    name = models.CharField(_("name or account"), max_length=80, blank=True)
    balance = models.DecimalField(_("still owed"), max_digits=12, decimal_places=2)
    monthly_payment = models.DecimalField(_("monthly payment"), max_digits=12, decimal_places=2, default=0)
    days_overdue = models.PositiveIntegerField(_("days overdue"), default=0)

    class Meta:
        verbose_name = _("creditor")
        verbose_name_plural = _("creditors")
        ordering = ["pk"]

    def __str__(self):
        return self.name or self.lender


def evidence_storage():
    from django.core.files.storage import storages

    return storages["private"]


def evidence_path(instance, filename):
    """A random name: nothing a borrower typed reaches the file system (the extension comes from the sniffed
    type, not the upload)."""
    return f"evidence/{secrets.token_hex(16)}{os.path.splitext(filename)[1].lower()}"


class Evidence(models.Model):
    """A file a borrower gave in support of a request: checked by its content, stored privately."""

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("request")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("uploaded by"),
    )  # fmt: skip
    file = models.FileField(_("file"), storage=evidence_storage, upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size (bytes)"))
    description = models.CharField(_("what it shows"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.original_name


class Message(models.Model):
    """A message between the borrower and the team on a request; both sides see every message."""

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="messages", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("from"),
    )
    from_team = models.BooleanField(_("from the team"), default=False)
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:40]


class Note(models.Model):
    """An internal note of the team on a request. The borrower never sees it."""

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="notes", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("by")
    )
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:40]


class Offer(models.Model):
    """A structured plan the team offers; the borrower sees its schedule before accepting or declining."""

    INSTALMENTS = "instalments"
    DEFERRAL = "deferral"
    PENALTY_RELIEF = "penalty_relief"
    REDUCED_PAYMENTS = "reduced_payments"
    KIND_CHOICES = [
        (INSTALMENTS, _("Personalised instalments")),
        (DEFERRAL, _("Deferral")),
        (PENALTY_RELIEF, _("Penalty and interest relief")),
        (REDUCED_PAYMENTS, _("Reduced payments for a time")),
    ]
    OPEN, ACCEPTED, DECLINED, WITHDRAWN = "open", "accepted", "declined", "withdrawn"
    STATUS_CHOICES = [
        (OPEN, _("Waiting for your answer")),
        (ACCEPTED, _("Accepted")),
        (DECLINED, _("Declined")),
        (WITHDRAWN, _("Withdrawn")),
    ]

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="offers", verbose_name=_("request")
    )
    kind = models.CharField(_("type"), max_length=20, choices=KIND_CHOICES)
    balance = models.DecimalField(_("amount covered"), max_digits=12, decimal_places=2)
    months = models.PositiveSmallIntegerField(_("months"))
    annual_rate = models.DecimalField(
        _("annual rate during the plan (%)"), max_digits=7, decimal_places=4, default=0
    )
    monthly_amount = models.DecimalField(_("monthly amount"), max_digits=12, decimal_places=2)
    relief_amount = models.DecimalField(
        _("interest or penalties waived"), max_digits=12, decimal_places=2, default=0
    )
    deferral_months = models.PositiveSmallIntegerField(_("months before the first payment"), default=0)
    start_date = models.DateField(_("first payment on"))
    explanation = models.TextField(_("explanation for the borrower"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=STATUS_CHOICES, default=OPEN)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.months}"


class CheckIn(models.Model):
    """A follow-up the team owes after an agreement: due on a date, done (with a note) when it was made."""

    request = models.ForeignKey(
        NegotiationRequest, on_delete=models.CASCADE, related_name="check_ins", verbose_name=_("request")
    )
    due_on = models.DateField(_("due on"), db_index=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("done by"),
    )  # fmt: skip
    note = models.TextField(_("what was found"), max_length=2000, blank=True)
    reminded_at = models.DateTimeField(_("team reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return f"{self.request_id} {self.due_on}"
