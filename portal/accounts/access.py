"""Access to a borrower's own data: a page that holds someone's request, files, messages or export answers a
visitor who is not signed in with the same 404 as anyone else, so that no address says whether it exists. The
404 page offers signing in (and coming back) to a visitor who is signed out."""

from functools import wraps

from django.http import Http404


def signed_in_or_404(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded
