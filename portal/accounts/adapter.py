"""The portal's allauth account adapter: allauth's rate limits count by the same client address as the
portal's own (portal/client.py), so that behind the load balancer they do not lump every borrower together
under the proxy's address, nor let a client pick its own address with a forged X-Forwarded-For.

allauth's own ALLAUTH_TRUSTED_PROXY_COUNT is not used: it answers a header shorter than the proxy chain (a
request that reached a worker without passing the proxies) with ImproperlyConfigured, a 500 any client
could provoke; the portal's reading falls back to the connection's address instead."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from portal.client import client_address


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        address = client_address(request)
        if not address:
            # As allauth does: a request without an address cannot be rate limited, so it is refused.
            raise PermissionDenied("Unable to determine client IP address")
        return address
