"""modelsearch's own backend test suite (120 tests) passes against the Whoosh backend.

The suite needs modelsearch's test app and its settings, so it runs in a subprocess (`python -m django test`)
with a generated settings module, an in-memory database and a fresh index folder; the project's own apps and
database stay out of it.
"""

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("data")


def test_modelsearch_backend_suite_passes(tmp_path):
    (tmp_path / "conformance_settings.py").write_text(
        textwrap.dedent(
            f"""
            from modelsearch.test.settings import *  # noqa: F401,F403
            DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
            SEARCH_INDEX_DIR = {str(tmp_path / "index")!r}
            MODELSEARCH_BACKENDS = {{
                "default": {{"BACKEND": "search.backends.whoosh", "PATH": SEARCH_INDEX_DIR}}
            }}
            WAGTAILSEARCH_BACKENDS = MODELSEARCH_BACKENDS
            FIXTURE_DIRS = [{str(FIXTURES)!r}]
            """
        )
    )
    (tmp_path / "test_conformance_suite.py").write_text(
        textwrap.dedent(
            """
            from django.test import TestCase
            from modelsearch.tests.test_backends import BackendTests


            class ConformanceTests(BackendTests, TestCase):
                backend_path = "search.backends.whoosh"
            """
        )
    )
    env = {
        **os.environ,
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "conformance_settings",
    }
    run = subprocess.run(
        [sys.executable, "-m", "django", "test", "test_conformance_suite", "-v", "1"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = run.stdout + run.stderr
    failing = sorted(set(re.findall(r"^(?:ERROR|FAIL): (\S+)", output, re.MULTILINE)))
    assert failing == [], output[-4000:]
    assert re.search(r"^Ran 120 tests", output, re.MULTILINE), output[-2000:]
    assert run.returncode == 0, output[-2000:]
