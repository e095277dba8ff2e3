"""The account page a signed-in person lands on: email addresses, self-assessment drafts and requests."""

from allauth.account.models import EmailAddress
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from portal.assessment.models import Assessment
from portal.negotiation.models import NegotiationRequest


@login_required
def dashboard(request):
    emails = EmailAddress.objects.filter(user=request.user).order_by("-primary", "email")
    drafts = Assessment.objects.filter(
        user=request.user, request__isnull=True, expires_at__gt=timezone.now()
    ).order_by("-updated_at")
    return render(
        request,
        "portal/account_dashboard.html",
        {
            "emails": emails,
            "can_open_admin": request.user.has_perm("wagtailadmin.access_admin"),
            "drafts": drafts,
            "requests": NegotiationRequest.objects.filter(borrower=request.user),
        },
    )
