"""The portal's URLs plus one view that fails, for the test of the server error page."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

MESSAGE = "secret-internal-detail: database password is hunter2"


def boom(request):
    raise RuntimeError(MESSAGE)


urlpatterns = [path("boom/", boom), *portal_urlpatterns]
