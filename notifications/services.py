"""Outgoing e-mail goes through the worker, after the transaction that caused it commits.

A web request never waits on an SMTP server, and a rolled-back change never e-mails anyone.
If the broker cannot take the message, it is sent from here instead: a notification is
never lost because Redis is down, and the request that caused it still succeeds.
"""

import logging

from django.conf import settings
from django.db import transaction

from notifications.tasks import email_send_task

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """A link for an e-mail: the worker has no request to ask, so the portal's configured
    address (``TAXHAUZ_PORTAL_URL``) comes first."""
    return settings.PORTAL_URL.rstrip("/") + path


def email_enqueue(
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    headers: dict[str, str] | None = None,
) -> None:
    """Send after commit. ``headers`` adds threading or RFC 3834 headers to a reply."""
    if not to:
        return
    message = {"to": list(to), "subject": subject, "body": body, "html_body": html_body}
    if headers:
        message["headers"] = dict(headers)
    transaction.on_commit(lambda: _send(message))


def _send(message: dict) -> None:
    try:
        email_send_task.delay(**message)
    except Exception:  # broker down: deliver now rather than lose it
        logger.warning(
            "broker unavailable; sending e-mail %r directly", message["subject"], exc_info=True
        )
        try:
            email_send_task.run(**message)
        except Exception:
            logger.exception("could not send e-mail %r", message["subject"])
