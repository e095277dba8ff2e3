"""Response headers the framework does not set itself.

- ``PermissionsPolicyMiddleware``: a Permissions-Policy that denies the browser features the portal never
  uses (camera, microphone, location, payment, USB…), so that an injected script or a framed page cannot ask
  a borrower for them. Placed before the page cache, so cached pages carry it too.
- ``NoStoreMiddleware``: ``Cache-Control: no-store`` (Django's never-cache headers) on the account pages
  (allauth's and the portal's own), the borrower's requests, the self-assessment and the admin, in every
  language, also when a middleware answers early (the negotiation team's 404 to outsiders). These pages hold
  someone's finances or a session's secrets, and no browser or proxy may keep them; the page cache keeps
  Wagtail pages only, so it never sees them.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "hid",
        "xr-spatial-tracking",
        "browsing-topics",
    )
)

# Paths below the language prefix (or at the root for the admin) whose answers are never stored.
NO_STORE_PREFIXES = ("accounts/", "assessment/")
NO_STORE_ROOT_PREFIXES = ("admin/",)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def is_private_path(path):
    """Whether ``path`` (e.g. ``/en/accounts/login/``) is one of the pages that must never be stored."""
    path = path.lstrip("/")
    if path.startswith(NO_STORE_ROOT_PREFIXES):
        return True
    first, _, rest = path.partition("/")
    if first in {code for code, _name in settings.LANGUAGES}:
        path = rest
    return path.startswith(NO_STORE_PREFIXES)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private_path(request.path_info):
            add_never_cache_headers(response)
        return response
