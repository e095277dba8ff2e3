"""A borrower's privacy rights: a zip of everything they gave (and nothing of the team's or anyone else's),
withdrawing consent (the request withdrawn, its files deleted), and deleting the account (no more log-in at
once; names and free text removed from the requests once the retention period is over)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.accounts.privacy import safe_name
from portal.assessment.models import Assessment
from portal.negotiation import workflow
from portal.negotiation.models import Evidence, Message, NegotiationRequest, Note, Offer, RequestEvent
from tests.assessment.test_wizard import walk
from tests.helpers import demo_user, make_user, tags
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-unusual-passphrase"  # make_user's
PDF = b"%PDF-1.4\n% a payslip\n%%EOF\n"


def add_evidence(made, content=PDF, name="工资单.pdf"):
    evidence = Evidence(
        request=made, uploaded_by=made.borrower, original_name=name, content_type="application/pdf",
        size=len(content),
    )  # fmt: skip
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


def request_of(email):
    """Another borrower's submitted request, made through the wizard like the `submitted` fixture's."""
    client = Client()
    walk(client)
    client.force_login(make_user(email=email))
    client.post("/assessment/submit/", {"consent": "on", "truthful": "on"})
    return NegotiationRequest.objects.get(borrower__email=email)


def team_writes(made):
    worker = demo_user("negotiator@example.com")
    Message.objects.create(request=made, author=worker, from_team=True, body="TEAM-ASKS for a payslip")
    Note.objects.create(request=made, author=worker, body="INTERNAL-NOTE seems fine")
    RequestEvent.objects.create(
        request=made, kind=RequestEvent.NOTE, actor=worker, internal=True, note="INTERNAL-EVENT"
    )
    Offer.objects.create(
        request=made, kind=Offer.INSTALMENTS, balance="15000.00", months=24, monthly_amount="625.00",
        start_date=timezone.localdate() + timedelta(days=30), explanation="OFFER-EXPLAINED", made_by=worker,
    )  # fmt: skip


def download(client):
    response = client.post("/accounts/me/data/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_json_and_the_files_and_nothing_of_the_team_or_anyone_else(client, submitted):  # noqa: F811
    first = add_evidence(submitted)
    add_evidence(submitted, b"%PDF-1.4\nsecond\n%%EOF\n", name="../../工资单.pdf")
    Message.objects.create(request=submitted, author=submitted.borrower, body="MY-OWN-WORDS")
    team_writes(submitted)
    other = request_of("other@example.com")
    add_evidence(other, b"%PDF-1.4\nOTHER-PERSON\n%%EOF\n", name="other.pdf")
    Message.objects.create(request=other, author=other.borrower, body="OTHER-PERSON writes")

    page = client.get("/accounts/me/data/")
    assert page.status_code == 200 and tags(page.content.decode(), "form", action="/accounts/me/data/")
    archive = download(client)
    folder = f"evidence/{submitted.display_reference}"
    assert sorted(archive.namelist()) == sorted(
        ["data.json", f"{folder}/工资单.pdf", f"{folder}/工资单 (2).pdf"]
    )
    assert archive.read(f"{folder}/工资单.pdf") == PDF
    everything = b"".join(archive.read(name) for name in archive.namelist()).decode()
    for secret in ("INTERNAL-NOTE", "INTERNAL-EVENT", "OTHER-PERSON", "other@example.com"):
        assert secret not in everything

    data = json.loads(archive.read("data.json"))
    assert data["account"]["email"] == "owner@example.com"
    [made] = data["requests"]
    assert made["reference"] == submitted.display_reference and made["status"] == "submitted"
    assert "招商银行信用卡" in json.dumps(made["snapshot"], ensure_ascii=False) and made["letters"]
    assert [m["body"] for m in made["messages"]] == ["MY-OWN-WORDS", "TEAM-ASKS for a payslip"]
    assert [e["what"] for e in made["events"]] == ["submitted"]
    assert made["offers"][0]["monthly_amount"] == "625.00" and made["offers"][0]["months"] == 24
    assert made["evidence"][0]["file"] == f"{folder}/工资单.pdf"
    assert made["evidence"][0]["original_name"] == first.original_name
    assert made["consent_text"] == submitted.consent_text


def test_a_file_missing_from_storage_does_not_break_the_download(client, submitted):  # noqa: F811
    evidence = add_evidence(submitted)
    evidence.file.storage.delete(evidence.file.name)
    archive = download(client)
    assert archive.namelist() == ["data.json"]
    assert json.loads(archive.read("data.json"))["requests"][0]["evidence"][0]["file"] is None


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\证明.png", "证明.png"),
        ("a\x00b<>.pdf", "ab__.pdf"),
        ("...", "file.pdf"),
    ],
)
def test_names_inside_the_zip_are_plain_file_names(given_name, expected):
    assert safe_name(given_name, ".pdf") == expected


def test_anonymous_visitors_are_sent_to_log_in_to_delete_an_account():
    for response in (Client().get("/accounts/me/delete/"), Client().post("/accounts/me/delete/")):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", ["/accounts/me/data/", "/accounts/me/requests/0123456789/consent/withdraw/"])
def test_a_signed_out_visitor_gets_a_404_that_offers_signing_in_for_personal_data(url):
    for response in (Client().get(url), Client().post(url)):
        assert response.status_code == 404
        assert tags(response.content.decode(), "a", href=f"/accounts/login/?next={url}")


def test_withdrawing_consent_withdraws_the_request_and_deletes_its_files(
    client,
    submitted,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    evidence = add_evidence(submitted)
    storage, stored = evidence.file.storage, evidence.file.name
    url = f"/accounts/me/requests/{submitted.reference}/consent/withdraw/"
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    assert tags(page, "form", action=url)

    unconfirmed = client.post(url)
    assert unconfirmed.status_code == 400 and tags(unconfirmed.content.decode(), "form", action=url)
    submitted.refresh_from_db()
    assert submitted.consent_withdrawn_at is None and storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"understood": "on"})
    assert done.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == NegotiationRequest.WITHDRAWN and submitted.consent_withdrawn_at is not None
    assert [e.kind for e in submitted.events.all()] == ["submitted", "status", "consent"]
    assert not Evidence.objects.filter(request=submitted).exists() and not storage.exists(stored)
    client.post(url, {"understood": "on"})
    assert submitted.events.count() == 3
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    assert not tags(page, "form", action=url)


def test_consent_withdrawn_after_an_agreement_leaves_the_status(client, submitted):  # noqa: F811
    worker = demo_user("negotiator@example.com")
    for status in (NegotiationRequest.IN_REVIEW, NegotiationRequest.OFFER_MADE):
        workflow.change_status(submitted, status, worker)
    workflow.change_status(submitted, NegotiationRequest.ACCEPTED, submitted.borrower)
    client.post(f"/accounts/me/requests/{submitted.reference}/consent/withdraw/", {"understood": "on"})
    submitted.refresh_from_db()
    assert submitted.status == NegotiationRequest.ACCEPTED and submitted.consent_withdrawn_at is not None


@pytest.mark.parametrize("who", ["another borrower", "editor", "team member"])
def test_nobody_else_withdraws_consent(submitted, who):  # noqa: F811
    other = Client()
    user = {
        "another borrower": lambda: make_user(email="other@example.com"),
        "editor": lambda: demo_user("editor@example.com"),
        "team member": lambda: demo_user("negotiator@example.com"),
    }[who]()
    other.force_login(user)
    response = other.post(
        f"/accounts/me/requests/{submitted.reference}/consent/withdraw/", {"understood": "on"}
    )
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.consent_withdrawn_at is None and submitted.status == NegotiationRequest.SUBMITTED


def test_deleting_the_account_blocks_log_in_and_anonymises_after_the_retention_period(
    client,
    submitted,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    owner = submitted.borrower
    evidence = add_evidence(submitted)
    storage, stored = evidence.file.storage, evidence.file.name
    Message.objects.create(request=submitted, author=owner, body="MY-OWN-WORDS")
    team_writes(submitted)
    Assessment.objects.create(user=owner, answers={"situation": {"reasons": ["illness"]}})
    other = request_of("other@example.com")
    other_file = add_evidence(other, name="other.pdf")
    Message.objects.create(request=other, author=other.borrower, body="OTHER-PERSON writes")

    page = client.get("/accounts/me/delete/")
    assert page.status_code == 200 and tags(page.content.decode(), "input", type="password")
    wrong = client.post("/accounts/me/delete/", {"password": "not-my-password"})
    assert wrong.status_code == 400 and client.get("/accounts/me/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        gone = client.post("/accounts/me/delete/", {"password": PASSWORD})
    assert gone.status_code == 302
    assert client.get("/accounts/me/").status_code == 302
    assert client.get(f"/accounts/me/requests/{submitted.reference}/").status_code == 404
    again = Client()
    again.post("/accounts/login/", {"login": "owner@example.com", "password": PASSWORD})
    assert again.get("/accounts/me/").status_code == 302
    assert not get_user_model().objects.filter(email="owner@example.com").exists()

    owner.refresh_from_db()
    assert not owner.is_active and not owner.has_usable_password()
    assert not Assessment.objects.filter(user=owner).exists()
    submitted.refresh_from_db()
    assert submitted.borrower == owner and submitted.status == NegotiationRequest.WITHDRAWN
    assert not storage.exists(stored) and storage.exists(other_file.file.name)
    # Within the retention period the team still has the request as it was.
    call_command("purge_deleted_accounts", stdout=io.StringIO())
    submitted.refresh_from_db()
    assert "招商银行信用卡" in json.dumps(submitted.snapshot, ensure_ascii=False)

    get_user_model().objects.filter(pk=owner.pk).update(last_login=timezone.now() - timedelta(days=181))
    output = io.StringIO()
    call_command("purge_deleted_accounts", stdout=output)
    assert "1" in output.getvalue()
    submitted.refresh_from_db()
    text = json.dumps(submitted.snapshot, ensure_ascii=False)
    assert "招商银行信用卡" not in text and submitted.snapshot["figures"]["affordable"]
    assert submitted.letters == [] and not submitted.creditors.exclude(name="").exists()
    assert set(Message.objects.filter(request=submitted).values_list("body", flat=True)) == {""}
    assert submitted.risk_band and submitted.creditors.exists()
    other.refresh_from_db()
    assert "招商银行信用卡" in json.dumps(other.snapshot, ensure_ascii=False)
    assert Message.objects.get(request=other).body == "OTHER-PERSON writes"
    assert other.borrower.is_active and storage.exists(other_file.file.name)
    output = io.StringIO()
    call_command("purge_deleted_accounts", stdout=output)
    assert "Anonymised 0 " in output.getvalue()


text = st.text(max_size=200)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(password=text, understood=st.one_of(st.none(), text))
def test_any_post_gets_an_answer_not_a_server_error(client, submitted, password, understood):  # noqa: F811
    response = client.post("/accounts/me/delete/", {"password": password})
    assert response.status_code in (400, 429)
    data = {} if understood is None else {"understood": understood}
    response = client.post(f"/accounts/me/requests/{submitted.reference}/consent/withdraw/", data)
    assert response.status_code in (302, 400)
    assert get_user_model().objects.get(pk=submitted.borrower_id).is_active
