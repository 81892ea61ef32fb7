"""Checking an uploaded document by its content: notices, payment proofs, and the documents
the practice asks for. One sniffer (common.sniff), one storage quota per household.

The type comes from the bytes, never the name (OWASP File Upload Cheat Sheet): libmagic, the
format's signature at offset 0, and a structural check that reads a few kilobytes and never
decodes anything. The name is kept only as data. Refusals say, in plain English, what to do.

An upload is never read into memory whole: Django writes it to a temporary file
(settings.FILE_UPLOAD_HANDLERS), the sniffer seeks and reads, the digest is computed chunk
by chunk, and the storage moves or copies the file in chunks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from common.redaction import redact
from common.sniff import DamagedFile, NotAcceptedType, sniff
from notices import limits


class UploadRejected(Exception):
    """The file cannot be accepted at all; `message` tells the person what to do."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


NOTICE_FORMATS = "a PDF or a photo (JPEG, PNG, HEIC or TIFF)"


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str  # pdf, jpeg, png, heic, tiff (or the caller's sniffer's kinds)
    size: int
    sha256: str
    file: object  # the uploaded file, rewound: give it to a FileField's save()

    def read(self) -> bytes:
        """The whole file, for callers that need the bytes (small documents)."""
        self.file.seek(0)
        data = self.file.read()
        self.file.seek(0)
        return data


def upload_check(
    upload,
    *,
    what: str = "notice",
    sniffer: Callable[[bytes], str] | None = None,
    formats: str = NOTICE_FORMATS,
) -> CheckedUpload:
    """Check one uploaded file by its content and structure, without reading it whole.

    The one intake check for every upload: size, emptiness, type and structure from the
    bytes (common.sniff). ``sniffer`` (bytes -> kind, raising on anything it refuses)
    replaces the type check for other documents (transcripts accept saved web pages and
    text); a PDF it accepts still has its structure checked. ``formats`` names what is
    accepted in the refusal. ``upload`` is a Django File (an upload, a SimpleUploadedFile).
    """
    name = redact(upload.name or what)[:255]  # the client's file name is data: masked
    too_large = f"{name} is larger than 25 MB. Upload a smaller scan or photo."
    if upload.size > limits.MAX_FILE_BYTES:
        raise UploadRejected(too_large)
    if not upload.size:
        raise UploadRejected(f"{name} is empty. Choose the file again.")
    try:
        if sniffer is None:
            kind = sniff(upload)
        else:
            try:
                kind = sniffer(upload.read(limits.MAX_FILE_BYTES + 1))
            except ValueError as exc:  # the caller's sniffer refused it
                raise NotAcceptedType(str(exc)) from None
            finally:
                upload.seek(0)
            if kind == "pdf":
                sniff(upload)  # the structure of a PDF, whoever recognised it
    except NotAcceptedType:
        raise UploadRejected(
            f"{name} is not {formats}. Upload the {what} in one of those formats."
        ) from None
    except DamagedFile:
        raise UploadRejected(
            f"{name} looks damaged or incomplete and cannot be opened. "
            "Save or scan it again, then upload the new file."
        ) from None
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(
        name=name, kind=kind, size=upload.size, sha256=digest.hexdigest(), file=upload
    )


# -- storage quota ------------------------------------------------------------------------


def household_storage_used(client) -> int:
    """Bytes of the household's own files: notice files, documents sent, payment proofs."""
    from django.db.models import Sum

    from cases.models import ClientDocument
    from notices.models import NoticeFile
    from records.models import Payment

    def total(queryset, field: str) -> int:
        return queryset.aggregate(n=Sum(field))["n"] or 0

    return (
        total(NoticeFile.objects.filter(client=client), "size")
        + total(ClientDocument.objects.filter(client=client), "size")
        + total(Payment.objects.filter(client=client), "proof_size")
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def storage_quota_check(client, *, adding: int) -> None:
    """Refuse an upload that would take the household past its storage quota.

    Call it inside the transaction that stores the files, after
    ``common.locks.transaction_lock("household.storage", client.pk)``, so two uploads at
    once cannot both fit into the last free megabytes.
    """
    quota = settings.TAXHAUZ_HOUSEHOLD_STORAGE_MB * 1024 * 1024
    used = household_storage_used(client)
    if used + adding > quota:
        raise UploadRejected(
            f"Your household's file storage is full: {_mb(used)} MB of "
            f"{settings.TAXHAUZ_HOUSEHOLD_STORAGE_MB} MB is in use, and this upload needs "
            f"{_mb(adding)} MB. Nothing was saved. Ask {settings.PRACTICE_NAME} to make room, "
            "or upload a smaller scan."
        )


class BoundedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    """Django's temporary-file handler (every upload to disk, none in memory) that stops
    writing a file past the size limit but keeps counting, so the service can still say
    "larger than 25 MB" without a 2 GB body ever landing on the disk."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received <= limits.MAX_FILE_BYTES + 1:
            self.file.write(raw_data)

    def file_complete(self, file_size):
        upload = super().file_complete(file_size)
        upload.size = self.received
        return upload
