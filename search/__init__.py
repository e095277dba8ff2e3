"""Search: the Chinese-aware Whoosh backend, the search page and API, the query log and synonyms."""
