"""The client's timeline of one notice, in plain words, with nothing internal in it.

Built from facts, not from the staff timeline's text: when the notice came in and was
read, when checking it against the household's payments started, which documents we
asked for, when a letter left for the IRS and how, when the IRS should answer, and when
it was resolved. No staff names, no internal states ("awaiting approval" reads as
"we are preparing a response"), no notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNotice, DocumentRequest
from cases.selectors import reconciliation_model
from cases.workflow import CLIENT_STATE_LABELS, Reason, State

METHOD_WORDS = {
    "mail": "by certified mail",
    "fax": "by fax",
    "e_services": "through the IRS's online e-Services",
}

REASON_WORDS = {
    Reason.PAID: "the balance is paid",
    Reason.PLAN_SET_UP: "a payment plan is in place",
    Reason.ABATED: "the IRS removed the charge",
    Reason.CORRECTED: "the IRS corrected its records",
    Reason.CLOSED: "nothing more is needed",
}


@dataclass(frozen=True)
class Step:
    text: str
    day: date
    status: str = "done"  # done | waiting | expected

    @property
    def when(self) -> str:
        return say_date(self.day)


@dataclass(frozen=True)
class ClientTimeline:
    steps: list[Step]
    now: str  # where it stands, in the client's words


def say_date(day: date) -> str:
    """'March 3, 2025': how a person writes a date (no ISO, no leading zero)."""
    return f"{day:%B} {day.day}, {day.year}"


def _local(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _checking_started(case: Case, notice, since: datetime) -> date | None:
    days: list[date] = []
    moved = (
        CaseEvent.objects.filter(
            case=case, kind=CaseEvent.Kind.TRANSITION, to_state=State.IN_REVIEW, at__gte=since
        )
        .order_by("at")
        .values_list("at", flat=True)
        .first()
    )
    if moved:
        days.append(_local(moved))
    model = reconciliation_model()
    if model is not None:
        made = model.objects.filter(notice=notice).order_by("pk").values_list("created_at").first()
        if made:
            days.append(_local(made[0]))
    return min(days) if days else None


def _letters_sent(case: Case, since: date) -> list[Step]:
    from letters.models import Dispatch
    from letters.parts import LetterKind

    sent = (
        Dispatch.objects.filter(version__letter__case=case, sent_on__gte=since)
        .exclude(version__letter__kind=LetterKind.CLIENT_EXPLAINER)
        .order_by("sent_on", "pk")
        .values_list("sent_on", "method")
    )
    return [
        Step(
            f"Letter sent to the IRS on {say_date(day)} {METHOD_WORDS.get(method, '')}".strip(), day
        )
        for day, method in sent
    ]


def notice_timeline_for_client(*, notice) -> ClientTimeline:
    """The steps of ``notice`` (already visibility-checked by the caller), oldest first."""
    received = _local(notice.created_at)
    steps = [Step(f"We received your notice on {say_date(received)}", received)]
    if notice.read_at and notice.status == "read":
        day = _local(notice.read_at)
        steps.append(Step(f"We read your notice on {say_date(day)}", day))
    link = CaseNotice.objects.select_related("case").filter(notice=notice).first()
    if link is None:
        return ClientTimeline(steps, "Received" if notice.status != "read" else "Read")
    case = link.case
    checking = _checking_started(case, notice, notice.created_at)
    if checking:
        steps.append(
            Step(f"Being checked against your payments since {say_date(checking)}", checking)
        )
    requests = DocumentRequest.objects.filter(case=case, created_at__gte=notice.created_at).exclude(
        status=DocumentRequest.Status.CANCELLED
    )
    for request in requests.order_by("created_at", "pk"):
        asked = _local(request.created_at)
        if request.status == DocumentRequest.Status.RECEIVED and request.received_at:
            got = _local(request.received_at)
            steps.append(
                Step(
                    f"We needed a document from you ({request.description}); "
                    f"you sent it on {say_date(got)}",
                    asked,
                )
            )
        else:
            steps.append(
                Step(
                    f"We need a document from you: {request.description} "
                    f"(asked on {say_date(asked)})",
                    asked,
                    status="waiting",
                )
            )
    steps.extend(_letters_sent(case, received))
    if case.follow_up_on and case.state in (State.SENT, State.WAITING_ON_IRS):
        steps.append(
            Step(
                f"IRS reply expected by {say_date(case.follow_up_on)}",
                case.follow_up_on,
                status="expected",
            )
        )
    if case.state == State.RESOLVED and case.closed_at:
        day = _local(case.closed_at)
        why = REASON_WORDS.get(Reason(case.resolution_reason)) if case.resolution_reason else None
        text = f"Resolved on {say_date(day)}" + (f": {why}" if why else "")
        steps.append(Step(text, day))
    steps.sort(key=lambda s: (s.day, s.status == "expected"))
    return ClientTimeline(steps, CLIENT_STATE_LABELS[State(case.state)])
