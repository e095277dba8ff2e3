"""The page cache and the page tree cache as production runs them: two gunicorn workers sharing Redis. A
change published by another process (an editor's, a task worker's) reaches both workers' next answers."""

import subprocess
import sys
import uuid

import pytest
import requests

from tests.helpers import article
from tests.servers import ROOT, gunicorn, redis_url_or_skip, server_env

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

READS = 24  # new connections each, so both workers answer some


def readers(url):
    return [requests.get(url, timeout=30) for _ in range(READS)]


def test_a_title_published_elsewhere_is_what_both_workers_serve_next(tmp_path):
    redis = {
        "REDIS_URL": redis_url_or_skip(),
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",  # nothing of another run, nor of another test
        "PAGE_CACHE_ENABLED": "1",
        "PAGE_TREE_CACHE_ENABLED": "1",
    }
    page = article()
    with gunicorn(tmp_path / "gunicorn.log", **redis) as base_url:
        before = readers(base_url + page.url)
        assert {r.status_code for r in before} == {200}
        assert "hit" in {r.headers.get("X-Page-Cache") for r in before}  # kept, and served from Redis
        assert all(page.title in r.text for r in before)

        rename = (
            "from tests.helpers import article\n"
            "page = article()\n"
            "page.title = 'REDIS-PURGE-CHECK 新标题'\n"
            "page.save_revision().publish()\n"
        )
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", rename],
            cwd=ROOT,
            env=server_env(**redis),
            check=True,
        )

        after = readers(base_url + page.url)
        assert {r.status_code for r in after} == {200}
        assert all("REDIS-PURGE-CHECK 新标题" in r.text for r in after)
        assert not any(f"<title>{page.title} ·" in r.text for r in after)
