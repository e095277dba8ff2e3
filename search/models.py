"""Search data editors and operators see: synonym groups (query expansion) and the anonymous query log."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

TERM_SEPARATORS = re.compile(r"[,，、;；\n\r]+")


class SynonymGroup(models.Model):
    """Words borrowers use for the same thing; a query for any of them also finds the others."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Two or more words or phrases that mean the same, separated by commas or new lines, "
            "e.g. 停息挂账, 个性化分期, 协商分期."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why these belong together."))

    class Meta:
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")
        ordering = ["pk"]

    def __str__(self):
        return " ~ ".join(self.term_list())

    def term_list(self):
        return [term.strip() for term in TERM_SEPARATORS.split(self.terms) if term.strip()]


class QueryLogEntry(models.Model):
    """One search made on the page or through the API: what was asked and how it went, nothing about who."""

    query = models.CharField(_("query"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("results"))
    result_type = models.CharField(_("type filter"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    took_ms = models.PositiveIntegerField(_("time taken (ms)"))
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        ordering = ["-created_at"]

    def __str__(self):
        return self.query
