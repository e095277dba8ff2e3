"""A modelsearch (Wagtail search) backend on Whoosh that understands Chinese: jieba segmentation, traditional
and full-width folding, pinyin and synonyms, a relevance floor, safe concurrent writers and atomic rebuilds.

Configure it with
``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.whoosh", "PATH": ...}}``.
"""

from .backend import WhooshSearchBackend

SearchBackend = WhooshSearchBackend

__all__ = ["SearchBackend", "WhooshSearchBackend"]
