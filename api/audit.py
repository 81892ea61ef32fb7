"""API calls are audited with the same actions as the pages, marked as coming through the API."""

from audit.models import Outcome
from audit.services import audit_record


def api_audit(request, *, action: str, obj=None, outcome: str = Outcome.SUCCESS, **detail) -> None:
    token = request.auth
    marks = {"via": "api"}
    if getattr(token, "prefix", None):
        marks["token"] = token.prefix
    audit_record(
        action=action,
        actor=request.user,
        obj=obj,
        outcome=outcome,
        request=request._request,
        detail={**marks, **detail},
    )
