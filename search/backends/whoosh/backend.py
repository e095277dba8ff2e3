"""The modelsearch backend: options from the settings entry, and running a compiled query."""

import dataclasses

from django.conf import settings
from modelsearch.backends.base import BaseSearchBackend
from modelsearch.query import SearchQuery
from whoosh import query as wq
from whoosh import scoring

from search import synonyms
from search.synonyms import synonym_groups

from .analysis import has_cjk, query_units
from .expansion import expand
from .index import IndexStore, WhooshIndex, WhooshRebuilder
from .query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import Ranking, WhooshSearchResults
from .suggest import suggest


@dataclasses.dataclass(frozen=True)
class Options:
    """Relevance and operation options; each has an upper-case settings key (``RELATIVE_SCORE_FLOOR`` ...)."""

    relative_score_floor: float = 0.0  # drop results scoring below this share of the best one; 0 = off
    # The "nothing relevant" cut (query.py): the share of a query's informative weight the best document must
    # cover (0 = off), and the share of the best coverage any other result must reach.
    coverage_floor: float = 0.0
    coverage_tail: float = 0.0
    max_hits: int = 10_000
    fuzzy: bool = True  # edit distance 1 for Latin words of 5 letters or more
    fuzzy_boost: float = 0.3
    pinyin: bool = True
    pinyin_boost: float = 0.5
    subword_boost: float = 0.5
    synonyms: bool = True
    synonym_boost: float = 0.6
    evidence_tiebreak: float = 0.5  # the share of a query word's weaker evidence added to its best (query.py)
    question_focus_boost: float = 1.5  # the last sentence of a long question (query.py)
    single_char_weight: float = 0.3  # a query word of one Chinese character
    cross_language_boost: float = 0.4  # a synonym in the other language (expansion.py)
    bm25_b: float = 0.75
    bm25_k1: float = 1.2
    writer_limitmb: int = 128
    # Processes that analyse documents during a rebuild (Whoosh's MpWriter, one segment per process):
    # 10k documents on 2 busy cores, 127 s with one, 102 s with two.
    writer_procs: int = 2
    lock_timeout: float = 60.0

    @classmethod
    def from_params(cls, params):
        values = {}
        for field in dataclasses.fields(cls):
            key = field.name.upper()
            if key in params:
                values[field.name] = type(field.default)(params[key])
        return cls(**values)


def _preload_unions(query):
    """Makes every OR in the query read its clauses' postings into arrays block by block instead of walking
    a binary tree of union matchers: a query word becomes an OR of dozens of terms (fields × subwords ×
    pinyin), and on 10,000 documents the tree's per-document bookkeeping took two thirds of the query time.
    Same matches, same scores, about three times faster (bench: /api/search at 10k, p50 1.16 → 0.34 s)."""
    if isinstance(query, wq.Or):
        query.matcher_type = wq.Or.ARRAY_MATCHER
    for child in query.children():
        _preload_unions(child)


def query_key(query):
    """A hashable value equal for equal modelsearch queries (PlainText, And, Boost ... nested)."""
    if isinstance(query, SearchQuery):
        return (type(query).__name__, tuple((k, query_key(v)) for k, v in sorted(vars(query).items())))
    if isinstance(query, (list, tuple)):
        return tuple(query_key(item) for item in query)
    return query


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    index_class = WhooshIndex
    rebuilder_class = WhooshRebuilder

    def __init__(self, params):
        super().__init__(params)
        self.options = Options.from_params(params)
        path = params.get("PATH") or getattr(settings, "SEARCH_INDEX_DIR", None)
        if not path:
            raise ValueError("The Whoosh search backend needs a PATH option or settings.SEARCH_INDEX_DIR")
        weighting = scoring.BM25F(B=self.options.bm25_b, K1=self.options.bm25_k1)
        self.store = IndexStore.shared(
            path, self.options.lock_timeout, weighting, (self.options.bm25_b, self.options.bm25_k1)
        )
        self._synonym_groups = None

    def get_index_for_model(self, model):
        return WhooshIndex(self)

    def expand(self, units, text):
        """What may stand in for each query unit (expansion.py): synonyms, weighted."""
        options = self.options
        return expand(units, text, self.synonym_groups(), options.synonym_boost, options.cross_language_boost)

    def synonym_groups(self):
        """The synonym groups in force, read once per backend object (modelsearch makes one per search)."""
        if self._synonym_groups is None:
            options = self.options
            self._synonym_groups = (
                tuple(tuple(group) for group in synonym_groups()) if options.synonyms else ()
            )
        return self._synonym_groups

    def did_you_mean(self, query):
        """A spelling of `query` with homophone typos and pinyin replaced by indexed words, or None."""
        return suggest(self.store.searcher(), query)

    def query_terms(self, query):
        """The words to mark in results: the query's words as analysed (simplified, folded) and their
        single-word synonyms, so a traditional-character query marks the simplified text it found."""
        units = query_units(query, with_pinyin=False)
        terms = [unit.raw for unit in units]
        for alternatives in self.expand(units, query):
            # Chinese alternatives read as written; Latin ones are stems, which text does not contain.
            terms.extend("".join(alt) for alt, _ in alternatives if all(map(has_cjk, alt)))
        return list(dict.fromkeys(terms))

    def batch(self):
        """A context manager: the index writes of this thread inside it are committed once, at its end.

        ``with backend.batch(): ...`` around a bulk import turns one commit per saved page into one in all.
        """
        return self.store.batch()

    def remember(self, key, compute, size=1):
        """``compute()``'s value for ``key``, computed once while the index stays as it is (the search API
        keeps whole answers this way): forgotten at the next change to the index, in any process."""
        return self.store.remembered(self.store.searcher(), key, compute, size, pool="answers")

    def ranking(self, compiler):
        """The Ranking (scores and document numbers, best first) of a compiler's query on its queryset's
        model, before the database applies the queryset's filters.

        A ranking depends only on the index, the query, the fields, the options and the synonyms, never on
        the queryset's filters or the reader: the live searcher remembers it (``IndexStore.remembered``), so
        the same question asked again, by anyone, until the index changes costs no search."""
        searcher = self.store.searcher()
        key = (
            type(compiler).__name__,
            compiler.queryset.model._meta.label_lower,
            tuple(compiler.fields) if compiler.fields is not None else None,
            query_key(compiler.query),
            self.options,
            synonyms.version(),  # changes whenever editors change a group: no need to hash every group
        )
        return self.store.remembered(searcher, key, lambda: self._rank(compiler, searcher))

    def _rank(self, compiler, searcher):
        compiled, allowed = compiler.compile(self, searcher)
        if compiled is None or compiled is wq.NullQuery:
            return Ranking.empty()
        if allowed is not None and not allowed:
            return Ranking.empty()
        scoped = wq.And([wq.Term("ct", compiler.queryset.model._meta.label_lower), compiled])
        _preload_unions(scoped)
        # Every match is scored anyway to find the best ones; keeping them all as (score, docnum) pairs is
        # cheap. What costs is reading a hit's stored pk, which Ranking does only for the hits asked for.
        top = searcher.search(scoped, limit=self.options.max_hits, filter=allowed).top_n
        return Ranking(searcher, top)

    def score_floor(self, compiler):
        """The share of the best result's score the others must reach (0: none). Full-text results only:
        prefix suggestions all score alike. The results apply it after the queryset's filters, so that a
        document the queryset excludes (another language, an unpublished page) never sets the bar."""
        if compiler.FIELD_KIND != "search" or not compiler.order_by_relevance:
            return 0
        return self.options.relative_score_floor
