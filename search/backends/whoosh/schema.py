"""The Whoosh schema and how a model instance becomes a Whoosh document.

One index holds every indexed model. A document carries its id ("<root model>:<pk>"), the labels of its model
and indexed parents (so a search on Book also finds Novels, never Authors), and, for each search field path,
three analysed copies: full text ("t_<path>"), pinyin bigrams ("p_<path>") and autocomplete prefixes
("a_<path>"). Filters are not stored: the database applies them when results are loaded.

The pk is also a column (read per hit without unpickling stored fields: the top ten of 10,000 hits cost ten
lookups) and "h" stores a digest of the document, so a save that changes nothing the index holds (Wagtail
saves a page three times per publish) costs a lookup instead of a commit.
"""

import datetime
import hashlib
import json

from django.db import models
from modelsearch.backends.base import get_model_root
from modelsearch.index import AutocompleteField, Indexed, RelatedFields, SearchField
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import TermTokenizer

TEXT_PREFIX = "t_"
PINYIN_PREFIX = "p_"
AUTOCOMPLETE_PREFIX = "a_"
PINYIN_MAX_CHARS = 300
DIGEST_FIELD = "h"


class PortalSchema(Schema):
    """Whoosh's schema with glob-field lookups remembered: Whoosh asks for a field by name for every posting
    it merges, and matching the globs each time was a third of the indexing time."""

    def __getitem__(self, name):
        cache = self.__dict__.setdefault("_lookups", {})
        try:
            return cache[name]
        except KeyError:
            cache[name] = field = super().__getitem__(name)
            return field

    def add(self, *args, **kwargs):
        self.__dict__.pop("_lookups", None)
        super().add(*args, **kwargs)

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_lookups", None)
        return state


def build_schema():
    schema = PortalSchema(
        id=ID(unique=True, stored=True),
        ct=KEYWORD(lowercase=False, scorable=False),
        pk=ID(stored=True, sortable=True),
        h=STORED,
    )
    schema.add(TEXT_PREFIX + "*", TEXT(analyzer=TermTokenizer("text"), phrase=True), glob=True)
    schema.add(PINYIN_PREFIX + "*", TEXT(analyzer=TermTokenizer("pinyin"), phrase=False), glob=True)
    schema.add(
        AUTOCOMPLETE_PREFIX + "*", TEXT(analyzer=TermTokenizer("autocomplete"), phrase=False), glob=True
    )
    return schema


def document_id(obj):
    return f"{get_model_root(type(obj))._meta.label_lower}:{obj.pk}"


def content_types(model):
    """The labels a search on this model or any of its indexed parents filters on."""
    labels = [model._meta.label_lower]
    labels.extend(
        parent._meta.label_lower for parent in model._meta.get_parent_list() if issubclass(parent, Indexed)
    )
    return " ".join(labels)


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return "\n".join(_as_text(v) for v in value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


def _collect(fields, obj, prefix, text, autocomplete):
    for field in fields:
        if isinstance(field, RelatedFields):
            value = field.get_value(obj)
            if value is None:
                continue
            related = value.all() if isinstance(value, (models.Manager, models.QuerySet)) else [value]
            for item in related:
                _collect(field.fields, item, f"{prefix}{field.field_name}__", text, autocomplete)
        elif isinstance(field, (SearchField, AutocompleteField)):
            value = _as_text(field.get_value(obj))
            if value:
                target = text if isinstance(field, SearchField) else autocomplete
                target.setdefault(prefix + field.field_name, []).append(value)


def make_document(obj, with_pinyin=True):
    """The Whoosh document (a dict of keyword arguments for ``add_document``) for a model instance."""
    model = type(obj)
    text, autocomplete = {}, {}
    _collect(model.get_search_fields(), obj, "", text, autocomplete)
    doc = {"id": document_id(obj), "ct": content_types(model), "pk": str(obj.pk)}
    for path, values in text.items():
        joined = "\n".join(values)
        doc[TEXT_PREFIX + path] = joined
        if with_pinyin:
            # Pinyin serves typed-by-sound questions, which aim at titles and opening lines; the pinyin of
            # a whole article body would triple the index for little gain.
            doc[PINYIN_PREFIX + path] = joined[:PINYIN_MAX_CHARS]
    for path, values in autocomplete.items():
        doc[AUTOCOMPLETE_PREFIX + path] = "\n".join(values)
    return doc


def digest(doc):
    """A short fingerprint of a document's content (the "h" field it is stored with)."""
    content = json.dumps(
        {k: v for k, v in doc.items() if k != DIGEST_FIELD}, sort_keys=True, ensure_ascii=False
    )
    return hashlib.blake2b(content.encode(), digest_size=12).hexdigest()


def field_paths(model, kind, only=None):
    """(path, boost) of the model's search fields of one kind ("search" or "autocomplete"), related fields
    included with their boosts multiplied; ``only`` keeps top-level fields of those names."""
    wanted = SearchField if kind == "search" else AutocompleteField
    paths = {}

    def walk(fields, prefix, boost):
        for field in fields:
            if isinstance(field, RelatedFields):
                if only is None:
                    walk(field.fields, f"{prefix}{field.field_name}__", boost)
            elif isinstance(field, wanted) and (only is None or (not prefix and field.field_name in only)):
                field_boost = getattr(field, "boost", None) or 1.0
                paths[prefix + field.field_name] = max(
                    paths.get(prefix + field.field_name, 0), boost * field_boost
                )

    walk(model.get_search_fields(), "", 1.0)
    return list(paths.items())
