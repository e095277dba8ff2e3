"""The borrower's request pages, under the account (inside the language prefix)."""

from django.urls import path

from . import views

urlpatterns = [
    path("<str:reference>/", views.detail, name="negotiation_request"),
    path("<str:reference>/withdraw/", views.withdraw, name="negotiation_withdraw"),
]
