"""Reading IRS account transcripts: plain Python, no Django and no PDF library.

The adapter (`transcripts.source`) turns a file into pages of text lines; `read_lines` turns
those lines into `TranscriptData` (one per transcript: a file may hold several, and one
transcript may run over several pages). Labels and codes: `../shared/TRANSCRIPTS.md`.
"""

from transcripts.reading.codes import CODES, TransactionCode, code_info
from transcripts.reading.model import (
    Page,
    TranscriptData,
    TranscriptError,
    TranscriptLine,
    TranscriptReadResult,
)
from transcripts.reading.parse import read_lines
from transcripts.reading.sniff import sniff_transcript

__all__ = [
    "CODES",
    "Page",
    "TransactionCode",
    "TranscriptData",
    "TranscriptError",
    "TranscriptLine",
    "TranscriptReadResult",
    "code_info",
    "read_lines",
    "sniff_transcript",
]
