"""What kind of file a transcript upload is, from its bytes (never its name)."""

from __future__ import annotations

from transcripts.reading.model import TranscriptError

KINDS = ("pdf", "html", "text")


def sniff_transcript(data: bytes) -> str:
    """'pdf', 'html' or 'text'; anything else (images, archives, binaries) is refused."""
    if not data:
        raise TranscriptError("empty", "zero-byte file")
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if b"\x00" in head:
        raise TranscriptError("not_a_transcript_file", "binary content")
    text = decode(data[:8192], strict=True)
    if text is None:
        raise TranscriptError("not_a_transcript_file", "neither PDF nor text")
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in lowered[:1024]:
        return "html"
    if "<table" in lowered or "<body" in lowered:
        return "html"
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    if printable < 0.97 * max(len(text), 1):
        raise TranscriptError("not_a_transcript_file", "not readable text")
    return "text"


def decode(data: bytes, *, strict: bool = False) -> str | None:
    """UTF-8 (with or without BOM), else Windows-1252, which browsers save pages in."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            # A multi-byte character cut at the end of the sniffed slice is still UTF-8.
            if encoding == "utf-8-sig" and strict:
                try:
                    return data[:-3].decode(encoding) if len(data) > 3 else None
                except UnicodeDecodeError:
                    continue
            continue
    return None if strict else data.decode("latin-1")
