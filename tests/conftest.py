"""Shared fixtures: the demo site is loaded once into the test database and every test sees it.

Tests run inside a transaction that is rolled back (or, for browser tests, a flush and a restore of the
snapshot), so what one test changes, the next never sees.

``FUZZ_EXAMPLES=N`` (``make fuzz``) gives every hypothesis test N examples instead of the few it runs in
``make test``, for the dedicated fuzzing run.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connections

SNAPSHOTS = {}
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 0)


def pytest_collection_modifyitems(config, items):
    if not FUZZ_EXAMPLES:
        return
    from hypothesis import settings

    fuzzed = 0
    for item in items:
        test = getattr(item, "obj", None)
        # Where @given keeps a test's settings; the dedicated run overrides the count the test chose.
        current = getattr(test, "_hypothesis_internal_use_settings", None)
        if current is not None:
            test._hypothesis_internal_use_settings = settings(
                current, max_examples=FUZZ_EXAMPLES, deadline=None
            )
            fuzzed += 1
    if not fuzzed and any(item.get_closest_marker("hypothesis") for item in items):
        pytest.exit("FUZZ_EXAMPLES could not reach hypothesis's settings: the fuzzing run would not fuzz")


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
