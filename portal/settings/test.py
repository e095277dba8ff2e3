"""Settings for the test suite: fast hashing, an in-memory outbox, DEBUG off as in production."""

import os
import shutil
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, SECRET_KEY, VAR_DIR, WAGTAILSEARCH_BACKENDS
from .env import env_bool

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

# A fresh search index folder for every test run (results are re-filtered by the database, so documents of
# rows a test rolled back never show up). Servers the tests start inherit the folder through the environment.
# Folders of runs whose process is gone are removed.
SEARCH_INDEX_DIR = Path(
    os.environ.setdefault("PORTAL_TEST_SEARCH_DIR", str(VAR_DIR / "test-search" / f"run-{os.getpid()}"))
)


def _process_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


if SEARCH_INDEX_DIR.parent.is_dir():
    for old_run in SEARCH_INDEX_DIR.parent.iterdir():
        if old_run == SEARCH_INDEX_DIR:
            continue
        pid = old_run.name.removeprefix("run-")
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(old_run, ignore_errors=True)
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "search.backends.whoosh":
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = SEARCH_INDEX_DIR

# One process: the cache the page tree is kept in is every request's (portal/page_tree.py).
PAGE_TREE_CACHE_ENABLED = env_bool("PAGE_TREE_CACHE_ENABLED", True)

# Each search is in the query log as soon as it was made (tests/search/test_query_log.py tests the batches).
SEARCH_LOG_BATCH = 1
