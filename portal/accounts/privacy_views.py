"""The borrower's privacy pages: downloading their data, withdrawing consent on a request, deleting the
account. Each acts only on the signed-in person's own data (another's request is a 404)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.negotiation import views as request_views
from portal.negotiation.models import NegotiationRequest
from portal.tools.ratelimit import too_many_requests

from . import privacy
from .access import signed_in_or_404

DELETE_ATTEMPTS_PER_MINUTE = 5


class ConsentWithdrawalForm(forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy("I understand that my request is withdrawn and my files are deleted."),
        error_messages={"required": gettext_lazy("Tick the box to confirm, or keep your consent.")},
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": gettext_lazy("Enter your password to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


@never_cache
@signed_in_or_404
def data_export(request):
    if request.method != "POST":
        return TemplateResponse(request, "accounts/data_export.html", {})
    archive = privacy.export(request.user)
    name = f"my-data-{timezone.localdate():%Y%m%d}.zip"
    response = FileResponse(archive, as_attachment=True, filename=name, content_type="application/zip")
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@request_views.post_to_own_request
def withdraw_consent(request, reference):
    made = request_views.own(request, reference)
    form = ConsentWithdrawalForm(request.POST)
    if not form.is_valid():
        return request_views.render_detail(request, made, status=400, consent_form=form)
    if privacy.withdraw_consent(made, request.user, request):
        messages.success(request, _("Your consent is withdrawn and your files are deleted."))
    else:
        messages.info(request, _("You had already withdrawn your consent for this request."))
    return redirect("negotiation_request", reference=made.reference)


@never_cache
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if too_many_requests(request, f"account-delete:{request.user.pk}", DELETE_ATTEMPTS_PER_MINUTE):
            form.add_error(None, _("Too many tries. Wait a minute, then try again."))
            return _delete_page(request, form, status=429)
        if form.is_valid():
            privacy.delete_account(request.user, request)
            messages.success(request, _("Your account is deleted. Thank you for using the portal."))
            return redirect(translate_url("/", get_language()))
        return _delete_page(request, form, status=400)
    return _delete_page(request, form)


def _delete_page(request, form, status=200):
    context = {
        "form": form,
        "requests": NegotiationRequest.objects.filter(borrower=request.user),
        "retention_days": settings.PRIVACY_RETENTION_DAYS,
    }
    return TemplateResponse(request, "accounts/delete_account.html", context, status=status)
