"""How a request moves: the allowed status changes, each made under a row lock and recorded as an event with
who made it and from which address."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.client import client_address

from .clock import add_working_hours
from .models import NegotiationRequest as R
from .models import NegotiationSettings, Offer, RequestEvent
from .policy import TEAM_PERMISSION

ALLOWED = {
    R.SUBMITTED: {R.IN_REVIEW, R.WITHDRAWN},
    R.IN_REVIEW: {R.INFO_REQUESTED, R.OFFER_MADE, R.CLOSED, R.WITHDRAWN},
    R.INFO_REQUESTED: {R.IN_REVIEW, R.WITHDRAWN},
    R.OFFER_MADE: {R.ACCEPTED, R.DECLINED, R.WITHDRAWN},
    R.ACCEPTED: {R.CLOSED},
    R.DECLINED: {R.IN_REVIEW, R.OFFER_MADE, R.CLOSED},  # after a decline, the team may offer again
    R.CLOSED: set(),
    R.WITHDRAWN: set(),
}
ENDED = {R.WITHDRAWN, R.CLOSED}
# What a borrower may do themselves; every other change is the team's.
BORROWER_MAY = {R.WITHDRAWN, R.ACCEPTED, R.DECLINED}


class NotAllowed(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def record_submission(made, actor, http_request=None):
    """The first event; it also starts the response clock."""
    hours = NegotiationSettings.load().first_response_hours
    R.objects.filter(pk=made.pk).update(first_response_due=add_working_hours(made.submitted_at, hours))
    return RequestEvent.objects.create(
        request=made, kind=RequestEvent.SUBMITTED, actor=actor, to_status=made.status,
        address=client_address(http_request),
    )  # fmt: skip


def change_status(made, to_status, actor, http_request=None, note=""):
    """Moves the request to `to_status` if that is allowed from where it stands now; returns the event."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if to_status not in ALLOWED.get(locked.status, set()):
            raise NotAllowed(_("This request can no longer be changed that way."))
        event = RequestEvent.objects.create(
            request=locked, kind=RequestEvent.STATUS, actor=actor, from_status=locked.status,
            to_status=to_status, note=note, address=client_address(http_request),
        )  # fmt: skip
        R.objects.filter(pk=locked.pk).update(status=to_status)
        if to_status in ENDED:
            # An offer left open on an ended request could still be answered; it lapses with the request.
            Offer.objects.filter(request=locked, status=Offer.OPEN).update(status=Offer.WITHDRAWN)
    made.status = to_status
    return event


def claim(made, worker, http_request=None):
    """Makes `worker` the holder of an unclaimed request. Two people can never hold one request: the row is
    locked while it is checked, so of simultaneous claims exactly one wins and the others are refused."""
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if locked.assignee_id is not None:
            if locked.assignee_id == worker.pk:
                return None
            raise NotAllowed(_("Someone else is already handling this request."))
        R.objects.filter(pk=locked.pk).update(assignee=worker)
        event = RequestEvent.objects.create(
            request=locked, kind=RequestEvent.CLAIMED, actor=worker, from_status=locked.status,
            to_status=locked.status, address=client_address(http_request),
        )  # fmt: skip
    made.assignee = worker
    return event


# Passed as `seen_holder` when the caller does not care who held the request before (a deliberate handover).
ANY_HOLDER = object()


def assign(made, to_user, by_user, http_request=None, seen_holder=ANY_HOLDER):
    """Makes `to_user`, who must be on the team, the holder of the request; recorded as an internal event by
    `by_user`. Taking a request from its holder is a handover the assigner chooses, so it is allowed; but when
    `seen_holder` (a user id or None) is given and the holder is no longer the one the assigner saw, it is
    refused, so that a claim made meanwhile is never overridden unseen. Under the same row lock as `claim`, so
    one request never has two holders. Returns the event, or None if `to_user` already holds it."""
    if not (to_user.is_active and to_user.has_perm(TEAM_PERMISSION)):
        raise NotAllowed(_("Requests can only be assigned to members of the negotiation team."))
    with transaction.atomic():
        locked = R.objects.select_for_update().get(pk=made.pk)
        if seen_holder is not ANY_HOLDER and locked.assignee_id != seen_holder:
            raise NotAllowed(
                _("Someone else took this request on meanwhile. Check who holds it and try again.")
            )
        if locked.assignee_id == to_user.pk:
            return None
        previous = locked.assignee
        R.objects.filter(pk=locked.pk).update(assignee=to_user)
        event = RequestEvent.objects.create(
            request=locked, kind=RequestEvent.ASSIGNED, actor=by_user, from_status=locked.status,
            to_status=locked.status, note=f"{previous} → {to_user}" if previous else f"→ {to_user}",
            internal=True, address=client_address(http_request),
        )  # fmt: skip
    made.assignee = to_user
    return event
