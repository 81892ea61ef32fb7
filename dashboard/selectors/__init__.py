"""Reads for the dashboard app: deadline rules, the partner figures, the client timeline."""

from dashboard.selectors.figures import (
    DashboardFigures,
    Filters,
    dashboard_cases,
    dashboard_figures,
    export_rows,
    staff_choices,
)
from dashboard.selectors.rules import deadline_policy, deadline_rules, escalation_next
from dashboard.selectors.timeline import notice_timeline_for_client

__all__ = [
    "DashboardFigures",
    "Filters",
    "dashboard_cases",
    "dashboard_figures",
    "deadline_policy",
    "deadline_rules",
    "escalation_next",
    "export_rows",
    "notice_timeline_for_client",
    "staff_choices",
]
