"""URLs of the account page; allauth's own URLs are included beside these."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.dashboard, name="account_dashboard"),
]
