"""Whose attempt is it: the signed-in person's, or, for anonymous attempts, the session's that made it.

The session keeps the tokens of its attempts (and, per quiz, the attempt being taken one question at a time);
at log-in they move to the account, so progress made before signing in is not lost.
"""

import uuid

ATTEMPTS_KEY = "quiz_attempts"
CURRENT_KEY = "quiz_current"
# Enough for any reader's evening; older tokens fall off so the session stays small.
MAX_REMEMBERED = 50


def owns(request, attempt):
    if attempt.user_id is not None:
        return request.user.is_authenticated and request.user.pk == attempt.user_id
    return str(attempt.token) in request.session.get(ATTEMPTS_KEY, [])


def remember(request, attempt):
    tokens = [t for t in request.session.get(ATTEMPTS_KEY, []) if t != str(attempt.token)]
    request.session[ATTEMPTS_KEY] = [*tokens, str(attempt.token)][-MAX_REMEMBERED:]


def current_token(request, quiz):
    """The token of the attempt this session is taking one question at a time (a new one if none)."""
    current = request.session.get(CURRENT_KEY, {})
    token = current.get(str(quiz.pk))
    if token is None:
        token = str(uuid.uuid4())
        request.session[CURRENT_KEY] = {**current, str(quiz.pk): token}
    return uuid.UUID(token)


def forget_current(request, quiz):
    current = dict(request.session.get(CURRENT_KEY, {}))
    if current.pop(str(quiz.pk), None) is not None:
        request.session[CURRENT_KEY] = current


def claim_session_attempts(sender, request, user, **kwargs):
    """user_logged_in receiver: the session's anonymous attempts become the account's."""
    from quizzes.models import Attempt

    tokens = request.session.get(ATTEMPTS_KEY, []) if request is not None else []
    if tokens:
        Attempt.objects.filter(token__in=tokens, user__isnull=True).update(user=user)
