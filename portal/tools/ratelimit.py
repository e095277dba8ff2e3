"""A per-client fixed-window request limit kept in the cache (Redis in production, so shared by workers)."""

import time

from django.conf import settings
from django.core.cache import cache

from portal.client import client_address


def too_many_requests(request, scope, limit=None):
    """Count this request; True once the client has used up the scope's requests for this minute."""
    if limit is None:
        limit = settings.TOOLS_API_REQUESTS_PER_MINUTE
    window = int(time.time() // 60)
    key = f"ratelimit:{scope}:{client_address(request) or 'unknown'}:{window}"
    if cache.add(key, 1, timeout=120):
        return limit < 1
    try:
        return cache.incr(key) > limit
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=120)
        return False
