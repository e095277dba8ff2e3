"""URL of the tools' JSON API (outside the language prefix: the answers are numbers, not pages)."""

from django.urls import path

from . import api

app_name = "tools_api"
urlpatterns = [path("<slug:tool>/", api.tool_api, name="tool")]
