"""Notice-stream rules: which notices belong to one case, and the escalation ladder.

Pure Python (no Django). A *stream* is the run of IRS notices about one liability:
household + tax year + form, plus a kind. Balance-due notices escalate CP14 ->
CP501 -> CP503 -> CP504 -> LT11 / Letter 1058 / CP90 and join one open case; a
CP2000 is a proposal, not a bill, so it has its own stream kind and never joins
(or is reconciled as) a balance case. Re-exported by :mod:`cases.workflow`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "NoticeInfo",
    "StreamDecision",
    "StreamKind",
    "UnknownNotice",
    "becomes_latest",
    "escalation_rank",
    "normalize_form",
    "normalize_notice_code",
    "notice_info",
    "own_stream_key",
    "stream_decision",
    "stream_key",
]


class StreamKind(StrEnum):
    BALANCE = "balance"  # bills and their reminders, math-error balance (CP11)
    PROPOSAL = "proposal"  # CP2000 and its follow-up notice of deficiency
    ADJUSTMENT = "adjustment"  # CP12: math-error change that leaves a refund


class UnknownNotice(ValueError):
    """A notice code the rules do not cover; the classifier must not guess."""


@dataclass(frozen=True)
class NoticeInfo:
    code: str
    title: str
    kind: StreamKind
    #: Position in the escalation order (CP14 = 1 ... final notice = 5); None = off-ladder.
    rank: int | None
    is_bill: bool


_NOTICES: dict[str, NoticeInfo] = {
    i.code: i
    for i in (
        NoticeInfo("CP14", "Balance due (first bill)", StreamKind.BALANCE, 1, True),
        NoticeInfo("CP11", "Math-error change, balance due", StreamKind.BALANCE, 1, True),
        NoticeInfo("CP501", "First reminder", StreamKind.BALANCE, 2, True),
        NoticeInfo("CP503", "Second reminder, lien warning", StreamKind.BALANCE, 3, True),
        NoticeInfo("CP504", "Notice of intent to levy", StreamKind.BALANCE, 4, True),
        NoticeInfo(
            "LT11", "Final notice of intent to levy (CDP rights)", StreamKind.BALANCE, 5, True
        ),
        NoticeInfo(
            "LTR1058", "Final notice of intent to levy (CDP rights)", StreamKind.BALANCE, 5, True
        ),
        NoticeInfo(
            "CP90", "Final notice of intent to levy (CDP rights)", StreamKind.BALANCE, 5, True
        ),
        NoticeInfo("CP71", "Annual reminder of a balance", StreamKind.BALANCE, None, True),
        NoticeInfo(
            "CP2000",
            "Proposed change from income matching (not a bill)",
            StreamKind.PROPOSAL,
            None,
            False,
        ),
        NoticeInfo("CP12", "Math-error change, refund", StreamKind.ADJUSTMENT, None, False),
    )
}

_LETTER_RE = re.compile(r"^(?:LETTER|LTR|L)(\d+)$")
_CP_FAMILY_RE = re.compile(r"^(CP\d+)(?:[A-Z]{1,2})?$")


def normalize_notice_code(code: str) -> str:
    """Canonical code: 'cp 14ia' -> 'CP14', 'Letter 1058' -> 'LTR1058', 'LT 11' -> 'LT11'.

    Variants (CP14A-E, CP14C disaster, CP14IA, CP71A/C/D, CP504B) share their
    family's rules; the printed variant is kept by the caller for display.
    """
    compact = re.sub(r"[\s\-_.]", "", code.upper())
    if m := _LETTER_RE.match(compact):
        return "LT11" if m[1] == "11" else f"LTR{m[1]}"
    if compact.startswith("LT") and compact[2:].isdigit():
        return compact
    if (m := _CP_FAMILY_RE.match(compact)) and m[1] in _NOTICES:
        return m[1]
    return compact


def notice_info(code: str) -> NoticeInfo:
    """Rules for a notice code (any spelling); UnknownNotice when not covered."""
    canonical = normalize_notice_code(code)
    try:
        return _NOTICES[canonical]
    except KeyError:
        raise UnknownNotice(f"No case rules for notice {code!r}.") from None


def escalation_rank(code: str) -> int | None:
    """Rank on the CP14 -> CP501 -> CP503 -> CP504 -> final-notice ladder."""
    return notice_info(code).rank


def normalize_form(tax_form: str) -> str:
    """'Form 1040-SR' -> '1040': forms that post to the same account share a stream."""
    compact = re.sub(r"\s+", "", tax_form.upper()).removeprefix("FORM")
    return {"1040SR": "1040", "1040-SR": "1040"}.get(compact, compact)


def stream_key(
    household_id: object,
    tax_year: int,
    tax_form: str,
    *,
    kind: StreamKind | str = StreamKind.BALANCE,
) -> str:
    """The key of one notice stream; one open case per key (a DB unique constraint).

    Pass ``kind=notice_info(code).kind`` so a CP2000 never shares a key with a bill.
    """
    household = str(household_id).strip()
    if not household or "|" in household:
        raise ValueError("household_id must be non-empty and contain no '|'.")
    if not 1900 <= int(tax_year) <= 2200:
        raise ValueError(f"Implausible tax year {tax_year!r}.")
    form = normalize_form(tax_form)
    if not form:
        raise ValueError("tax_form is required.")
    return f"{household}|{int(tax_year)}|{form}|{StreamKind(kind).value}"


@dataclass(frozen=True)
class StreamDecision:
    """What to do with an incoming notice given the stream's open case, if any."""

    join: bool  # False: open a new case
    moves_deadline: bool  # the new notice's clock replaces the case's deadline
    escalation: bool  # a later rung than any notice already in the case
    why: str


def stream_decision(incoming_code: str, open_case_codes: Collection[str] = ()) -> StreamDecision:
    """Join the stream's open case, or open a new one.

    ``open_case_codes`` are the notice codes already on the open case of the same
    :func:`stream_key` (empty when there is none). The key already separates kinds;
    the kind check here is a second line against a mis-keyed caller.
    """
    info = notice_info(incoming_code)
    if not open_case_codes:
        return StreamDecision(False, True, False, "No open case in this stream.")
    existing = [notice_info(c) for c in open_case_codes]
    if any(e.kind != info.kind for e in existing):
        return StreamDecision(False, True, False, f"{info.code} is a different stream kind.")
    ranks = [e.rank for e in existing if e.rank is not None]
    top = max(ranks, default=None)
    if info.rank is None:
        # CP71 or a second CP2000 letter: it joins but never replaces a bill's clock.
        moves = not ranks
        return StreamDecision(True, moves, False, f"{info.code} joins the open case.")
    escalation = top is None or info.rank > top
    moves = top is None or info.rank >= top
    why = (
        f"{info.code} escalates the open case."
        if escalation
        else f"{info.code} joins the open case."
    )
    return StreamDecision(True, moves, escalation, why)


def own_stream_key(household_id: object, notice_ref: object) -> str:
    """A stream of one notice: a flagged notice (suspected scam, unreadable, another
    person's SSN) opens a case of its own and is never merged into a household's stream."""
    household, ref = str(household_id).strip(), str(notice_ref).strip()
    if not household or "|" in household or not ref or "|" in ref:
        raise ValueError("household_id and notice_ref must be non-empty and contain no '|'.")
    return f"{household}|notice|{ref}"


def becomes_latest(
    incoming_date: date | None, latest_date: date | None, *, moves_deadline: bool
) -> bool:
    """Does a joining notice become the case's latest? Ordered by notice date, never by
    upload order: an older notice uploaded later never replaces a newer one. A notice
    whose date is unknown never replaces one whose date is known."""
    if not moves_deadline:
        return False
    if latest_date is None:
        return True
    if incoming_date is None:
        return False
    return incoming_date >= latest_date
