"""The wizard: a start page, one page per step (back and forward keep everything), a review, the results and
the letters. Works without JavaScript; debts are added and removed with buttons that post the form."""

import functools
import logging

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.negotiation.models import NegotiationRequest
from portal.tools.ratelimit import too_many_requests

from . import drafts, letters, pdf, presentation, submission
from .calculation import results as compute
from .forms import DebtFormSet, SubmitForm
from .options import match_options
from .steps import BY_SLUG, STEP_SLUGS, STEPS, first_missing

logger = logging.getLogger(__name__)

RESUME_ATTEMPTS_PER_MINUTE = 10
DEBTS_PREFIX = "debts"
DEBT_FIELDS = ["lender", "name", "balance", "annual_rate", "monthly_payment", "days_overdue"]


def start(request):
    draft = drafts.current(request)
    if request.method == "POST":
        draft = drafts.start(request)
        return redirect("assessment_step", slug=STEP_SLUGS[0])
    return TemplateResponse(request, "assessment/start.html", {"draft": draft, "steps": STEPS})


@require_POST
def resume(request):
    if too_many_requests(request, "assessment-resume", RESUME_ATTEMPTS_PER_MINUTE):
        messages.error(request, _("Too many tries. Wait a minute, then enter your code again."))
        return redirect("assessment_start")
    code = request.POST.get("code", "")[:40]
    draft = drafts.resume(request, code)
    if draft is None:
        messages.error(
            request, _("No draft has that code, or it is older than 30 days. Check the code, or start again.")
        )
        return TemplateResponse(
            request, "assessment/start.html", {"draft": None, "steps": STEPS, "code": code}, status=404
        )
    messages.success(request, _("Welcome back. Your answers are as you left them."))
    missing = first_missing(draft.answers)
    return redirect("assessment_step", slug=missing) if missing else redirect("assessment_review")


def _draft_or_start(request):
    draft = drafts.current(request)
    if draft is None:
        messages.info(request, _("Start the self-assessment here, or resume a draft with its code."))
    return draft


def step(request, slug):
    if slug not in BY_SLUG:
        raise Http404
    draft = _draft_or_start(request)
    if draft is None:
        return redirect("assessment_start")
    position = STEP_SLUGS.index(slug)
    missing = first_missing(draft.answers)
    if missing is not None and STEP_SLUGS.index(missing) < position:
        messages.info(request, _("Please finish this step first."))
        return redirect("assessment_step", slug=missing)
    pending = draft.answers.get("pending", {}).get(slug)
    if request.method == "POST":
        data = request.POST
        if slug == "debts":
            rows = debt_rows(data)
            if "add_debt" in data or "remove_debt" in data:
                if "remove_debt" in data:
                    rows = [row for i, row in enumerate(rows) if str(i) != data["remove_debt"]] or [{}]
                else:
                    rows.append({})
                form = DebtFormSet(debt_data(rows), prefix=DEBTS_PREFIX)
                return _render_step(request, draft, slug, form, quiet=True)
        form = _bound(slug, data)
        going_back = data.get("go") == "back"
        if form.is_valid():
            draft.answers.setdefault("pending", {}).pop(slug, None)
            draft.save_step(slug, _stored(slug, form))
            checking = slug == "spending" and not going_back and "checked" not in data
            notes = presentation.spending_notes(draft, form) if checking else {}
            if notes:
                # Saved, but shown once more with the notes: a typo (an extra zero) is caught here.
                return _render_step(request, draft, slug, form, quiet=True, checking=True, notes=notes)
            if going_back:
                return redirect(_previous(position))
            return (
                redirect("assessment_step", slug=STEP_SLUGS[position + 1])
                if position + 1 < len(STEP_SLUGS)
                else redirect("assessment_review")
            )
        if going_back:
            # What was typed is kept as typed, errors and all, for when the borrower comes back.
            draft.save_step("pending", {**draft.answers.get("pending", {}), slug: _raw(slug, data)})
            return redirect(_previous(position))
        return _render_step(request, draft, slug, form, status=400)
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    if pending is not None:
        form = _bound(slug, pending)
        form.is_valid()
    else:
        form = _initial(slug, draft.answers.get(slug))
    return _render_step(request, draft, slug, form)


def _previous(position):
    return (
        reverse("assessment_step", args=[STEP_SLUGS[position - 1]])
        if position
        else reverse("assessment_start")
    )


def _bound(slug, data):
    if slug == "debts":
        return DebtFormSet(data, prefix=DEBTS_PREFIX)
    return BY_SLUG[slug].form_class(data)


def _initial(slug, saved):
    if slug == "debts":
        return DebtFormSet(initial=saved or None, prefix=DEBTS_PREFIX)
    return BY_SLUG[slug].form_class(initial=saved or None)


def _stored(slug, form):
    if slug == "debts":
        return [f.stored() for f in form.forms if f.has_changed() and f not in form.deleted_forms]
    return form.stored()


def _raw(slug, data):
    """What was typed, as typed, less NUL characters (PostgreSQL's JSON refuses them; nobody types one)."""
    if slug == "debts":
        return {key: _printable(value) for key, value in debt_data(debt_rows(data)).items()}
    form_class = BY_SLUG[slug].form_class
    names = list(form_class().fields)
    return {
        name: [_printable(v) for v in data.getlist(name)]
        if name == "reasons"
        else _printable(data.get(name, ""))
        for name in names
    }


def _printable(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


def debt_rows(data):
    """The debt rows of a posted formset, in order, without the ones ticked for removal."""
    try:
        total = min(int(data.get(f"{DEBTS_PREFIX}-TOTAL_FORMS", 0)), 20)
    except ValueError:
        total = 0
    return [
        {field: data.get(f"{DEBTS_PREFIX}-{i}-{field}", "") for field in DEBT_FIELDS}
        for i in range(total)
        if not data.get(f"{DEBTS_PREFIX}-{i}-DELETE")
    ]


def debt_data(rows):
    data = {
        f"{DEBTS_PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{DEBTS_PREFIX}-INITIAL_FORMS": "0",
        f"{DEBTS_PREFIX}-MIN_NUM_FORMS": "1",
        f"{DEBTS_PREFIX}-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        for field, value in row.items():
            data[f"{DEBTS_PREFIX}-{i}-{field}"] = value
    return data


def _render_step(request, draft, slug, form, status=200, quiet=False, checking=False, notes=None):
    position = STEP_SLUGS.index(slug)
    if notes is None:
        notes = presentation.spending_notes(draft, form) if slug == "spending" else {}
    context = {
        "draft": draft,
        "step": BY_SLUG[slug],
        "steps": STEPS,
        "number": position + 1,
        "total": len(STEPS) + 2,  # the review and the results come after the steps
        "form": form,
        "quiet": quiet,
        "checking": checking,
        "notes": notes,
    }
    return TemplateResponse(request, f"assessment/step_{slug}.html", context, status=status)


def with_complete_draft(view):
    """Runs `view(request, draft)` once every step has answers; otherwise sends the borrower to the start or
    to the first step still missing."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        draft = _draft_or_start(request)
        if draft is None:
            return redirect("assessment_start")
        missing = first_missing(draft.answers)
        if missing:
            messages.info(request, _("Please finish this step first."))
            return redirect("assessment_step", slug=missing)
        return view(request, draft, *args, **kwargs)

    return wrapper


@with_complete_draft
def review(request, draft):
    context = {"draft": draft, "steps": STEPS, "number": len(STEPS) + 1, "total": len(STEPS) + 2}
    context.update(presentation.review(draft.answers))
    return TemplateResponse(request, "assessment/review.html", context)


@with_complete_draft
def results(request, draft):
    figures = compute(draft.answers)
    context = {
        "draft": draft,
        "figures": figures,
        "matches": match_options(draft.answers, figures),
        "number": len(STEPS) + 2,
        "total": len(STEPS) + 2,
        **presentation.results(draft.answers, figures),
    }
    return TemplateResponse(request, "assessment/results.html", context)


@with_complete_draft
def letter(request, draft):
    figures = compute(draft.answers)
    texts = letters.texts(draft, figures)
    if request.method == "POST":
        edited = {
            str(i): request.POST.get(f"letter-{i}", "")[: letters.MAX_LETTER_CHARS] for i in range(len(texts))
        }
        draft.letters = {key: value for key, value in edited.items() if value.strip()}
        draft.save()
        messages.success(request, _("Your changes to the letters are saved."))
        return redirect("assessment_letter")
    return TemplateResponse(
        request,
        "assessment/letter.html",
        {
            "draft": draft,
            "figures": figures,
            "letters": letters.with_edits(draft, texts),
            "print": "print" in request.GET,
        },
    )


@with_complete_draft
def letter_pdf(request, draft):
    shown = letters.with_edits(draft, letters.texts(draft, compute(draft.answers)))
    content = pdf.letters_pdf(
        [letter["text"] for letter in shown], translation.get_language(), _("Request letters")
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="letters-{draft.resume_code}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@with_complete_draft
def submit(request, draft):
    """A signed-in borrower with a verified email sends the request, with separate consent."""
    if not request.user.is_authenticated:
        messages.info(request, _("Log in or create a free account to submit. Your answers are kept."))
        return redirect_to_login(request.get_full_path())
    verified = EmailAddress.objects.filter(user=request.user, verified=True).exists()
    form = SubmitForm(request.POST or None)
    if request.method == "POST" and verified and form.is_valid():
        consent_text = f"{form.fields['consent'].label}\n{form.fields['truthful'].label}"
        try:
            made, created = submission.submit(draft, request.user, consent_text, request)
        except DatabaseError:
            # The submission is one transaction: nothing of it was kept and nothing was mailed. The person is
            # told so, with their answers and ticks in place, instead of an error page.
            logger.exception("submitting assessment %s failed", draft.pk)
            messages.error(
                request,
                _("Your request could not be sent just now, and nothing was sent. Your answers are kept: "
                  "please try again in a moment."),
            )  # fmt: skip
            return _submit_page(request, draft, form, verified, status=503)
        if not created:
            messages.info(request, _("This request was already submitted; it was not sent twice."))
        return redirect("assessment_submitted", reference=made.reference)
    return _submit_page(request, draft, form, verified, status=400 if form.is_bound else 200)


def _submit_page(request, draft, form, verified, status):
    return TemplateResponse(
        request,
        "assessment/submit.html",
        {"draft": draft, "form": form, "verified": verified, "figures": compute(draft.answers)},
        status=status,
    )


@login_required
def submitted(request, reference):
    made = NegotiationRequest.objects.filter(reference=reference, borrower=request.user).first()
    if made is None:
        raise Http404
    return TemplateResponse(request, "assessment/submitted.html", {"made": made})
