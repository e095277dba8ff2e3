"""What the message, note and timeline parts of the request pages need beside the request: the forms (the one
a refused post left, with its errors and text, or an empty one), which team actions the status allows, and a
plain sentence for each event of the borrower's timeline."""

from django import template
from django.utils.translation import gettext as _

from portal.negotiation import messaging, workflow
from portal.negotiation.models import NegotiationRequest as R
from portal.negotiation.models import RequestEvent as E

register = template.Library()


@register.simple_tag(takes_context=True)
def text_form(context, name, auto_id):
    """The form called `name` in the context (a refused post's), or an empty one; `auto_id` keeps the ids of
    several forms on one page apart."""
    form = context.get(name) or (messaging.NoteForm if name == "note_form" else messaging.MessageForm)()
    form.auto_id = auto_id
    return form


@register.filter
def status_label(code):
    return dict(R.STATUS_CHOICES).get(code, code)


@register.filter
def may_message(made):
    return messaging.may_message(made)


@register.simple_tag
def team_actions(made):
    """Which of the team's actions the request's status allows now."""
    allowed = workflow.ALLOWED.get(made.status, set())
    return {
        "message": messaging.may_message(made),
        "ask": messaging.may_ask(made),
        "review": R.IN_REVIEW in allowed,
        "close": R.CLOSED in allowed,
    }


STATUS_SENTENCES = {
    R.SUBMITTED: lambda: _("Your request was submitted."),
    R.IN_REVIEW: lambda: _("The team is reviewing your request."),
    R.INFO_REQUESTED: lambda: _("The team asked you for more information."),
    R.OFFER_MADE: lambda: _("An offer is waiting for your answer."),
    R.ACCEPTED: lambda: _("You accepted the offer."),
    R.DECLINED: lambda: _("You declined the offer."),
    R.CLOSED: lambda: _("The team closed the request."),
    R.WITHDRAWN: lambda: _("You withdrew the request."),
}


@register.simple_tag
def borrower_sentence(event, made):
    """One event as the borrower reads it on their own timeline (internal events never reach it)."""
    by_borrower = event.actor_id is not None and event.actor_id == made.borrower_id
    if event.kind == E.SUBMITTED:
        return _("You submitted the request.")
    if event.kind == E.STATUS:
        if event.to_status == R.IN_REVIEW and by_borrower:
            return _("Your reply went to the team, and your request is back in review.")
        sentence = STATUS_SENTENCES.get(event.to_status)
        return sentence() if sentence else event.get_to_status_display()
    if event.kind == E.MESSAGE:
        return _("You sent a message.") if by_borrower else _("The team sent you a message.")
    if event.kind == E.CLAIMED:
        return _("A case worker took on your request.")
    if event.kind == E.EVIDENCE:
        if by_borrower:
            return _("You added a file: %(name)s") % {"name": event.note}
        return _("A file was added to your request.")
    if event.kind == E.OFFER:
        return _("You answered an offer.") if by_borrower else _("The team made you an offer.")
    if event.kind == E.CONSENT:
        return _("You withdrew your consent to the use of your sensitive information.")
    return event.get_kind_display()
