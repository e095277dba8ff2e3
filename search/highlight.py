"""Snippets with the reader's search terms marked: a window of plain text around the first match, escaped.

Every piece of text is escaped before it is joined with the `<mark>` tags, so a page's text or the query
itself can never inject markup.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

SNIPPET_LENGTH = 160
# Characters shown before the first match, so the reader sees what leads up to it.
LEAD_IN = 40


def terms_pattern(terms):
    """A case-insensitive pattern matching any term, longest first (so 协商还款 wins over 协商)."""
    unique = sorted({term.strip() for term in terms if term and term.strip()}, key=len, reverse=True)
    if not unique:
        return None
    return re.compile("|".join(re.escape(term) for term in unique), re.IGNORECASE)


def window(text, pattern, length=SNIPPET_LENGTH):
    """The part of `text` worth showing: from a little before the first match, `length` characters long."""
    text = " ".join(text.split())
    match = pattern.search(text) if pattern else None
    start = max(0, match.start() - LEAD_IN) if match else 0
    if len(text) - start < length:
        start = max(0, len(text) - length)
    piece = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return prefix, piece, suffix


def highlight(text, terms, length=SNIPPET_LENGTH):
    """An HTML-safe snippet of `text` with every occurrence of any of `terms` wrapped in `<mark>`."""
    pattern = terms_pattern(terms)
    prefix, piece, suffix = window(text or "", pattern, length)
    parts = [escape(prefix)]
    position = 0
    for match in pattern.finditer(piece) if pattern else ():
        parts.append(escape(piece[position : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group(0)))
        position = match.end()
    parts.append(escape(piece[position:]))
    parts.append(escape(suffix))
    # Each part is already escaped (or built by format_html), so joining them keeps the result safe.
    return SafeString("".join(parts))
