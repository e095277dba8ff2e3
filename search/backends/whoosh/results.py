"""Search results: ids and scores from Whoosh, filters and ordering from the database, objects in one query.

The queryset's own filters (live pages, a parent page, any lookup modelsearch accepts) are applied by the
database to the ids Whoosh found, so the index never has to mirror filter values, and documents of rows a test
transaction rolled back simply vanish from results.
"""

from collections import OrderedDict

from django.db.models import Count
from modelsearch.backends.base import BaseSearchResults, FilterFieldError

# With at most this many hits on a filtered queryset, every hit is loaded in the query that filters them.
LOAD_ALL_UP_TO = 50


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def _ranked(self):
        """[(pk, score)] of every result in final order; cached on the compiler, which clones share."""
        compiler = self.query_compiler
        if compiler._ranked is None:
            queryset = compiler.queryset
            pk_field = queryset.model._meta.pk
            hits = [(pk_field.to_python(pk), score) for pk, score in compiler.hits(self.backend)]
            if not hits:
                compiler._ranked = []
            elif compiler.order_by_relevance:
                if queryset.query.where and len(hits) <= LOAD_ALL_UP_TO and self.stop is not None:
                    # Few hits: loading them all is one query that filters and loads at once.
                    compiler._objects = self._load([pk for pk, _ in hits])
                    hits = [hit for hit in hits if hit[0] in compiler._objects]
                elif queryset.query.where:
                    allowed = set(queryset.filter(pk__in=[pk for pk, _ in hits]).values_list("pk", flat=True))
                    hits = [hit for hit in hits if hit[0] in allowed]
                compiler._ranked = hits
            else:
                scores = dict(hits)
                ordered = queryset.filter(pk__in=list(scores))
                if not ordered.ordered:
                    ordered = ordered.order_by("-pk")
                compiler._ranked = [(pk, scores[pk]) for pk in ordered.values_list("pk", flat=True)]
        return compiler._ranked

    def _do_search(self):
        page = self._ranked()[self.start : self.stop]
        if not page:
            return []
        objects = getattr(self.query_compiler, "_objects", None)
        if objects is None:
            objects = self._load([pk for pk, _ in page])
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
        return len(self._ranked()[self.start : self.stop])

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
        pk_field = model._meta.pk
        pks = [pk_field.to_python(pk) for pk, _ in compiler.hits(self.backend)]
        rows = (
            compiler.queryset.filter(pk__in=pks)
            .order_by()
            .values(attname)
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        return OrderedDict((row[attname], row["count"]) for row in rows)
