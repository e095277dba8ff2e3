"""Search results: ids and scores from Whoosh, filters and ordering from the database, objects in one query.

The queryset's own filters (live pages, a parent page, any lookup modelsearch accepts) are applied by the
database to the ids Whoosh found, so the index never has to mirror filter values, and documents of rows a test
transaction rolled back simply vanish from results.

Only the hits a page of results needs are read: a slice of a relevance-ordered search reads the ids of the
best hits in growing chunks until enough of them pass the queryset's filters, and a count asks the database
to count the rest in one query.
"""

import bisect
from collections import OrderedDict

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError

# Ids read per round while a filtered slice is filled: a page of results plus a margin for filtered-out hits.
FIRST_CHUNK_MARGIN = 20
# The ids of this many hits at most go into one database query.
MAX_CHUNK = 2000
# Chunks of at most this many hits are filtered by loading their objects (which the page needs anyway).
LOAD_WHILE_FILTERING = 60


class Ranking:
    """(score, document number) pairs best first, and the stored pk of any of them, looked up when asked."""

    def __init__(self, searcher, top):
        self.searcher = searcher
        self.top = top
        self._pk_column = None

    @classmethod
    def empty(cls):
        return cls(None, [])

    def __len__(self):
        return len(self.top)

    def scores(self, start, stop):
        return [score for score, _ in self.top[start:stop]]

    def pks(self, start, stop):
        hits = self.top[start:stop]
        if not hits:
            return []
        column = self._column()
        if column is not None:
            return [column[docnum] for _, docnum in hits]
        return [self.searcher.stored_fields(docnum)["pk"] for _, docnum in hits]

    def _column(self):
        """The pk column reader when every segment has one (indexes built before it existed do not)."""
        if self._pk_column is None:
            reader = self.searcher.reader()
            readers = [r for r, _ in reader.leaf_readers()]
            if all(r.has_column("pk") for r in readers):
                self._pk_column = reader.column_reader("pk")
            else:
                self._pk_column = False
        return self._pk_column or None


class _Filtered:
    """The ranking narrowed by the queryset's filters, filled from the best hit down as far as needed."""

    def __init__(self, results, ranking, floor=0):
        self.results = results
        self.ranking = ranking
        self.kept = []  # [(pk, score)] that passed the filters
        self.read = 0  # hits of the ranking looked at so far
        self.objects = {}  # objects loaded while filtering, by pk
        self.floor = floor  # share of the best kept score the others must reach (0: none)
        self.end = len(ranking)  # hits past this one score below the floor

    def fill(self, wanted, load=True):
        """Reads hits until ``wanted`` of them passed the filters (None: all of them); ``load`` lets a small
        chunk be filtered by loading its objects, which a page of results needs anyway."""
        ranking = self.ranking
        size = (wanted or 0) + FIRST_CHUNK_MARGIN
        while self.read < self.end and (wanted is None or len(self.kept) < wanted):
            stop = min(self.end, self.read + (MAX_CHUNK if wanted is None else min(size, MAX_CHUNK)))
            pks = [self.results.to_python(pk) for pk in ranking.pks(self.read, stop)]
            scores = ranking.scores(self.read, stop)
            if load and wanted is not None and stop - self.read <= LOAD_WHILE_FILTERING:
                # A small chunk: filtering it and loading its objects is one query.
                loaded = self.results._load(pks)
                self.objects.update(loaded)
                allowed = loaded.keys()
            else:
                allowed = self.results.allowed(pks)
            first_kept = not self.kept
            self.kept.extend((pk, score) for pk, score in zip(pks, scores, strict=True) if pk in allowed)
            self.read = stop
            if self.floor and first_kept and self.kept and self.kept[0][1] > 0:
                self._apply_floor(self.kept[0][1] * self.floor)
            size *= 2

    def _apply_floor(self, cutoff):
        """Ends the ranking at the first hit scoring below ``cutoff`` (scores are sorted best first)."""
        scores = [-score for score in self.ranking.scores(0, len(self.ranking))]
        self.end = bisect.bisect_right(scores, -cutoff)
        self.kept = [(pk, score) for pk, score in self.kept if score >= cutoff]
        self.read = min(self.read, self.end)

    def count(self):
        """The number of hits that pass the filters, counted by the database without loading them."""
        ranking, results = self.ranking, self.results
        if self.floor and not self.kept:
            self.fill(1)  # the best result that passes the filters sets the floor
        counted = len(self.kept)
        if not results.query_compiler.queryset.query.where:
            return counted + self.end - self.read
        for start in range(self.read, self.end, MAX_CHUNK):
            pks = ranking.pks(start, min(start + MAX_CHUNK, self.end))
            counted += results.query_compiler.queryset.filter(pk__in=pks).order_by().count()
        return counted


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def to_python(self, pk):
        return self.query_compiler.queryset.model._meta.pk.to_python(pk)

    def allowed(self, pks):
        """The pks among ``pks`` that the queryset's filters let through."""
        queryset = self.query_compiler.queryset
        if not queryset.query.where:
            return set(pks)
        return set(queryset.filter(pk__in=pks).order_by().values_list("pk", flat=True))

    def _ranking(self):
        """The backend's ranking, cached on the compiler, which clones share."""
        compiler = self.query_compiler
        if compiler._ranking is None:
            compiler._ranking = self.backend.ranking(compiler)
        return compiler._ranking

    def _filtered(self):
        compiler = self.query_compiler
        if compiler._filtered is None:
            compiler._filtered = _Filtered(self, self._ranking(), self.backend.score_floor(compiler))
        return compiler._filtered

    def _ordered(self):
        """[(pk, score)] of every result in the queryset's own order (a search with order_by)."""
        compiler = self.query_compiler
        if compiler._ranked is None:
            ranking = self._ranking()
            pks = [self.to_python(pk) for pk in ranking.pks(0, len(ranking))]
            scores = dict(zip(pks, ranking.scores(0, len(ranking)), strict=True))
            ordered = compiler.queryset.filter(pk__in=pks)
            if not ordered.ordered:
                ordered = ordered.order_by("-pk")
            compiler._ranked = [(pk, scores[pk]) for pk in ordered.values_list("pk", flat=True)]
        return compiler._ranked

    def _page(self):
        """[(pk, score)] of this slice, and objects already loaded by pk."""
        if not self.query_compiler.order_by_relevance:
            return self._ordered()[self.start : self.stop], {}
        filtered = self._filtered()
        filtered.fill(self.stop)
        return filtered.kept[self.start : self.stop], filtered.objects

    def _do_search(self):
        page, objects = self._page()
        if not page:
            return []
        missing = [pk for pk, _ in page if pk not in objects]
        if missing:
            objects = {**objects, **self._load(missing)}
        results = []
        for pk, score in page:
            obj = objects.get(pk)
            if obj is not None:
                if self._score_field:
                    setattr(obj, self._score_field, score)
                results.append(obj)
        return results

    def _load(self, pks):
        """{pk: object} in one query (plus the queryset's own prefetches and specific lookups)."""
        queryset = self.query_compiler.queryset.order_by()
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return {obj.pk: obj for obj in queryset.filter(pk__in=pks)}

    def _do_count(self):
        if not self.query_compiler.order_by_relevance:
            total = len(self._ordered())
        elif self.stop is not None:
            # Filled up to the slice's end, or every hit was read: either way the slice's count is known.
            filtered = self._filtered()
            filtered.fill(self.stop)
            total = len(filtered.kept)
        else:
            total = self._filtered().count()
        if self.stop is not None:
            total = min(total, self.stop)
        return max(0, total - self.start)

    def facet(self, field_name):
        compiler = self.query_compiler
        model = compiler.queryset.model
        field = compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". '
                f'Please add index.FilterField("{field_name}") to {model.__name__}.search_fields.',
                field_name=field_name,
            )
        attname = field.get_attname(model)
        ranking, filtered = self._ranking(), self._filtered()
        filtered.fill(1, load=False)  # sets the score floor, so that facets count what results would show
        pks = [self.to_python(pk) for pk in ranking.pks(0, filtered.end)]
        rows = (
            compiler.queryset.filter(pk__in=pks)
            .order_by()
            .values(attname)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[attname], row["count"]) for row in rows)
