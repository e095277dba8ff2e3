"""Production settings: refuse to start half-configured, then harden transport, cookies and static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DATABASE_URL, MIDDLEWARE, SECRET_KEY, STORAGES
from .env import env_bool, env_int, env_str, mailer_from_url

missing = [
    name
    for name, value in (
        ("SECRET_KEY", SECRET_KEY),
        ("ALLOWED_HOSTS", ALLOWED_HOSTS),
        ("DATABASE_URL", DATABASE_URL),
    )
    if not value
]
if missing:
    raise ImproperlyConfigured("Production settings need these environment variables: " + ", ".join(missing))

DEBUG = False

# A server without EMAIL_URL hands mail to its own MTA; the console would silently lose it.
MAILERS = {"default": mailer_from_url(env_str("EMAIL_URL", "smtp://localhost:25"))}

# TLS ends at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
# No script of the portal reads the CSRF cookie (forms carry the token), so scripts may not either.
CSRF_COOKIE_HTTPONLY = True

# WhiteNoise right after Django's SecurityMiddleware, as its documentation asks.
_AFTER_SECURITY = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_AFTER_SECURITY],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_AFTER_SECURITY:],
]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEMO_ACCOUNTS_ALLOWED = env_bool("DEMO_ACCOUNTS_ALLOWED", False)

# Background work waits in the database (django-tasks-db) until `manage.py db_worker` runs it, so a slow or
# failing mail server never holds up a page; Wagtail's search and reference index updates go the same way.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
