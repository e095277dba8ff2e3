"""URL map: health, admin and SEO files outside the language prefix; everything a reader sees inside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csp import csp_override
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from content.feedback import answer_feedback
from content.seo import AllLanguagesSitemap, robots_txt
from portal.health import healthz
from portal.negotiation.public import transparency
from portal.tools.exports import schedule_csv
from quizzes.views import progress as quiz_progress
from search.api import search_api

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("api/tools/", include("portal.tools.urls")),
    path("api/search/", search_api, name="search_api"),
    # Staff sign in where everyone does (allauth: its rate limits, MFA, no account enumeration); Wagtail's own
    # log-in form would skip all three. A POST is redirected too, never authenticated.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # The admin's own Content Security Policy (settings ADMIN_CSP: Wagtail needs inline scripts and styles).
    path(
        "admin/",
        include(decorate_urlpatterns(wagtailadmin_urls.urlpatterns, csp_override(settings.ADMIN_CSP))),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Serves uploaded images under DEBUG only (static() returns nothing otherwise); production uses storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/me/quizzes/", quiz_progress, name="quiz_progress"),
    path("accounts/me/requests/", include("portal.negotiation.urls")),
    path("accounts/me/", include("portal.accounts.urls")),
    path("csv/<slug:tool>/", schedule_csv, name="tools_csv"),
    path("accounts/", include("allauth.urls")),
    path("search/", include("search.urls")),
    path("assessment/", include("portal.assessment.urls")),
    path("transparency/", transparency, name="transparency"),
    path("feedback/answer/<int:page_id>/", answer_feedback, name="faq_feedback"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
