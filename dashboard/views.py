"""The partner dashboard, its CSV export, and the clients' unsubscribe page."""

from __future__ import annotations

import contextlib
import csv
from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.decorators import public_view, role_required
from accounts.roles import Role
from audit.services import audit_record
from cases.deadlines import DEFAULT_RULES
from clients.models import Client
from dashboard import charts
from dashboard.forms import DashboardFilterForm
from dashboard.selectors import (
    DashboardFigures,
    Filters,
    dashboard_cases,
    dashboard_figures,
    export_rows,
    staff_choices,
)
from dashboard.selectors.figures import EXPORT_HEADER
from dashboard.services import client_reminders_stop, unsubscribe_read

PARTNERS = (Role.PARTNER, Role.ADMIN)
NOTICE_CODES = list(DEFAULT_RULES)


def _form(request: HttpRequest) -> DashboardFilterForm:
    return DashboardFilterForm(request.GET or None, staff=staff_choices(), codes=NOTICE_CODES)


def _money(amount) -> str:
    return f"${amount:,.0f}"


def _charts(figures: DashboardFigures) -> dict[str, charts.Chart]:
    urgency = charts.horizontal_bars(
        [
            charts.Item(
                f.label,
                f.count,
                f.url,
                f"bar-{f.key}",
                f"{f.label}: {f.count} cases, {_money(f.amount)} at stake",
            )
            for f in figures.buckets[:4]
        ]
    )
    workload = charts.horizontal_bars(
        [
            charts.Item(
                s.name, s.open, s.url, "bar-staff", f"{s.name}: {s.open} open, {s.overdue} overdue"
            )
            for s in figures.staff[:12]
        ]
    )
    aging = charts.horizontal_bars(
        [
            charts.Item(f.label, f.count, f.url, "bar-aging", f"Open {f.label}: {f.count} cases")
            for f in figures.aging
        ]
    )
    trend = charts.column_pairs(
        [
            (
                w.label,
                charts.Item("New", w.new, w.new_url, "series-a", f"Week of {w.label}: {w.new} new"),
                charts.Item(
                    "Resolved",
                    w.resolved,
                    w.resolved_url,
                    "series-b",
                    f"Week of {w.label}: {w.resolved} resolved",
                ),
            )
            for w in figures.weeks
        ],
        legend=("New cases", "Resolved"),
    )
    return {"urgency": urgency, "workload": workload, "aging": aging, "trend": trend}


def _export_url(filters: Filters) -> str:
    query = filters.query()
    return reverse("dashboard:export") + (f"?{urlencode(query)}" if query else "")


@role_required(*PARTNERS)
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    """Every IRS deadline of the firm in one place; every number opens its cases."""
    form = _form(request)
    filters = form.filters() if form.is_bound else Filters()
    figures = dashboard_figures(user=request.user, filters=filters)
    context = {
        "form": form,
        "figures": figures,
        "charts": _charts(figures),
        "export_url": _export_url(filters),
    }
    return render(request, "dashboard/dashboard.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(cell: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading quote (CSV injection)."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


#: Columns that carry typed or read text. Only these are guarded against formulas: the
#: numbers (amounts, days, ids) and ISO dates stay numbers a spreadsheet can add up, and a
#: credit is -835.35, not '-835.35.
TEXT_COLUMNS = frozenset({"household", "notice", "form", "state", "assignee"})


def _csv_lines(rows: Iterable[tuple]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(EXPORT_HEADER)
    guarded = [name in TEXT_COLUMNS for name in EXPORT_HEADER]
    for row in rows:
        yield writer.writerow(
            [_safe(cell) if text else cell for cell, text in zip(row, guarded, strict=True)]
        )


@role_required(*PARTNERS)
@require_GET
def dashboard_export(request: HttpRequest) -> HttpResponse:
    """The open cases behind the dashboard (same filters) as CSV. Audited."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse("Check the filters.", status=400, content_type="text/plain")
    filters = form.filters() if form.is_bound else Filters()
    count = dashboard_cases(user=request.user, filters=filters).open().count()
    audit_record(
        action="dashboard.export",
        actor=request.user,
        request=request,
        detail={"filters": filters.query(), "rows": count},
    )
    response = StreamingHttpResponse(
        _csv_lines(export_rows(user=request.user, filters=filters)),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="open-cases-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@public_view
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link at the foot of every client reminder: confirm (GET), then stop (POST).

    GET changes nothing, so a mail scanner that follows links cannot unsubscribe anyone.
    """
    found = unsubscribe_read(token)
    if found is None:
        raise Http404("This unsubscribe link is not valid.")
    client_id, email = found
    done = False
    if request.method == "POST":
        # A household deleted since has nothing left to send either.
        with contextlib.suppress(Client.DoesNotExist):
            client_reminders_stop(client_id=client_id, email=email, request=request)
        done = True
    return render(
        request, "dashboard/unsubscribe.html", {"email": email, "done": done, "token": token}
    )
