"""Negotiation requests as borrowers submit them from the self-assessment: what they asked, the figures and
letters as they stood, and the separate consent they gave. (The team's handling builds on these rows.)"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_reference():
    """Ten digits, read out on the phone as three groups: 482-913-0571."""
    return f"{secrets.randbelow(10**10):010d}"


class NegotiationRequest(models.Model):
    SUBMITTED = "submitted"
    STATUS_CHOICES = [(SUBMITTED, _("Submitted"))]

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

    class Meta:
        verbose_name = _("negotiation request")
        verbose_name_plural = _("negotiation requests")
        ordering = ["-submitted_at"]

    def __str__(self):
        return self.display_reference

    @property
    def display_reference(self):
        return f"{self.reference[:3]}-{self.reference[3:6]}-{self.reference[6:]}"
