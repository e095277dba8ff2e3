"""What search engines read: a sitemap of every language's pages, and robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from portal.page_tree import public


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the default language's tree only; this one lists every translation's."""

    def items(self):
        root = self.get_wagtail_site().root_page
        paths = root.get_translations(inclusive=True).values_list("path", flat=True)
        pages = Page.objects.none()
        for path in paths:
            pages |= Page.objects.filter(path__startswith=path)
        return public(pages.live()).order_by("path").defer_streamfields().specific()


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
