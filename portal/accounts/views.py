"""The account page a signed-in person lands on."""

from allauth.account.models import EmailAddress
from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    emails = EmailAddress.objects.filter(user=request.user).order_by("-primary", "email")
    return render(
        request,
        "portal/account_dashboard.html",
        {"emails": emails, "can_open_admin": request.user.has_perm("wagtailadmin.access_admin")},
    )
