"""What the offer and check-in parts of the request pages need beside the request itself: an offer's schedule,
and the team's empty forms (the parts are included by pages whose views belong to other features)."""

from django import template

from portal.negotiation import offers
from portal.negotiation.check_ins import done_form
from portal.negotiation.models import NegotiationRequest, Offer

register = template.Library()


@register.filter
def offer_schedule(offer):
    return offers.schedule_of(offer)


@register.filter
def is_open_offer(offer, made):
    """Whether the borrower can still answer `offer` (a withdrawn or closed request leaves none open)."""
    return offer.status == Offer.OPEN and made.status == NegotiationRequest.OFFER_MADE


@register.filter
def can_make_offer(made):
    return made.status in offers.OFFER_FROM


@register.simple_tag
def offer_form(made):
    return offers.empty_form(made)


@register.simple_tag
def check_in_form(check_in):
    return done_form(check_in)
