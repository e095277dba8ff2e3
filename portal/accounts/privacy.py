"""A borrower's privacy rights: a copy of everything they gave (`export`), withdrawing consent on a request
(`withdraw_consent`), deleting their account (`delete_account`), and removing what is left of a deleted
account's requests once the retention period is over (`purge_deleted_accounts`).

Deleting an account keeps its user row as the placeholder for that one deletion: the row's email becomes
`deleted-<random>@deleted.invalid`, its password unusable, it is made inactive and loses every group, and
`last_login` records when it was deleted (nobody can log in as it again, so nothing moves it). The row stays
because requests (`borrower`, PROTECT) and their immutable audit events point at it, and the team keeps a
request's figures for `PRIVACY_RETENTION_DAYS`. Drafts, quiz attempts, email addresses, authenticators and
evidence files go at once; after the retention period `purge_deleted_accounts` blanks the names and free text
(debt names in the snapshot, letters, message bodies, creditor names). Audit events are kept as they are: they
cannot be changed.
"""

import json
import os
import re
import secrets
import tempfile
import unicodedata
import zipfile
from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import logout
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from portal.assessment.models import Assessment
from portal.client import client_address
from portal.negotiation import workflow
from portal.negotiation.models import Creditor, Evidence, Message, NegotiationRequest, RequestEvent
from quizzes.models import Attempt

DELETED_DOMAIN = "deleted.invalid"
# Keys in a request's snapshot whose values are free text the borrower typed (a debt's "name or account").
FREE_TEXT_KEYS = {"name"}
ANONYMISED_KEY = "anonymised_at"


# Download my data -------------------------------------------------------------------------------------------


def safe_name(name, fallback_extension=""):
    """A name for a file in the zip: no folders, no control or reserved characters, 100 characters at most."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/").split("/")[-1]
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name).strip(" .")
    stem, extension = os.path.splitext(name)
    name = stem[: 100 - len(extension[:10])] + extension[:10]
    return name or f"file{fallback_extension}"


def _unique(name, taken):
    stem, extension = os.path.splitext(name)
    number = 2
    while name in taken:
        name, number = f"{stem} ({number}){extension}", number + 1
    taken.add(name)
    return name


def _request_data(made, user, evidence_paths):
    return {
        "reference": made.display_reference,
        "status": made.status,
        "status_label": str(made.get_status_display()),
        "submitted_at": made.submitted_at,
        "consent_text": made.consent_text,
        "consented_at": made.consented_at,
        "consent_withdrawn_at": made.consent_withdrawn_at,
        "snapshot": made.snapshot,
        "letters": made.letters,
        "creditors": [
            {
                "lender": creditor.lender,
                "name": creditor.name,
                "balance": creditor.balance,
                "monthly_payment": creditor.monthly_payment,
                "days_overdue": creditor.days_overdue,
            }
            for creditor in made.creditors.all()
        ],
        "messages": [
            {
                "from": "team" if message.from_team else "you",
                "body": message.body,
                "sent_at": message.created_at,
            }
            for message in made.messages.all()
        ],
        # What the borrower's own timeline shows; the team's internal events (and its notes) are not theirs.
        "events": [
            {
                "what": event.kind,
                "by": "you" if event.actor_id == user.pk else "team",
                "from_status": event.from_status,
                "to_status": event.to_status,
                "note": event.note,
                "at": event.created_at,
                "from_address": event.address if event.actor_id == user.pk else None,
            }
            for event in made.events.filter(internal=False)
        ],
        "offers": [
            {
                "kind": offer.kind,
                "balance": offer.balance,
                "months": offer.months,
                "annual_rate": offer.annual_rate,
                "monthly_amount": offer.monthly_amount,
                "relief_amount": offer.relief_amount,
                "deferral_months": offer.deferral_months,
                "start_date": offer.start_date,
                "explanation": offer.explanation,
                "status": offer.status,
                "made_at": offer.created_at,
                "decided_at": offer.decided_at,
            }
            for offer in made.offers.all()
        ],
        "evidence": [
            {
                "file": evidence_paths.get(evidence.pk),
                "original_name": evidence.original_name,
                "type": evidence.content_type,
                "size": evidence.size,
                "description": evidence.description,
                "added_at": evidence.created_at,
            }
            for evidence in made.evidence.all()
        ],
    }


def _account_data(user):
    return {
        "email": user.email,
        "display_name": user.display_name,
        "joined_at": user.date_joined,
        "last_login": user.last_login,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _assessments_data(user):
    return [
        {
            "code": draft.display_code,
            "language": draft.language,
            "answers": draft.answers,
            "edited_letters": draft.letters,
            "created_at": draft.created_at,
            "updated_at": draft.updated_at,
            "expires_at": draft.expires_at,
        }
        for draft in Assessment.objects.filter(user=user).order_by("created_at", "pk")
    ]


def _quiz_data(user):
    return [
        {
            "quiz": attempt.quiz.title,
            "started_at": attempt.started_at,
            "completed_at": attempt.completed_at,
            "score": attempt.score,
            "max_score": attempt.max_score,
        }
        for attempt in Attempt.objects.filter(user=user).select_related("quiz").order_by("started_at", "pk")
    ]


def export(user):
    """A zip (an open temporary file, at its start) of `data.json` and the user's evidence files under
    `evidence/<reference>/<name>`. A file missing from storage is listed with `"file": null`."""
    archive_file = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; FileResponse closes it
    requests = NegotiationRequest.objects.filter(borrower=user).order_by("submitted_at", "pk")
    with zipfile.ZipFile(archive_file, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        evidence_paths = {}
        for made in requests:
            taken = set()
            for evidence in made.evidence.all():
                extension = os.path.splitext(evidence.file.name)[1]
                path = f"evidence/{made.display_reference}/"
                path += _unique(safe_name(evidence.original_name, extension), taken)
                try:
                    with evidence.file.open("rb") as stored, archive.open(path, "w") as copy:
                        for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                            copy.write(chunk)
                except OSError:  # the file is gone from storage: the list says so rather than failing
                    continue
                evidence_paths[evidence.pk] = path
        data = {
            "exported_at": timezone.now(),
            "account": _account_data(user),
            "self_assessments": _assessments_data(user),
            "requests": [_request_data(made, user, evidence_paths) for made in requests],
            "quiz_attempts": _quiz_data(user),
        }
        archive.writestr("data.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    archive_file.seek(0)
    return archive_file


# Withdrawing consent ----------------------------------------------------------------------------------------


def _delete_evidence(made):
    """Deletes a request's evidence rows now and their files once the transaction has committed (a rollback
    then never leaves a row without its file)."""
    names = list(Evidence.objects.filter(request=made).values_list("file", flat=True))
    Evidence.objects.filter(request=made).delete()
    storage = Evidence._meta.get_field("file").storage

    def remove_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return len(names)


def withdraw_consent(made, user, http_request=None):
    """Withdraws the consent given at submission: the request is withdrawn if it is still open, its evidence
    files are deleted, and a `consent` event records it. Returns False when consent was already withdrawn."""
    with transaction.atomic():
        locked = NegotiationRequest.objects.select_for_update().get(pk=made.pk)
        if locked.consent_withdrawn_at is not None:
            return False
        if NegotiationRequest.WITHDRAWN in workflow.ALLOWED.get(locked.status, set()):
            workflow.change_status(locked, NegotiationRequest.WITHDRAWN, user, http_request)
        now = timezone.now()
        NegotiationRequest.objects.filter(pk=locked.pk).update(consent_withdrawn_at=now)
        RequestEvent.objects.create(
            request=locked, kind=RequestEvent.CONSENT, actor=user, from_status=locked.status,
            to_status=locked.status, address=client_address(http_request),
        )  # fmt: skip
        _delete_evidence(locked)
    made.status, made.consent_withdrawn_at = locked.status, now
    return True


# Deleting an account ----------------------------------------------------------------------------------------


def is_deleted(user):
    return not user.is_active and user.email.endswith(f"@{DELETED_DOMAIN}")


def delete_account(user, http_request=None):
    """Deletes the account now (see the module's docstring) and logs this session out."""
    with transaction.atomic():
        for made in NegotiationRequest.objects.filter(borrower=user):
            withdraw_consent(made, user, http_request)
            _delete_evidence(made)  # files added after an earlier withdrawal, if any
        Assessment.objects.filter(user=user).delete()
        Attempt.objects.filter(user=user).delete()
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.groups.clear()
        user.user_permissions.clear()
        user.email = f"deleted-{secrets.token_hex(8)}@{DELETED_DOMAIN}"
        user.display_name = user.first_name = user.last_name = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()  # also ends every other session: their auth hash no longer matches
        user.last_login = timezone.now()  # when it was deleted; the retention period counts from here
        user.save()
    if http_request is not None:
        logout(http_request)


def anonymised_snapshot(value):
    """The snapshot with every free-text value blanked; figures, dates and choices stay for the statistics."""
    if isinstance(value, dict):
        return {
            key: "" if key in FREE_TEXT_KEYS and isinstance(item, str) else anonymised_snapshot(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [anonymised_snapshot(item) for item in value]
    return value


def purge_deleted_accounts(now=None):
    """Blanks the names and free text of deleted accounts' requests whose retention period is over; returns
    how many requests it changed. Safe to run any number of times."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PRIVACY_RETENTION_DAYS)
    due = NegotiationRequest.objects.filter(
        borrower__is_active=False,
        borrower__email__endswith=f"@{DELETED_DOMAIN}",
        borrower__last_login__lte=cutoff,
    ).exclude(snapshot__has_key=ANONYMISED_KEY)
    done = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            made = NegotiationRequest.objects.select_for_update().get(pk=pk)
            snapshot = anonymised_snapshot(made.snapshot) if isinstance(made.snapshot, dict) else {}
            snapshot[ANONYMISED_KEY] = now.isoformat()
            NegotiationRequest.objects.filter(pk=pk).update(snapshot=snapshot, letters=[])
            Message.objects.filter(request=made).update(body="")
            Creditor.objects.filter(request=made).update(name="")
            _delete_evidence(made)
        done += 1
    return done
