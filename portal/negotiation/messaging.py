"""Talking about a request: messages between the borrower and the team (each one recorded as an event and
announced to the other side by mail), the team's internal notes, and the team's status actions (start the
review, ask for information, close). Each change is made under the request's row lock and recorded with who
made it and from which address.

The first thing the team does for the borrower — a message or a change of status — is the request's first
response: it is stamped once, under the lock, so that the queue's promise is measured from what the borrower
actually saw.
"""

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.client import client_address

from . import workflow
from .models import Message, Note, RequestEvent
from .models import NegotiationRequest as R
from .tasks import send_message_email

MAX_LENGTH = 4000
# Nothing more is said on a request that has ended; the borrower can start a new one.
ENDED = {R.CLOSED, R.WITHDRAWN}


def text_field(label, required_message):
    return forms.CharField(
        label=label,
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_LENGTH}),
        error_messages={
            "required": required_message,
            "max_length": _("Keep it to %(limit_value)d characters (this has %(show_value)d)."),
        },
    )


class MessageForm(forms.Form):
    body = text_field(_("Message"), _("Write a message before sending it."))


class NoteForm(forms.Form):
    body = text_field(_("Internal note"), _("Write the note before saving it."))


def may_message(made):
    return made.status not in ENDED


def _stamp_first_response(locked):
    """Records the team's first response, once: the filter makes a second stamp a no-op."""
    if locked.first_response_at is None:
        R.objects.filter(pk=locked.pk, first_response_at__isnull=True).update(
            first_response_at=timezone.now()
        )


def _post(locked, author, body, from_team, http_request):
    message = Message.objects.create(request=locked, author=author, from_team=from_team, body=body)
    # The event says that a message was sent, not what it said: the text lives (and can be deleted) with the
    # message, while events are kept for good.
    RequestEvent.objects.create(
        request=locked, kind=RequestEvent.MESSAGE, actor=author, from_status=locked.status,
        to_status=locked.status, address=client_address(http_request),
    )  # fmt: skip
    return message


def _notify(message):
    # Enqueued after the transaction that saved the message: the immediate backend then mails about a message
    # that exists, and the database backend's worker finds it when it runs.
    send_message_email.enqueue(message.pk)


def post_borrower_message(made, borrower, body, http_request=None):
    """The borrower writes to the team. A request waiting for the borrower's information goes back into review
    (the borrower's reply is what the team asked for), recorded with the borrower as the actor."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if not may_message(locked):
            raise workflow.NotAllowed(_("This request has ended, so no more messages can be sent on it."))
        message = _post(locked, borrower, body, False, http_request)
        if locked.status == R.INFO_REQUESTED:
            workflow.change_status(locked, R.IN_REVIEW, borrower, http_request)
    made.status = locked.status
    _notify(message)
    return message


def post_team_message(made, worker, body, http_request=None):
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if not may_message(locked):
            raise workflow.NotAllowed(_("This request has ended, so no more messages can be sent on it."))
        message = _post(locked, worker, body, True, http_request)
        _stamp_first_response(locked)
    _notify(message)
    return message


def team_change_status(made, to_status, worker, http_request=None):
    """A status change made by the team (through workflow.change_status), which also counts as the first
    response."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        event = workflow.change_status(locked, to_status, worker, http_request)
        _stamp_first_response(locked)
    made.status = locked.status
    return event


def may_ask(made):
    """Whether the team can ask for information now: straight from review, or through review (a request
    that was only submitted, or whose offer was declined, is put into review first); asking again while
    waiting only adds the message."""
    allowed = workflow.ALLOWED
    return (
        made.status == R.INFO_REQUESTED
        or R.INFO_REQUESTED in allowed.get(made.status, set())
        or (R.IN_REVIEW in allowed.get(made.status, set()) and R.INFO_REQUESTED in allowed[R.IN_REVIEW])
    )


def ask_for_information(made, worker, body, http_request=None):
    """The team's question and the status "information requested", together or not at all."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if not may_ask(locked):
            raise workflow.NotAllowed(_("Information can't be requested on this request now."))
        if locked.status != R.INFO_REQUESTED:
            if R.INFO_REQUESTED not in workflow.ALLOWED.get(locked.status, set()):
                workflow.change_status(locked, R.IN_REVIEW, worker, http_request)
            workflow.change_status(locked, R.INFO_REQUESTED, worker, http_request)
        message = _post(locked, worker, body, True, http_request)
        _stamp_first_response(locked)
    made.status = locked.status
    _notify(message)
    return message


def add_note(made, worker, body, http_request=None):
    """An internal note: kept for the team, recorded as an internal event (the borrower's timeline leaves it
    out)."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        note = Note.objects.create(request=locked, author=worker, body=body)
        RequestEvent.objects.create(
            request=locked, kind=RequestEvent.NOTE, actor=worker, from_status=locked.status,
            to_status=locked.status, internal=True, address=client_address(http_request),
        )  # fmt: skip
    return note
