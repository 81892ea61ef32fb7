"""The case state machine and the notice-stream rules, as data.

Pure Python (no Django). The service layer checks every change here first, then
applies it with a compare-and-swap update and an audit row; keeping the table as
data lets the admin draw buttons, the timeline label states and the tests walk
every edge from one source of truth.

The notice-stream rules (stream_key, which notices join an open case, the
escalation ladder) live in :mod:`cases.streams` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

# Stream rules live in cases.streams; re-exported so callers import one module.
from cases.streams import (
    NoticeInfo,
    StreamDecision,
    StreamKind,
    UnknownNotice,
    escalation_rank,
    normalize_form,
    normalize_notice_code,
    notice_info,
    stream_decision,
    stream_key,
)

__all__ = [
    "CLIENT_STATE_LABELS",
    "CLOSED_STATES",
    "FLAG_LABELS",
    "OPEN_STATES",
    "REASON_LABELS",
    "STATE_LABELS",
    "TRANSITIONS",
    "Actor",
    "CaseFlag",
    "NoticeInfo",
    "Reason",
    "State",
    "StreamDecision",
    "StreamKind",
    "Transition",
    "TransitionNotAllowed",
    "UnknownNotice",
    "allowed_transitions",
    "check_transition",
    "escalation_rank",
    "is_open",
    "normalize_form",
    "normalize_notice_code",
    "notice_info",
    "stream_decision",
    "stream_key",
]


class State(StrEnum):
    NEW = "new"
    IN_REVIEW = "in_review"
    WAITING_ON_CLIENT = "waiting_on_client"
    LETTER_DRAFTED = "letter_drafted"
    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"  # a partner approved the letter; its final packet is being built
    READY_TO_SEND = "ready_to_send"  # the letter is final: it only has to leave the office
    SENT = "sent"
    WAITING_ON_IRS = "waiting_on_irs"
    RESOLVED = "resolved"


class Reason(StrEnum):
    """Why a case was resolved; required on every move into ``resolved``."""

    PAID = "paid"
    PLAN_SET_UP = "plan_set_up"
    ABATED = "abated"
    CORRECTED = "corrected"
    CLOSED = "closed"
    CONFIRMED_SCAM = "confirmed_scam"  # the letter was not from the IRS: the client is told


class CaseFlag(StrEnum):
    """Why a case needs a person's decision before anything else happens to it.

    Such a case never joins a notice stream: it has its own, so a scam letter or another
    taxpayer's notice never moves a genuine case's deadline or amount.
    """

    SUSPECTED_SCAM = "suspected_scam"  # the reader (or staff) found signs of a scam
    UNREADABLE = "unreadable"  # the file could not be read as an IRS notice
    SSN_MISMATCH = "ssn_mismatch"  # the masked SSN matches no one in the household
    UNPLACED = "unplaced"  # no code, year or form, or a code the stream rules do not know


FLAG_LABELS: dict[CaseFlag, str] = {
    CaseFlag.SUSPECTED_SCAM: "Suspected scam",
    CaseFlag.UNREADABLE: "Could not be read",
    CaseFlag.SSN_MISMATCH: "SSN matches no one in the household",
    CaseFlag.UNPLACED: "Notice type, year or form missing",
}


class Actor(StrEnum):
    """Who performs a transition. Partners may do everything staff may."""

    STAFF = "staff"
    PARTNER = "partner"
    CLIENT_ACTION = "client_action"
    SYSTEM = "system"


STATE_LABELS: dict[State, str] = {
    State.NEW: "New",
    State.IN_REVIEW: "In review",
    State.WAITING_ON_CLIENT: "Waiting on client",
    State.LETTER_DRAFTED: "Letter drafted",
    State.AWAITING_APPROVAL: "Awaiting partner approval",
    State.APPROVED: "Approved, final letter being prepared",
    State.READY_TO_SEND: "Final, ready to send",
    State.SENT: "Sent",
    State.WAITING_ON_IRS: "Waiting on IRS",
    State.RESOLVED: "Resolved",
}

#: What the client sees: nothing internal (drafts and approvals read as one step).
CLIENT_STATE_LABELS: dict[State, str] = {
    State.NEW: "Received",
    State.IN_REVIEW: "Being checked against your payments",
    State.WAITING_ON_CLIENT: "We need a document from you",
    State.LETTER_DRAFTED: "We are preparing a response to the IRS",
    State.AWAITING_APPROVAL: "We are preparing a response to the IRS",
    State.APPROVED: "We are preparing a response to the IRS",
    State.READY_TO_SEND: "Our response to the IRS is ready to send",
    State.SENT: "Our letter has been sent to the IRS",
    State.WAITING_ON_IRS: "Waiting for the IRS to reply",
    State.RESOLVED: "Resolved",
}

REASON_LABELS: dict[Reason, str] = {
    Reason.PAID: "Paid",
    Reason.PLAN_SET_UP: "Payment plan set up",
    Reason.ABATED: "Abated",
    Reason.CORRECTED: "Corrected by the IRS",
    Reason.CLOSED: "Closed",
    Reason.CONFIRMED_SCAM: "Confirmed scam (not from the IRS)",
}

OPEN_STATES: frozenset[State] = frozenset(State) - {State.RESOLVED}
CLOSED_STATES: frozenset[State] = frozenset({State.RESOLVED})


def is_open(state: State | str) -> bool:
    """Open cases count toward the one-open-case-per-stream rule and the queue."""
    return State(state) in OPEN_STATES


@dataclass(frozen=True)
class Transition:
    """One edge: ``name`` moves a case from ``source`` to ``target``.

    ``guards`` name facts the service must establish before calling
    :func:`check_transition` (e.g. that the current letter version is approved);
    they stay names here because checking them needs the database.
    """

    source: State
    target: State
    name: str
    actors: frozenset[Actor]
    reason_required: bool = False
    guards: frozenset[str] = frozenset()
    label: str = ""


_WORKERS = frozenset({Actor.STAFF, Actor.PARTNER})
_PARTNER = frozenset({Actor.PARTNER})
_SYSTEM = frozenset({Actor.SYSTEM})
_RESOLVABLE = (
    State.NEW,
    State.IN_REVIEW,
    State.WAITING_ON_CLIENT,
    State.SENT,
    State.WAITING_ON_IRS,
)
_JOINABLE = (
    State.WAITING_ON_CLIENT,
    State.LETTER_DRAFTED,
    State.AWAITING_APPROVAL,
    State.APPROVED,
    State.READY_TO_SEND,
    State.SENT,
    State.WAITING_ON_IRS,
)


def _t(
    source: State,
    target: State,
    name: str,
    actors: frozenset[Actor],
    label: str,
    *,
    reason: bool = False,
    guards: Iterable[str] = (),
) -> Transition:
    return Transition(source, target, name, actors, reason, frozenset(guards), label)


TRANSITIONS: tuple[Transition, ...] = (
    _t(State.NEW, State.IN_REVIEW, "start_review", _WORKERS, "Start review"),
    _t(State.IN_REVIEW, State.NEW, "release", _WORKERS, "Release to the queue"),
    _t(
        State.IN_REVIEW,
        State.WAITING_ON_CLIENT,
        "request_documents",
        _WORKERS,
        "Request documents from the client",
    ),
    _t(
        State.WAITING_ON_CLIENT,
        State.IN_REVIEW,
        "client_responded",
        frozenset({Actor.CLIENT_ACTION, Actor.STAFF, Actor.PARTNER}),
        "Client responded",
    ),
    _t(State.IN_REVIEW, State.LETTER_DRAFTED, "draft_letter", _WORKERS, "Draft a letter"),
    _t(State.LETTER_DRAFTED, State.IN_REVIEW, "back_to_review", _WORKERS, "Back to review"),
    _t(
        State.LETTER_DRAFTED,
        State.AWAITING_APPROVAL,
        "submit_for_approval",
        _WORKERS,
        "Submit for partner approval",
    ),
    _t(
        State.AWAITING_APPROVAL,
        State.LETTER_DRAFTED,
        "request_changes",
        _PARTNER,
        "Request changes",
    ),
    # Moved by the letter itself (letters.services), never by a bare button on the case.
    _t(
        State.AWAITING_APPROVAL,
        State.APPROVED,
        "approve",
        _PARTNER,
        "Approve the letter",
        guards={"letter_approved"},
    ),
    _t(
        State.APPROVED,
        State.READY_TO_SEND,
        "mark_final",
        _WORKERS,
        "Mark final",
        guards={"letter_final"},
    ),
    # Back to drafting after approval (e.g. the packet lacks a covering 2848): a new version.
    *(
        _t(source, State.LETTER_DRAFTED, "request_changes", _PARTNER, "Request changes")
        for source in (State.APPROVED, State.READY_TO_SEND)
    ),
    _t(
        State.READY_TO_SEND,
        State.SENT,
        "mark_sent",
        _WORKERS,
        "Mark as sent",
        guards={"letter_approved"},
    ),
    # Cases approved before approval and finality were states of their own.
    _t(
        State.AWAITING_APPROVAL,
        State.SENT,
        "mark_sent",
        _WORKERS,
        "Mark as sent",
        guards={"letter_approved"},
    ),
    _t(
        State.SENT,
        State.WAITING_ON_IRS,
        "await_irs",
        _WORKERS | _SYSTEM,
        "Start waiting on the IRS",
    ),
    _t(State.WAITING_ON_IRS, State.IN_REVIEW, "irs_replied", _WORKERS, "IRS replied"),
    *(
        _t(source, State.RESOLVED, "resolve", _WORKERS, "Resolve", reason=True)
        for source in _RESOLVABLE
    ),
    *(
        _t(source, State.IN_REVIEW, "notice_joined", _SYSTEM, "A later notice joined the case")
        for source in _JOINABLE
    ),
    _t(State.RESOLVED, State.IN_REVIEW, "reopen", _PARTNER, "Reopen"),
)

_BY_SOURCE_AND_NAME: dict[tuple[State, str], Transition] = {
    (t.source, t.name): t for t in TRANSITIONS
}
assert len(_BY_SOURCE_AND_NAME) == len(TRANSITIONS), "transition names repeat per source"


class TransitionNotAllowed(Exception):
    """A requested state change is not in the table, or not for this actor/reason."""

    def __init__(self, message: str, *, source: str, name: str) -> None:
        super().__init__(message)
        self.source = source
        self.name = name


def check_transition(
    current: State | str,
    name: str,
    *,
    actor: Actor | str,
    reason: Reason | str | None = None,
    satisfied: Collection[str] = (),
) -> Transition:
    """Return the transition ``name`` from ``current`` or raise TransitionNotAllowed.

    Checks, in order: the edge exists, the actor may take it, a reason is given
    exactly when required (and is a known reason), and every guard is in
    ``satisfied``. The message names what failed so staff see why a button refused.
    """
    state = State(current)
    who = Actor(actor)
    found = _BY_SOURCE_AND_NAME.get((state, name))
    if found is None:
        options = ", ".join(t.name for t in TRANSITIONS if t.source == state) or "none"
        raise TransitionNotAllowed(
            f"Cannot {name!r} a case that is {STATE_LABELS[state].lower()} (allowed: {options}).",
            source=state,
            name=name,
        )
    if who not in found.actors:
        allowed = ", ".join(sorted(a.value for a in found.actors))
        raise TransitionNotAllowed(
            f"{who.value} may not {name!r} (only {allowed}).", source=state, name=name
        )
    if found.reason_required:
        if reason is None or reason == "":
            raise TransitionNotAllowed(
                f"{name!r} needs a resolution reason.", source=state, name=name
            )
        try:
            Reason(reason)
        except ValueError:
            raise TransitionNotAllowed(
                f"Unknown resolution reason {reason!r}.", source=state, name=name
            ) from None
    elif reason not in (None, ""):
        raise TransitionNotAllowed(
            f"{name!r} does not take a resolution reason.", source=state, name=name
        )
    missing = sorted(found.guards - set(satisfied))
    if missing:
        raise TransitionNotAllowed(
            f"{name!r} needs: {', '.join(missing)}.", source=state, name=name
        )
    return found


def allowed_transitions(current: State | str, actor: Actor | str) -> list[Transition]:
    """Edges this actor may take from ``current``, for drawing buttons."""
    state, who = State(current), Actor(actor)
    return [t for t in TRANSITIONS if t.source == state and who in t.actors]
