"""Settings for `make bench`: the production-like stack (DEBUG off) on a copy of the demo site in var/bench/.

The benchmark adds one URL, a minimal view, that the portal itself does not serve.
"""

import secrets

from portal.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = secrets.token_urlsafe(50)
# Every request comes from 127.0.0.1 here: the per-client limit would measure itself, not the API.
TOOLS_API_REQUESTS_PER_MINUTE = 10**9
