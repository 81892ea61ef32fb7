"""The one way to write the audit log. Every service that touches taxpayer data calls it."""

from typing import Any

from axes.helpers import get_client_ip_address
from django.db import models

from audit.logging import redact_ssn
from audit.models import AuditEvent, Outcome


def _describe(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(getattr(obj, "public_id", None) or obj.pk)


def audit_record(
    *,
    action: str,
    actor: Any = None,
    obj: models.Model | None = None,
    outcome: str = Outcome.SUCCESS,
    request: Any = None,
    ip_address: str | None = None,
    detail: dict[str, Any] | None = None,
    actor_email: str = "",
) -> AuditEvent:
    """Append one audit event.

    `request` is only read for the client address (through the same trusted-proxy rule
    django-axes uses), never for the actor: callers pass `actor=` explicitly.
    """
    if request is not None and ip_address is None:
        ip_address = get_client_ip_address(request)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    object_type, object_id = _describe(obj)
    clean_detail = {
        k: redact_ssn(v) if isinstance(v, str) else v for k, v in (detail or {}).items()
    }
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_email=redact_ssn(actor.email if is_user else actor_email)[:254],
        role=getattr(actor, "role", "") if is_user else "",
        ip_address=ip_address or None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        detail=clean_detail,
    )
