"""The one way to write the audit log. Every service that touches taxpayer data calls it."""

import hashlib
from datetime import timedelta
from typing import Any

from axes.helpers import get_client_ip_address
from django.db import models
from django.utils import timezone

from audit.models import AuditEvent, Outcome
from common.redaction import redact, redact_model_text

# A read of the same object by the same session within this long of the last row written
# for it is the same visit (reloads, the page's own polls, the images of its pages).
READ_AUDIT_WINDOW = timedelta(minutes=15)


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
    clean_detail = redact(dict(detail or {}))  # nested values too (JSON)
    return AuditEvent.objects.create(
        occurred_at=timezone.now(),
        actor=actor if is_user else None,
        actor_email=redact(actor.email if is_user else actor_email)[:254],
        role=getattr(actor, "role", "") if is_user else "",
        ip_address=ip_address or None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        outcome=outcome,
        detail=clean_detail,
    )


def _visit_key(request) -> str:
    """A short, one-way name for the session: rows of one visit share it; the session key
    itself (a credential) never reaches the log."""
    key = getattr(getattr(request, "session", None), "session_key", None) or ""
    return hashlib.sha256(f"visit:{key}".encode()).hexdigest()[:16] if key else ""


def audit_read(
    *, request, action: str, obj: models.Model, detail: dict[str, Any] | None = None
) -> AuditEvent | None:
    """Audit a read of taxpayer data, once per visit.

    A visit is one session reading one object (``action`` + ``obj``): the first read writes
    a row; reads by the same session within READ_AUDIT_WINDOW of that row write nothing;
    a read after it, or from another session, is a new visit and a new row. Returns the
    row written, or None for a read within a visit.
    """
    actor = request.user
    visit = _visit_key(request)
    object_type, object_id = _describe(obj)
    if visit:
        recent = AuditEvent.objects.filter(
            action=action,
            object_type=object_type,
            object_id=object_id,
            actor=actor,
            detail__visit=visit,
            occurred_at__gte=timezone.now() - READ_AUDIT_WINDOW,
        )
        if recent.exists():
            return None
    return audit_record(
        action=action,
        actor=actor,
        obj=obj,
        request=request,
        detail={**(detail or {}), "visit": visit},
    )


def _shown(field: str, value: Any) -> Any:
    if field in {"password"} or "secret" in field or "key" in field:
        return "(changed, not shown)"
    if value is None or isinstance(value, bool | int):
        return value
    return redact(str(value))


def admin_record_save(
    *, actor, request, obj: models.Model, changed: list[str], created: bool, label: str
) -> None:
    """Save what an admin form changed, and audit it with each field's before and after.

    Free text is redacted by the caller's form service (SSNs never stored); here the values
    written to the log are masked too. Django's own admin history is kept beside this row.
    """
    from django.db import transaction

    before = {}
    if not created and changed:
        stored = type(obj)._default_manager.filter(pk=obj.pk).values(*changed).first() or {}
        before = {k: _shown(k, v) for k, v in stored.items()}
    redact_model_text(obj, set(changed) if not created else None)
    with transaction.atomic():
        obj.save()
        audit_record(
            action=f"{label}.admin_{'add' if created else 'change'}",
            actor=actor,
            obj=obj,
            request=request,
            detail={
                "fields": sorted(changed),
                "changes": {
                    k: [before.get(k), _shown(k, getattr(obj, k, None))] for k in sorted(changed)
                },
            },
        )


def admin_record_delete(*, actor, request, obj: models.Model, label: str) -> None:
    from django.db import transaction

    with transaction.atomic():
        audit_record(action=f"{label}.admin_delete", actor=actor, obj=obj, request=request)
        obj.delete()
