"""The views of offers and check-ins: the borrower accepts or declines an open offer of their own request;
the team previews and makes an offer and marks check-ins done. Another's offer, and anyone outside the team,
get a 404; every refusal is a message with nothing changed, and the team's form keeps what was typed."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from . import offers, workflow
from .check_ins import done_form, mark_done
from .models import CheckIn, NegotiationRequest, Offer
from .policy import TEAM_PERMISSION
from .views import own, post_to_own_request

DECISION_MESSAGES = {
    Offer.ACCEPTED: gettext_lazy(
        "You accepted the offer. The team will check in with you from time to time to see how it is going."
    ),
    Offer.DECLINED: gettext_lazy("You declined the offer. The team can make you another one."),
}


def _decide(request, reference, pk, decision):
    made = own(request, reference)
    # PostgreSQL refuses NUL in text; nothing a person means to say contains one.
    reason = request.POST.get("reason", "").replace("\x00", "").strip()[:500]
    try:
        offers.decide(made, pk, decision, request.user, request, reason=reason)
    except Offer.DoesNotExist:
        raise Http404 from None
    except offers.AlreadyDecided as repeated:
        messages.info(request, repeated.message)
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, str(DECISION_MESSAGES[decision]))
    return redirect("negotiation_request", reference=made.reference)


@never_cache
@post_to_own_request
def accept(request, reference, pk):
    return _decide(request, reference, pk, Offer.ACCEPTED)


@never_cache
@post_to_own_request
def decline(request, reference, pk):
    return _decide(request, reference, pk, Offer.DECLINED)


def team_request(request, pk):
    """The request `pk` for a member of the team; a 404 for anyone else, as if it did not exist."""
    if not request.user.has_perm(TEAM_PERMISSION):
        raise Http404
    return get_object_or_404(NegotiationRequest, pk=pk)


def inspect_url(made):
    return reverse("negotiation_requests:inspect", args=[made.pk])


def _offer_page(request, made, form, status=200):
    schedule = form.schedule() if form.is_bound and form.is_valid() else None
    return TemplateResponse(
        request,
        "negotiation/admin/offer.html",
        {"made": made, "form": form, "schedule": schedule, "inspect_url": inspect_url(made)},
        status=status,
    )


@never_cache
def make_offer(request, pk):
    """GET: the form. POST with "preview": the schedule beside the form. POST with "make": the offer, made
    only if the form is still valid; the borrower then sees exactly the schedule previewed."""
    made = team_request(request, pk)
    if request.method != "POST":
        return _offer_page(request, made, offers.empty_form(made))
    form = offers.OfferForm(request.POST, prefix=offers.FORM_PREFIX)
    if not form.is_valid():
        return _offer_page(request, made, form, status=400)
    if "make" not in request.POST:
        return _offer_page(request, made, form)
    try:
        offers.make_offer(made, form, request.user, request)
    except workflow.NotAllowed as refused:
        messages.error(request, refused.message)
        return _offer_page(request, made, form, status=409)
    messages.success(request, _("The offer is made; the borrower can now accept or decline it."))
    return redirect(inspect_url(made))


@never_cache
def check_in_done(request, pk, check_in):
    made = team_request(request, pk)
    found = get_object_or_404(CheckIn, pk=check_in, request=made)
    form = done_form(found, request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            mark_done(made, found.pk, form.cleaned_data["note"], request.user, request)
        except workflow.NotAllowed as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, _("The check-in is recorded as done."))
        return redirect(inspect_url(made))
    return TemplateResponse(
        request,
        "negotiation/admin/check_in_done.html",
        {"made": made, "check_in": found, "form": form, "inspect_url": inspect_url(made)},
        status=400 if form.is_bound else 200,
    )
