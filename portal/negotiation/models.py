"""Negotiation requests as borrowers submit them from the self-assessment (what they asked, the figures and
letters as they stood, the separate consent they gave), and the immutable events of each request's life."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def new_reference():
    """Ten digits, read out on the phone as three groups: 482-913-0571."""
    return f"{secrets.randbelow(10**10):010d}"


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
    KIND_CHOICES = [(SUBMITTED, _("Submitted")), (STATUS, _("Status changed")), (CLAIMED, _("Taken on"))]

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

    class Meta:
        verbose_name = _("negotiation settings")
