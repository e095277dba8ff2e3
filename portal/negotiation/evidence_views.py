"""Evidence over the web: the borrower adds files from the request page and downloads their own; the team
downloads them from the admin. Files are only ever sent as attachments, by these views, after the check of
who is asking; anyone else gets a 404."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET

from portal.accounts.access import signed_in_or_404

from . import evidence
from .models import Evidence
from .policy import TEAM_PERMISSION
from .views import own, post_to_own_request, render_detail


# The CSRF check reads the post, so it is made inside the view, after the upload guard is in place: that way
# the guard, not Django's default handlers, decides how much of an oversized upload is read (Django's
# documented pattern for upload handlers).
@csrf_exempt
@never_cache
@post_to_own_request
def add(request, reference):
    made = own(request, reference)
    guard = evidence.UploadGuard(request)
    request.upload_handlers.insert(0, guard)
    return _add(request, made, guard)


@csrf_protect
def _add(request, made, guard):
    form = evidence.EvidenceForm(request.POST, request.FILES, made=made, guard=guard)
    if form.is_valid():
        try:
            added = evidence.add(
                made, form.checked, request.user, request, description=form.cleaned_data["description"]
            )
        except evidence.Refused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                ngettext("Your file was added.", "Your %(count)d files were added.", len(added))
                % {"count": len(added)},
            )
            return redirect("negotiation_request", reference=made.reference)
    return render_detail(request, made, status=400, evidence_form=form)


def attachment(found):
    """The stored file as a download that a browser never shows or guesses the type of, and nobody caches."""
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.download_name(found), content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@signed_in_or_404
def download(request, reference, pk):
    made = own(request, reference)
    found = get_object_or_404(Evidence, pk=pk, request=made)
    if request.method not in ("GET", "HEAD"):  # only after the owner check: a 405 would confirm the file
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return attachment(found)


@require_GET
def team_download(request, pk):
    """The team's download, in the admin. Not an event: looking at a file changes nothing."""
    if not request.user.has_perm(TEAM_PERMISSION):
        raise Http404
    return attachment(get_object_or_404(Evidence, pk=pk))
