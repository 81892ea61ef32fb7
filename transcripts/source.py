"""The transcript reader's adapter: file bytes -> pages of text lines.

PDF: pdfplumber's words, grouped into lines by their vertical position (each page closed
after use). HTML: the stdlib parser in `transcripts.reading.htmltext`. Text: split lines.
Every way a file can be bad becomes a `TranscriptError`.
"""

from __future__ import annotations

import io
import itertools

import pdfplumber

from transcripts.reading import Page, TranscriptError, sniff_transcript
from transcripts.reading.htmltext import html_lines
from transcripts.reading.sniff import decode

LINE_TOLERANCE = 3.0  # points: words whose tops differ less are on one line


def load_pages(data: bytes, *, max_pages: int = 60, max_bytes: int = 25 * 1024 * 1024):
    """(kind, pages) for one file."""
    if len(data) > max_bytes:
        raise TranscriptError("too_large", f"{len(data)} bytes > {max_bytes}")
    kind = sniff_transcript(data)
    if kind == "pdf":
        return kind, _pdf_pages(data, max_pages)
    text = decode(data) or ""
    lines = html_lines(text) if kind == "html" else text.replace("\r\n", "\n").split("\n")
    # A saved text file may carry form feeds between printed pages.
    pages, current, number = [], [], 1
    for line in lines:
        if "\f" in line:
            before, _, after = line.partition("\f")
            current.append(before)
            pages.append(Page(number, tuple(current)))
            number += 1
            current = [after]
        else:
            current.append(line)
    pages.append(Page(number, tuple(current)))
    if len(pages) > max_pages:
        raise TranscriptError("too_many_pages", f"more than {max_pages} pages")
    return kind, pages


def _pdf_pages(data: bytes, max_pages: int) -> list[Page]:
    if b"%%EOF" not in data[-2048:]:
        raise TranscriptError("damaged", "no %%EOF marker at the end of the PDF")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), pages=range(1, max_pages + 2))
    except Exception as exc:
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise TranscriptError("encrypted", name) from exc
        raise TranscriptError("damaged", f"{name}: {exc}") from exc
    pages: list[Page] = []
    with pdf:
        if len(pdf.pages) > max_pages:
            raise TranscriptError("too_many_pages", f"more than {max_pages} pages")
        for number, page in enumerate(pdf.pages, start=1):
            try:
                words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
            except Exception as exc:
                raise TranscriptError("damaged", f"page {number}: {type(exc).__name__}") from exc
            finally:
                page.close()
            pages.append(Page(number, tuple(_lines(words))))
    if not pages:
        raise TranscriptError("damaged", "PDF has no pages")
    return pages


def _lines(words: list[dict]) -> list[str]:
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= LINE_TOLERANCE:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        parts = [row[0]["text"]]
        for before, word in itertools.pairwise(row):
            gap = word["x0"] - before["x1"]
            parts.append("  " if gap > 12 else " ")
            parts.append(word["text"])
        lines.append("".join(parts))
    return lines
