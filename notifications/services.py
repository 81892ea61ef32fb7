"""Outgoing e-mail goes through the worker, after the transaction that caused it commits.

A web request never waits on an SMTP server, and a rolled-back change never e-mails anyone.
If the broker cannot take the message, it is sent from here instead: a notification is
never lost because Redis is down, and the request that caused it still succeeds.
"""

import logging

from django.db import transaction

from notifications.tasks import email_send_task

logger = logging.getLogger(__name__)


def email_enqueue(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    if not to:
        return
    message = {"to": list(to), "subject": subject, "body": body, "html_body": html_body}
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
