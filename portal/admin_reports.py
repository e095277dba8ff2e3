"""Pieces the admin's reports share (search queries, quiz questions): their URLs, a menu item shown only to
those allowed to read the report, and spreadsheet-safe text for the downloads."""

from django.urls import path
from wagtail.admin.menu import MenuItem

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value):
    """Text a reader typed, made inert: one starting with = or + must not run as a spreadsheet formula."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def report_urls(slug, view_class, name):
    """The report's page and its results-only variant (the filters refresh it), named `name` and
    `name_results`."""
    return [
        path(f"reports/{slug}/", view_class.as_view(), name=name),
        path(f"reports/{slug}/results/", view_class.as_view(results_only=True), name=f"{name}_results"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
