"""Follow-up check-ins after an agreement: booked at the set days when a borrower accepts an offer, reminded
to the team once when due (by the daily `send_check_in_reminders` command), and marked done with what was
found. Every reminder and every check-in done is an internal event of the request."""

from datetime import timedelta

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.client import client_address

from .models import CheckIn, NegotiationSettings, RequestEvent
from .policy import team_members
from .workflow import NotAllowed


def check_in_days():
    """The days after an acceptance at which the team checks in, from the team's settings. The setting is
    validated when saved; a value saved before that rule existed still never breaks an acceptance."""
    try:
        days = {int(part) for part in NegotiationSettings.load().check_in_days.split(",") if part.strip()}
    except ValueError:
        return []
    return sorted(day for day in days if 1 <= day <= 3650)


def schedule_check_ins(made, accepted_on):
    return CheckIn.objects.bulk_create(
        [CheckIn(request=made, due_on=accepted_on + timedelta(days=days)) for days in check_in_days()]
    )


def reminder_recipients(made):
    """Whoever handles the request; nobody yet (or no longer active), the whole team."""
    if made.assignee is not None and made.assignee.is_active and made.assignee.email:
        return [made.assignee.email]
    return [user.email for user in team_members() if user.email]


def send_due_reminders(today=None):
    """Reminds the team of every check-in due by `today` that is neither done nor reminded; returns how many.
    Each is claimed by setting reminded_at under a row lock before its email is queued, so a second run (or
    two runs at once) never reminds of the same check-in twice."""
    from .check_in_tasks import send_check_in_reminder

    today = today or timezone.localdate()
    due = CheckIn.objects.filter(due_on__lte=today, reminded_at__isnull=True, done_at__isnull=True)
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            check_in = (
                CheckIn.objects.select_for_update()
                .select_related("request")
                .filter(pk=pk, reminded_at__isnull=True, done_at__isnull=True)
                .first()
            )
            if check_in is None:
                continue
            check_in.reminded_at = timezone.now()
            check_in.save(update_fields=["reminded_at"])
            made = check_in.request
            RequestEvent.objects.create(
                request=made, kind=RequestEvent.CHECK_IN, from_status=made.status, to_status=made.status,
                note=f"reminder: {check_in.due_on.isoformat()}", internal=True,
            )  # fmt: skip
        send_check_in_reminder.enqueue(check_in.pk)
        sent += 1
    return sent


class CheckInDoneForm(forms.Form):
    note = forms.CharField(
        label=_("What was found"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        help_text=_("Only the team sees this."),
    )


def done_form(check_in, data=None):
    """Each check-in's form has its own prefix: the inspect page lists several."""
    return CheckInDoneForm(data, prefix=f"check-in-{check_in.pk}")


def mark_done(made, check_in_pk, note, actor, http_request=None):
    """Records the check-in `check_in_pk` of `made` as done with the team's note. Raises CheckIn.DoesNotExist
    for a check-in of another request, NotAllowed if it was already done (a second click changes nothing)."""
    with transaction.atomic():
        check_in = CheckIn.objects.select_for_update().get(pk=check_in_pk, request=made)
        if check_in.done_at is not None:
            raise NotAllowed(_("This check-in is already done."))
        check_in.done_at, check_in.done_by, check_in.note = timezone.now(), actor, note
        check_in.save(update_fields=["done_at", "done_by", "note"])
        RequestEvent.objects.create(
            request=made, kind=RequestEvent.CHECK_IN, actor=actor, from_status=made.status,
            to_status=made.status, note=note, internal=True, address=client_address(http_request),
        )  # fmt: skip
    return check_in
