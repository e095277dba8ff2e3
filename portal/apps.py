"""App config for the project package itself (its template tags, shared templates and the page cache)."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = "Portal"

    def ready(self):
        from portal import page_cache

        page_cache.connect()
