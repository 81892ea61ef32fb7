"""The one error type for unreadable uploads.

Every failure (bad bytes, limits, nothing legible) becomes a ``NoticeReadError`` with a
stable ``code`` for workflow, a plain-English ``client_message`` that tells the client
what to do, and a ``staff_detail`` with the technical reason. Bad input never crashes
the worker; it becomes one of these and the notice goes to "needs attention".
"""

from __future__ import annotations

from .parsing import redact_ssn

CLIENT_MESSAGES: dict[str, str] = {
    "empty": "This file is empty. Please upload the notice again.",
    "truncated": (
        "This file looks cut off (the upload may not have finished). "
        "Please upload the notice again."
    ),
    "encrypted": "This PDF is password-protected: upload it without the password.",
    "not_a_notice_file": (
        "This file is not a PDF or a photo we can read. "
        "Please upload the notice as a PDF, JPEG, PNG, HEIC or TIFF file."
    ),
    "damaged": (
        "This file is damaged and cannot be opened. "
        "Please scan or photograph the notice again and upload it."
    ),
    "too_many_pages": (
        "This file has more pages than we accept for one notice. "
        "Please upload only the pages of the IRS notice."
    ),
    "too_large": (
        "This file is too large. Please upload a smaller scan or photo (under 25 MB per file)."
    ),
    "no_text": (
        "We could not read any text on this file. Please upload a clearer, "
        "well-lit photo or scan of the whole notice."
    ),
    "decompression_bomb": (
        "This image is too large to process. Please upload a normal photo or scan of the notice."
    ),
    "not_irs_notice": (
        "This is not an IRS notice, as far as we can tell. If you meant to upload a letter "
        "from the IRS, please upload the letter itself (every page). Our staff have been "
        "told and will look at this file."
    ),
    "internal": (
        "We could not read this file automatically. Our staff have been told and will look at it."
    ),
}


class NoticeReadError(Exception):
    """A file (or set of files) that cannot be read as a notice."""

    def __init__(self, code: str, staff_detail: str = "", client_message: str | None = None):
        self.code = code
        self.client_message = client_message or CLIENT_MESSAGES.get(
            code, CLIENT_MESSAGES["internal"]
        )
        # Details can quote file content; never let a full SSN through.
        self.staff_detail = redact_ssn(staff_detail or code)
        super().__init__(f"{code}: {self.staff_detail}")

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "client_message": self.client_message,
            "staff_detail": self.staff_detail,
        }
