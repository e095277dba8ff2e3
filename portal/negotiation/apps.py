"""App config for negotiation requests."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationConfig(AppConfig):
    name = "portal.negotiation"
    label = "negotiation"
    verbose_name = _("Negotiation requests")
