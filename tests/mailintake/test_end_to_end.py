"""Done when: an e-mail sent to the test IMAP server by a known client becomes a read notice
on their page, and an unknown sender lands in triage. Real Dovecot, PostgreSQL, Redis and a
`celery worker` process (which polls the mailbox, reads the notice and sends the receipt)."""

import email
import re
from pathlib import Path

import pytest

from accounts.roles import Role
from mailintake.models import InboundMessage, Mailbox
from notices.models import Notice, NoticeStatus
from tests.conftest import sign_in
from tests.mailintake.conftest import PASSWORD_SETTING
from tests.mailintake.mail import make_email
from tests.support import celery_worker, wait_for, worker_env

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def _sent(folder: Path) -> list:
    found = []
    for path in sorted(folder.glob("*.log")) if folder.exists() else []:
        for chunk in path.read_text().split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                found.append(email.message_from_string(chunk.strip()))
    return found


def test_a_clients_email_becomes_a_read_notice_and_a_stranger_lands_in_triage(
    imap_server, corpus, household_for, make_user, client, tmp_path
):
    from mailintake.tasks import mailintake_poll_all_task

    record = corpus.record("bd10")
    household = household_for(record)
    login = make_user(Role.CLIENT, client=household, email="jordan@client.example")
    Mailbox.objects.create(
        name="Intake",
        host=imap_server.host,
        port=imap_server.port,
        security=Mailbox.Security.NONE,
        username=imap_server.username,
        password_setting=PASSWORD_SETTING,
        folder="E2E",
    )
    files = [(p.name, "application/pdf", p.read_bytes()) for p in corpus.paths("bd10")]
    imap_server.append(make_email("Jordan <jordan@client.example>", attachments=files), "E2E")
    imap_server.append(make_email("someone@elsewhere.example", attachments=files), "E2E")

    outbox = tmp_path / "mail"
    env = worker_env(
        TAXHAUZ_EMAIL_BACKEND=FILE_BACKEND,
        TAXHAUZ_EMAIL_FILE_PATH=str(outbox),
        TAXHAUZ_PORTAL_URL="https://portal.practice.example",
        **{PASSWORD_SETTING: imap_server.password},  # only the worker knows the password
    )
    with celery_worker(env, concurrency=2, log_path=tmp_path / "worker.log"):
        mailintake_poll_all_task.delay()  # what beat sends every minute
        notice = wait_for(
            lambda: Notice.objects.filter(client=household).first(),
            timeout=60,
            what="the e-mailed notice",
        )
        wait_for(
            lambda: Notice.objects.get(pk=notice.pk).is_final, timeout=90, what="the reading"
        )
        wait_for(lambda: _sent(outbox), timeout=30, what="the receipt")
        # Let the reconciliation the reading queued finish: a task left half done would be
        # redelivered to the next module's worker, over a database being flushed.
        wait_for(
            lambda: re.search(
                r"reconcile_notice\[[^\]]+\] succeeded", (tmp_path / "worker.log").read_text()
            ),
            timeout=60,
            what="the reconciliation",
        )
    log = (tmp_path / "worker.log").read_text().split("Warm shutdown")[0]  # not the stop itself
    assert "Traceback" not in log, log[-3000:]

    notice.refresh_from_db()
    expected = record["expected"]
    assert notice.status == NoticeStatus.READ and notice.source == "email"
    assert str(notice.amount_due) == expected["amount_due"]

    # The client's page shows it, read.
    sign_in(client, login)
    page = client.get(f"/notices/{notice.public_id}/").content.decode()
    assert expected["notice_type"] in page and f"{float(expected['amount_due']):,.2f}" in page

    # The receipt links to that page with the configured site address.
    (receipt,) = [m for m in _sent(outbox) if m["To"] == "jordan@client.example"]
    link = f"https://portal.practice.example/notices/{notice.public_id}/"
    assert link in receipt.get_payload()

    # The stranger's mail waits for staff; nothing was attached to any household.
    stranger = InboundMessage.objects.get(sender="someone@elsewhere.example")
    assert stranger.status == InboundMessage.Status.TRIAGE and stranger.client is None
    assert Notice.objects.count() == 1
    staff = make_user(Role.STAFF)
    sign_in(client, staff)
    triage = client.get("/admin/mailintake/inboundmessage/").content.decode()
    assert "someone@elsewhere.example" in triage and "jordan@client.example" not in triage
    assert all("$TaxhauzImported" in f for _, f in imap_server.messages("E2E"))
