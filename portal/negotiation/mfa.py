"""The negotiation team's admin pages need a session that passed two-factor authentication (allauth TOTP).

One middleware guards every URL under the admin's `negotiation` prefix — the queue
(`/admin/negotiation_requests/...`, Wagtail's viewset) and the team's own views (`/admin/negotiation/...`,
registered with `register_admin_urls`) — so a page added there later is covered without anyone remembering a
decorator. (A decorator on the viewset's views would miss the hook-registered URLs, and the reverse.) For a
signed-in person under that prefix:

- not in the team (no `negotiation.change_negotiationrequest`): 404, as for every other person's request data;
- in the team, no authenticator app yet: sent to allauth's TOTP set-up page;
- in the team, but this session was not verified with TOTP or a recovery code: sent to allauth's
  re-authentication page, which comes back here.

A visitor who is not signed in gets the same 404 (no address under the prefix says whether a request exists);
the 404 page offers signing in. The rest of the admin (editors' pages) is untouched.
"""

from functools import cache

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .policy import TEAM_PERMISSION


@cache
def team_prefix():
    """`/admin/negotiation`: matches `/admin/negotiation_requests/` and `/admin/negotiation/` alike."""
    return reverse("wagtailadmin_home") + "negotiation"


def session_passed_mfa(request):
    """Whether allauth recorded a second factor (TOTP or a recovery code) for this user in this session."""
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def _send_to(request, url_name):
    return HttpResponseRedirect(f"{reverse(url_name)}?{urlencode({'next': request.get_full_path()})}")


def mfa_refusal(request):
    """A redirect that makes a team member set up or pass TOTP, or None when this session has done so."""
    if not is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
        messages.info(
            request,
            _("The negotiation queue needs two-factor authentication. Set up an authenticator app first."),
        )
        return _send_to(request, "mfa_activate_totp")
    if not session_passed_mfa(request):
        messages.info(request, _("Enter a code from your authenticator app to open the negotiation queue."))
        return _send_to(request, "mfa_reauthenticate")
    return None


class TeamMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(team_prefix()):
            if not request.user.has_perm(TEAM_PERMISSION):  # an anonymous visitor has no permission
                raise Http404
            refusal = mfa_refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)
