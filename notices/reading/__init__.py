"""Pure notice reading: positioned words in, typed fields, checks and a verdict out.

No Django, no PDF or OCR library here (``notices.pdfsource`` is the adapter and
``notices.reader`` the entry point), so the rules are fast to test.
"""

from .checks import Check
from .core import read_pages
from .errors import NoticeReadError
from .legitimacy import Legitimacy
from .model import Evidence, PageWords, Word
from .result import JSON_KEYS, PageInfo, ReadResult

__all__ = [
    "JSON_KEYS",
    "Check",
    "Evidence",
    "Legitimacy",
    "NoticeReadError",
    "PageInfo",
    "PageWords",
    "ReadResult",
    "Word",
    "read_pages",
]
