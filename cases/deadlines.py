"""Deadline rules per notice type, the firm's internal target, and urgency.

Pure Python (no Django). The rules are data with their source text so the practice
can review them and the Django side can load edited copies (pass ``rules=``) without
a code change. Where the IRS gives no fixed clock (CP504's "about 30 days", the
spacing between reminders) the result is flagged as an estimate; we never invent a
cadence for the next notice, only name the code that would follow.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from cases.holidays import add_business_days, next_business_day, previous_business_day
from cases.streams import normalize_notice_code

__all__ = [
    "DEFAULT_RULES",
    "ESCALATION_NEXT",
    "Clock",
    "Deadline",
    "DeadlineRule",
    "ExpectedNotice",
    "FirmPolicy",
    "Urgency",
    "days_left",
    "internal_target",
    "irs_deadline",
    "next_expected_notice",
    "urgency",
]

LARGE_BALANCE = Decimal("100000")


class Clock(StrEnum):
    PAY = "pay"
    HEARING_REQUEST = "hearing_request"
    DISPUTE = "dispute"
    RESPONSE = "response"
    NONE = "none"


@dataclass(frozen=True)
class DeadlineRule:
    """How to find the IRS deadline for one notice family.

    ``printed_date_governs``: a date printed on the notice wins over any computation.
    ``days``: calendar days from the notice date when no date is printed.
    ``large_balance_business_days``: business days instead, at $100,000 or more.
    ``estimate``: the clock is approximate ("about 30 days"); show it as such.
    """

    code: str
    clock: Clock
    action: str
    source: str
    printed_date_governs: bool = True
    days: int | None = None
    large_balance_business_days: int | None = None
    estimate: bool = False


_PAY_SOURCE = (
    "IRC 6601(e)(3): pay within 21 calendar days of notice and demand, 10 business "
    "days if the amount is $100,000 or more; the notice prints the pay-by date. "
    "(TAS 'Notice CP14'; IRS 'Understanding your CP14 notice')"
)
_CDP_SOURCE = (
    "IRC 6330(a)(3)(B): 30 days from the notice date to request a Collection Due "
    "Process hearing on Form 12153."
)


def _pay(code: str) -> DeadlineRule:
    return DeadlineRule(
        code,
        Clock.PAY,
        "Pay or arrange payment by",
        _PAY_SOURCE,
        days=21,
        large_balance_business_days=10,
    )


def _cdp(code: str) -> DeadlineRule:
    return DeadlineRule(
        code, Clock.HEARING_REQUEST, "Request a CDP hearing (Form 12153) by", _CDP_SOURCE, days=30
    )


DEFAULT_RULES: Mapping[str, DeadlineRule] = {
    r.code: r
    for r in (
        _pay("CP14"),
        _pay("CP501"),
        _pay("CP503"),
        DeadlineRule(
            "CP504",
            Clock.PAY,
            "Pay or arrange payment by (about)",
            "IRS CP504 notice: 'Amount due immediately'; levy may begin about 30 days "
            "after the notice date (IRC 6331(d)).",
            days=30,
            estimate=True,
        ),
        _cdp("LT11"),
        _cdp("LTR1058"),
        _cdp("CP90"),
        DeadlineRule(
            "CP11",
            Clock.DISPUTE,
            "Dispute the math-error change by",
            "IRC 6213(b)(2): 60 days from the notice to request abatement of a "
            "math-error assessment, else the change stands.",
            printed_date_governs=False,
            days=60,
        ),
        DeadlineRule(
            "CP12",
            Clock.DISPUTE,
            "Dispute the math-error change by",
            "IRC 6213(b)(2): 60 days from the notice to dispute the change.",
            printed_date_governs=False,
            days=60,
        ),
        DeadlineRule(
            "CP2000",
            Clock.RESPONSE,
            "Respond to the proposed change by",
            "IRS CP2000 notice: reply by the response date printed on the notice "
            "(about 30 days). A proposal, not a bill.",
            days=30,
            estimate=True,
        ),
        DeadlineRule(
            "CP71",
            Clock.NONE,
            "No response deadline",
            "IRS CP71 series: annual reminder of a balance; no response clock.",
            printed_date_governs=False,
        ),
    )
}


@dataclass(frozen=True)
class Deadline:
    """An IRS deadline. ``due`` is the stated or computed day; ``last_timely_day``
    rolls a weekend/holiday forward per IRC 7503 (what a partner may rely on)."""

    due: date
    last_timely_day: date
    clock: Clock
    action: str
    basis: str  # "printed", "21 calendar days", "10 business days", ...
    estimate: bool
    source: str


def irs_deadline(
    notice_code: str,
    notice_date: date,
    *,
    printed_due: date | None = None,
    amount: Decimal | None = None,
    rules: Mapping[str, DeadlineRule] = DEFAULT_RULES,
    extra_holidays: Collection[date] = (),
) -> Deadline | None:
    """The IRS deadline for a notice, or None when the notice type has no clock.

    A printed date wins where the rule says so; otherwise the rule's fallback is
    computed from the notice date and flagged by ``basis``. Unknown codes raise
    KeyError so a mis-read code is never silently given a default clock.
    """
    if amount is not None and not isinstance(amount, Decimal):
        raise TypeError("amount must be a Decimal")
    rule = rules[normalize_notice_code(notice_code)]
    if rule.clock is Clock.NONE:
        return None
    if printed_due is not None and rule.printed_date_governs:
        if printed_due < notice_date:
            raise ValueError("The printed due date is before the notice date.")
        due, basis, estimate = printed_due, "printed on the notice", False
    elif (
        rule.large_balance_business_days is not None
        and amount is not None
        and amount >= LARGE_BALANCE
    ):
        due = add_business_days(notice_date, rule.large_balance_business_days, extra=extra_holidays)
        basis = f"{rule.large_balance_business_days} business days (amount $100,000 or more)"
        estimate = False
    elif rule.days is not None:
        due = notice_date + timedelta(days=rule.days)
        basis = f"{rule.days} calendar days from the notice date"
        estimate = rule.estimate
    else:  # pragma: no cover - a rule with a clock but no way to compute it
        raise ValueError(f"Rule for {rule.code} has no fallback and no printed date.")
    return Deadline(
        due=due,
        last_timely_day=next_business_day(due, extra=extra_holidays),
        clock=rule.clock,
        action=rule.action,
        basis=basis,
        estimate=estimate,
        source=rule.source,
    )


@dataclass(frozen=True)
class FirmPolicy:
    """The practice's own cushion before an IRS deadline (configurable per firm)."""

    target_days_before: int = 7

    def __post_init__(self) -> None:
        if not 0 <= self.target_days_before <= 60:
            raise ValueError("target_days_before must be between 0 and 60.")


def internal_target(
    deadline: date,
    *,
    policy: FirmPolicy = FirmPolicy(),
    today: date | None = None,
    extra_holidays: Collection[date] = (),
) -> date:
    """The firm's working deadline: N days before the IRS's, on a business day.

    Rolled back to the previous business day (nobody mails a letter on Sunday).
    When ``today`` is given the target is never earlier than today unless the IRS
    deadline itself has passed, so a fresh late-arriving notice is "due today",
    not born overdue against the firm's cushion.
    """
    target = previous_business_day(
        deadline - timedelta(days=policy.target_days_before), extra=extra_holidays
    )
    if today is not None and target < today <= deadline:
        return today
    return target


# ------------------------------------------------------------------ what comes next

#: Next notice on the ladder if nothing is done. No dates: the IRS fixes no cadence.
ESCALATION_NEXT: Mapping[str, tuple[str, str]] = {
    "CP14": ("CP501", "First reminder"),
    "CP11": ("CP501", "First reminder"),
    "CP501": ("CP503", "Second reminder, lien warning"),
    "CP503": ("CP504", "Notice of intent to levy"),
    "CP504": ("LT11", "Final notice of intent to levy (LT11 or Letter 1058)"),
    "CP2000": ("CP3219A", "Statutory notice of deficiency"),
}

#: "About 5 weeks" between reminders per secondary sources; shown only as a range.
_REMINDER_GAP_DAYS = (28, 42)


@dataclass(frozen=True)
class ExpectedNotice:
    code: str
    title: str
    window: tuple[date, date] | None  # an *estimate* when present
    estimate: bool
    note: str


def next_expected_notice(
    notice_code: str, *, deadline: date | None = None
) -> ExpectedNotice | None:
    """The notice that follows if nothing is done, or None at the end of the ladder.

    With ``deadline`` a reminder gets an "about" window after it (flagged as an
    estimate); final notices, CP12 and CP71 have no successor notice to expect.
    """
    code = normalize_notice_code(notice_code)
    nxt = ESCALATION_NEXT.get(code)
    if nxt is None:
        return None
    next_code, title = nxt
    window = None
    note = "The IRS fixes no schedule between notices."
    if deadline is not None and code != "CP2000":
        low, high = _REMINDER_GAP_DAYS
        window = (deadline + timedelta(days=low), deadline + timedelta(days=high))
        note += " Secondary sources suggest about 5 weeks; treat the window as an estimate."
    return ExpectedNotice(next_code, title, window, True, note)


# ------------------------------------------------------------------------ urgency


class Urgency(StrEnum):
    OVERDUE = "overdue"
    DUE_3 = "due_3"
    DUE_7 = "due_7"
    DUE_30 = "due_30"
    LATER = "later"
    NO_DEADLINE = "no_deadline"

    @property
    def label(self) -> str:
        return _URGENCY_LABELS[self]


_URGENCY_LABELS = {
    Urgency.OVERDUE: "Overdue",
    Urgency.DUE_3: "Due within 3 days",
    Urgency.DUE_7: "Due within 7 days",
    Urgency.DUE_30: "Due within 30 days",
    Urgency.LATER: "Later",
    Urgency.NO_DEADLINE: "No deadline",
}


def days_left(deadline: date, today: date) -> int:
    """Calendar days until ``deadline``: 0 on the day, negative once overdue."""
    return (deadline - today).days


def urgency(deadline: date | None, today: date) -> Urgency:
    """Bucket for queues and the dashboard; a deadline today is 'due within 3 days'."""
    if deadline is None:
        return Urgency.NO_DEADLINE
    left = days_left(deadline, today)
    if left < 0:
        return Urgency.OVERDUE
    if left <= 3:
        return Urgency.DUE_3
    if left <= 7:
        return Urgency.DUE_7
    if left <= 30:
        return Urgency.DUE_30
    return Urgency.LATER
