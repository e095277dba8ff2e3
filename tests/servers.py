"""Real gunicorn servers for the tests that need several worker processes on the test database."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    """The test database as a DATABASE_URL, for processes outside the test run."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = (
        settings_dict["USER"],
        settings_dict["HOST"] or "127.0.0.1",
        settings_dict["PORT"] or 5432,
    )
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**extra):
    """The environment of a process on the test database with the test settings, plus ``extra``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(),
        "PYTHONPATH": str(ROOT),
        **extra,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def _wait_until_healthy(base_url, log_path):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base_url}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.3)
    pytest.fail(f"gunicorn did not start:\n{Path(log_path).read_text()}")


@contextlib.contextmanager
def gunicorn(log_path, workers=2, **extra_env):
    """Base URL of a gunicorn with ``workers`` sync workers; on exit, no "Error" line may be in its log."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with Path(log_path).open("w") as log:
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "portal.wsgi:application",
                f"--workers={workers}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{port}",
                "--timeout=120",
                "--env=DJANGO_SETTINGS_MODULE=portal.settings.test",
            ],
            cwd=ROOT,
            env=server_env(**extra_env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_healthy(base_url, log_path)
            yield base_url
        finally:
            server.terminate()
            server.wait(timeout=30)
    errors = [line for line in Path(log_path).read_text().splitlines() if "Error" in line]
    assert not errors, "\n".join(errors[:20])


def redis_url_or_skip(db=15):
    """A Redis database for a test, or a skip where none answers (CI insists on one)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), 2).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is required in CI and did not answer on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return f"redis://127.0.0.1:6379/{db}"
