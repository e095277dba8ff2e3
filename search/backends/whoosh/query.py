"""Query compilers: modelsearch query objects → Whoosh queries.

A plain-text query becomes one clause per query word ("unit"). Each clause is an OR of the evidence for that
word in every search field, weighted by the field's boost: the word itself, the dictionary words inside it,
a fuzzy match for long Latin words, pinyin bigrams (homophone typos, pinyin input), and synonyms from
``search.synonyms``. With ``COVERAGE_FLOOR`` an OR query only keeps documents that cover enough of the query's
informative words: what keeps a question nobody answered from listing half the site.
"""

import math

from modelsearch.backends.base import BaseSearchQueryCompiler
from modelsearch.index import get_indexed_models
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import query as wq

from .analysis import autocomplete_prefixes, is_noun, normalize, own_pinyin_pairs, query_units, text_terms
from .schema import AUTOCOMPLETE_PREFIX, PINYIN_PREFIX, TEXT_PREFIX, field_paths


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    HANDLES_ORDER_BY_EXPRESSIONS = True  # ordering is done by the database when results are loaded
    FIELD_KIND = "search"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What the results computed (results.py), kept here because clones of the results share the compiler.
        self._ranking = None
        self._filtered = None
        self._ranked = None

    # ---- fields and options ----

    def field_boosts(self):
        """(path, boost) of the fields to search: the model's, and when no fields are named, its indexed
        subclasses' too (a search on Book finds a Novel by its setting)."""
        model = self.queryset.model
        if self.fields is not None:
            return field_paths(model, self.FIELD_KIND, self.fields)
        boosts = {}
        for candidate in [
            model,
            *(m for m in get_indexed_models() if issubclass(m, model) and m is not model),
        ]:
            for path, boost in field_paths(candidate, self.FIELD_KIND):
                boosts.setdefault(path, boost)
        return list(boosts.items())

    # ---- compiling ----

    def compile(self, backend, searcher):
        """(whoosh query or None when nothing can match, set of allowed docnums or None)."""
        self._backend = backend
        self._searcher = searcher
        self._fields = self.field_boosts()
        if not self._fields and not isinstance(self.query, MatchAll):
            return None, None
        query = self.query
        if isinstance(query, PlainText) and query.operator == "or" and backend.options.coverage_floor:
            return self._plain_text_with_coverage(query)
        return self._compile(query), None

    def _compile(self, query):
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, Not):
            return wq.Not(self._compile(query.subquery))
        if isinstance(query, And):
            return wq.And([self._compile(q) for q in query.subqueries])
        if isinstance(query, Or):
            return wq.Or([self._compile(q) for q in query.subqueries])
        if isinstance(query, Boost):
            compiled = self._compile(query.subquery)
            return compiled.with_boost(compiled.boost * query.boost)
        if isinstance(query, PlainText):
            return self._plain_text(query.query_string, query.operator, query.boost)
        if isinstance(query, Fuzzy):
            return self._plain_text(query.query_string, query.operator, 1.0, force_fuzzy=True)
        if isinstance(query, Phrase):
            return self._phrase(query.query_string)
        raise NotImplementedError(f"{type(query).__name__} is not supported by the Whoosh search backend")

    def _units(self, text):
        units = query_units(text, with_pinyin=self._backend.options.pinyin)
        return units, self._backend.expand(units, text)

    def _term_in_fields(self, term, boost):
        return wq.Or([wq.Term(TEXT_PREFIX + path, term, boost=boost * fb) for path, fb in self._fields])

    def _unit_clause(self, unit, alternatives, force_fuzzy=False):
        """The evidence for one query word: the best kind of it counts in full, the others by the tiebreak.

        Summing every kind (the word in four fields, three synonyms, two subwords, its sound) let an answer
        that says one query word in many ways outscore the answer that has two of the query's words."""
        options = self._backend.options
        fields = self._fields
        evidence = [self._term_in_fields(unit.term, 1.0)]
        evidence.extend(self._term_in_fields(sub, options.subword_boost) for sub in unit.subwords)
        fuzzy = unit.latin and unit.raw.isalpha() and (force_fuzzy or (options.fuzzy and len(unit.raw) >= 5))
        if fuzzy:
            evidence.append(
                wq.Or(
                    [
                        wq.FuzzyTerm(
                            TEXT_PREFIX + path,
                            unit.term,
                            boost=boost,
                            maxdist=1,
                            prefixlength=1,
                            constantscore=False,
                        )  # fmt: skip
                        for path, boost in fields
                    ],
                    boost=options.fuzzy_boost,
                )
            )
        if unit.pinyin:
            weight = options.pinyin_boost / math.sqrt(len(unit.pinyin))
            grams = [
                wq.Term(PINYIN_PREFIX + path, g, boost=boost) for path, boost in fields for g in unit.pinyin
            ]
            evidence.append(wq.Or(grams, boost=weight))
        for alt, weight in alternatives:
            if len(alt) == 1:
                evidence.append(self._term_in_fields(alt[0], weight))
            else:
                evidence.append(wq.And([self._term_in_fields(t, 1.0) for t in alt], boost=weight))
        clause = best_plus_share(evidence, options.evidence_tiebreak)
        if not unit.latin and len(unit.term) == 1:
            # A single character (好, 留, 钱) is in nearly every answer and seldom what the question is about.
            return clause.with_boost(options.single_char_weight)
        return clause

    def _plain_text(self, text, operator, boost, force_fuzzy=False):
        units, alternatives = self._units(text)
        return self._combine(units, alternatives, operator, boost, force_fuzzy, text)

    def _combine(self, units, alternatives, operator, boost, force_fuzzy=False, text=""):
        clauses = [self._unit_clause(u, a, force_fuzzy) for u, a in zip(units, alternatives, strict=True)]
        focus = question_focus(text, units, self._backend.options.question_focus_boost)
        clauses = [c.with_boost(c.boost * f) if f != 1 else c for c, f in zip(clauses, focus, strict=True)]
        if not clauses:
            return wq.NullQuery
        combined = wq.And(clauses) if operator == "and" else wq.Or(clauses)
        return combined.with_boost(boost) if boost != 1 else combined

    def _plain_text_with_coverage(self, query):
        """An OR query plus the documents allowed by the coverage cut (see ``coverage``)."""
        options = self._backend.options
        units, alternatives = self._units(query.query_string)
        combined = self._combine(units, alternatives, "or", query.boost, text=query.query_string)
        if combined is wq.NullQuery:
            return combined, None
        scope = set(self._searcher.docs_for_query(wq.Term("ct", self.queryset.model._meta.label_lower)))
        shares = coverage(self._searcher, self._fields, units, alternatives, scope)
        if not shares:
            return combined, (None if shares is None else set())
        best = max(shares.values())
        if best < options.coverage_floor:
            return combined, set()
        cutoff = max(options.coverage_floor * COVERAGE_TAIL_FLOOR_SHARE, best * options.coverage_tail)
        return combined, {docnum for docnum, share in shares.items() if share >= cutoff - 1e-9}

    def _phrase(self, text):
        terms = text_terms(text)
        if not terms:
            return wq.NullQuery
        if len(terms) == 1:
            return self._term_in_fields(terms[0], 1.0)
        return wq.Or([wq.Phrase(TEXT_PREFIX + path, terms, boost=fb) for path, fb in self._fields])


# A question this long tells its story before it asks: the words of its last sentence are the question.
LONG_QUESTION_CHARS = 20


def question_focus(text, units, boost):
    """The weight of each unit: ``boost`` for the words of a long question's last sentence, 1 otherwise."""
    normalized = normalize(text).rstrip()
    last_break = normalized.rfind(" ")
    if boost == 1 or len(normalized) < LONG_QUESTION_CHARS or last_break < 0:
        return [1.0] * len(units)
    return [boost if unit.span[0] > last_break else 1.0 for unit in units]


def best_plus_share(queries, share):
    """Scores the best of ``queries`` plus ``share`` of the others: (1 - share) × max + share × sum. Whoosh's
    DisjunctionMax takes a tiebreak but its matcher ignores it."""
    if len(queries) == 1 or share >= 1:
        return wq.Or(queries)
    if share <= 0:
        return wq.DisjunctionMax(queries)
    return wq.Or([wq.DisjunctionMax(queries, boost=1 - share), wq.Or(queries, boost=share)])


# ---- the "nothing relevant" cut ----------------------------------------------------------------------------

# How much each kind of evidence says that a document speaks of a query word: the word itself says it all; a
# synonym nearly; a fuzzy Latin match, the sound of the word (pinyin) or a shorter word inside it less.
EXACT_STRENGTH = 1.0
SYNONYM_STRENGTH = 0.8
SYNONYM_REFERENCE_WEIGHT = 0.6  # a synonym of this weight (the default synonym boost) has SYNONYM_STRENGTH
FUZZY_STRENGTH = 0.6
PINYIN_STRENGTH = 0.6
SUBWORD_STRENGTH = 0.5
# A word found only in a long answer body, not in the question, summary or tags, is often a passing mention.
BODY_ONLY_FACTOR = 0.6
# A content word no document contains in any form: is it chat (天天, 烦死) or a topic the site never covers
# (公积金, passport)? A noun is likelier the latter, so it weighs more against every document.
UNKNOWN_NOUN_FACTOR = 0.8
UNKNOWN_OTHER_FACTOR = 0.3
# Results below this share of the floor are always cut, however low the best document's coverage.
COVERAGE_TAIL_FLOOR_SHARE = 0.6
BODY_FIELDS = frozenset({"body"})
TOP_WORDS = 2


def _idf(doc_frequency, total):
    return math.log(1 + (total - doc_frequency + 0.5) / (doc_frequency + 0.5))


def _docs(searcher, query):
    return set(searcher.docs_for_query(query))


def _unit_strengths(searcher, fields, unit, alternatives):
    """{docnum: strength in [0, 1]} of the best evidence each document has for one query word."""
    strengths = {}

    def grant(docs, strength):
        for docnum in docs:
            if strengths.get(docnum, 0) < strength:
                strengths[docnum] = strength

    def field_docs(term, prefix=TEXT_PREFIX):
        """(docs with the term in a leading field, docs with it in the body only)."""
        lead, body = set(), set()
        for path, _ in fields:
            found = _docs(searcher, wq.Term(prefix + path, term))
            (body if path in BODY_FIELDS else lead).update(found)
        return lead, body - lead

    def grant_term(term, strength, prefix=TEXT_PREFIX):
        lead, body = field_docs(term, prefix)
        grant(body, strength * BODY_ONLY_FACTOR)
        grant(lead, strength)

    grant_term(unit.term, EXACT_STRENGTH)
    for alt, weight in alternatives:
        strength = SYNONYM_STRENGTH * min(1.0, weight / SYNONYM_REFERENCE_WEIGHT)
        if len(alt) == 1:
            grant_term(alt[0], strength)
        else:
            sets = [field_docs(t) for t in alt]
            everywhere = set.intersection(*(lead | body for lead, body in sets))
            leading = set.intersection(*(lead for lead, _ in sets))
            grant(everywhere, strength * BODY_ONLY_FACTOR)
            grant(leading, strength)
    for sub in unit.subwords:
        grant_term(sub, SUBWORD_STRENGTH)
    if unit.latin and unit.raw.isalpha() and len(unit.raw) >= 5:
        fuzzy = wq.Or(
            [wq.FuzzyTerm(TEXT_PREFIX + path, unit.term, maxdist=1, prefixlength=1) for path, _ in fields]
        )
        grant(_docs(searcher, fuzzy), FUZZY_STRENGTH * BODY_ONLY_FACTOR)
    grams = own_pinyin_pairs(unit)
    if grams:
        # The share of the word's own sound pairs a document has (pairs reaching into the next word, which
        # serve ranking, would let any word that merely sounds alike at its edge stand in for it).
        counts = {}
        for options in grams:
            query = wq.Or([wq.Term(PINYIN_PREFIX + p, g) for p, _ in fields for g in options])
            for docnum in _docs(searcher, query):
                counts[docnum] = counts.get(docnum, 0) + 1
        for docnum, count in counts.items():
            grant((docnum,), PINYIN_STRENGTH * count / len(grams))
    return strengths


def coverage(searcher, fields, units, alternatives, scope):
    """{docnum: share of the query's informative weight the document covers} for documents in ``scope``.

    Each word weighs its inverse document frequency (counting every form of evidence for it), so the chat
    around a question (怎么办, 能不能, 我) weighs little and its topic much; a document covers a word as
    strongly as its best evidence (``_unit_strengths``). None when no word of the query carries weight.
    """
    total = max(searcher.doc_count(), 1)
    weights, per_unit = [], []
    for unit, alts in zip(units, alternatives, strict=True):
        # A single Chinese character or a bare number says too little on its own to decide anything.
        if (not unit.latin and len(unit.raw) == 1) or (unit.raw.isdigit() and len(unit.raw) < 3):
            continue
        strengths = _unit_strengths(searcher, fields, unit, alts)
        if strengths:
            # Weak evidence (a sound-alike, a shorter word inside) counts as part of a document.
            weights.append(_idf(sum(strengths.values()), total))
        else:
            factor = UNKNOWN_NOUN_FACTOR if is_noun(unit.raw) else UNKNOWN_OTHER_FACTOR
            weights.append(factor * _idf(0, total))
        per_unit.append(strengths)
    # The denominator is the weight of the query's few most informative words: a long question tells its
    # story in many words no answer repeats, and its topic is in its rarest words.
    weight = sum(sorted(weights, reverse=True)[:TOP_WORDS])
    if not weight:
        return None
    shares = {}
    for unit_weight, strengths in zip(weights, per_unit, strict=True):
        for docnum, strength in strengths.items():
            if docnum in scope:
                shares[docnum] = shares.get(docnum, 0) + unit_weight * strength / weight
    return {docnum: min(1.0, share) for docnum, share in shares.items()}


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Prefix queries on the autocomplete fields: any word start, or any substring of Chinese text."""

    FIELD_KIND = "autocomplete"
    DEFAULT_OPERATOR = "and"

    def compile(self, backend, searcher):
        self._backend = backend
        self._fields = self.field_boosts()
        if not self._fields:
            return None, None
        if not isinstance(self.query, PlainText):
            raise NotImplementedError("The Whoosh search backend only autocompletes plain text")
        clauses = [
            wq.Or([wq.Prefix(AUTOCOMPLETE_PREFIX + path, prefix, boost=fb) for path, fb in self._fields])
            for prefix in autocomplete_prefixes(self.query.query_string)
        ]
        if not clauses:
            return wq.NullQuery, None
        return (wq.And(clauses) if self.query.operator == "and" else wq.Or(clauses)), None
