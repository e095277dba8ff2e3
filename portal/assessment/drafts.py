"""Finding the borrower's draft: the signed-in person's latest, or the one this session started or resumed
with its code. Nothing needs an account until submission; at log-in the session's draft joins the account."""

from django.db.models import Q
from django.utils import timezone

from .models import Assessment

SESSION_KEY = "assessment_token"


def current(request):
    """The draft this request works on, or None (expired drafts are gone)."""
    token = request.session.get(SESSION_KEY)
    drafts = Assessment.objects.filter(expires_at__gt=timezone.now())
    if token:
        draft = drafts.filter(token=token).first()
        if draft is not None and (draft.user_id is None or draft.user_id == _user_id(request)):
            return draft
    return None


def start(request):
    draft = Assessment.objects.create(
        user=request.user if request.user.is_authenticated else None, language=request.LANGUAGE_CODE
    )
    remember(request, draft)
    return draft


def remember(request, draft):
    request.session[SESSION_KEY] = str(draft.token)


def forget(request):
    request.session.pop(SESSION_KEY, None)


def resume(request, code):
    """The unexpired draft with this code (dashes, spaces and case do not matter) that is anonymous or this
    person's own, or None: a code never opens another account's draft."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    owner = Q(user__isnull=True)
    if request.user.is_authenticated:
        owner |= Q(user=request.user)
    draft = Assessment.objects.filter(owner, resume_code=cleaned, expires_at__gt=timezone.now()).first()
    if draft is not None:
        remember(request, draft)
    return draft


def _user_id(request):
    return request.user.pk if request.user.is_authenticated else None


def claim_session_draft(sender, request, user, **kwargs):
    """user_logged_in receiver: a draft begun before logging in becomes the account's."""
    token = request.session.get(SESSION_KEY) if request is not None else None
    if token:
        Assessment.objects.filter(token=token, user__isnull=True).update(user=user)
