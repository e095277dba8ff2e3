"""schema.org data for search engines: FAQPage JSON-LD for FAQ answers, index and category pages."""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe

# What json_script escapes: inside <script>, "</script>" or "<!--" in a question must not end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def faq_page(request, answers, *, full_text=False):
    """A FAQPage with one Question per answer; the accepted answer is the short answer (plus the body)."""
    entities = []
    for answer in answers:
        text = answer.short_answer
        if full_text:
            text = "\n\n".join(part for part in (answer.short_answer, answer.body_text()) if part)
        entities.append(
            {
                "@type": "Question",
                "name": answer.title,
                "url": request.build_absolute_uri(answer.url),
                "acceptedAnswer": {"@type": "Answer", "text": text},
            }
        )
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}


def json_ld(data):
    """A <script type="application/ld+json"> element holding `data`, safe to put in any page."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
