"""The posts that talk about a request: the borrower's message (on the request page) and, in the admin, the
team's reply, request for information, internal note, and the "start review" and "close" actions.

A refused form comes back on its own page with status 400, the error beside it and the text as typed; a
refused action (the request moved on meanwhile) comes back as a message. Anyone outside the team, and any
borrower but the owner, gets a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal.tools.ratelimit import too_many_requests

from . import messaging, views, workflow
from .models import NegotiationRequest
from .policy import TEAM_PERMISSION


@never_cache
@views.post_to_own_request
def borrower_message(request, reference):
    made = views.own(request, reference)
    form = messaging.MessageForm(request.POST)
    if not messaging.may_message(made):
        form.add_error(None, _("This request has ended, so no more messages can be sent on it."))
    status = 400
    if form.is_valid() and too_many_requests(
        request, f"request-message:{request.user.pk}", settings.NEGOTIATION_MESSAGES_PER_MINUTE
    ):
        form.add_error(
            None, _("You have sent several messages in the last minute. Wait a minute, then send this one.")
        )
        status = 429
    if form.is_valid():
        try:
            messaging.post_borrower_message(made, request.user, form.cleaned_data["body"], request)
        except workflow.NotAllowed as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Your message has been sent to the team."))
            return redirect(f"{reverse('negotiation_request', args=[made.reference])}#messages")
    return views.render_detail(request, made, status=status, message_form=form)


# The team's side, in the admin.


def team_request(request, pk):
    """The request for a member of the team; a 404 for everyone else (as for all request data)."""
    if not request.user.has_perm(TEAM_PERMISSION):
        raise Http404
    return get_object_or_404(NegotiationRequest, pk=pk)


def inspect_url(made, anchor=""):
    return reverse("negotiation_requests:inspect", args=[made.pk]) + (f"#{anchor}" if anchor else "")


def render_team_page(request, made, status=400, **forms):
    """The team's page for the request again, rendered by the queue's own inspect view, with the refused form
    in its context so that the part shows the error and what was typed."""
    from wagtail.admin.viewsets import viewsets

    view_function = next(
        viewset.inspect_view
        for viewset in viewsets.viewsets
        if getattr(viewset, "name", "") == "negotiation_requests"
    )
    view = view_function.view_class(**view_function.view_initkwargs)
    view.setup(request, pk=made.pk)
    response = view.get(request, pk=made.pk, **forms)
    response.status_code = status
    return response


def _posted_text(request, made, form_class, form_name, action, success_message, anchor):
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(made, request.user, form.cleaned_data["body"], request)
        except workflow.NotAllowed as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, success_message)
            return redirect(inspect_url(made, anchor))
    return render_team_page(request, made, **{form_name: form})


@never_cache
@require_POST
def team_message(request, pk):
    made = team_request(request, pk)
    return _posted_text(
        request, made, messaging.MessageForm, "message_form", messaging.post_team_message,
        _("Your message has been sent to the borrower."), "messages",
    )  # fmt: skip


@never_cache
@require_POST
def ask_for_information(request, pk):
    made = team_request(request, pk)
    return _posted_text(
        request, made, messaging.MessageForm, "ask_form", messaging.ask_for_information,
        _("The borrower has been asked for information."), "messages",
    )  # fmt: skip


@never_cache
@require_POST
def add_note(request, pk):
    made = team_request(request, pk)
    return _posted_text(
        request, made, messaging.NoteForm, "note_form", messaging.add_note, _("The note has been saved."),
        "notes",
    )  # fmt: skip


def _status_action(request, pk, to_status, success_message):
    made = team_request(request, pk)
    try:
        messaging.team_change_status(made, to_status, request.user, request)
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success_message)
    return redirect(inspect_url(made))


@never_cache
@require_POST
def start_review(request, pk):
    return _status_action(request, pk, NegotiationRequest.IN_REVIEW, _("The request is in review."))


@never_cache
@require_POST
def close(request, pk):
    return _status_action(request, pk, NegotiationRequest.CLOSED, _("The request is closed."))
