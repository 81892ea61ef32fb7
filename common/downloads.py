"""Handing a private file to the person allowed to have it.

Always an attachment, never cached, never sniffed by the browser, and typed by what the
upload check found in the bytes (``kind``), never by the name the client gave the file: a
PDF uploaded as ``statement.html`` is served as ``application/pdf`` and saved as
``statement.pdf``.
"""

from __future__ import annotations

from django.http import FileResponse

from common.sniff import EXTENSION_BY_KIND, MIME_BY_KIND


def download_name(original: str, kind: str) -> str:
    """The client's file name made safe, ending in the extension of the sniffed kind."""
    stem = original.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    while "." in stem and 0 < len(stem.rsplit(".", 1)[1]) <= 5:
        stem = stem.rsplit(".", 1)[0]  # every extension the client gave: '.pdf.php'
    safe = "".join(c if c.isalnum() or c in " -_()" else "-" for c in stem).strip(" -")
    return f"{(safe or 'document')[:100]}{EXTENSION_BY_KIND.get(kind, '')}"


def private_file_response(file, *, kind: str, original_name: str) -> FileResponse:
    """A FileResponse for a stored taxpayer file (``file`` is a FieldFile)."""
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=download_name(original_name, kind),
        content_type=MIME_BY_KIND.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
