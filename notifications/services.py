"""Outgoing e-mail goes through the worker, after the transaction that caused it commits.

A web request never waits on an SMTP server, and a rolled-back change never e-mails anyone.
"""

from django.db import transaction

from notifications.tasks import email_send_task


def email_enqueue(*, to: list[str], subject: str, body: str, html_body: str = "") -> None:
    if not to:
        return
    transaction.on_commit(
        lambda: email_send_task.delay(to=list(to), subject=subject, body=body, html_body=html_body)
    )
