"""SEARCH_URL → a modelsearch OpenSearch/Elasticsearch backend entry with a Chinese analyzer.

Used only by the settings modules. Without SEARCH_URL the portal searches with its own Whoosh backend on disk;
a cluster is for deployments with many web servers that cannot share one index folder.

    SEARCH_URL=https://user:pass@search.internal:9200          OpenSearch 3 (the default engine)
    SEARCH_URL=opensearch2+https://search.internal:9200         OpenSearch 2
    SEARCH_URL=elasticsearch8+http://search.internal:9200       Elasticsearch 8 (also 7 and 9)

The cluster needs the `analysis-smartcn` and `analysis-icu` plugins (both official for OpenSearch and
Elasticsearch): smartcn splits Chinese into words, ICU folds full-width forms and traditional characters.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

ENGINES = {
    "opensearch": "modelsearch.backends.opensearch3",
    "opensearch2": "modelsearch.backends.opensearch2",
    "opensearch3": "modelsearch.backends.opensearch3",
    "elasticsearch": "modelsearch.backends.elasticsearch9",
    "elasticsearch7": "modelsearch.backends.elasticsearch7",
    "elasticsearch8": "modelsearch.backends.elasticsearch8",
    "elasticsearch9": "modelsearch.backends.elasticsearch9",
}
DEFAULT_ENGINE = "opensearch"

# Documents and queries go through the same chain, so 協商還款 typed in traditional characters meets 协商还款.
CHINESE_ANALYSIS = {
    "char_filter": {
        # NFKC with case folding: full-width ＡＢＣ１２３ becomes abc123 before tokenising.
        "portal_width_fold": {"type": "icu_normalizer", "name": "nfkc_cf"},
    },
    "filter": {
        "portal_traditional_to_simplified": {"type": "icu_transform", "id": "Traditional-Simplified"},
        "portal_english_stem": {"type": "stemmer", "language": "light_english"},
    },
    "analyzer": {
        # "default" is what modelsearch's mapping uses for every SearchField without its own analyzer.
        "default": {
            "type": "custom",
            "char_filter": ["portal_width_fold"],
            "tokenizer": "smartcn_tokenizer",
            "filter": ["portal_traditional_to_simplified", "lowercase", "portal_english_stem"],
        },
    },
}


def search_backend_from_url(url, *, index_prefix="portal_", timeout=10):
    """The WAGTAILSEARCH_BACKENDS entry for a SEARCH_URL; raises ImproperlyConfigured for unknown engines."""
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.rpartition("+")
    if not engine:
        engine, transport = (
            (DEFAULT_ENGINE, parts.scheme) if parts.scheme in {"http", "https"} else (parts.scheme, "")
        )
    if engine not in ENGINES or transport not in {"http", "https"}:
        raise ImproperlyConfigured(
            f"SEARCH_URL must look like https://host:9200 or ENGINE+https://host:9200 with ENGINE one of "
            f"{', '.join(sorted(ENGINES))}; got scheme {parts.scheme!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured("SEARCH_URL has no host name.")
    return {
        "BACKEND": ENGINES[engine],
        "URLS": [urlunsplit((transport, parts.netloc, parts.path, "", ""))],
        "INDEX_PREFIX": index_prefix,
        "TIMEOUT": timeout,
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": {"settings": {"analysis": CHINESE_ANALYSIS}},
    }
