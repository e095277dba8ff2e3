"""Settings shared by every environment.

Embedded defaults (SQLite, local-memory cache, console email, files under var/) need no configuration;
DATABASE_URL, REDIS_URL and EMAIL_URL switch to the production services. Only the settings package reads
the environment.
"""

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, mailer_from_url
from .search_cluster import search_backend_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# All local state (database, media, private files, search index, collected static) lives in one folder,
# so a second copy of the site can run beside the first with its own PORTAL_VAR_DIR.
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal.accounts",
    "portal.tools",
    "portal.assessment",
    "portal.negotiation",
    "portal",
    "content",
    "quizzes",
    "search",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    # The task queue's table (django-tasks-db): empty unless TASKS names its database backend (production).
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so that every line logged while a request is answered carries its id.
    "portal.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so a page served from it gets the same policy headers as a fresh one.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.security_headers.PermissionsPolicyMiddleware",
    # Outside everything that may answer early (the team's 404, redirects), so that every answer on a
    # private path says no-store; the page cache keeps Wagtail pages only, never these (portal/page_cache.py).
    "portal.security_headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and allauth's context: the negotiation team's pages need a TOTP-verified session.
    "portal.negotiation.mfa.TeamMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "portal.page_tree.RouteCacheMiddleware",
    # Last, so that every middleware above treats a cached page as it treats a fresh one.
    "portal.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Form layouts may live in templates/ (the calculators group many fields into fieldsets).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production and CI).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # SQLite creates the file, not its folder
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes share the file (gunicorn workers, a task worker): WAL lets readers carry on while
    # one request writes; IMMEDIATE avoids "database is locked" when two requests upgrade a read to a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        **DATABASES["default"].get("OPTIONS", {}),
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text fields and GIN indexes.
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: local memory by default; Redis (shared by every worker) when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "portal"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages for anonymous readers (portal/page_cache.py). Only a cache every worker shares can be purged in
# every worker, so it is on by default only with Redis.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", bool(REDIS_URL))
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Routes and view restrictions between requests (portal/page_tree.py): the same rule, a cache every worker
# shares; dev and test settings turn it on, since runserver and the tests are one process.
PAGE_TREE_CACHE_ENABLED = env_bool("PAGE_TREE_CACHE_ENABLED", bool(REDIS_URL))

# Email: printed to the console unless EMAIL_URL names an SMTP server (production defaults to a local MTA).
EMAIL_URL = env_str("EMAIL_URL", "console://")
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "协商还款助手 <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (notification mail, search index updates) through django.tasks: run at once, in the request,
# by default; production queues it in the database for `manage.py db_worker` (settings/production.py).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_dashboard"

# django-allauth: email is the only identifier; it must be verified before the first log-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_SESSION_REMEMBER = None
# Changing the password ends the session it was changed in, as well as every other (Django's session hash).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# allauth's rate limits count by the portal's client address (portal/client.py, TRUSTED_PROXY_COUNT).
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that they are visibly on.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# Staff MFA (allauth.mfa): authenticator apps (TOTP) and recovery codes; no WebAuthn. The negotiation team's
# admin pages refuse a session that did not pass TOTP (portal/negotiation/mfa.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "协商还款助手")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Borrowers' evidence never goes under MEDIA_ROOT: it is served only through a permission-checked view.
PRIVATE_FILES_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_FILES_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Search: the Chinese-aware Whoosh backend (search/backends/whoosh) with its index in var/search. The
# relevance options trim answers to questions the site does not answer (off in the backend's defaults).
SEARCH_INDEX_DIR = VAR_DIR / "search"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends.whoosh",
        "PATH": SEARCH_INDEX_DIR,
        "RELATIVE_SCORE_FLOOR": 0.15,
        # The "nothing relevant" cut (query.py, COVERAGE_FLOOR) stays off: on the development set it lowered
        # nDCG and recall and cut answers to long questions; unanswerable questions still got 2.7 results.
    }
}
# Servers that cannot share an index folder: SEARCH_URL moves search to an OpenSearch/Elasticsearch cluster.
SEARCH_URL = env_str("SEARCH_URL")
if SEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {"default": search_backend_from_url(SEARCH_URL)}

WAGTAIL_SITE_NAME = _("Debt Help Portal")
WAGTAILADMIN_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
# Passwords are reset through allauth only (rate limited, no enumeration); Wagtail's admin form is off.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
TAGGIT_CASE_INSENSITIVE = True

# Proxies in front of the portal that append to X-Forwarded-For (portal/client.py): 0 trusts no header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Staff avatars are not fetched from Gravatar: no staff email hash leaves the site, and the admin's CSP
# needs no third-party image origin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Content Security Policy (Django's middleware) for every page: scripts and styles only from the site's own
# static files, no inline script or style. Pages are cached whole for anonymous readers (page_cache.py), so
# there are no per-request nonces: the templates have no inline scripts (JSON-LD data blocks are not run).
# data: images are allauth's TOTP QR code. The Wagtail admin gets ADMIN_CSP instead (portal/urls.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
# Wagtail 8's admin still writes inline scripts (date pickers, inline panels) and styles, and its bundled
# template engine compiles with new Function; it frames its own previews. Only signed-in staff (with MFA for
# the negotiation team) see it, and every other directive stays as strict as the public one.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail lets its own preview iframes through; nothing else of the portal may be framed.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# One JSON object per line with the request's id and no personal data (portal/request_log.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "portal.request_log.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        # The immediate task backend logs every index update at INFO.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # Page actions are recorded in Wagtail's audit log; the console copy only buries real warnings.
        "wagtail": {"level": "WARNING"},
    },
}

# Calculator API requests per client address and minute, per tool.
TOOLS_API_REQUESTS_PER_MINUTE = env_int("TOOLS_API_REQUESTS_PER_MINUTE", 120)
# The request letter asks lenders for a written reply within this many days.
ASSESSMENT_LETTER_REPLY_DAYS = env_int("ASSESSMENT_LETTER_REPLY_DAYS", 15)
SEARCH_API_REQUESTS_PER_MINUTE = env_int("SEARCH_API_REQUESTS_PER_MINUTE", 120)
# The search query log is written in batches (search/service.py log()).
SEARCH_LOG_BATCH = env_int("SEARCH_LOG_BATCH", 50)
SEARCH_LOG_SECONDS = env_int("SEARCH_LOG_SECONDS", 5)
# Each borrower message mails the team: a burst beyond this, per borrower, waits a minute (the text is kept).
NEGOTIATION_MESSAGES_PER_MINUTE = env_int("NEGOTIATION_MESSAGES_PER_MINUTE", 5)

# load_demo_content creates the demo log-ins named in the README only where this is on.
DEMO_ACCOUNTS_ALLOWED = env_bool("DEMO_ACCOUNTS_ALLOWED", True)

# A deleted account's requests keep their figures for the team this many days, then `manage.py
# purge_deleted_accounts` (run daily) removes the names and free text from them (portal/accounts/privacy.py).
PRIVACY_RETENTION_DAYS = env_int("PRIVACY_RETENTION_DAYS", 180)
