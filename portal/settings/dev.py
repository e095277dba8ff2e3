"""Settings for `make run`: debug on, embedded services, a secret key generated once into var/."""

import secrets

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, VAR_DIR
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]


def _local_secret_key():
    """Keep one random key per var/ folder, so sessions survive restarts and no key is committed."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = SECRET_KEY or _local_secret_key()

# One process: the cache the page tree is kept in is every request's (portal/page_tree.py).
PAGE_TREE_CACHE_ENABLED = env_bool("PAGE_TREE_CACHE_ENABLED", True)
