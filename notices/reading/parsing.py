"""Parsing of the printed values on a notice: amounts, dates, phones, masked SSNs.

Notices print the same value many ways (``-3,328.00`` or ``(3,328.00)``, long,
abbreviated or numeric dates) and OCR adds its own noise (``S1,075.21``); parsing is
tolerant here so the extractor can stay label-driven.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal, InvalidOperation

# -- amounts ---------------------------------------------------------------------------

_AMOUNT_RE = re.compile(
    r"(?<![\w.,])"
    r"(?P<open>\()?\s?"
    r"(?P<sign>[-\u2212\u2013])?\s?"
    r"(?P<cur>[$S]\s?(?=\d))?"
    r"(?P<sign2>[-\u2212\u2013])?"
    r"(?P<num>\d{1,3}(?:[,.]\d{3})+|\d+)"
    r"[.,](?P<cents>\d{2})"
    r"(?P<close>\))?"
    r"(?P<trail>-(?!\d))?"
    r"(?![\d,]|\.\d)"
)


_SPACED_RE = re.compile(
    r"(?<![\w.,])(?P<sign>[-\u2212\u2013])?\s?(?P<cur>[$S])\s?(?P<sign2>[-\u2212\u2013])?"
    r"(?P<num>\d{1,3}(?: \d{3})+)[.,](?P<cents>\d{2})(?![\d,]|\.\d)"
)


def _amount_from_match(m: re.Match) -> Decimal | None:
    num = re.sub(r"[,. ]", "", m.group("num"))
    try:
        value = Decimal(f"{num}.{m.group('cents')}")
    except InvalidOperation:
        return None
    groups = m.groupdict()
    negative = bool(
        groups.get("sign")
        or groups.get("sign2")
        or groups.get("trail")
        or (groups.get("open") and groups.get("close"))
    )
    return -value if negative else value


_LEADER_RUN = re.compile(r"[.\u2026_]{2,}")


def find_amounts(text: str) -> list[tuple[Decimal, tuple[int, int]]]:
    return list(_find_amounts(text))


@functools.lru_cache(maxsize=8192)
def _find_amounts(text: str) -> tuple[tuple[Decimal, tuple[int, int]], ...]:
    """All money amounts (two decimals) in ``text`` with their spans.

    Dot leaders glued to an amount ("........$912.74") are blanked first (same length, so
    spans still point into ``text``).
    """
    if ".." in text or "\u2026" in text or "__" in text:
        text = _LEADER_RUN.sub(lambda m: " " * len(m.group()), text)
    out = []
    for m in _AMOUNT_RE.finditer(text):
        value = _amount_from_match(m)
        if value is not None:
            out.append((value, m.span()))
    for m in _SPACED_RE.finditer(text):  # OCR read "$10,801.46" as "$10 801.46"
        value = _amount_from_match(m)
        if value is not None:
            out = [(v, s) for v, s in out if not m.start() <= s[0] < m.end()]
            out.append((value, m.span()))
    out.sort(key=lambda item: item[1][0])
    return tuple(out)


def parse_amount(text: str) -> Decimal | None:
    """The last money amount in ``text`` (the value column is at the right)."""
    found = find_amounts(text)
    return found[-1][0] if found else None


# -- dates -----------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_RE = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_LONG_DATE_RE = re.compile(
    _MONTH_RE + r"\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[,.]?\s*(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_DMY_DATE_RE = re.compile(
    r"\b(?P<day>\d{1,2})(?:\s+|\s?-\s?)" + _MONTH_RE + r"\.?(?:\s*,?\s*|\s?-\s?)"
    r"(?P<year>(?:19|20)\d{2})\b",
    re.IGNORECASE,
)
_NUMERIC_DATE_RE = re.compile(
    r"(?<!\d)(?P<m>\d{1,2})\s?[/-]\s?(?P<d>\d{1,2})\s?[/-]\s?(?P<y>(?:19|20)\d{2})(?!\d)"
)
_ISO_DATE_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dates(text: str) -> list[tuple[date, tuple[int, int]]]:
    return list(_find_dates(text))


@functools.lru_cache(maxsize=8192)
def _find_dates(text: str) -> tuple[tuple[date, tuple[int, int]], ...]:
    """All dates in ``text`` (long, abbreviated, numeric US, ISO), ordered by position."""
    out: list[tuple[date, tuple[int, int]]] = []
    for m in _LONG_DATE_RE.finditer(text):
        d = _safe_date(int(m["year"]), _MONTHS[m["mon"][:3].lower()], int(m["day"]))
        if d:
            out.append((d, m.span()))
    for m in _DMY_DATE_RE.finditer(text):
        d = _safe_date(int(m["year"]), _MONTHS[m["mon"][:3].lower()], int(m["day"]))
        if d and not any(s[0] <= m.start() < s[1] for _, s in out):
            out.append((d, m.span()))
    for m in _NUMERIC_DATE_RE.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            out.append((d, m.span()))
    for m in _ISO_DATE_RE.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            out.append((d, m.span()))
    out.sort(key=lambda item: item[1][0])
    return tuple(out)


def parse_date(text: str) -> date | None:
    found = find_dates(text)
    return found[0][0] if found else None


# -- phones, SSNs, years, codes ----------------------------------------------------------

_PHONE_RE = re.compile(
    r"(?<![\d-])(?:\+?1[\s.-]?)?(?:\((?P<pa>[2-9]\d{2})\)\s?|(?P<a>[2-9]\d{2})[.-])"
    r"(?P<b>\d{3})[.-](?P<c>\d{4})(?![\d-])"
)


def find_phones(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Phone numbers normalised to ``NNN-NNN-NNNN``."""
    return [(f"{m['a'] or m['pa']}-{m['b']}-{m['c']}", m.span()) for m in _PHONE_RE.finditer(text)]


_MASK = r"[X*x#\u2022\u00d7]"
MASKED_SSN_RE = re.compile(
    rf"(?<![\w-])(?:{_MASK}{{3}}|\d{{3}})[\s-](?:{_MASK}{{2}}|\d{{2}})[\s-](?P<last4>\d{{4}})(?![\w-])"
)
FULL_SSN_RE = re.compile(r"(?<![\d-])(\d{3})([\s-]?)(\d{2})\2(\d{4})(?![\d-])")


# An employer number masked the way business notices print it: XX-XXX1234.
MASKED_EIN_RE = re.compile(
    rf"(?<![\w*-])(?:{_MASK}{{2}}|\d{{2}})[\s-]{_MASK}{{3}}[\s-]?(?P<last4>\d{{4}})(?![\w-])"
)


# OCR misreads a mask letter now and then ("WXX-XX-8459", "XXX-XK-1234"): any letters in
# the mask's shape, as long as most of them are mask characters.
_LOOSE_SSN_RE = re.compile(
    r"(?<![\w-])(?P<mask>[A-Za-z*#\u2022\u00d7]{3}[\s-][A-Za-z*#\u2022\u00d7]{2})[\s-]"
    r"(?P<last4>\d{4})(?![\w-])"
)


def find_ssn_last4(text: str) -> tuple[str, tuple[int, int]] | None:
    """The last four digits of a masked SSN, ITIN or EIN, and where it was printed."""
    m = MASKED_SSN_RE.search(text) or MASKED_EIN_RE.search(text)
    if m:
        return m["last4"], m.span()
    for m in _LOOSE_SSN_RE.finditer(text):
        if sum(1 for c in m["mask"] if c in "Xx*#\u2022\u00d7") >= 3:
            return m["last4"], m.span()
    return None


def redact_ssn(text: str) -> str:
    """Replace every full nine-digit SSN pattern with its masked form (last 4 kept)."""
    return FULL_SSN_RE.sub(lambda m: f"XXX-XX-{m.group(4)}", text)


_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def find_year(text: str) -> int | None:
    d = parse_date(text)
    if d is not None:
        return d.year
    m = _YEAR_RE.search(text)
    return int(m.group(1)) if m else None


NOTICE_CODE_RE = re.compile(
    r"(?<![A-Za-z0-9])(?P<prefix>[Cc][Pp]|LTR|LT|Letter)\s?-?(?P<num>\d{1,4})(?P<suffix>[A-Z]{0,2})"
    r"(?![A-Za-z0-9])"
)


# The same letter printed two ways: "LTR 11" and "LT11" are one final notice.
CANONICAL_CODES = {"LTR11": "LT11", "LT1058": "LTR1058", "L1058": "LTR1058"}


def find_notice_codes(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Notice codes normalised to the form printed at the top right: CP14, LT11, LTR1058."""
    out = []
    for m in NOTICE_CODE_RE.finditer(text):
        prefix = m["prefix"].upper()
        if prefix == "LETTER":
            prefix = "LTR"
        code = f"{prefix}{m['num']}{m['suffix']}"
        out.append((CANONICAL_CODES.get(code, code), m.span()))
    return out


_FORMS = (
    r"(?P<form>1040(?:[\s-]?(?:SR|NR|SS|PR|X))?|1041|1065|1120(?:[\s-]?S)?|94[0-4]|720|2290|"
    r"706|709|990(?:[\s-]?T)?)(?![\w-]|[.,]\d)"
)
_FORM_RE = re.compile(r"\b(?:Form|FORM)[\s.:#]\s*" + _FORMS)
_BARE_FORM_RE = re.compile(r"(?<![\w-])(?:(?:Form|FORM)[\s.:#]\s*)?" + _FORMS)


def find_tax_form(text: str, *, bare: bool = False) -> tuple[str, tuple[int, int]] | None:
    """The return form a notice is about, as printed (``1040-SR``).

    ``bare``: the text is a label's value ("Tax form: 1040"), so "Form" need not precede it.
    """
    m = (_BARE_FORM_RE if bare else _FORM_RE).search(text)
    if not m:
        return None
    form = m["form"].upper()
    form = re.sub(r"^(1040|1120|990)[\s-]?([A-Z]+)$", r"\1-\2", form)
    return form, m.span("form")


@functools.lru_cache(maxsize=16384)
def normalize_label(text: str) -> str:
    """Lower-case, hyphens and slashes to spaces, punctuation dropped: label matching form."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[-\u2013\u2014/]", " ", text)
    text = re.sub(r"[^a-z0-9' ]", "", text)
    return re.sub(r"\s+", " ", text).strip()
