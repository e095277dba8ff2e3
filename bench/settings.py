"""Settings for `make bench`: the production-like stack (DEBUG off) on a copy of the demo site in var/bench/.

The benchmark adds one URL, a minimal view, that the portal itself does not serve.
BENCH_SEARCH_BACKEND=database swaps in Wagtail's database search backend (the relevance comparison);
BENCH_SEARCH_AUTO_UPDATE=0 stops pages from being indexed one by one while the 10,000-document site is
generated (it is indexed in one build afterwards).
"""

import os
import secrets

from portal.settings.base import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SECRET_KEY = secrets.token_urlsafe(50)
# Every request comes from 127.0.0.1 here: the per-client limits would measure themselves, not the APIs.
TOOLS_API_REQUESTS_PER_MINUTE = 10**9
SEARCH_API_REQUESTS_PER_MINUTE = 10**9
# The page cache as production runs it with Redis. Each worker's local memory does here: nothing is published
# during a run, so no purge has to reach the other worker.
PAGE_CACHE_ENABLED = True
PAGE_TREE_CACHE_ENABLED = True
# Static files as production serves them (WhiteNoise: hashed names, compressed, cached for a year), so that
# page weight and Lighthouse measure what a phone would download; bench.run collects them first.
_MIDDLEWARE = list(MIDDLEWARE)  # noqa: F405
_AFTER_SECURITY = _MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *_MIDDLEWARE[:_AFTER_SECURITY],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *_MIDDLEWARE[_AFTER_SECURITY:],
]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if os.environ.get("BENCH_SEARCH_BACKEND") == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if os.environ.get("BENCH_SEARCH_AUTO_UPDATE") == "0":
    WAGTAILSEARCH_BACKENDS = {
        name: {**backend, "AUTO_UPDATE": False} for name, backend in WAGTAILSEARCH_BACKENDS.items()
    }
if os.environ.get("BENCH_SEARCH_OPTIONS"):
    # Relevance experiments (python -m bench.relevance): backend options as JSON, e.g.
    # BENCH_SEARCH_OPTIONS='{"RELATIVE_SCORE_FLOOR": 0.3}'.
    import json

    WAGTAILSEARCH_BACKENDS["default"] = {
        **WAGTAILSEARCH_BACKENDS["default"],
        **json.loads(os.environ["BENCH_SEARCH_OPTIONS"]),
    }
