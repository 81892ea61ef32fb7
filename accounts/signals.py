"""Logins, failed logins and logouts go to the audit log."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.middleware import LAST_SEEN_KEY, LOGIN_AT_KEY
from audit.models import Outcome
from audit.services import audit_record
from common.redaction import redact


def attempted_username(request, credentials) -> str:
    """The login name as django-axes and the audit log keep it: a full SSN masked."""
    raw = ""
    if credentials:
        raw = credentials.get("username") or credentials.get("email") or ""
    elif request is not None:
        raw = request.POST.get("username", "")
    return redact(str(raw))[:254]


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs) -> None:
    now = int(time.time())
    request.session[LOGIN_AT_KEY] = now
    request.session[LAST_SEEN_KEY] = now
    audit_record(action="auth.login", actor=user, obj=user, request=request)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    attempted = attempted_username(request, credentials)
    audit_record(
        action="auth.login_failed",
        actor_email=attempted,
        outcome=Outcome.FAILURE,
        request=request,
    )


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        audit_record(action="auth.logout", actor=user, obj=user, request=request)
