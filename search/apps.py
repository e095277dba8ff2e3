"""App configuration for the portal's search app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import Query, SearchPromotion

        from search.service import forget_promoted_queries

        # The search page keeps the set of promoted queries in the cache; any change to promotions clears it.
        for model in (Query, SearchPromotion):
            post_save.connect(
                forget_promoted_queries, sender=model, dispatch_uid=f"search-promoted-{model.__name__}"
            )
            post_delete.connect(
                forget_promoted_queries,
                sender=model,
                dispatch_uid=f"search-promoted-deleted-{model.__name__}",
            )

        # Editors' synonym changes reach every worker's next search (the cached groups carry a version).
        from search import synonyms
        from search.models import SynonymGroup

        post_save.connect(synonyms.invalidate, sender=SynonymGroup, dispatch_uid="search-synonyms-saved")
        post_delete.connect(synonyms.invalidate, sender=SynonymGroup, dispatch_uid="search-synonyms-deleted")
