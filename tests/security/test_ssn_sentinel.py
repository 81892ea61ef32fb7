"""A sentinel SSN, printed on synthetic notices and typed into forms, must end up nowhere:
not in any text column of the database (sessions decoded), not in the worker's or this
process's log output, not in any e-mail, including the error report of a forced 500.
"""

import contextlib
import io
import logging
import random
import re
import sys
import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from tests.conftest import sign_in
from tests.support import ROOT, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SENTINEL = "123-45-6789"
LEAK = re.compile(r"123[- ]?45[- ]?6789")


@pytest.fixture(scope="module")
def sentinel_notices() -> dict[str, bytes]:
    """A born-digital notice and a scan of it, printing the full sentinel SSN."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import notice_corpus as nc

    rng = random.Random("ssn-sentinel")  # noqa: S311 - reproducible synthetic data
    spec = nc.make_spec(rng, "ssn00", layout="classic")
    spec.update(ssn_masked=SENTINEL, last4="6789")
    pdf = nc.render_pdf(nc.render_standard(spec))
    pages = [nc.degrade_scan(p, rng, 0) for p in nc.rasterise(pdf, 200)]
    return {"born_digital.pdf": pdf, "scan.pdf": nc.image_pdf(pages, 200)}


def _text_columns() -> list[tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type IN "
            "('text', 'character varying', 'json', 'jsonb', 'character')"
        )
        return cursor.fetchall()


def _database_leaks() -> list[str]:
    found = []
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(
                f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ~ %s',  # noqa: S608
                [LEAK.pattern.replace("[- ]?", "[- ]?")],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    for session in Session.objects.all():
        if LEAK.search(str(session.get_decoded())):
            found.append(f"django_session {session.session_key[:6]}… (decoded)")
    return found


def _mail_leaks() -> list[str]:
    found = []
    for message in mail.outbox:
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        parts += [str(a) for a in message.attachments]
        if any(LEAK.search(str(p)) for p in parts):
            found.append(f"mail to {message.to}: {message.subject[:60]}")
    return found


@contextlib.contextmanager
def _handler_output():
    """What the configured log handlers of this process write, filters and formatters on."""
    buffer = io.StringIO()
    handlers = {
        h
        for name in ("", "django", "django.request", "celery")
        for h in logging.getLogger(name).handlers
        if isinstance(h, logging.StreamHandler)
    }
    old = {h: h.setStream(buffer) for h in handlers}
    try:
        yield buffer
    finally:
        for h, stream in old.items():
            h.setStream(stream)


def test_a_full_ssn_printed_on_a_notice_is_stored_logged_and_mailed_nowhere(
    reader, client, make_user, household_for, sentinel_notices
):
    staff = make_user(Role.STAFF)  # assigned: the staff e-mails are checked too
    household = household_for({"household_ssn_last4": ["6789"]}, assigned_staff=staff)
    user = make_user(Role.CLIENT, client=household)
    sign_in(client, user)
    with _handler_output() as output:
        for name, data in sentinel_notices.items():  # text layer, and a scan read by OCR
            response = client.post(
                reverse("notices:list"), {"files": [SimpleUploadedFile(name, data)]}
            )
            assert response.status_code == 302
        notices = list(Notice.objects.filter(client=household))
        assert len(notices) == 2
        for notice in notices:
            wait_for(lambda n=notice: n.refresh_from_db() or n.is_final, timeout=60)
            assert notice.status == NoticeStatus.READ, notice.staff_detail
            assert notice.ssn_last4 == "6789"
            for url in ("notices:detail", "notices:status", "notices:file"):
                args = [notice.public_id, 1] if url == "notices:file" else [notice.public_id]
                client.get(reverse(url, args=args))
        # the reading also queued mail to staff: let it be sent by the worker, then look
        time.sleep(1)
    assert _database_leaks() == []
    assert _mail_leaks() == []
    assert LEAK.findall(reader[1].read_text()) == []
    assert LEAK.findall(output.getvalue()) == []


def test_a_full_ssn_typed_into_the_password_reset_form_is_stored_nowhere(db):
    anonymous = Client()
    with _handler_output() as output:
        anonymous.post(reverse("accounts:password_reset"), {"email": SENTINEL})
        anonymous.post(reverse("accounts:password_reset"), {"email": f"{SENTINEL}@example.test"})
    assert _database_leaks() == []
    assert _mail_leaks() == []
    assert LEAK.findall(output.getvalue()) == []


def test_a_full_ssn_typed_into_the_login_form_is_stored_nowhere(db):
    anonymous = Client()
    with _handler_output() as output:
        for _ in range(6):  # into the lockout, so the throttle records its attempts too
            anonymous.post(reverse("accounts:login"), {"username": SENTINEL, "password": "x" * 12})
        anonymous.post(
            reverse("accounts:login"),
            {"username": f"{SENTINEL}@example.test", "password": SENTINEL},
        )
    assert LEAK.findall(output.getvalue()) == []
    assert _database_leaks() == []


def _desk(make_user, household_for):
    staff = make_user(Role.STAFF)
    household = household_for({"household_ssn_last4": ["6789"]}, assigned_staff=staff)
    notice = Notice.objects.create(client=household, status=NoticeStatus.READ)
    desk = Client()
    sign_in(desk, staff)
    return desk, notice


def test_a_full_ssn_typed_into_a_staff_correction_is_not_stored(make_user, household_for):
    desk, notice = _desk(make_user, household_for)
    for name in ("taxpayer_name", "caller_id", "irs_phone", "notice_type"):
        desk.post(
            reverse("notices:correct", args=[notice.public_id]),
            {"name": name, "value": SENTINEL, "reason": f"client said SSN {SENTINEL}"},
        )
    assert _database_leaks() == []


def _crash_with_the_sentinel(monkeypatch, desk, notice):
    # The form refuses a full SSN in its own fields, so the crash carries the sentinel in
    # an extra POST field and in the exception text: the error report prints both.
    def crash(**kwargs):
        raise ValueError(f"could not store the correction for {SENTINEL}")

    monkeypatch.setattr("notices.views.notice_field_correct", crash)
    desk.raise_request_exception = False
    with _handler_output() as output:
        response = desk.post(
            reverse("notices:correct", args=[notice.public_id]),
            {
                "name": "taxpayer_name",
                "value": "JANE DOE",
                "reason": "again",
                "note": f"SSN {SENTINEL}",
            },
        )
    assert response.status_code == 500
    assert [m for m in mail.outbox if "Internal Server Error" in m.subject]
    return output.getvalue()


def test_a_crash_on_a_request_carrying_a_full_ssn_mails_and_logs_it_masked(
    make_user, household_for, settings, monkeypatch
):
    settings.ADMINS = [("Practice admin", "admin@practice.test")]
    desk, notice = _desk(make_user, household_for)
    output = _crash_with_the_sentinel(monkeypatch, desk, notice)
    assert _mail_leaks() == []
    assert LEAK.findall(output) == []
