"""The partner dashboard's numbers, in a constant handful of queries at any case count.

One grouped scan of the open cases, by (assignee, notice code), gives every bucket
(deadline urgency with dollars, waiting on the client or on approval, aging) through
conditional ``Count``/``Sum``; the firm totals, the workload per staff member and the
open cases per notice code (for escalation) are sums of those groups. One more query
counts new and resolved cases per week. Bounds are computed once here and reused for
the links, so each number opens the admin queue on exactly the cases it counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from accounts.roles import PRACTICE_ROLES
from cases.deadlines import Urgency
from cases.models import Case
from cases.streams import UnknownNotice, escalation_rank, normalize_notice_code
from cases.workflow import State
from dashboard.links import ALL_STATES, case_list_url
from dashboard.selectors.rules import escalation_next

ZERO = Decimal("0.00")
TREND_WEEKS = 12
_MONEY = DecimalField(max_digits=14, decimal_places=2)

#: Aging of open cases by days since the case opened: (label, youngest, oldest or None).
AGING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0 to 7 days", 0, 7),
    ("8 to 30 days", 8, 30),
    ("31 to 60 days", 31, 60),
    ("61 to 90 days", 61, 90),
    ("Over 90 days", 91, None),
)

#: Deadline buckets as the queue's "days left" filter draws them (cases.deadlines.urgency).
URGENCY_BUCKETS: tuple[tuple[Urgency, str, int | None, int | None], ...] = (
    (Urgency.OVERDUE, "Overdue", None, -1),
    (Urgency.DUE_3, "Due in 0 to 3 days", 0, 3),
    (Urgency.DUE_7, "Due in 4 to 7 days", 4, 7),
    (Urgency.DUE_30, "Due in 8 to 30 days", 8, 30),
    (Urgency.LATER, "Due in more than 30 days", 31, None),
)


# ----------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """What the partner narrowed the dashboard to; applied to every number and link."""

    assignee: str = ""  # "", "none" (unassigned) or a user id
    notice: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None

    def apply(self, qs: QuerySet[Case]) -> QuerySet[Case]:
        if self.assignee == "none":
            qs = qs.filter(assignee__isnull=True)
        elif self.assignee.isdigit():
            qs = qs.filter(assignee_id=int(self.assignee))
        if self.notice:
            qs = qs.filter(notice_code=self.notice)
        if self.amount_min is not None:
            qs = qs.filter(amount_due__gte=self.amount_min)
        if self.amount_max is not None:
            qs = qs.filter(amount_due__lte=self.amount_max)
        return qs

    def admin_params(self) -> dict[str, object]:
        """The same narrowing in the admin queue's query parameters."""
        return {
            "assignee": self.assignee,
            "notice": self.notice,
            "amount_due__gte": self.amount_min,
            "amount_due__lte": self.amount_max,
        }

    def query(self) -> dict[str, str]:
        """The dashboard's own query string (for the CSV link)."""
        raw = {
            "staff": self.assignee,
            "notice": self.notice,
            "min": self.amount_min,
            "max": self.amount_max,
        }
        return {k: str(v) for k, v in raw.items() if v not in (None, "")}

    @property
    def active(self) -> bool:
        return bool(self.query())


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: int
    amount: Decimal
    url: str


@dataclass(frozen=True)
class StaffRow:
    assignee_id: int | None
    name: str
    open: int
    overdue: int
    due_7: int
    amount: Decimal
    url: str
    overdue_url: str
    due_7_url: str


@dataclass(frozen=True)
class EscalationRow:
    code: str
    next_code: str
    next_title: str
    count: int
    overdue: int
    amount: Decimal
    url: str
    overdue_url: str


@dataclass(frozen=True)
class WeekRow:
    start: date
    new: int
    resolved: int
    new_url: str
    resolved_url: str

    @property
    def label(self) -> str:
        return f"{self.start:%b} {self.start.day}"


@dataclass
class DashboardFigures:
    today: date
    filters: Filters
    open_total: Figure
    buckets: list[Figure]
    no_deadline: Figure
    waiting: list[Figure]
    aging: list[Figure]
    staff: list[StaffRow]
    escalation: list[EscalationRow]
    weeks: list[WeekRow]
    extra: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------- helpers


def _midnight(day: date) -> datetime:
    """The aware start of ``day`` in the practice's time zone (what ``__date`` compares)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _sum(condition: Q | None = None) -> Sum:
    return Sum("amount_due", filter=condition, default=ZERO, output_field=_MONEY)


def _deadline_q(today: date, low: int | None, high: int | None) -> Q:
    q = Q(irs_deadline__isnull=False)
    if low is not None:
        q &= Q(irs_deadline__gte=today + timedelta(days=low))
    if high is not None:
        q &= Q(irs_deadline__lte=today + timedelta(days=high))
    return q


def _age_q(today: date, youngest: int, oldest: int | None) -> Q:
    """Opened between ``oldest`` and ``youngest`` days ago (inclusive, local dates)."""
    q = Q(created_at__lt=_midnight(today - timedelta(days=youngest - 1)))
    if oldest is not None:
        q &= Q(created_at__gte=_midnight(today - timedelta(days=oldest)))
    return q


def _age_params(today: date, youngest: int, oldest: int | None) -> dict[str, object]:
    params: dict[str, object] = {"created_at__date__lte": today - timedelta(days=youngest)}
    if oldest is not None:
        params["created_at__date__gte"] = today - timedelta(days=oldest)
    return params


def week_starts(today: date, weeks: int = TREND_WEEKS) -> list[date]:
    """Mondays of the last ``weeks`` weeks, oldest first, this week last."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _rank(code: str) -> tuple[int, str]:
    try:
        rank = escalation_rank(code)
    except UnknownNotice:
        rank = None
    return (rank if rank is not None else 99, code)


# ----------------------------------------------------------------------------- selectors


def dashboard_cases(*, user, filters: Filters) -> QuerySet[Case]:
    """Every case the partner may see, narrowed by the filters (resolved ones too)."""
    return filters.apply(Case.objects.visible_to(user)).order_by()


def _open_metrics(today: date) -> dict:
    """Every per-group number of the open cases, as conditional aggregates."""
    metrics: dict = {"open_n": Count("pk"), "open_s": _sum()}
    for urgency, _label, low, high in URGENCY_BUCKETS:
        q = _deadline_q(today, low, high)
        metrics[f"{urgency}_n"] = Count("pk", filter=q)
        metrics[f"{urgency}_s"] = _sum(q)
    metrics["nodl_n"] = Count("pk", filter=Q(irs_deadline__isnull=True))
    metrics["nodl_s"] = _sum(Q(irs_deadline__isnull=True))
    metrics["due7_n"] = Count("pk", filter=_deadline_q(today, 0, 7))
    for state in (State.WAITING_ON_CLIENT, State.AWAITING_APPROVAL):
        metrics[f"{state}_n"] = Count("pk", filter=Q(state=state))
        metrics[f"{state}_s"] = _sum(Q(state=state))
    # Open cases no Form 2848 covers (poa.CaseCoverage; a one-to-one join on the case).
    no_poa = ~Q(poa_coverage__covered=True)
    metrics["nopoa_n"] = Count("pk", filter=no_poa)
    metrics["nopoa_s"] = _sum(no_poa)
    for index, (_label, youngest, oldest) in enumerate(AGING_BUCKETS):
        q = _age_q(today, youngest, oldest)
        metrics[f"age{index}_n"] = Count("pk", filter=q)
        metrics[f"age{index}_s"] = _sum(q)
    return metrics


def _add(into: dict, row: dict, keys) -> None:
    for key in keys:
        into[key] = into.get(key, 0) + row[key]


def dashboard_figures(*, user, filters: Filters, today: date | None = None) -> DashboardFigures:
    """Everything the dashboard shows, in two scans of the cases table plus the rules.

    The open cases are scanned once, grouped by (assignee, notice code), with every bucket
    as a conditional Count/Sum; the firm totals, the per-staff rows and the per-code rows
    are sums of those few hundred groups. A second query counts new and resolved cases
    per week.
    """
    today = today or timezone.localdate()
    cases = dashboard_cases(user=user, filters=filters)
    base = filters.admin_params()

    metrics = _open_metrics(today)
    groups = list(  # query 1 (no join: grouping on names would double its cost)
        cases.exclude(state=State.RESOLVED)
        .values("assignee_id", "notice_code")
        .annotate(**metrics)
        .order_by()
    )
    names = dict(  # query 2: the practice's people, however many cases they hold
        (pk, name or email)
        for pk, name, email in User.objects.filter(role__in=PRACTICE_ROLES).values_list(
            "pk", "full_name", "email"
        )
    )
    row: dict = dict.fromkeys(metrics, 0)
    by_staff: dict[int | None, dict] = {}
    by_code: dict[str, dict] = {}
    for group in groups:
        _add(row, group, metrics)
        who = group["assignee_id"]
        person = by_staff.setdefault(
            who, {"name": names.get(who, "Unassigned" if who is None else f"User {who}")}
        )
        _add(person, group, ("open_n", "open_s", "overdue_n", "due7_n"))
        if group["notice_code"]:
            _add(by_code.setdefault(group["notice_code"], {}), group,
                 ("open_n", "open_s", "overdue_n"))  # fmt: skip
    row = {k: (v if k.endswith("_n") else v or ZERO) for k, v in row.items()}

    # Query 3: new and resolved per week, over the cases that moved in those weeks only.
    weeks = week_starts(today)
    first = _midnight(weeks[0])
    trend: dict = {}
    for index, start in enumerate(weeks):
        low, high = _midnight(start), _midnight(start + timedelta(days=7))
        trend[f"new{index}"] = Count("pk", filter=Q(created_at__gte=low, created_at__lt=high))
        trend[f"res{index}"] = Count(
            "pk",
            filter=Q(state=State.RESOLVED, closed_at__gte=low, closed_at__lt=high),
        )
    row.update(cases.filter(Q(created_at__gte=first) | Q(closed_at__gte=first)).aggregate(**trend))

    def figure(key: str, label: str, prefix: str, **params: object) -> Figure:
        return Figure(
            key, label, row[f"{prefix}_n"], row[f"{prefix}_s"], case_list_url(**base, **params)
        )

    buckets = [
        figure(str(urgency), label, str(urgency), urgency=urgency.value)
        for urgency, label, _low, _high in URGENCY_BUCKETS
    ]
    waiting = [
        figure(
            "waiting_on_client",
            "Waiting on the client",
            "waiting_on_client",
            state=State.WAITING_ON_CLIENT.value,
        ),
        figure(
            "awaiting_approval",
            "Waiting on partner approval",
            "awaiting_approval",
            state=State.AWAITING_APPROVAL.value,
        ),
        figure("no_poa", "No power of attorney (2848)", "nopoa", poa="missing"),
    ]
    aging = [
        figure(f"age{i}", label, f"age{i}", **_age_params(today, youngest, oldest))
        for i, (label, youngest, oldest) in enumerate(AGING_BUCKETS)
    ]
    week_rows = [
        WeekRow(
            start=start,
            new=row[f"new{i}"],
            resolved=row[f"res{i}"],
            new_url=case_list_url(
                **base,
                state=ALL_STATES,
                created_at__date__gte=start,
                created_at__date__lt=start + timedelta(days=7),
            ),
            resolved_url=case_list_url(
                **base,
                state=State.RESOLVED.value,
                closed_at__date__gte=start,
                closed_at__date__lt=start + timedelta(days=7),
            ),
        )
        for i, start in enumerate(weeks)
    ]
    return DashboardFigures(
        today=today,
        filters=filters,
        open_total=figure("open", "Open cases", "open"),
        buckets=buckets,
        no_deadline=figure(
            "no_deadline", "No IRS deadline", "nodl", urgency=Urgency.NO_DEADLINE.value
        ),
        waiting=waiting,
        aging=aging,
        staff=_staff_rows(by_staff, today=today, base=base),
        escalation=_escalation_rows(by_code, base=base),  # query 4: the rules' ladder
        weeks=week_rows,
    )


def _staff_rows(by_staff: dict, *, today: date, base: dict) -> list[StaffRow]:
    rows = []
    for assignee_id, r in by_staff.items():
        params = {**base, "assignee": str(assignee_id) if assignee_id else "none"}
        rows.append(
            StaffRow(
                assignee_id=assignee_id,
                name=r["name"],
                open=r["open_n"],
                overdue=r["overdue_n"],
                due_7=r["due7_n"],
                amount=r["open_s"] or ZERO,
                url=case_list_url(**params),
                overdue_url=case_list_url(**params, urgency=Urgency.OVERDUE.value),
                due_7_url=case_list_url(
                    **params, irs_deadline__gte=today, irs_deadline__lte=today + timedelta(days=7)
                ),
            )
        )
    return sorted(rows, key=lambda s: (-s.overdue, -s.open, s.assignee_id is None, s.name))


def _escalation_rows(by_code: dict, *, base: dict) -> list[EscalationRow]:
    ladder = escalation_next()
    found = []
    for code, r in by_code.items():
        nxt = ladder.get(normalize_notice_code(code))
        if nxt is None:
            continue
        params = {**base, "notice": code}
        found.append(
            EscalationRow(
                code=code,
                next_code=nxt[0],
                next_title=nxt[1],
                count=r["open_n"],
                overdue=r["overdue_n"],
                amount=r["open_s"] or ZERO,
                url=case_list_url(**params),
                overdue_url=case_list_url(**params, urgency=Urgency.OVERDUE.value),
            )
        )
    return sorted(found, key=lambda row: _rank(row.code))


def staff_choices() -> list[tuple[str, str]]:
    """The filter's staff list: every active practice member, plus 'unassigned'."""
    people = User.objects.practice_staff().values_list("pk", "full_name", "email")
    return [("none", "Unassigned"), *((str(pk), name or email) for pk, name, email in people)]


# ----------------------------------------------------------------------------- export

EXPORT_HEADER = (
    "case",
    "household",
    "notice",
    "tax_year",
    "form",
    "amount_due",
    "irs_deadline",
    "days_left",
    "estimate",
    "internal_target",
    "state",
    "assignee",
    "opened_on",
)


def export_rows(*, user, filters: Filters, today: date | None = None) -> Iterator[tuple]:
    """The open cases behind the dashboard, one tuple per case, by deadline (streamed)."""
    today = today or timezone.localdate()
    qs = (
        dashboard_cases(user=user, filters=filters)
        .exclude(state=State.RESOLVED)
        .order_by("irs_deadline", "pk")
        .values_list(
            "pk",
            "client__primary_first_name",
            "client__primary_last_name",
            "client__spouse_first_name",
            "notice_code",
            "tax_year",
            "tax_form",
            "amount_due",
            "irs_deadline",
            "deadline_estimate",
            "internal_target",
            "state",
            "assignee__full_name",
            "created_at",
        )
    )
    labels = dict(Case._meta.get_field("state").choices)
    for (
        pk,
        first,
        last,
        spouse,
        code,
        year,
        form,
        amount,
        due,
        estimate,
        target,
        state,
        assignee,
        created,
    ) in qs.iterator(chunk_size=2000):
        household = f"{first} and {spouse} {last}" if spouse else f"{first} {last}"
        yield (
            pk,
            household,
            code,
            year,
            form,
            "" if amount is None else f"{amount:.2f}",
            due.isoformat() if due else "",
            (due - today).days if due else "",
            "yes" if estimate else "",
            target.isoformat() if target else "",
            labels.get(state, state),
            assignee or "",
            timezone.localtime(created).date().isoformat(),
        )
