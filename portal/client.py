"""Where a request comes from: the one place that reads the client's address (rate limits, audit events,
allauth's rate limits through the account adapter), so that trusting a proxy's header is decided here and
nowhere else.

Behind ``TRUSTED_PROXY_COUNT`` proxies, each proxy appends the address it was connected from to
X-Forwarded-For, and the last proxy is the connection Django sees (REMOTE_ADDR). The client is therefore the
entry that many places from the right: with one load balancer, the last entry; with a CDN in front of it, the
one before. Everything to the left of it was written by the client and may be anything, so it never counts.
With a count of 0 the header is ignored altogether: without a proxy, anyone can send it.

The header only means something if the app servers cannot be reached except through the proxies; that is
the network's job (docs/deployment.md).
"""

import ipaddress

from django.conf import settings


def address_from_forwarded(remote_addr, forwarded_for, trusted_proxy_count):
    """The client's address, given the connection's address, the X-Forwarded-For value (or None) and the
    number of proxies in front of the portal. A header with fewer entries than proxies, or a malformed
    entry where the client's should be, means the request did not come through them all: the connection's
    own address is used then, never a guess from the header."""
    if trusted_proxy_count > 0 and forwarded_for:
        hops = [hop.strip() for hop in forwarded_for.split(",")]
        if len(hops) >= trusted_proxy_count:
            candidate = _clean(hops[-trusted_proxy_count])
            if candidate:
                return candidate
    return _clean(remote_addr)


def _clean(value):
    """A valid IP address in its canonical spelling, or None (a port, brackets or junk are refused)."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The client's IP address, or None when the request carries none."""
    if request is None:
        return None
    return address_from_forwarded(
        request.META.get("REMOTE_ADDR"),
        request.META.get("HTTP_X_FORWARDED_FOR"),
        settings.TRUSTED_PROXY_COUNT,
    )
