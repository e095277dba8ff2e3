"""Settings are read from the environment, and production refuses to start half-configured.

Each case runs Django in a fresh process with its own environment, as a deployment would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "production-secret-for-the-check-only-0123456789",
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
}
# What the test run itself may have set (browser tests set DJANGO_ALLOW_ASYNC_UNSAFE) must not leak in.
INHERITED_VARIABLES_TO_DROP = {
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "PORTAL_VAR_DIR",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_host": settings.DATABASES["default"].get("HOST", ""),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION", ""),
    "sessions": settings.SESSION_ENGINE,
    "mailer": settings.MAILERS["default"],
    "media": str(settings.MEDIA_ROOT),
    "private": str(settings.PRIVATE_FILES_ROOT),
    "search_dir": str(settings.SEARCH_INDEX_DIR),
    "debug": settings.DEBUG,
}))
"""


def run_django(code_or_args, settings_module, extra_env, tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_VARIABLES_TO_DROP}
    env.update(
        {"DJANGO_SETTINGS_MODULE": settings_module, "PORTAL_VAR_DIR": str(tmp_path / "var")}, **extra_env
    )
    args = (
        [sys.executable, "-c", code_or_args]
        if isinstance(code_or_args, str)
        else [sys.executable, *code_or_args]
    )
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def settings_under(extra_env, tmp_path, module="portal.settings.dev"):
    result = run_django(PRINT_SETTINGS, module, extra_env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_keep_all_state_under_the_var_folder(tmp_path):
    found = settings_under({}, tmp_path)
    var = str(tmp_path / "var")
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["db_name"] == f"{var}/db.sqlite3"
    assert found["cache"].endswith("LocMemCache")
    assert found["mailer"]["BACKEND"].endswith("console.EmailBackend")
    assert found["media"] == f"{var}/media" and found["private"] == f"{var}/private"
    assert found["search_dir"] == f"{var}/search"
    assert (tmp_path / "var" / "secret_key").exists()


def test_service_urls_switch_to_postgresql_redis_and_smtp(tmp_path):
    found = settings_under(
        {
            "DATABASE_URL": "postgres://portal:pw@db.internal:5432/portal",
            "REDIS_URL": "redis://cache.internal:6379/1",
            "EMAIL_URL": "smtp://mailer:p%40ss@smtp.internal:587?tls=1",
        },
        tmp_path,
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["db_host"] == "db.internal"
    assert (
        found["cache"].endswith("RedisCache") and found["cache_location"] == "redis://cache.internal:6379/1"
    )
    assert found["sessions"] == "django.contrib.sessions.backends.cache"
    assert found["mailer"]["BACKEND"].endswith("smtp.EmailBackend")
    assert found["mailer"]["OPTIONS"] | {"password": "hidden"} == {
        "host": "smtp.internal",
        "port": 587,
        "username": "mailer",
        "password": "hidden",
        "use_ssl": False,
        "use_tls": True,
        "timeout": 10,
    }
    assert found["mailer"]["OPTIONS"]["password"] == "p@ss"


def test_a_misspelt_boolean_is_refused_with_its_name(tmp_path):
    result = run_django(PRINT_SETTINGS, "portal.settings.dev", {"DEBUG": "maybe"}, tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_each_required_variable(tmp_path, missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = run_django(PRINT_SETTINGS, "portal.settings.production", env, tmp_path)
    assert result.returncode != 0
    assert "Production settings need these environment variables: " + missing in result.stderr


def test_production_passes_the_deploy_check_with_zero_warnings(tmp_path):
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        "portal.settings.production",
        PRODUCTION_ENV,
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_second_copy_migrates_into_its_own_var_folder(tmp_path):
    result = run_django(["manage.py", "migrate", "--noinput", "-v0"], "portal.settings.dev", {}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "db.sqlite3").stat().st_size > 100_000
    assert not (tmp_path / "db.sqlite3").exists()


COOKIE_FLAGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    name: [getattr(settings, f"{name}_COOKIE_SECURE"), getattr(settings, f"{name}_COOKIE_HTTPONLY"),
           getattr(settings, f"{name}_COOKIE_SAMESITE")]
    for name in ("SESSION", "CSRF", "LANGUAGE")
}))
"""


def test_production_cookies_are_secure_http_only_and_same_site(tmp_path):
    result = run_django(COOKIE_FLAGS, "portal.settings.production", PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stderr
    flags = json.loads(result.stdout.strip().splitlines()[-1])
    assert flags == {name: [True, True, "Lax"] for name in ("SESSION", "CSRF", "LANGUAGE")}
