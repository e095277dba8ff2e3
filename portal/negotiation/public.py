"""The negotiation service's public page: how the team keeps its promises, in figures anyone may read (no
login; nothing personal, see transparency.py)."""

from django.template.response import TemplateResponse

from . import transparency as figures


def transparency(request):
    return TemplateResponse(request, "negotiation/transparency.html", {"report": figures.report()})
