"""The background task that emails a check-in reminder (queued by `check_ins.send_due_reminders`)."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .check_ins import reminder_recipients
from .models import CheckIn


@task
def send_check_in_reminder(check_in_id):
    """Emails whoever handles the request (or the team) that a check-in is due. A check-in done in the
    meantime needs no reminder."""
    check_in = CheckIn.objects.select_related("request__assignee").filter(pk=check_in_id).first()
    if check_in is None or check_in.done_at is not None:
        return 0
    made = check_in.request
    recipients = reminder_recipients(made)
    if not recipients:
        return 0
    # The team works in the site's first language; a worker's own choice is not stored anywhere.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Check-in due: request %(reference)s") % {"reference": made.display_reference}
        url = settings.WAGTAILADMIN_BASE_URL + reverse("negotiation_requests:inspect", args=[made.pk])
        body = "\n\n".join(
            [
                _("A follow-up check-in on request %(reference)s was due on %(due)s.")
                % {"reference": made.display_reference, "due": check_in.due_on.isoformat()},
                _("Ask the borrower how the agreed plan is going, then record the check-in as done:"),
                url,
            ]
        )
    return send_mail(subject, body, None, recipients)
