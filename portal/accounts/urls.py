"""URLs of the account page and the privacy pages; allauth's own URLs are included beside these."""

from django.urls import path

from . import privacy_views, views

urlpatterns = [
    path("", views.dashboard, name="account_dashboard"),
    path("data/", privacy_views.data_export, name="account_data_export"),
    path("delete/", privacy_views.delete_account, name="account_delete"),
    # Under /accounts/me/requests/ beside the request's own pages (portal.negotiation.urls, tried first): the
    # privacy rights stay in this app.
    path(
        "requests/<str:reference>/consent/withdraw/",
        privacy_views.withdraw_consent,
        name="negotiation_consent_withdraw",
    ),
]
