"""Sentinel SSNs and ITINs, printed on synthetic notices and typed or uploaded through every
form of every role, must end up nowhere: not in any text or JSON column of any table
(sessions decoded), not in a stored file's name, not in the log of the web process or of the
worker, and not in any e-mail. The e-mail is read where the worker writes it (a file
backend shared with it), after waiting for every message the flows send; a scan that found
no message at all fails.
"""

import contextlib
import email
import io
import logging
import random
import re
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.roles import Role
from notices.models import Notice, NoticeStatus
from tests import support
from tests.conftest import sign_in
from tests.security.procs import PrivateRedis, broker_pointed_at, wait_until_ready, worker
from tests.support import ROOT, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

SENTINEL = "123-45-6789"
ITIN = "912-78-4321"  # an ITIN: 9XX, then 70-88 in the middle
LEAK = re.compile(r"123[-\s.\u2010-\u2015]?45[-\s.\u2010-\u2015]?6789|912[-\s.]?78[-\s.]?4321")
FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


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


@pytest.fixture(scope="module")
def mail_worker(django_db_setup, isolated_media, tmp_path_factory):
    """A private Redis and a real worker that writes its e-mail to files (the file backend),
    where this test process's own e-mail goes too. Yields (log path, mail folder)."""
    folder = tmp_path_factory.mktemp("sentinel")
    maildir = folder / "mail"
    maildir.mkdir()
    redis = PrivateRedis(folder)
    redis.start()
    log = folder / "worker.log"
    env = support.worker_env(
        TAXHAUZ_BROKER_URL=redis.url,
        TAXHAUZ_EMAIL_BACKEND=FILE_BACKEND,
        TAXHAUZ_EMAIL_FILE_PATH=str(maildir),
    )
    try:
        with broker_pointed_at(redis.url), worker(env, log_path=log, concurrency=2):
            wait_until_ready(log)
            yield log, maildir
    finally:
        redis.stop()


@pytest.fixture
def mailbox(mail_worker, settings):
    """The shared mail folder, emptied; this process sends there as well."""
    _log, maildir = mail_worker
    for old in maildir.iterdir():
        old.unlink()
    settings.EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = str(maildir)
    return maildir


def _messages(maildir: Path) -> list[email.message.Message]:
    """Every message the file backend wrote (one file per connection, separated by a rule)."""
    found = []
    for path in sorted(maildir.iterdir()):
        for chunk in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
            if chunk.strip():
                found.append(email.message_from_bytes(chunk.strip()))
    return found


def _mail_text(message: email.message.Message) -> str:
    parts = [str(message.get("Subject", "")), str(message.get("To", ""))]
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if payload:
            parts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
    return "\n".join(parts)


def _wait_for_mail(maildir: Path, at_least: int) -> list[email.message.Message]:
    wait_for(
        lambda: len(_messages(maildir)) >= at_least,
        timeout=60,
        what=f"{at_least} e-mails from the worker",
    )
    time.sleep(2)  # anything still on its way
    return _messages(maildir)


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
                [LEAK.pattern],
            )
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    for session in Session.objects.all():
        if LEAK.search(str(session.get_decoded())):
            found.append(f"django_session {session.session_key[:6]}… (decoded)")
    return found


def _outbox_leaks() -> list[str]:
    """Mail sent by this process itself (error reports): Django's test outbox."""
    found = []
    for message in mail.outbox:
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        parts += [str(a) for a in message.attachments]
        if any(LEAK.search(str(p)) for p in parts):
            found.append(f"mail to {message.to}: {message.subject[:60]}")
    return found


def _file_leaks() -> list[str]:
    """Stored files whose name (or folder) carries the sentinel."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [str(p) for p in root.rglob("*") if LEAK.search(str(p.relative_to(root)))]


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


def _everywhere(worker_log: Path, output: str, messages: list) -> dict[str, list]:
    return {
        "database": _database_leaks(),
        "stored file names": _file_leaks(),
        "worker log": LEAK.findall(worker_log.read_text()),
        "web log": LEAK.findall(output),
        "e-mail": [m["Subject"] for m in messages if LEAK.search(_mail_text(m))],
    }


NOWHERE = {"database": [], "stored file names": [], "worker log": [], "web log": [], "e-mail": []}


def test_a_full_ssn_printed_on_a_notice_is_stored_logged_and_mailed_nowhere(
    mail_worker, mailbox, client, make_user, household_for, sentinel_notices
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
        messages = _wait_for_mail(mailbox, at_least=2)  # "a client uploaded", twice
    assert _everywhere(mail_worker[0], output.getvalue(), messages) == NOWHERE
    print(f"scanned {len(messages)} e-mails, {len(_text_columns())} text columns")


# -- every form of every role ---------------------------------------------------------------


def _ok(response, *expected: int) -> None:
    """The form was accepted: the expected status, and no error message on the next page."""
    assert response.status_code in (expected or (302,)), (
        response.status_code,
        response.content.decode(errors="replace")[-1500:],
    )
    added = response.wsgi_request._messages._queued_messages
    assert [str(m) for m in added if m.level_tag == "error"] == []


REFUSED = "Never type a full Social Security number: only its last four digits are kept."
LETTER = "A full SSN-like number was found in the letter; use the last 4 digits only."


def _refused(response, why: str = REFUSED) -> None:
    """The form refused the full number and said why (and so stored nothing): in a message
    for the next page, or on the form shown again."""
    if response.status_code == 200:
        assert why in response.content.decode()
    else:
        added = response.wsgi_request._messages._queued_messages
        assert [str(m) for m in added] == [why]


def _form_data(form) -> dict:
    """What a browser would send back for a form as it stands (its initial values)."""
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or field.disabled:
            continue
        key = form.add_prefix(name)
        if isinstance(value, bool):
            if value:
                data[key] = "on"
        elif hasattr(value, "__iter__") and not isinstance(value, str):
            data[key] = [getattr(v, "pk", v) for v in value]
        else:
            data[key] = getattr(value, "pk", value)
    return data


def _admin_post(c: Client, url: str, changes: dict) -> None:
    """Post an admin add/change form as it stands, with ``changes`` typed into it."""
    page = c.get(url)
    assert page.status_code == 200, url
    form = page.context["adminform"].form
    data = _form_data(form)
    for inline in page.context.get("inline_admin_formsets", []):  # e.g. a POA's matters
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for each in formset.forms:
            data.update(_form_data(each))
    data.update(changes)
    response = c.post(url, data)
    errors = response.context["adminform"].form.errors if response.status_code == 200 else ""
    assert response.status_code == 302, (url, errors)


def _as(user) -> Client:
    c = Client()
    sign_in(c, user)
    return c


def _pdf(label: str) -> bytes:
    from tests.security.hostile import text_pdf

    return text_pdf([label, "Department of the Treasury"])


def test_a_full_ssn_or_itin_typed_or_uploaded_in_every_form_is_stored_logged_mailed_nowhere(
    mail_worker, mailbox, make_user, household_for, corpus
):
    from cases.models import Case, CaseNote, ClientDocument, DocumentRequest
    from letters.models import LetterVersion, RenderStatus
    from records.models import Payment, Reconciliation

    staff, partner = make_user(Role.STAFF), make_user(Role.PARTNER)
    admin = make_user(Role.ADMIN, is_superuser=True)
    record = corpus.record("bd00")
    household = household_for(record, assigned_staff=staff, email="household@example.test")
    person = make_user(Role.CLIENT, client=household)
    client, desk, boss, root = _as(person), _as(staff), _as(partner), _as(admin)
    typed = f"SSN {SENTINEL}, ITIN {ITIN}"

    with _handler_output() as output:
        # -- client: the notice (its file name), a payment with proof, a document
        notice_file = SimpleUploadedFile(
            f"notice {SENTINEL}.pdf", corpus.paths("bd00")[0].read_bytes()
        )
        _ok(client.post(reverse("notices:list"), {"files": [notice_file]}))
        notice = Notice.objects.get(client=household)
        wait_for(lambda: notice.refresh_from_db() or notice.is_final, timeout=60)
        assert notice.status == NoticeStatus.READ, notice.staff_detail
        _ok(
            client.post(
                reverse("records:my_payments"),
                {
                    "payment-tax_year": str(notice.tax_year),
                    "payment-form": "1040",
                    "payment-date": f"{notice.tax_year + 1}-04-15",
                    "payment-amount": "100.00",
                    "payment-method": "direct_pay",
                    "payment-ssn_owner": "primary",
                    "payment-confirmation_or_check_number": typed[:64],
                    "payment-designated_form": "123456789",
                    "payment-proof_kind": "confirmation",
                    "payment-proof": SimpleUploadedFile(f"proof {ITIN}.pdf", _pdf("Direct Pay")),
                },
            )
        )
        assert Payment.objects.filter(client=household).count() == 1

        # -- staff: the case page's forms
        case = Case.objects.get(client=household)
        admin_case = f"/admin/cases/case/{case.pk}"
        _ok(desk.post(f"{admin_case}/take/"))
        # The practice holds a power of attorney for the matter (IRS letters need one).
        from tests.factories import poa_on_file

        poa = poa_on_file(household, staff, partner, years=(notice.tax_year, notice.tax_year))
        _ok(desk.post(f"{admin_case}/note/", {"body": f"Client called: {typed}"}))
        _ok(desk.post(f"{admin_case}/request/", {"description": f"W-2 for {typed}"}))
        request = DocumentRequest.objects.get(case=case)
        _ok(
            client.post(
                reverse("cases:request_upload", args=[request.public_id]),
                {
                    "file": SimpleUploadedFile(f"W-2 {SENTINEL}.pdf", _pdf("Form W-2")),
                },
            )
        )
        assert ClientDocument.objects.filter(request=request).count() == 1
        _ok(
            desk.post(
                f"{admin_case}/correct/",
                {
                    "notice": str(notice.public_id),
                    "name": "taxpayer_name",
                    "value": "JANE Q DOE",
                    "reason": f"as on the card {typed}",
                },
            )
        )
        refused = desk.post(
            f"{admin_case}/correct/",
            {"notice": str(notice.public_id), "name": "taxpayer_name", "value": SENTINEL},
        )
        _refused(refused)
        _refused(
            desk.post(
                reverse("notices:correct", args=[notice.public_id]),
                {"name": "irs_phone", "value": "800-829-0922", "reason": f"caller said {typed}"},
            )
        )

        # -- client and staff: account transcripts (a name and a text carrying the number)
        transcript = f"Account Transcript\nForm 1040\nSSN provided: {SENTINEL}\n".encode()
        _ok(
            client.post(
                reverse("transcripts:mine"),
                {"file": SimpleUploadedFile(f"transcript {SENTINEL}.txt", transcript)},
            )
        )
        _ok(
            desk.post(
                reverse("transcripts:staff_upload", args=[household.public_id]),
                {"file": SimpleUploadedFile(f"wage {ITIN}.txt", transcript + b"W-2 wages\n")},
            )
        )

        # -- staff: the household's records
        household_url = reverse("records:household", args=[household.public_id])
        year = str(notice.tax_year)
        _ok(
            desk.post(
                reverse("records:return_save", args=[household.public_id]),
                {
                    "return-tax_year": year,
                    "return-form": "SSN " + SENTINEL,
                    "return-filing_status": household.filing_status,
                    "return-original_due_date": f"{notice.tax_year + 1}-04-15",
                    "return-total_tax": "1000.00",
                    "return-withholding": "0",
                    "return-estimated_payments": "0",
                    "return-refundable_credits": "0",
                    "return-paid_with_return": "0",
                },
            )
        )
        _ok(
            desk.post(
                reverse("records:payment_add", args=[household.public_id]),
                {
                    "payment-tax_year": year,
                    "payment-form": "1040",
                    "payment-date": f"{notice.tax_year + 1}-05-15",
                    "payment-amount": "50.00",
                    "payment-method": "check",
                    "payment-ssn_owner": "primary",
                    "payment-confirmation_or_check_number": f"check 1042 {ITIN}",
                    "payment-proof_kind": "check_front",
                    "payment-proof": SimpleUploadedFile(
                        f"check {SENTINEL}.pdf", _pdf("Check 1042")
                    ),
                },
            )
        )
        csv_text = (
            "date,amount,method,tax_year,confirmation,form\n"
            f"{notice.tax_year + 1}-06-15,25.00,eftps,{year},EFT {SENTINEL},1040\n"
        )
        _ok(
            desk.post(
                reverse("records:payments_import", args=[household.public_id]),
                {
                    "csv-file": SimpleUploadedFile(f"payments {SENTINEL}.csv", csv_text.encode()),
                },
            )
        )
        _ok(
            desk.post(
                reverse("records:levy_save", args=[household.public_id]),
                {
                    "levy-tax_year": year,
                    "levy-date": f"{notice.tax_year + 1}-07-01",
                    "levy-notice_type": SENTINEL,
                },
            )
        )
        assert Payment.objects.filter(client=household).count() == 3
        assert desk.get(household_url).status_code == 200
        wait_for(
            lambda: Reconciliation.objects.filter(notice=notice, is_current=True).exists(),
            timeout=60,
            what="the worker's reconciliation",
        )
        _ok(desk.post(reverse("records:rerun", args=[notice.public_id])))
        _ok(
            desk.post(
                reverse("records:override", args=[notice.public_id]),
                {"action": "investigate", "reason": f"check {typed} first"},
            )
        )

        # -- staff and partner: letters. A letter refuses a full number in what it says;
        # what it is built from (the enclosed proof's confirmation number) must be masked.
        proof = Payment.objects.filter(client=household).exclude(proof="").first()
        generate = f"{admin_case}/letters/generate/"
        dispute = {
            "kind": "dispute_paid",
            "enclosures": [f"payment:{proof.pk}"],
            "issue": "not_applied",
            "paid_on": f"{notice.tax_year + 1}-04-15",
            "paid_amount": "100.00",
            "method": "IRS Direct Pay",
            "reference": "DP7Q2K9",
        }
        _refused(desk.post(generate, {**dispute, "method": f"Direct Pay {SENTINEL}"}), LETTER)
        _refused(desk.post(generate, {**dispute, "reference": ITIN}), LETTER)
        explainer = {"kind": "client_explainer", "recommended_action": "Call us."}
        _refused(desk.post(generate, {**explainer, "findings_summary": typed}), LETTER)
        _ok(desk.post(generate, dispute))
        first = LetterVersion.objects.get(letter__kind="dispute_paid")
        edit_url = f"{admin_case}/letters/{first.public_id}/edit/"
        form = desk.get(edit_url).context["form"]
        paragraphs = {k: f.initial for k, f in form.fields.items()}
        edit = {**paragraphs, next(iter(paragraphs)): f"Our client {typed} paid."}
        _refused(desk.post(edit_url, edit), LETTER)
        _ok(desk.post(edit_url, {**paragraphs, next(iter(paragraphs)): "Our client paid."}))
        edited = LetterVersion.objects.filter(letter__kind="dispute_paid").order_by("-number")[0]
        _ok(desk.post(f"{admin_case}/letters/{edited.public_id}/submit/"))
        _ok(boss.post(f"{admin_case}/letters/{edited.public_id}/approve/"))
        wait_for(
            lambda: edited.refresh_from_db() or edited.packet_status == RenderStatus.DONE,
            timeout=90,
            what="the worker's packet",
        )
        _ok(desk.post(f"{admin_case}/letters/{edited.public_id}/final/"))
        _ok(
            boss.post(
                f"{admin_case}/letters/{edited.public_id}/sent/",
                {
                    "method": "mail",
                    "tracking_number": f"{SENTINEL} 9400",
                    "sent_on": "2026-01-05",
                },
            )
        )

        # -- partner and admin: the admin's forms
        from dashboard.models import DeadlineRule

        rule = DeadlineRule.objects.order_by("pk").first() or DeadlineRule.objects.create(
            code="CP99", clock="none", action="Respond", source="IRM"
        )  # the seeded rules are gone once an earlier test flushed the database
        _admin_post(
            boss,
            reverse("admin:dashboard_deadlinerule_change", args=[rule.pk]),
            {"source": f"IRM note {typed}", "action": f"Pay {SENTINEL}"},
        )
        _admin_post(
            boss,
            reverse("admin:dashboard_firmclosure_add"),
            {"day": "2026-12-24", "name": f"Closed {SENTINEL}"},
        )
        _admin_post(
            root,
            reverse("admin:clients_client_change", args=[household.pk]),
            {
                "primary_first_name": f"Jane {SENTINEL}",
                "address_line2": f"Apt {ITIN}",
                "phone": "123456789",
                "city": f"Springfield {ITIN}",
            },
        )
        _admin_post(
            root,
            reverse("admin:accounts_user_add"),
            {
                "email": f"{SENTINEL}@example.test",
                "full_name": f"New login {ITIN}",
                "role": "client",
                "client": household.pk,
                "password1": "a-long-passphrase-77",
                "password2": "a-long-passphrase-77",
            },
        )
        _admin_post(
            root,
            reverse("admin:records_payment_change", args=[proof.pk]),
            {"confirmation_or_check_number": f"DP {SENTINEL}"},
        )
        _admin_post(
            root,
            reverse("admin:records_interestrateperiod_add"),
            {"start": "2031-01-01", "rate": "0.0700", "source": f"IRS {SENTINEL}"},
        )
        _admin_post(
            root,
            reverse("admin:poa_powerofattorney_change", args=[poa.pk]),
            {"note": f"Signed copy shows {typed}"},
        )
        assert CaseNote.objects.filter(case=case).count() == 1
        from transcripts.models import TranscriptFile

        files = TranscriptFile.objects.filter(client=household)
        assert files.count() == 2
        wait_for(
            lambda: not files.filter(status__in=("received", "reading")).exists(),
            timeout=60,
            what="the worker to read the transcripts",
        )

        # e-mail: a client uploaded (staff), the document request (client), the client's
        # answer (staff)
        messages = _wait_for_mail(mailbox, at_least=3)
    leaks = _everywhere(mail_worker[0], output.getvalue(), messages)
    assert leaks == NOWHERE, leaks
    print(f"every form: scanned {len(messages)} e-mails and {len(_text_columns())} text columns")


def test_a_full_ssn_typed_into_the_password_reset_form_is_stored_nowhere(db):
    anonymous = Client()
    with _handler_output() as output:
        anonymous.post(reverse("accounts:password_reset"), {"email": SENTINEL})
        anonymous.post(reverse("accounts:password_reset"), {"email": f"{SENTINEL}@example.test"})
    assert _database_leaks() == []
    assert _outbox_leaks() == []
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
    assert mail.outbox  # the report was mailed (by this process), and scanned
    assert _outbox_leaks() == []
    assert LEAK.findall(output) == []
