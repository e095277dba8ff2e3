"""Evidence files: accepted for what their bytes are (PDF, JPEG, PNG), at most 10 MB each and 10 per
request; photos re-encoded without their EXIF; PDFs with scripts, attachments or encryption refused; stored
outside the public media and sent only to the borrower and the team, as attachments. Every refusal leaves the
request as it was and says why, beside the description the borrower typed."""

import io
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from reportlab.pdfgen import canvas

from portal.negotiation import evidence, workflow
from portal.negotiation.models import Evidence, NegotiationRequest, RequestEvent
from tests.helpers import demo_user, make_user, tags, team_login
from tests.negotiation.test_requests import submitted  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db


# Files made here, the way a phone, a scanner or an attacker would make them.


def photo_with_gps():
    """A real JPEG from a "phone": EXIF with the camera and a GPS position."""
    image = Image.effect_noise((64, 48), 40).convert("RGB")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Orientation] = 1
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 14.0, 9.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (121.0, 28.0, 1.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def screenshot_png(text="secret-comment", size=(40, 30)):
    """A real PNG with a text chunk (where editors keep names, paths and software)."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGBA", size, (10, 120, 200, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def payslip_pdf():
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(100, 700, "Payslip 2026-10: 4,200.00")
    page.save()
    return out.getvalue()


PAYSLIP = payslip_pdf()  # once: reportlab stamps each document with its time and a random id


def pypdf_document(change=None):
    """A one-page PDF written by pypdf, after `change(writer)` had its way with it."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if change:
        change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_open_action_script(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )


def with_document_script(writer):
    # A document-level script in the /Names tree, run when the file opens.
    action = writer._add_object(
        DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(2)")}
        )
    )
    tree = writer._add_object(
        DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("s"), action])})
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def with_attachment(writer):
    writer.add_attachment("invoice.exe", b"MZ not really a program")


def with_password(writer):
    writer.encrypt("secret")


def with_goto_open_action(writer):
    # "Open at the first page": a harmless open action many PDF tools write.
    page = writer.pages[0].indirect_reference
    writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])


def upload(name, content, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type=content_type)


def post(client, made, *files, description=""):
    return client.post(
        f"/accounts/me/requests/{made.reference}/evidence/", {"file": list(files), "description": description}
    )


@pytest.fixture(autouse=True)
def private_files():
    """Stored files are real files; the ones a test made are removed after it (the database rolls back)."""
    root = Path(settings.PRIVATE_FILES_ROOT)
    before = set(root.rglob("*")) if root.exists() else set()
    yield root
    for path in set(root.rglob("*")) - before if root.exists() else ():
        if path.is_file():
            path.unlink()


def inputs(html, field_name, **attrs):
    """The form inputs named `field_name` (`tags` takes `name` as the tag's name)."""
    return [found for found in tags(html, "input", **attrs) if found.get("name") == field_name]


def stored_bytes(found):
    with found.file.open("rb") as handle:
        return handle.read()


def assert_refused(response, made, *names):
    """A refused post: the request page again (400) with an alert naming the files, and nothing stored."""
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    for name in names:
        assert name in html
    assert not Evidence.objects.filter(request=made).exists()
    assert not RequestEvent.objects.filter(request=made, kind=RequestEvent.EVIDENCE).exists()


# Accepted files.


def test_a_photo_is_stored_without_its_exif_and_gps(client, submitted, private_files):  # noqa: F811
    original = photo_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test's premise
    response = post(client, submitted, upload("IMG_0042.JPG", original, "image/jpeg"), description="工资单")
    assert response.status_code == 302
    found = Evidence.objects.get(request=submitted)
    body = stored_bytes(found)
    stored = Image.open(io.BytesIO(body))
    assert stored.format == "JPEG" and stored.size == (64, 48)
    assert not stored.getexif() and b"SecretCam" not in body and b"Exif" not in body
    assert (found.content_type, found.original_name, found.description) == (
        "image/jpeg",
        "IMG_0042.JPG",
        "工资单",
    )
    assert found.size == len(body)
    # Stored privately under a random name with the sniffed extension, never in the public media.
    path = Path(found.file.path).resolve()
    assert path.is_relative_to(private_files.resolve()) and not path.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "IMG_0042" not in path.name and path.suffix == ".jpg"
    event = submitted.events.get(kind=RequestEvent.EVIDENCE)
    assert (event.actor, event.internal, event.note) == (submitted.borrower, False, "IMG_0042.JPG")
    assert event.address == "127.0.0.1"


def test_several_files_at_once_png_and_pdfs(client, submitted):  # noqa: F811
    response = post(
        client,
        submitted,
        upload("screen.png", screenshot_png(), "image/png"),
        upload("payslip.pdf", PAYSLIP, "application/pdf"),
        upload("blank.pdf", pypdf_document(with_goto_open_action), "application/pdf"),
    )
    assert response.status_code == 302
    files = list(Evidence.objects.filter(request=submitted))
    assert [f.content_type for f in files] == ["image/png", "application/pdf", "application/pdf"]
    png = stored_bytes(files[0])
    assert Image.open(io.BytesIO(png)).format == "PNG" and b"secret-comment" not in png
    assert stored_bytes(files[1]) == PAYSLIP and files[1].size == len(PAYSLIP)  # PDFs are kept as given
    assert submitted.events.filter(kind=RequestEvent.EVIDENCE).count() == 3
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    for found in files:
        assert tags(page, "a", href=f"/accounts/me/requests/{submitted.reference}/evidence/{found.pk}/")


def test_a_file_the_team_asked_for_puts_the_request_back_in_review(client, submitted):  # noqa: F811
    worker = demo_user("negotiator@example.com")
    workflow.change_status(submitted, NegotiationRequest.IN_REVIEW, worker)
    workflow.change_status(submitted, NegotiationRequest.INFO_REQUESTED, worker)
    assert post(client, submitted, upload("payslip.pdf", PAYSLIP)).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == NegotiationRequest.IN_REVIEW
    back = submitted.events.last()
    assert (back.from_status, back.to_status, back.actor) == (
        "info_requested",
        "in_review",
        submitted.borrower,
    )


def test_the_type_comes_from_the_content_not_the_name(client, submitted):  # noqa: F811
    response = post(client, submitted, upload("银行流水.pdf", screenshot_png(), "application/pdf"))
    assert response.status_code == 302
    found = Evidence.objects.get(request=submitted)
    assert found.content_type == "image/png" and found.file.name.endswith(".png")
    download = client.get(f"/accounts/me/requests/{submitted.reference}/evidence/{found.pk}/")
    assert download["Content-Type"] == "image/png"
    # Saved under the name given, with the extension of what the file really is.
    assert "filename*=utf-8''%E9%93%B6%E8%A1%8C%E6%B5%81%E6%B0%B4.png" in download["Content-Disposition"]


def test_an_upload_without_the_csrf_token_is_refused(submitted):  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(submitted.borrower)
    response = post(browser, submitted, upload("screen.png", screenshot_png(), "image/png"))
    assert response.status_code == 403 and not submitted.evidence.exists()
    page = browser.get(f"/accounts/me/requests/{submitted.reference}/")
    token = tags(page.content.decode(), "input", type="hidden")
    token = next(found["value"] for found in token if found.get("name") == "csrfmiddlewaretoken")
    response = browser.post(
        f"/accounts/me/requests/{submitted.reference}/evidence/",
        {"file": upload("screen.png", screenshot_png(), "image/png"), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302 and submitted.evidence.count() == 1


# Refused files: each leaves the request unchanged and says which file and why.


@pytest.mark.parametrize(
    "name, content",
    [
        ("photo.jpg", b"<html><body><script>alert(document.cookie)</script></body></html>"),
        ("logo.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>'),
        ("payslip.pdf", b"MZ\x90\x00\x03 a Windows program"),
        ("notes.jpg", b""),
        ("broken.jpg", b"\xff\xd8\xff\xe0 not really a jpeg at all"),
        ("broken.pdf", b"%PDF-1.7\n this is not a PDF body"),
    ],
)
def test_other_content_is_refused_whatever_its_name(client, submitted, name, content):  # noqa: F811
    response = post(client, submitted, upload(name, content, "image/jpeg"), description="我的说明")
    assert_refused(response, submitted, name)
    # The description typed is kept in the form shown again.
    assert inputs(response.content.decode(), "description", value="我的说明")


@pytest.mark.parametrize(
    "change",
    [with_open_action_script, with_document_script, with_attachment, with_password],
    ids=["open-action-script", "document-script", "embedded-file", "encrypted"],
)
def test_pdfs_that_act_or_hide_things_are_refused(client, submitted, change):  # noqa: F811
    content = pypdf_document(change)
    PdfReader(io.BytesIO(content))  # a PDF pypdf reads: refused for what it holds, not for being broken
    response = post(client, submitted, upload("letter.pdf", content, "application/pdf"))
    assert_refused(response, submitted, "letter.pdf")


def test_one_bad_file_refuses_the_whole_post(client, submitted):  # noqa: F811
    response = post(
        client,
        submitted,
        upload("good.png", screenshot_png(), "image/png"),
        upload("evil.jpg", b"<script>alert(1)</script>", "image/jpeg"),
    )
    assert_refused(response, submitted, "evil.jpg")


def test_a_file_over_10_mb_is_refused(client, submitted):  # noqa: F811
    big = photo_with_gps() + b"\0" * (evidence.MAX_BYTES + 1)
    response = post(client, submitted, upload("scan.jpg", big, "image/jpeg"))
    assert_refused(response, submitted, "scan.jpg")


def test_a_picture_too_large_to_decode_is_refused(client, submitted):  # noqa: F811
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, format="PNG")  # tiny on disk, 81 million pixels decoded
    assert len(out.getvalue()) < evidence.MAX_BYTES
    response = post(client, submitted, upload("bomb.png", out.getvalue(), "image/png"))
    assert_refused(response, submitted, "bomb.png")


def test_no_file_chosen_is_refused(client, submitted):  # noqa: F811
    assert_refused(post(client, submitted, description="忘了选文件"), submitted)


def test_at_most_ten_files_per_request(client, submitted):  # noqa: F811
    ten = [upload(f"page-{n}.png", screenshot_png(size=(5 + n, 5)), "image/png") for n in range(10)]
    assert post(client, submitted, *ten).status_code == 302
    assert submitted.evidence.count() == 10
    eleventh = post(client, submitted, upload("page-11.png", screenshot_png(), "image/png"))
    assert eleventh.status_code == 400 and 'role="alert"' in eleventh.content.decode()
    assert submitted.evidence.count() == 10
    assert submitted.events.filter(kind=RequestEvent.EVIDENCE).count() == 10
    # The page no longer offers the form.
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    assert not tags(page, "input", type="file")


def test_more_than_ten_in_one_post_are_refused(client, submitted):  # noqa: F811
    eleven = [upload(f"page-{n}.png", screenshot_png(), "image/png") for n in range(11)]
    assert_refused(post(client, submitted, *eleven), submitted)


def test_a_closed_or_withdrawn_request_takes_no_evidence(client, submitted):  # noqa: F811
    workflow.change_status(submitted, NegotiationRequest.WITHDRAWN, submitted.borrower)
    response = post(client, submitted, upload("late.png", screenshot_png(), "image/png"))
    assert_refused(response, submitted)
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    assert not tags(page, "form", id="evidence-form")


def test_the_form_says_what_is_accepted(client, submitted):  # noqa: F811
    page = client.get(f"/accounts/me/requests/{submitted.reference}/").content.decode()
    (form,) = tags(page, "form", id="evidence-form")
    assert form["enctype"] == "multipart/form-data"
    (field,) = inputs(page, "file", type="file")
    assert "multiple" in field and "image/png" in field["accept"] and ".pdf" in field["accept"]
    assert field.get("aria-describedby")


# Who can download.


@pytest.fixture
def stored(client, submitted):  # noqa: F811
    post(client, submitted, upload("payslip.pdf", PAYSLIP, "application/pdf"))
    return Evidence.objects.get(request=submitted)


def test_the_owner_downloads_an_attachment(client, stored):
    response = client.get(f"/accounts/me/requests/{stored.request.reference}/evidence/{stored.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PAYSLIP
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "payslip.pdf" in response["Content-Disposition"]
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control and "public" not in cache_control


@pytest.mark.parametrize("who", ["anonymous", "another borrower", "editor", "team member"])
def test_nobody_else_downloads_from_the_borrower_url(stored, who):
    other = Client()
    if who == "another borrower":
        other.force_login(make_user(email="other@example.com"))
    elif who == "editor":
        other.force_login(demo_user("editor@example.com"))
    elif who == "team member":
        team_login(other, demo_user("negotiator@example.com"))
    url = f"/accounts/me/requests/{stored.request.reference}/evidence/{stored.pk}/"
    response = other.get(url)
    assert response.status_code == 404
    # Nor can they add files to it.
    upload_response = other.post(
        f"/accounts/me/requests/{stored.request.reference}/evidence/",
        {"file": upload("x.png", screenshot_png(), "image/png")},
    )
    assert upload_response.status_code == 404
    assert stored.request.evidence.count() == 1


def test_the_team_downloads_from_the_admin(stored):
    team = team_login(Client(), demo_user("negotiator@example.com"))
    inspect = team.get(f"/admin/negotiation_requests/inspect/{stored.request.pk}/").content.decode()
    assert tags(inspect, "a", href=f"/admin/negotiation/evidence/{stored.pk}/")
    response = team.get(f"/admin/negotiation/evidence/{stored.pk}/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PAYSLIP
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The admin adds its own never-cache directives; private and no-store are what matter.
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.mark.parametrize("email", ["editor@example.com", "moderator@example.com", "owner@example.com"])
def test_no_one_outside_the_team_downloads_from_the_admin(stored, email):
    other = Client()
    other.force_login(demo_user(email))
    assert other.get(f"/admin/negotiation/evidence/{stored.pk}/").status_code == 404


def test_a_missing_file_is_a_404_not_an_error(client, stored):
    stored.file.storage.delete(stored.file.name)
    assert (
        client.get(f"/accounts/me/requests/{stored.request.reference}/evidence/{stored.pk}/").status_code
        == 404
    )


# Whatever arrives, never a server error.

MAGIC = st.sampled_from([b"", b"%PDF-1.4\n", b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n"])


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    head=MAGIC, body=st.binary(max_size=3000), name=st.text(max_size=80), description=st.text(max_size=300)
)
def test_arbitrary_uploads_never_fail_the_server(client, submitted, head, body, name, description):  # noqa: F811
    before = submitted.evidence.count()
    response = client.post(
        f"/accounts/me/requests/{submitted.reference}/evidence/",
        {"file": upload(name.replace("\0", "") or "f", head + body), "description": description},
    )
    assert response.status_code in (302, 400)
    assert submitted.evidence.count() == before + (response.status_code == 302)


# Two uploads at the same moment cannot pass the limit (PostgreSQL's row locks; SQLite serialises writers).


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")
def test_simultaneous_uploads_never_make_eleven():
    borrower = make_user(email="racer-evidence@example.com")
    made = NegotiationRequest.objects.create(
        borrower=borrower, snapshot={}, consent_text="yes", consented_at="2026-11-02T10:00:00+08:00"
    )
    png = screenshot_png()
    before = set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.png"))

    def one_file(name):
        return evidence.check(upload(name, png, "image/png"))

    evidence.add(made, [one_file(f"{n}.png") for n in range(8)], borrower)
    racers, barrier, outcomes = 6, threading.Barrier(6), [None] * 6

    def run(i):
        try:
            checked = [one_file(f"racer-{i}.png")]
            barrier.wait()
            outcomes[i] = evidence.add(made, checked, borrower)
        except Exception as error:  # noqa: BLE001 - every outcome is counted below
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(isinstance(outcome, list) for outcome in outcomes) == 2
    assert all(isinstance(o, (list, evidence.Refused)) for o in outcomes), outcomes
    assert Evidence.objects.filter(request=made).count() == 10
    # The refused racers left no file behind: what is on disk now is exactly what the rows name.
    on_disk = set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.png")) - before
    assert on_disk == {Path(e.file.path) for e in Evidence.objects.filter(request=made)}
