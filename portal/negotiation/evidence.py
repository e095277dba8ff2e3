"""Evidence a borrower gives in support of a request: checking each upload by its content, and storing it.

A file is accepted for what its bytes are, never for its name or the type the browser claims: PDF, JPEG and
PNG only, at most 10 MB each and 10 per request. Images are decoded and re-encoded from their pixels alone, so
EXIF (GPS position, camera, time), text chunks and anything hidden after the image data are gone; pictures too
large to decode safely are refused. PDFs are stored as given, but only after pypdf has read every object and
found no script, launch action, automatic action, embedded file or encryption. Stored files get a random name
in the private storage (outside the public media), with the extension of the type found in them.

`check(upload)` turns one upload into a `Checked` file or raises `Refused`; `add(...)` stores checked files on
a request under its row lock, so that simultaneous uploads can never make more than 10.
"""

import os
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass

from django import forms
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from portal.client import client_address

from . import workflow
from .models import Evidence, NegotiationRequest, RequestEvent

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
# Pillow warns above this many pixels and refuses twice as many; we refuse from the warning on. 50 million
# pixels keeps every phone photo and scan, and caps the memory one decoded image can take (about 200 MB).
MAX_PIXELS = 50_000_000

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf"}
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"

# Names that make a PDF do something when it is opened or used: scripts, launching programs, automatic
# actions, embedded files and the forms and media that carry them.
PDF_DANGEROUS_KEYS = {
    "/JavaScript", "/JS", "/Launch", "/AA", "/OpenAction", "/EmbeddedFiles", "/EmbeddedFile", "/XFA",
    "/RichMedia", "/Encrypt",
}  # fmt: skip
PDF_DANGEROUS_VALUES = {
    "/JavaScript", "/Launch", "/EmbeddedFile", "/FileAttachment", "/ImportData", "/RichMedia",
    "/RichMediaExecute", "/Rendition", "/Sound", "/Movie", "/GoToE", "/SubmitForm",
}  # fmt: skip
# /OpenAction is only dangerous when what it does is dangerous: "open at page 1, fit width" is common.
PDF_HARMLESS_OPEN_ACTIONS = {"/GoTo"}
# A bound on the dictionaries and arrays read, so a crafted file cannot keep a worker busy for long.
PDF_MAX_OBJECTS = 200_000

CLOSED_STATUSES = {NegotiationRequest.CLOSED, NegotiationRequest.WITHDRAWN}


class Refused(Exception):
    """An upload or a whole post that is not accepted; `message` says why, for the person who sent it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Checked:
    """A file that passed the checks: what to store (re-encoded for images), its type and the name it had."""

    content: File
    content_type: str
    original_name: str
    size: int

    @property
    def extension(self):
        return EXTENSIONS[self.content_type]


def sniff(head):
    """The type the first bytes of a file show, or None: a PDF, a JPEG or a PNG, nothing else."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def clean_name(name):
    """The upload's own name, kept only to show it back: no folders, no control characters, 200 at most."""
    name = os.path.basename(str(name or "").replace("\\", "/"))
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C").strip()
    return name[-200:] or "file"


def download_name(evidence):
    """The name a download is saved under: the name as uploaded, with the extension of what the file is."""
    stem = os.path.splitext(evidence.original_name)[0][:150] or "evidence"
    return stem + EXTENSIONS.get(evidence.content_type, "")


def check(upload):
    """Checks one uploaded file by its content; returns it `Checked` or raises `Refused` naming the file."""
    name = clean_name(upload.name)
    if upload.size > MAX_BYTES:
        raise Refused(
            _("“%(name)s” is larger than %(limit)s.") % {"name": name, "limit": filesizeformat(MAX_BYTES)}
        )
    if upload.size == 0:
        raise Refused(_("“%(name)s” is empty.") % {"name": name})
    upload.seek(0)
    content_type = sniff(upload.read(8))
    upload.seek(0)
    if content_type is None:
        raise Refused(_("“%(name)s” is not a PDF, JPEG or PNG file.") % {"name": name})
    if content_type == PDF:
        check_pdf(upload, name)
        upload.seek(0)
        return Checked(upload, PDF, name, upload.size)
    content = reencode_image(upload, name, content_type)
    size = content.seek(0, os.SEEK_END)
    content.seek(0)
    return Checked(File(content), content_type, name, size)


def reencode_image(upload, name, content_type):
    """The image drawn again from its pixels only (turned upright first, as its EXIF said), in a temporary
    file; refused when it cannot be decoded or is too large to decode safely."""
    try:
        with warnings.catch_warnings():
            # Pillow's decompression-bomb guard warns first and raises only at twice its limit: refuse now.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload, formats=["JPEG" if content_type == JPEG else "PNG"]) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise Image.DecompressionBombError(f"{image.width}x{image.height}")
                image.load()
                upright = ImageOps.exif_transpose(image)
                pixels = _plain_pixels(upright, content_type)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise Refused(_("“%(name)s” has too many pixels to be opened safely.") % {"name": name}) from None
    except Exception:  # noqa: BLE001 - whatever Pillow finds wrong, the file is refused
        raise Refused(_("“%(name)s” could not be read as an image.") % {"name": name}) from None
    # Closed by `add` once stored (or when the post is refused, when the object is dropped).
    output = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)  # noqa: SIM115
    if content_type == JPEG:
        pixels.save(output, format="JPEG", quality=90, optimize=True)
    else:
        pixels.save(output, format="PNG", optimize=False)
    output.seek(0)
    return output


def _plain_pixels(image, content_type):
    """A new image holding nothing but the pixels: no EXIF, ICC, XMP, comments or text chunks."""
    if content_type == JPEG:
        mode = image.mode if image.mode in ("L", "RGB") else "RGB"
    else:
        has_alpha = image.mode in ("LA", "RGBA", "PA") or "transparency" in image.info
        mode = (
            image.mode if image.mode in ("1", "L", "LA", "RGB", "RGBA") else ("RGBA" if has_alpha else "RGB")
        )
    converted = image if image.mode == mode else image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def check_pdf(upload, name):
    """Raises `Refused` unless pypdf reads the whole file and finds nothing in it that acts by itself."""
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise Refused(_("“%(name)s” is encrypted or password-protected.") % {"name": name})
        if not len(reader.pages):
            raise ValueError("no pages")
        found = _dangerous_in_pdf(reader)
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - a file pypdf cannot read is refused, whatever the reason
        raise Refused(_("“%(name)s” could not be read as a PDF.") % {"name": name}) from None
    if found:
        raise Refused(
            _("“%(name)s” contains scripts, actions or attached files, which are not accepted.")
            % {"name": name}
        )


def _dangerous_in_pdf(reader):
    """Whether any object of the file (reachable from its trailer, or listed in its cross-reference table)
    holds a script, an action that runs or launches something, an embedded file or encryption."""
    roots = [reader.trailer]
    for generation, numbers in reader.xref.items():
        roots.extend(IndirectObject(number, generation, reader) for number in numbers)
    roots.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen, stack, read = set(), roots, 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, (DictionaryObject, ArrayObject)):
            read += 1
            if read > PDF_MAX_OBJECTS:
                raise ValueError("too many objects")
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                if key in PDF_DANGEROUS_KEYS and not _harmless_open_action(key, value):
                    return True
                stack.append(value)
        elif isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, NameObject) and item in PDF_DANGEROUS_VALUES:
            return True
    return False


def _harmless_open_action(key, value):
    """An /OpenAction that only shows a page: a destination array, or a /GoTo action with nothing chained."""
    if key != "/OpenAction":
        return False
    action = value.get_object()
    if isinstance(action, ArrayObject):
        return True
    return (
        isinstance(action, DictionaryObject)
        and action.get("/S") in PDF_HARMLESS_OPEN_ACTIONS
        and "/Next" not in action
    )


def refusal_for(made):
    """Why evidence cannot be added to this request now, or None."""
    if made.status in CLOSED_STATUSES:
        return _("This request is closed, so no more evidence can be added to it.")
    if made.consent_withdrawn_at is not None:
        return _("You withdrew your consent for this request, so no more evidence can be added to it.")
    return None


def room_left(made):
    return max(MAX_FILES - made.evidence.count(), 0)


def add(made, checked, uploader, http_request=None, description=""):
    """Stores checked files on the request, each with a `evidence` event the borrower sees. The request row
    is locked while its files are counted, so simultaneous uploads cannot pass the limit together; when
    anything fails, no row is kept and no stored file is left behind."""
    stored = []
    try:
        with transaction.atomic():
            locked = NegotiationRequest.objects.select_for_update().get(pk=made.pk)
            refusal = refusal_for(locked)
            if refusal:
                raise Refused(refusal)
            left = room_left(locked)
            if len(checked) > left:
                raise Refused(too_many_message(left))
            added = []
            for one in checked:
                evidence = Evidence(
                    request=locked, uploaded_by=uploader, original_name=one.original_name,
                    content_type=one.content_type, size=one.size, description=description,
                )  # fmt: skip
                evidence.file.save(f"upload{one.extension}", one.content, save=False)
                stored.append(evidence.file.name)
                evidence.save()
                RequestEvent.objects.create(
                    request=locked, kind=RequestEvent.EVIDENCE, actor=uploader, from_status=locked.status,
                    to_status=locked.status, note=one.original_name, address=client_address(http_request),
                )  # fmt: skip
                added.append(evidence)
            if locked.status == NegotiationRequest.INFO_REQUESTED and uploader == locked.borrower:
                # The file is what the team asked for, as a reply would be: the request goes back to review.
                workflow.change_status(locked, NegotiationRequest.IN_REVIEW, uploader, http_request)
    except BaseException:
        storage = Evidence._meta.get_field("file").storage
        for name in stored:
            storage.delete(name)
        raise
    finally:
        for one in checked:
            one.content.close()
    return added


def too_many_message(left):
    if left == 0:
        return _("This request already has %(limit)d files, the most it can have.") % {"limit": MAX_FILES}
    return ngettext(
        "You can add only %(left)d more file to this request (at most %(limit)d in all).",
        "You can add only %(left)d more files to this request (at most %(limit)d in all).",
        left,
    ) % {"left": left, "limit": MAX_FILES}


class UploadGuard(FileUploadHandler):
    """First upload handler of an evidence post: stops reading a file once it passes 10 MB, and files beyond
    the tenth, so an oversized post never fills the disk; the form then names what was left out."""

    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0
        self.too_big = []
        self.too_many = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        # Skipped here, not in new_file: by now every handler has opened this file, so only it is dropped.
        if self.files > MAX_FILES:
            self.too_many = True
            raise SkipFile
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            self.too_big.append(clean_name(self.file_name))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A list of files (perhaps empty: the form says what is missing, after what the upload guard found)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, required=False, **kwargs)

    def clean(self, data, initial=None):
        # Each file is checked by `check` (empty and oversized ones too, naming the file), not by FileField.
        uploads = data if isinstance(data, (list, tuple)) else [data]
        return [one for one in uploads if isinstance(one, UploadedFile)]


class EvidenceForm(forms.Form):
    """One or several files and what they show. Each file is checked by its content here; the count against
    the request's limit is checked again when they are stored (under the row lock)."""

    file = MultipleFileField(
        label=_("Files"),
        help_text=_("PDF, JPEG or PNG, at most 10 MB each and 10 files per request."),
    )
    description = forms.CharField(label=_("What they show (optional)"), max_length=200, required=False)

    def __init__(self, *args, made=None, guard=None, **kwargs):
        kwargs.setdefault("auto_id", "evidence-%s")
        super().__init__(*args, **kwargs)
        self.made, self.guard = made, guard
        self.checked = []

    def clean_file(self):
        uploads = self.cleaned_data["file"]
        problems = []
        if self.guard is not None:
            problems.extend(
                _("“%(name)s” is larger than %(limit)s.") % {"name": name, "limit": filesizeformat(MAX_BYTES)}
                for name in self.guard.too_big
            )
            if self.guard.too_many:
                problems.append(_("Choose at most %(limit)d files at a time.") % {"limit": MAX_FILES})
        if len(uploads) > MAX_FILES:
            problems.append(_("Choose at most %(limit)d files at a time.") % {"limit": MAX_FILES})
        if not uploads and not problems:
            problems.append(_("Choose at least one file."))
        if self.made is not None and not problems:
            if refusal := refusal_for(self.made):
                raise forms.ValidationError(refusal)
            left = room_left(self.made)
            if len(uploads) > left:
                raise forms.ValidationError(too_many_message(left))
        if problems:
            raise forms.ValidationError(list(dict.fromkeys(problems)))
        for upload in uploads:
            try:
                self.checked.append(check(upload))
            except Refused as refused:
                problems.append(refused.message)
        if problems:
            raise forms.ValidationError(problems)
        return uploads

    def clean_description(self):
        text = self.cleaned_data["description"]
        return "".join(char for char in text if unicodedata.category(char) != "Cc").strip()


def empty_form(made):
    return EvidenceForm(made=made)
