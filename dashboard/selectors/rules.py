"""The deadline rules and the firm's policy, read from the tables the partners edit.

``cases.services`` asks these whenever it computes a case's deadline, so an edited rule
applies to the next notice read (and to open cases when ``manage.py deadlines_recompute``
is run). A code without a row falls back to the reviewed default in ``cases.deadlines``:
a missing row must never silently drop a clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cases import deadlines
from dashboard.models import DeadlineRule, FirmClosure, FirmSettings


@dataclass(frozen=True)
class DeadlinePolicy:
    policy: deadlines.FirmPolicy
    extra_holidays: frozenset[date]
    document_reminder_every_days: int


def _as_rule(row: DeadlineRule) -> deadlines.DeadlineRule:
    return deadlines.DeadlineRule(
        code=row.code,
        clock=deadlines.Clock(row.clock),
        action=row.action,
        source=row.source,
        printed_date_governs=row.printed_date_governs,
        days=row.days,
        large_balance_business_days=row.large_balance_business_days,
        estimate=row.estimate,
    )


def deadline_rules() -> Mapping[str, deadlines.DeadlineRule]:
    """Every rule by canonical code: the table's rows over the built-in defaults."""
    rules = dict(deadlines.DEFAULT_RULES)
    rules.update({row.code: _as_rule(row) for row in DeadlineRule.objects.all()})
    return rules


def escalation_next() -> dict[str, tuple[str, str]]:
    """Code -> (next code, title) from the table; the built-in ladder where there is no row."""
    ladder = dict(deadlines.ESCALATION_NEXT)
    for code, next_code, title in DeadlineRule.objects.values_list(
        "code", "next_code", "next_title"
    ):
        if next_code:
            ladder[code] = (next_code, title)
        else:
            ladder.pop(code, None)
    return ladder


def deadline_policy() -> DeadlinePolicy:
    """The firm's cushion, its closures (business-day counts) and the reminder cadence."""
    row = FirmSettings.objects.filter(pk=1).first()
    target = row.target_days_before if row else deadlines.FirmPolicy().target_days_before
    every = row.document_reminder_every_days if row else 3
    return DeadlinePolicy(
        policy=deadlines.FirmPolicy(target_days_before=target),
        extra_holidays=frozenset(FirmClosure.objects.values_list("day", flat=True)),
        document_reminder_every_days=every,
    )
