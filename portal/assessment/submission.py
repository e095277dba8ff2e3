"""Submitting a finished self-assessment to the negotiation team: one request per assessment however often the
button is pressed, with the figures and letters as they stood and the consent as it was worded."""

import dataclasses
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.negotiation import workflow
from portal.negotiation.models import Creditor, NegotiationRequest
from portal.negotiation.tasks import send_submission_email

from . import letters
from .calculation import results as compute
from .models import Assessment


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def snapshot(draft):
    answers = {key: value for key, value in draft.answers.items() if key != "pending"}
    return {"answers": answers, "figures": _plain(dataclasses.asdict(compute(draft.answers)))}


def submit(draft, user, consent_text, http_request=None):
    """(request, created): the request for this assessment, made now or found from an earlier press."""
    try:
        with transaction.atomic():
            locked = Assessment.objects.select_for_update().get(pk=draft.pk)
            existing = NegotiationRequest.objects.filter(assessment=locked).first()
            if existing is not None:
                return existing, False
            figures = compute(locked.answers)
            texts = letters.with_edits(locked, letters.texts(locked, figures))
            request = NegotiationRequest.objects.create(
                borrower=user,
                assessment=locked,
                snapshot=snapshot(locked),
                letters=[letter["text"] for letter in texts],
                consent_text=consent_text,
                consented_at=timezone.now(),
                risk_band=figures.risk,
                max_days_overdue=max((debt.days_overdue for debt in figures.debts), default=0),
                reasons=list(locked.answers.get("situation", {}).get("reasons", [])),
            )
            Creditor.objects.bulk_create(
                Creditor(
                    request=request,
                    lender=debt.lender,
                    name=debt.name,
                    balance=debt.balance,
                    monthly_payment=debt.monthly_payment,
                    days_overdue=debt.days_overdue,
                )  # fmt: skip
                for debt in figures.debts
            )
            workflow.record_submission(request, user, http_request)
            # Only once everything above has committed: a submission that fails halfway mails nobody.
            transaction.on_commit(partial(send_submission_email.enqueue, request.pk))
            if locked.user_id is None:
                locked.user = user
                locked.save(update_fields=["user"])
            return request, True
    except IntegrityError:  # a second press that raced the first past the check
        return NegotiationRequest.objects.get(assessment_id=draft.pk), False
