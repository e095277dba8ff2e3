"""Shared fixtures: the demo site is loaded once into the test database and every test sees it.

Tests run inside a transaction that is rolled back (or, for browser tests, a flush and a restore of the
snapshot), so what one test changes, the next never sees.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connections

SNAPSHOTS = {}


def _snapshot(connection):
    try:
        return SNAPSHOTS[connection.alias]
    except KeyError:
        raise AttributeError("_test_serialized_contents") from None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        # Transactional tests (the browser's) flush the database after each test; serialized rollback
        # restores this snapshot, demo site included, before the next one. It hangs on the connection
        # class, not the object: Playwright runs tests in a greenlet whose context has its own connections.
        for connection in connections.all():
            SNAPSHOTS[connection.alias] = connection.creation.serialize_db_to_string()
            type(connection)._test_serialized_contents = property(_snapshot)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached values live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
