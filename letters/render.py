"""HTML -> PDF (WeasyPrint) and the final packet merge (pypdf). No Django import.

The only module that imports WeasyPrint (STYLE.md: I/O libraries sit behind one
adapter). Three promises from SECURITY.md are kept here:

* **Fetching.** :class:`StaticOnlyFetcher` serves files inside one static
  directory (CSS, images, fonts) and small inline PNG/JPEG ``data:`` images. It
  never opens a socket: http(s), ftp, file:// outside the directory, symlinks
  leading out of it, and anything else are refused before any I/O, and since it
  never uses urllib there is no redirect to follow (CVE-2025-68616 was a redirect
  escaping a custom fetcher's checks).
* **Presentational hints off**, so HTML attributes cannot restyle a letter.
* **A render time limit that works in a Celery prefork child.** WeasyPrint runs
  in a worker thread; the caller waits ``timeout_s`` and then raises
  :class:`RenderTimeout`. The worker thread is stopped by raising an exception in
  it (``PyThreadState_SetAsyncExc``, CPython), which lands at the next bytecode;
  the fetcher also checks the deadline. Rejected alternatives: ``signal.alarm``
  works only in the main thread and would fight Celery's own SIGUSR1 soft limit;
  a subprocess per letter costs a WeasyPrint import (~0.5 s) per render and
  ``multiprocessing`` may not fork from a daemonic prefork child. A render stuck
  inside one long C call (Pango layout of a huge paragraph) finishes that call
  first; Celery's hard ``time_limit`` stays the backstop for that.
"""

from __future__ import annotations

import base64
import ctypes
import logging
import os
import threading
import time
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from PIL import Image, ImageOps
from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, NameObject
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

__all__ = [
    "FetchRefused",
    "PacketError",
    "RenderTimeout",
    "StaticOnlyFetcher",
    "merge_pdfs",
    "pdf_page_count",
    "render_pdf",
]

logger = logging.getLogger(__name__)

STATIC_SUFFIXES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
MAX_STATIC_BYTES = 5 * 1024 * 1024
MAX_DATA_BYTES = 256 * 1024
DATA_TYPES = {"image/png", "image/jpeg"}


class FetchRefused(ValueError):
    """A resource URL outside what letters may load. WeasyPrint skips the resource."""


class RenderTimeout(Exception):
    """The render did not finish within its time limit."""


class _Abort(BaseException):
    """Raised inside the render thread to stop it once the caller has given up."""


def _short(url: str) -> str:
    """URL for logs: scheme and a bounded prefix, never a whole data: payload."""
    return url if len(url) <= 120 else url[:117] + "..."


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that can read only ``static_dir``; never the network."""

    def __init__(self, static_dir: Path, *, deadline: float | None = None) -> None:
        super().__init__(
            allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False
        )
        self.root = Path(os.path.realpath(static_dir))
        if not self.root.is_dir():
            raise ValueError(f"Static directory {static_dir} does not exist.")
        self.deadline = deadline
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _Abort
        try:
            response = self._fetch(url)
        except FetchRefused as refusal:
            self.refused.append(_short(url))
            logger.warning("letter render refused a resource: %s (%s)", _short(url), refusal)
            raise
        self.served.append(_short(url))
        return response

    def open(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        """urllib entry point (redirect handlers call it); letters never use it."""
        raise FetchRefused("network access is disabled for letters")

    def _fetch(self, url: str) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return self._data(url)
        if scheme != "file":
            raise FetchRefused(f"scheme {scheme or '(none)'!r} is not allowed")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise FetchRefused("file URLs with a host are not allowed")
        real = Path(os.path.realpath(unquote(parts.path)))
        if not real.is_relative_to(self.root):
            raise FetchRefused("file is outside the static directory")
        mime = STATIC_SUFFIXES.get(real.suffix.lower())
        if mime is None:
            raise FetchRefused(f"file type {real.suffix!r} is not served")
        if not real.is_file():
            raise FetchRefused("no such static file")
        if real.stat().st_size > MAX_STATIC_BYTES:
            raise FetchRefused("static file too large")
        body = real.read_bytes()
        return URLFetcherResponse(real.as_uri(), body, {"Content-Type": mime})

    def _data(self, url: str) -> URLFetcherResponse:
        header, sep, payload = url[5:].partition(",")
        if not sep:
            raise FetchRefused("malformed data URL")
        params = [p.strip().lower() for p in header.split(";")]
        mime = params[0]
        if mime not in DATA_TYPES:
            raise FetchRefused(f"data URL type {mime!r} is not allowed")
        if len(payload) > MAX_DATA_BYTES * 2:  # cheap bound before decoding
            raise FetchRefused("data URL too large")
        try:
            body = (
                base64.b64decode(unquote(payload), validate=False)
                if "base64" in params[1:]
                else unquote_to_bytes(payload)
            )
        except ValueError as exc:
            raise FetchRefused("undecodable data URL") from exc
        if len(body) > MAX_DATA_BYTES:
            raise FetchRefused("data URL too large")
        return URLFetcherResponse("data:", body, {"Content-Type": mime})


class _RenderThread(threading.Thread):
    """Runs one render; can be told to stop, and never receives a stop after finishing.

    The stop is an asynchronous exception aimed at this thread's id. Thread ids are
    reused once a thread exits, so the stop is only sent under ``_lock`` while
    ``_finished`` is False, and the thread sets ``_finished`` under the same lock:
    an exception can never land in some later, unrelated thread.
    """

    def __init__(self, html: str, base_url: str, fetcher: StaticOnlyFetcher) -> None:
        super().__init__(name="letters-render", daemon=True)
        self._html, self._base_url, self._fetcher = html, base_url, fetcher
        self._lock = threading.Lock()
        self._finished = False
        self.pdf: bytes | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            try:
                document = HTML(
                    string=self._html, base_url=self._base_url, url_fetcher=self._fetcher
                )
                self.pdf = document.write_pdf(presentational_hints=False)
            except _Abort:
                pass
            except BaseException as exc:  # re-raised in the caller's thread
                self.error = exc
            finally:
                with self._lock:
                    self._finished = True
        except _Abort:  # a stop sent just before _finished was set
            pass

    def stop(self) -> None:
        """Raise _Abort in the thread at its next bytecode (CPython API)."""
        with self._lock:
            if self._finished or self.ident is None:
                return
            set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
            hit = set_async_exc(ctypes.c_ulong(self.ident), ctypes.py_object(_Abort))
            if hit > 1:  # pragma: no cover - impossible for a live id; undo to be safe
                set_async_exc(ctypes.c_ulong(self.ident), None)


def render_pdf(html: str, *, base_dir: Path, timeout_s: float) -> bytes:
    """Render ``html`` to PDF bytes, loading assets only from ``base_dir``.

    Relative URLs (``letters/letter.css``) resolve against ``base_dir``. Raises
    :class:`RenderTimeout` after ``timeout_s`` seconds; a refused resource is left
    out of the PDF (logged, and visible on ``StaticOnlyFetcher.refused``) rather
    than failing the letter.
    """
    if timeout_s <= 0:
        raise ValueError("timeout_s must be positive")
    deadline = time.monotonic() + timeout_s
    fetcher = StaticOnlyFetcher(base_dir, deadline=deadline)
    base_url = Path(os.path.realpath(base_dir)).as_uri() + "/"
    worker = _RenderThread(html, base_url, fetcher)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        for _ in range(3):  # re-send if a handler inside WeasyPrint swallowed one
            worker.stop()
            worker.join(0.5)
            if not worker.is_alive():
                break
        raise RenderTimeout(f"letter render exceeded {timeout_s:g} s")
    if worker.error is not None:
        raise worker.error
    if worker.pdf is None:  # stopped by the fetcher's own deadline check
        raise RenderTimeout(f"letter render exceeded {timeout_s:g} s")
    return worker.pdf


# ------------------------------------------------------------------------- packet

LETTER_PT = (612.0, 792.0)  # US Letter in points
IMAGE_MARGIN_PT = 36.0
MAX_PACKET_PAGES = 500
IMAGE_MAX_PX = (2550, 3300)  # a 300 dpi Letter scan passes untouched; photos shrink


class PacketError(ValueError):
    """An enclosure that cannot go into a packet (unknown type, encrypted, too big)."""


def _sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    raise PacketError("enclosure is not a PDF, JPEG or PNG")


def _image_page(data: bytes) -> PageObject:
    """A US Letter page with the image centred and scaled to fit inside the margins."""
    with Image.open(BytesIO(data)) as opened:
        if opened.format not in ("JPEG", "PNG"):
            raise PacketError("image is not JPEG or PNG")
        if opened.format == "JPEG":
            opened.draft("RGB", IMAGE_MAX_PX)  # libjpeg decodes big photos at 1/2..1/8
        ImageOps.exif_transpose(opened, in_place=True)
        image = opened
        image.thumbnail(IMAGE_MAX_PX)  # a no-op for a 300 dpi page scan
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            flat = Image.new("RGB", image.size, "white")
            flat.paste(image, mask=image.getchannel("A"))
            image = flat
        elif image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        box_w = LETTER_PT[0] - 2 * IMAGE_MARGIN_PT
        box_h = LETTER_PT[1] - 2 * IMAGE_MARGIN_PT
        # Points per pixel so the image fits the box, never enlarged past 72 dpi.
        scale = min(box_w / image.width, box_h / image.height, 1.0)
        buffer = BytesIO()
        image.save(buffer, "PDF", resolution=72.0 / scale, quality=92)
    image_page = PdfReader(BytesIO(buffer.getvalue())).pages[0]
    width, height = float(image_page.mediabox.width), float(image_page.mediabox.height)
    page = PageObject.create_blank_page(width=LETTER_PT[0], height=LETTER_PT[1])
    page.merge_transformed_page(
        image_page,
        Transformation().translate((LETTER_PT[0] - width) / 2, (LETTER_PT[1] - height) / 2),
    )
    return page


# Annotations that act rather than show: links (Launch, URI, JavaScript, SubmitForm ...),
# form widgets (their scripts), attachments and media. The rest (notes, highlights) stay,
# without any action of their own.
_ACTIVE_ANNOTATIONS = {
    "/Link", "/Widget", "/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D",
}  # fmt: skip
# Document-level entries that run or carry something: scripts on open, named scripts and
# embedded files (/Names), forms. pypdf copies pages only, so they should never be there.
_ACTIVE_CATALOG_KEYS = ("/OpenAction", "/AA", "/Names", "/AcroForm")


def _strip_active_content(page: PageObject) -> None:
    """Remove page actions and active annotations from a page already in the writer."""
    page.pop(NameObject("/AA"), None)
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") in _ACTIVE_ANNOTATIONS:
            continue
        for key in ("/A", "/AA"):
            annotation.pop(NameObject(key), None)
        kept.append(reference)
    if kept:
        page[NameObject("/Annots")] = kept
    else:
        page.pop(NameObject("/Annots"), None)


def _drop_unreachable(writer: PdfWriter) -> None:
    """The actions and annotations removed were copied in as objects of their own, which
    pypdf would still write. Drop what nothing refers to, until nothing more goes (each pass
    frees what only the last pass's objects referred to: annotation -> action -> script)."""
    while True:
        before = sum(obj is not None for obj in writer._objects)
        writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
        if sum(obj is not None for obj in writer._objects) == before:
            return


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """One PDF from the letter and its enclosures, in order.

    PDFs are appended page by page; JPEG/PNG become one US Letter page each. Type is
    decided by content, not name. Encrypted PDFs are refused rather than guessed at.
    Nothing active survives the merge (a packet is printed, faxed or uploaded to the IRS):
    no JavaScript, no open or page actions, no Launch/URI/SubmitForm links, no form
    fields, no embedded files.
    """
    if not parts:
        raise PacketError("nothing to merge")
    writer = PdfWriter()
    for index, data in enumerate(parts):
        kind = _sniff(data)
        if kind == "pdf":
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise PacketError(f"part {index + 1} is an encrypted PDF")
            for page in reader.pages:
                _strip_active_content(writer.add_page(page))
        else:
            writer.add_page(_image_page(data))
        if len(writer.pages) > MAX_PACKET_PAGES:
            raise PacketError(f"packet exceeds {MAX_PACKET_PAGES} pages")
    for key in _ACTIVE_CATALOG_KEYS:
        writer.root_object.pop(NameObject(key), None)
    _drop_unreachable(writer)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF we produced (the packet), for the letter record."""
    return len(PdfReader(BytesIO(data), strict=False).pages)
