"""The single entry point for reading transcript files, used by the worker and the
`read_transcript` command alike. No Django: callers pass a path, bytes or (name, bytes)."""

from __future__ import annotations

import logging
from pathlib import Path

from transcripts.reading import TranscriptError, TranscriptReadResult, read_lines

logger = logging.getLogger(__name__)

MAX_BYTES = 25 * 1024 * 1024
MAX_PAGES = 60


def read_transcript_file(
    item: str | Path | bytes | tuple[str, bytes],
    *,
    max_pages: int = MAX_PAGES,
    max_bytes: int = MAX_BYTES,
) -> TranscriptReadResult:
    """Every transcript in one file. Never raises for bad input: see `result.error`."""
    from transcripts import source  # pdfplumber loads only when reading

    name = "<bytes>"
    try:
        if isinstance(item, tuple):
            name, data = item
        elif isinstance(item, bytes | bytearray):
            data = bytes(item)
        else:
            name = str(item)
            path = Path(item)
            try:
                if path.stat().st_size > max_bytes:
                    raise TranscriptError("too_large", f"{path.stat().st_size} bytes")
                data = path.read_bytes()
            except OSError as exc:
                raise TranscriptError("damaged", f"cannot open: {type(exc).__name__}") from exc
        _kind, pages = source.load_pages(data, max_pages=max_pages, max_bytes=max_bytes)
        transcripts = read_lines(pages)
        return TranscriptReadResult(file=name, transcripts=transcripts, page_count=len(pages))
    except TranscriptError as exc:
        return TranscriptReadResult(file=name, error=exc)
    except Exception as exc:  # the worker must survive anything a file can do
        logger.exception("unexpected error reading a transcript")
        return TranscriptReadResult(
            file=name, error=TranscriptError("internal", f"{type(exc).__name__}: {exc}")
        )
