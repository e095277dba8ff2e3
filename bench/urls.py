"""The portal's URLs plus the benchmark's reference: a minimal view served by the same process."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/minimal", minimal, name="bench_minimal"), *portal_urlpatterns]
