"""Settings for the test suite: fast hashing, an in-memory outbox, DEBUG off as in production."""

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, VAR_DIR

DEBUG = False
SECRET_KEY = SECRET_KEY or "test-only-key-not-used-anywhere-else-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's shared in-memory database: the browser tests' live-server thread then opens its
    # own connection, as a real server would, and sees exactly what the tests committed.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
