"""The single entry point for reading a notice, used by the Celery task and the
``read_notice`` management command alike (so the command shows exactly what the worker
would store). No Django here: callers pass paths or bytes and get a ``ReadResult``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from notices.reading import NoticeReadError, PageWords, ReadResult, read_pages

logger = logging.getLogger(__name__)

FileInput = str | Path | bytes | tuple[str, bytes]


def _load(item: FileInput, max_bytes: int) -> tuple[str, bytes]:
    if isinstance(item, tuple):
        return item[0], item[1]
    if isinstance(item, bytes | bytearray):
        return "<bytes>", bytes(item)
    path = Path(item)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise NoticeReadError("too_large", f"{size} bytes > {max_bytes}")
        return str(item), path.read_bytes()
    except OSError as exc:
        raise NoticeReadError("damaged", f"cannot open file: {type(exc).__name__}") from exc


def read_notice_files(
    files: Iterable[FileInput],
    *,
    household_ssn_last4: Iterable[str] = (),
    today: date | None = None,
    max_pages: int = 60,
    max_bytes: int = 25 * 1024 * 1024,
    ocr: bool = True,
) -> ReadResult:
    """Read one notice made of one or more files (pages in the given order).

    Items are paths, raw bytes, or ``(name, bytes)`` pairs. Never raises for bad input:
    a failure is returned as ``result.error`` (a ``NoticeReadError``).
    """
    from notices import pdfsource  # the heavy libraries load only when reading

    items = list(files)
    names: list[str] = []
    pages: list[PageWords] = []
    try:
        if not items:
            raise NoticeReadError("empty", "no files given")
        for item in items:
            name, data = _load(item, max_bytes)
            names.append(name)
            room = max_pages - len(pages)
            got = pdfsource.load_pages(
                data,
                source=name,
                first_number=len(pages) + 1,
                max_pages=max(room, 0),
                max_bytes=max_bytes,
                ocr=ocr,
            )
            pages.extend(got)
            if len(pages) > max_pages:
                raise NoticeReadError("too_many_pages", f"more than {max_pages} pages")
        return read_pages(
            pages,
            files=names,
            household_ssn_last4=tuple(household_ssn_last4),
            today=today,
        )
    except NoticeReadError as exc:
        return _failed(items, names, exc)
    except Exception as exc:  # the worker must survive anything a file can do
        logger.exception("unexpected error reading notice")
        return _failed(items, names, NoticeReadError("internal", f"{type(exc).__name__}: {exc}"))


def _failed(items: list, names: list[str], exc: NoticeReadError) -> ReadResult:
    shown = names + [_name(i) for i in items[len(names) :]]
    return ReadResult(files=shown or ["<none>"], error=exc)


def _name(item: FileInput) -> str:
    if isinstance(item, tuple):
        return item[0]
    if isinstance(item, bytes | bytearray):
        return "<bytes>"
    return str(item)


__all__ = ["FileInput", "NoticeReadError", "ReadResult", "read_notice_files"]
