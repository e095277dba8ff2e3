"""App config for the self-assessment wizard."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "portal.assessment"
    label = "assessment"
    verbose_name = _("Self-assessment")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .drafts import claim_session_draft

        user_logged_in.connect(claim_session_draft, dispatch_uid="assessment_claim_session_draft")
