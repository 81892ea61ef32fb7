"""Break-glass actions for a suspected compromise: revoke sessions, force password resets,
and stop all file traffic. Each is run by an operator from the command line
(`manage.py revoke_all_sessions`, `force_password_reset`, `files_maintenance`) and each
leaves an audit row saying who ran it and what it touched.

Maintenance mode for files keeps its state in the audit log itself (the newest
`breakglass.files_maintenance` event wins), so every web process sees it at once and
the history of who switched it, when and why is the same record.
"""

import secrets
from collections.abc import Iterable

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record

MAINTENANCE_ACTION = "breakglass.files_maintenance"


def _sessions_of(user_ids: set[str] | None) -> list[str]:
    """Keys of unexpired sessions, all of them or those signed in as one of `user_ids`."""
    keys = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if user_ids is None:
            keys.append(session.session_key)
            continue
        data = session.get_decoded()
        if str(data.get(SESSION_KEY)) in user_ids:
            keys.append(session.session_key)
    return keys


def sessions_revoke(*, operator: str, users: Iterable[User] | None = None, reason: str = "") -> int:
    """Sign out everyone (users=None) or the given logins, on every device, now."""
    user_ids = None if users is None else {str(u.pk) for u in users}
    with transaction.atomic(durable=True):
        keys = _sessions_of(user_ids)
        deleted, _ = Session.objects.filter(session_key__in=keys).delete()
        audit_record(
            action="breakglass.sessions_revoked",
            actor_email=operator,
            detail={
                "scope": "all" if users is None else "users",
                "users": len(user_ids) if user_ids is not None else None,
                "sessions": deleted,
                "reason": reason,
            },
        )
    return deleted


def passwords_force_reset(*, operator: str, users: Iterable[User], reason: str = "") -> int:
    """Replace each password with a random one nobody knows, and sign them out.

    The login still works through "Forgot your password?" (the reset mail needs a
    usable password, so it is replaced rather than made unusable), which also still
    asks for the second factor.
    """
    users = list(users)
    with transaction.atomic(durable=True):
        for user in users:
            user.set_password(secrets.token_urlsafe(48))
            user.save(update_fields=["password"])
            audit_record(
                action="breakglass.password_reset_forced",
                actor_email=operator,
                obj=user,
                detail={"reason": reason},
            )
    sessions_revoke(operator=operator, users=users, reason=f"password reset forced: {reason}")
    return len(users)


def files_maintenance_set(*, operator: str, on: bool, reason: str = "") -> None:
    audit_record(
        action=MAINTENANCE_ACTION, actor_email=operator, detail={"on": on, "reason": reason}
    )


def files_maintenance_is_on() -> bool:
    latest = (
        AuditEvent.objects.filter(action=MAINTENANCE_ACTION)
        .order_by("-occurred_at", "-id")
        .values_list("detail", flat=True)
        .first()
    )
    return bool(latest and latest.get("on"))
