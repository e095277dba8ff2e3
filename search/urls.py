"""The search page and its autocomplete endpoint (inside the language prefix: results are per language)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.search_page, name="search"),
    path("suggest/", views.suggest, name="search_suggest"),
]
