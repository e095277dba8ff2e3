"""Shared fixtures: the demo site is loaded once into the test database and every test sees it.

Tests run inside a transaction that is rolled back, so what one test changes, the next never sees.
"""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached values live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
