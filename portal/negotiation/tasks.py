"""Mail about a request's messages, sent through `django.tasks`: at once by default, and in production from
the database queue by `manage.py db_worker`. A task receives ids, never objects, and loads what it needs when
it runs.

The mails say only that there is something new on request such-and-such and where to sign in to read it: no
message text, no figures, nothing about the borrower's money, since mail travels and is kept beyond our reach.
They are written in both site languages (Chinese first), because the portal does not know which one a
borrower reads.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .models import Message, NegotiationRequest
from .policy import team_members


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _borrower_links(made):
    """The request page in each language (each has its own address)."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            links.append(_absolute(reverse("negotiation_request", args=[made.reference])))
    return links


def _recipients(message):
    """Team → the borrower; borrower → whoever holds the request, or the whole team while nobody does."""
    if message.from_team:
        borrower = message.request.borrower
        return [borrower.email] if borrower.is_active and borrower.email else []
    holder = message.request.assignee
    if holder is not None and holder.is_active and holder.email:
        return [holder.email]
    return [member.email for member in team_members() if member.email]


@task()
def send_message_email(message_id):
    """Tells the other side that a message is waiting; returns how many mails were sent (one per recipient,
    so that team members never see each other's addresses)."""
    message = (
        Message.objects.select_related("request__borrower", "request__assignee").filter(pk=message_id).first()
    )
    if message is None:  # deleted with its account before the worker came to it
        return 0
    made = message.request
    context = {"reference": made.display_reference}
    if message.from_team:
        template = "negotiation/email/message_to_borrower"
        links = _borrower_links(made)
    else:
        template = "negotiation/email/message_to_team"
        links = [_absolute(reverse("negotiation_requests:inspect", args=[made.pk]))] * len(settings.LANGUAGES)
    subject, body = _bilingual(template, context, links)
    sent = 0
    for address in _recipients(message):
        sent += EmailMessage(subject, body, to=[address]).send()
    return sent


@task()
def send_submission_email(request_id):
    """Confirms a submission to the borrower: the reference to quote, when the first reply is due, and where
    to follow the request. Enqueued only once the submission has committed (`transaction.on_commit`), so a
    submission that failed halfway sends nothing."""
    made = NegotiationRequest.objects.select_related("borrower").filter(pk=request_id).first()
    if made is None or not (made.borrower.is_active and made.borrower.email):
        return 0
    template = "negotiation/email/submitted"
    context = {"reference": made.display_reference, "due": made.first_response_due}
    subject, body = _bilingual(template, context, _borrower_links(made))
    return EmailMessage(subject, body, to=[made.borrower.email]).send()


def _bilingual(template, context, links):
    """(subject, body) of a mail in every site language, Chinese first; `links` gives each language's link."""
    subjects = [_render(f"{template}_subject.txt", code, context) for code, _name in settings.LANGUAGES]
    bodies = [
        _render(f"{template}.txt", code, {**context, "link": link})
        for (code, _name), link in zip(settings.LANGUAGES, links, strict=True)
    ]
    subject = " / ".join(dict.fromkeys(" ".join(part.split()) for part in subjects))
    return subject, "\n\n----------\n\n".join(bodies) + "\n"


def _render(template, language, context):
    with translation.override(language):
        return render_to_string(template, context).strip()
