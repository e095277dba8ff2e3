"""The borrower's request pages, under the account (inside the language prefix)."""

from django.urls import path

from . import evidence_views, message_views, offer_views, views

urlpatterns = [
    path("<str:reference>/", views.detail, name="negotiation_request"),
    path("<str:reference>/withdraw/", views.withdraw, name="negotiation_withdraw"),
    path("<str:reference>/messages/", message_views.borrower_message, name="negotiation_message"),
    path("<str:reference>/evidence/", evidence_views.add, name="negotiation_evidence_add"),
    path("<str:reference>/evidence/<int:pk>/", evidence_views.download, name="negotiation_evidence_download"),
    path("<str:reference>/offers/<int:pk>/accept/", offer_views.accept, name="negotiation_offer_accept"),
    path("<str:reference>/offers/<int:pk>/decline/", offer_views.decline, name="negotiation_offer_decline"),
]
