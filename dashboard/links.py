"""Links from a dashboard number to the admin case queue, filtered to exactly those cases.

The queue's own filters are used (``state``, ``notice``, ``urgency``, ``assignee``) plus
plain field lookups the admin allows on local fields (``created_at__date__gte``,
``amount_due__lte`` …). The figures in ``dashboard.selectors.figures`` use the same bounds,
so the count on the dashboard is the count on the page it opens.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

ALL_STATES = "all"  # the queue shows open cases unless told otherwise


def case_list_url(**params: object) -> str:
    """The admin queue with ``params`` (empty values dropped, stable order)."""
    base = reverse("admin:cases_case_changelist")
    clean = {k: str(v) for k, v in sorted(params.items()) if v not in (None, "")}
    return f"{base}?{urlencode(clean)}" if clean else base
