"""Checking an uploaded document by its content, for notices and for payment proofs alike.

The type comes from the bytes, never the name (OWASP File Upload Cheat Sheet); the name is
kept only as data. Refusals say, in plain English, what to do instead.
"""

from collections.abc import Callable
from dataclasses import dataclass

from notices import limits


class UploadRejected(Exception):
    """The file cannot be accepted at all; `message` tells the person what to do."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str  # pdf, jpeg, png, heic (or the caller's sniffer's kinds)
    data: bytes


def upload_check(
    upload,
    *,
    what: str = "notice",
    must_open: bool = False,
    sniffer: Callable[[bytes], str] | None = None,
    formats: str = "a PDF or a photo (JPEG, PNG, HEIC or TIFF)",
) -> CheckedUpload:
    """Read and check one uploaded file; `must_open` also proves it parses as its type.

    The one intake check for every upload: size, emptiness, and type from the bytes.
    `sniffer` (bytes -> kind, raising on anything it refuses) replaces the notice sniffer for
    other documents (transcripts accept saved web pages and text); `formats` names what is
    accepted in the refusal.
    """
    from notices.pdfsource import opens, sniff
    from notices.reading import NoticeReadError

    name = (upload.name or what)[:255]
    too_large = f"{name} is larger than 25 MB. Upload a smaller scan or photo."
    if upload.size > limits.MAX_FILE_BYTES:
        raise UploadRejected(too_large)
    data = upload.read(limits.MAX_FILE_BYTES + 1)
    if not data:
        raise UploadRejected(f"{name} is empty. Choose the file again.")
    if len(data) > limits.MAX_FILE_BYTES:
        raise UploadRejected(too_large)
    try:
        kind = (sniffer or sniff)(data)
    except (NoticeReadError, ValueError):
        raise UploadRejected(
            f"{name} is not {formats}. Upload the {what} in one of those formats."
        ) from None
    # A PDF must open whoever sniffed it; other kinds are the notice sniffer's images.
    if must_open and (kind == "pdf" or sniffer is None) and not opens(kind, data):
        raise UploadRejected(f"{name} looks damaged and cannot be opened. Try again.")
    return CheckedUpload(name=name, kind=kind, data=data)
