"""The demo negotiation policy (portal/assessment/demo/policy.json, both languages in one file): the options a
borrower can ask for, broad spending reference ranges, and a free support line.

Idempotent: an option or support line whose default-language title (name) exists is left as the editors have
it, and so is a translation that exists; the others are created, translations sharing the original's
translation_key. Reference ranges are created only while there are none.
"""

import json
from decimal import Decimal
from pathlib import Path

from .models import NegotiationOption, ReferenceRange, SupportLine

POLICY_FILE = Path(__file__).resolve().parent / "demo" / "policy.json"
LANGUAGE_KEYS = {"zh-hans": "zh", "en": "en"}
OPTION_FIELDS = ["max_months", "min_income_drop", "reasons", "lenders", "needs_arrears", "sort_order"]
SUPPORT_LINE_FIELDS = ["phone", "sort_order"]


def ensure_demo_policy(locales, default_language):
    """`locales` is keyed by language code; the default language's rows are the originals."""
    data = json.loads(POLICY_FILE.read_text(encoding="utf-8"))
    languages = [default_language, *(code for code in locales if code != default_language)]
    for item in data["options"]:
        ensure_translated(NegotiationOption, "title", item, OPTION_FIELDS, locales, languages)
    for item in data["support_lines"]:
        ensure_translated(SupportLine, "name", item, SUPPORT_LINE_FIELDS, locales, languages)
    ensure_ranges(data["ranges"])


def ensure_translated(model, name_field, item, shared_fields, locales, languages):
    """The row found by its default-language `name_field`, then one per other language linked to it."""
    default, *others = languages
    name = item[LANGUAGE_KEYS[default]][name_field]
    original = model.objects.filter(locale=locales[default], **{name_field: name}).first()
    if original is None:
        original = create_row(model, item, shared_fields, locales[default])
    for code in others:
        if original.get_translation_or_none(locales[code]) is None:
            create_row(model, item, shared_fields, locales[code], original.translation_key)


def create_row(model, item, shared_fields, locale, translation_key=None):
    """A row in `locale` with that language's texts; checked as the admin form would (lengths, uniqueness)."""
    row = model(locale=locale, **{field: item[field] for field in shared_fields})
    for field, value in item[LANGUAGE_KEYS[locale.language_code]].items():
        setattr(row, field, value)
    if translation_key is not None:
        row.translation_key = translation_key
    row.full_clean()
    row.save()
    return row


def ensure_ranges(ranges):
    if ReferenceRange.objects.exists():
        return
    ReferenceRange.objects.bulk_create(
        ReferenceRange(
            category=item["category"],
            household_min=item["household_min"],
            household_max=item["household_max"],
            low=Decimal(item["low"]),
            high=Decimal(item["high"]),
        )
        for item in ranges
    )
