"""Every link in an e-mail is absolute and starts with the configured site address.

The mail is sent by a real Celery worker process with Django's file-based backend; the test
reads the messages that worker wrote (issue 11, item 14).
"""

import email
import re
import time
from email import policy

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.support import celery_worker, worker_env

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SITE = "https://portal.practice.example"
URLISH = re.compile(r"(?:https?://\S+|(?<![\w/.:])/(?:admin|cases|notices|account|records)/\S*)")


def _mails(folder, count: int, timeout: float = 60.0) -> list[email.message.EmailMessage]:
    deadline = time.monotonic() + timeout
    while True:
        files = sorted(folder.glob("*.log"))
        raw = b"".join(f.read_bytes() for f in files)
        messages = [
            email.message_from_bytes(chunk.strip(b"-\n") + b"\n", policy=policy.default)
            for chunk in raw.split(b"-" * 79)
            if chunk.strip(b"-\n")
        ]
        if len(messages) >= count or time.monotonic() > deadline:
            return messages
        time.sleep(0.5)


def test_every_link_the_worker_mails_is_absolute(tmp_path, settings, client, make_user):
    from cases.models import Case
    from cases.services import case_assign, case_claim, document_request_create
    from tests.factories import ClientFactory

    settings.PORTAL_URL = SITE  # the web side builds the links
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = worker_env(
        TAXHAUZ_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        TAXHAUZ_EMAIL_FILE_PATH=str(outbox),
        TAXHAUZ_PORTAL_URL=SITE,
    )
    with celery_worker(env, log_path=tmp_path / "worker.log"):
        staff = make_user(Role.STAFF, email="sam@practice.example")
        other = make_user(Role.STAFF, email="alex@practice.example")
        household = ClientFactory(assigned_staff=staff)
        login = make_user(Role.CLIENT, client=household, email="pat@client.example")
        case = Case.objects.create(
            client=household, stream_key="t|1", stream_kind="balance", tax_year=2023,
            tax_form="1040", notice_code="CP14",
        )  # fmt: skip
        case_claim(actor=staff, case=case)
        case_assign(actor=staff, case=case, assignee=other)  # mail to the new assignee
        document_request_create(actor=staff, case=case, description="Bank statement")
        client.post(reverse("accounts:password_reset"), {"email": login.email})
        mails = _mails(outbox, 3)
    assert len(mails) >= 3, (tmp_path / "worker.log").read_text()[-2000:]
    links = []
    for message in mails:
        body = message.get_body(preferencelist=("plain",)).get_content()
        found = URLISH.findall(body)
        assert found, body  # each of these mails carries a link
        links += found
    assert all(link.startswith(SITE + "/") for link in links), links
    assert any("/account/password/reset/" in link or "reset" in link for link in links)
