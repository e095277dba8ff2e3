"""/healthz reports each service and answers 503 when one is down."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_is_200_with_every_check_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "search": True,
    }
    assert response["Cache-Control"].startswith("max-age=0")


# Port 9 (discard) has no Redis on it: a real connection that is really refused.
UNREACHABLE_REDIS = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
}


@override_settings(CACHES=UNREACHABLE_REDIS)
def test_healthz_is_503_when_the_cache_is_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


@override_settings(WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "portal.no_such_search_backend"}})
def test_healthz_is_503_when_the_search_index_is_unusable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["search"]["ok"] is False
