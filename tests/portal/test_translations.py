"""Every user-facing string in the code is in both catalogues, translated, and none is fuzzy."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["manage.py", "portal", "content", "quizzes", "search", "templates", "locale"]


def statistics(po_file):
    result = subprocess.run(
        ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po_file)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr.strip()


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """The catalogues as `make messages` would leave them, extracted from a copy of the code."""
    copy = tmp_path_factory.mktemp("messages")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, copy / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-l", "zh_Hans", "-l", "en"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
    )
    return copy / "locale"


@pytest.mark.parametrize("language", ["zh_Hans", "en"])
def test_catalogue_is_complete(fresh_catalogues, language):
    stats = statistics(fresh_catalogues / language / "LC_MESSAGES" / "django.po")
    assert "untranslated" not in stats and "fuzzy" not in stats, f"{language}: {stats}; run `make messages`"
    assert stats.endswith("translated messages.")
