"""Notices by e-mail against a real Dovecot: matching, receipts, triage, polite replies,
and the crash windows (never lost, never imported twice)."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from audit.models import AuditEvent
from mailintake import services
from mailintake.imap import KEYWORD, MailboxConnection
from mailintake.models import InboundAttachment, InboundMessage, Mailbox
from notices.models import Notice, NoticeSource
from tests.cases_django.conftest import notice_pdf, proof_png
from tests.mailintake.mail import make_email, pdf_attachment

pytestmark = [pytest.mark.services, pytest.mark.django_db]


class Crash(BaseException):
    """The process dies here: nothing after this line runs (not an Exception, so no
    handler of ours catches it)."""


def a_pdf(tag: str = "") -> bytes:
    return notice_pdf("CP14", "1075.21", "105437") + f"%{tag}\n".encode()


@pytest.fixture
def client_login(make_user):
    return make_user(Role.CLIENT, email="jordan@client.example", full_name="Jordan Example")


def poll(mailbox):
    return services.mailbox_poll(mailbox_id=mailbox.pk)


def flags(imap_server, mailbox) -> list[str]:
    return [f for _, f in imap_server.messages(mailbox.folder)]


def test_a_known_clients_notice_is_taken_in_with_a_receipt(
    imap_server, mailbox, client_login, eager_celery, django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_URL = "https://portal.practice.example"
    imap_server.append(
        make_email("Jordan Example <Jordan@client.example>", attachments=[pdf_attachment(a_pdf())]),
        mailbox.folder,
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = poll(mailbox)
    assert report.taken_in == 1 and report.error == ""
    message = InboundMessage.objects.get()
    assert message.status == InboundMessage.Status.IMPORTED
    assert message.client == client_login.client and message.matched_user == client_login
    notice = Notice.objects.get()
    assert notice.client == client_login.client and notice.source == NoticeSource.EMAIL
    assert notice.uploaded_by == client_login
    assert message.attachments.get().notice == notice
    receipt = [m for m in mail.outbox if m.to == ["jordan@client.example"]]
    assert len(receipt) == 1
    assert f"https://portal.practice.example/notices/{notice.public_id}/" in receipt[0].body
    assert receipt[0].extra_headers["Auto-Submitted"] == "auto-replied"
    # Marked on the server only now: read, and tagged so the next poll skips it.
    assert flags(imap_server, mailbox) == [f"\\Seen {KEYWORD}"]
    assert poll(mailbox).taken_in == 0
    assert AuditEvent.objects.filter(action="notice.upload", detail__source="email").exists()


def test_an_unknown_sender_lands_in_triage_with_nothing_attached(
    imap_server, mailbox, client_login, eager_celery, django_capture_on_commit_callbacks
):
    from clients.models import Client

    client_login.client.email = "stranger@elsewhere.example"  # a contact address is no proof
    client_login.client.save()
    imap_server.append(
        make_email("stranger@elsewhere.example", attachments=[pdf_attachment(a_pdf())]),
        mailbox.folder,
    )
    with django_capture_on_commit_callbacks(execute=True):
        poll(mailbox)
    message = InboundMessage.objects.get()
    assert message.status == InboundMessage.Status.TRIAGE
    assert message.why == InboundMessage.Why.UNKNOWN_SENDER and message.client is None
    assert not Notice.objects.exists()
    held = message.attachments.get()
    assert held.outcome == InboundAttachment.Outcome.HELD and held.file
    assert mail.outbox == []  # no reply to strangers who sent a file
    assert flags(imap_server, mailbox) == [f"\\Seen {KEYWORD}"]
    assert Client.objects.count() == 1


def test_staff_attach_triaged_mail_to_a_household_or_dismiss_it(
    imap_server, mailbox, make_user, eager_celery
):
    from tests.factories import ClientFactory

    staff = make_user(Role.STAFF)
    household = ClientFactory(assigned_staff=staff)
    png = proof_png()
    imap_server.append(
        make_email(
            "new-address@elsewhere.example",
            attachments=[("p1.png", "image/png", png), ("p2.png", "image/png", png + b"\0")],
        ),
        mailbox.folder,
    )
    poll(mailbox)
    message = InboundMessage.objects.get()
    notices = services.triage_attach(actor=staff, message=message, client=household)
    assert len(notices) == 1 and notices[0].files.count() == 2  # photos: one notice, 2 pages
    message.refresh_from_db()
    assert message.status == InboundMessage.Status.ATTACHED and message.handled_by == staff
    with pytest.raises(services.TriageRefused):
        services.triage_attach(actor=staff, message=message, client=household)
    other = ClientFactory()  # not assigned to this staff member
    imap_server.append(
        make_email("x@elsewhere.example", attachments=[pdf_attachment(a_pdf("2"))]),
        mailbox.folder,
    )
    poll(mailbox)
    second = InboundMessage.objects.get(status=InboundMessage.Status.TRIAGE)
    with pytest.raises(services.TriageRefused):
        services.triage_attach(actor=staff, message=second, client=other)
    services.triage_dismiss(actor=staff, message=second, reason="spam")
    second.refresh_from_db()
    assert second.status == InboundMessage.Status.DISMISSED
    assert AuditEvent.objects.filter(action="mail.triage_dismiss").exists()


def test_no_usable_attachment_gets_one_polite_reply_a_day_and_goes_to_triage(
    imap_server, mailbox, client_login, eager_celery, django_capture_on_commit_callbacks
):
    imap_server.append(
        make_email(
            "jordan@client.example",
            subject="notice",
            message_id="<first@client.example>",
            attachments=[("notice.docx", "application/octet-stream", b"PK\x03\x04 not a notice")],
        ),
        mailbox.folder,
    )
    imap_server.append(make_email("jordan@client.example", subject="again"), mailbox.folder)
    imap_server.append(
        make_email("robot@client.example", headers={"Auto-Submitted": "auto-replied"}),
        mailbox.folder,
    )
    with django_capture_on_commit_callbacks(execute=True):
        poll(mailbox)
    messages = InboundMessage.objects.order_by("pk")
    assert [m.why for m in messages] == [InboundMessage.Why.NO_ATTACHMENT] * 2 + [
        InboundMessage.Why.UNKNOWN_SENDER
    ]
    assert all(m.status == InboundMessage.Status.TRIAGE for m in messages)
    assert len(mail.outbox) == 1  # the second: already answered today; the robot: never
    reply = mail.outbox[0]
    assert reply.to == ["jordan@client.example"] and reply.subject == "Re: notice"
    assert "could not find an IRS notice" in reply.body and "notice.docx" in reply.body
    assert reply.extra_headers["In-Reply-To"] == "<first@client.example>"
    assert messages[0].attachments.get().outcome == InboundAttachment.Outcome.REJECTED


def test_a_crash_after_commit_before_the_server_is_told_imports_once(
    imap_server,
    mailbox,
    client_login,
    eager_celery,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    imap_server.append(
        make_email("jordan@client.example", attachments=[pdf_attachment(a_pdf())]), mailbox.folder
    )
    real = MailboxConnection.mark_processed

    def die(self, uid):
        raise Crash

    monkeypatch.setattr(MailboxConnection, "mark_processed", die)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Crash):
        poll(mailbox)
    assert InboundMessage.objects.get().status == InboundMessage.Status.IMPORTED
    assert flags(imap_server, mailbox) == [""]  # the server was never told
    Mailbox.objects.filter(pk=mailbox.pk).update(polling_until=None)  # the lease ran out

    monkeypatch.setattr(MailboxConnection, "mark_processed", real)
    with django_capture_on_commit_callbacks(execute=True):
        report = poll(mailbox)
    assert report.taken_in == 1
    assert Notice.objects.count() == 1 and InboundMessage.objects.count() == 1
    assert len([m for m in mail.outbox if "received the IRS notice" in m.body]) == 1
    assert flags(imap_server, mailbox) == [f"\\Seen {KEYWORD}"]


def test_a_crash_before_commit_loses_nothing_and_imports_each_file_once(
    imap_server,
    mailbox,
    client_login,
    eager_celery,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    imap_server.append(
        make_email(
            "jordan@client.example",
            attachments=[pdf_attachment(a_pdf("a"), "a.pdf"), pdf_attachment(a_pdf("b"), "b.pdf")],
        ),
        mailbox.folder,
    )
    real = services.notice_upload
    calls = []

    def upload_then_die(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise Crash  # the first PDF is already a notice; the second never gets there
        return real(**kwargs)

    monkeypatch.setattr(services, "notice_upload", upload_then_die)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Crash):
        poll(mailbox)
    assert InboundMessage.objects.get().status == InboundMessage.Status.PROCESSING
    assert Notice.objects.count() == 1
    assert flags(imap_server, mailbox) == [""]
    Mailbox.objects.filter(pk=mailbox.pk).update(polling_until=None)

    monkeypatch.setattr(services, "notice_upload", real)
    with django_capture_on_commit_callbacks(execute=True):
        poll(mailbox)
    message = InboundMessage.objects.get()
    assert message.status == InboundMessage.Status.IMPORTED
    assert Notice.objects.count() == 2  # the first found again by its SHA-256, not copied
    assert sorted(a.outcome for a in message.attachments.all()) == ["duplicate", "imported"]
    assert len([m for m in mail.outbox if "received the IRS notice" in m.body]) == 1
    assert flags(imap_server, mailbox) == [f"\\Seen {KEYWORD}"]


def test_the_same_message_delivered_twice_is_taken_in_once(
    imap_server, mailbox, client_login, eager_celery
):
    raw = make_email(
        "jordan@client.example",
        message_id="<same@client.example>",
        attachments=[pdf_attachment(a_pdf())],
    )
    imap_server.append(raw, mailbox.folder)
    imap_server.append(raw, mailbox.folder)
    assert poll(mailbox).taken_in == 2
    assert InboundMessage.objects.count() == 1 and Notice.objects.count() == 1
    assert flags(imap_server, mailbox) == [f"\\Seen {KEYWORD}"] * 2


def test_processed_mail_can_be_moved_to_a_folder(imap_server, mailbox, client_login, eager_celery):
    mailbox.after_import = Mailbox.AfterImport.MOVE
    mailbox.processed_folder = f"{mailbox.folder}-done"
    mailbox.save()
    imap_server.append(
        make_email("jordan@client.example", attachments=[pdf_attachment(a_pdf())]), mailbox.folder
    )
    poll(mailbox)
    assert imap_server.messages(mailbox.folder) == []
    assert flags(imap_server, Mailbox(folder=mailbox.processed_folder)) == [f"\\Seen {KEYWORD}"]


def test_dmarc_can_be_required_for_a_sender_to_match(
    imap_server, mailbox, client_login, eager_celery
):
    mailbox.require_sender_authentication = True
    mailbox.authserv_id = "mx.practice.test"
    mailbox.save()
    imap_server.append(
        make_email("jordan@client.example", attachments=[pdf_attachment(a_pdf("1"))]),
        mailbox.folder,
    )
    passed = "mx.practice.test; dmarc=pass header.from=client.example"
    imap_server.append(
        make_email(
            "jordan@client.example",
            attachments=[pdf_attachment(a_pdf("2"))],
            headers={"Authentication-Results": passed},
        ),
        mailbox.folder,
    )
    poll(mailbox)
    first, second = InboundMessage.objects.order_by("pk")
    assert first.status == "triage" and first.why == InboundMessage.Why.NOT_AUTHENTICATED
    assert second.status == "imported"


def test_a_missing_or_wrong_password_is_reported_and_loses_nothing(
    imap_server, mailbox, client_login, monkeypatch
):
    imap_server.append(make_email("jordan@client.example"), mailbox.folder)
    monkeypatch.delenv("TAXHAUZ_IMAP_PASSWORD_TESTS")
    report = poll(mailbox)
    mailbox.refresh_from_db()
    assert "Set TAXHAUZ_IMAP_PASSWORD_TESTS" in report.error == mailbox.last_error
    monkeypatch.setenv("TAXHAUZ_IMAP_PASSWORD_TESTS", "wrong-password")
    assert "login" in poll(mailbox).error.lower()
    assert not InboundMessage.objects.exists()
    assert flags(imap_server, mailbox) == [""]
    assert mailbox.polling_until is None


def test_a_mailbox_refuses_a_password_in_the_database_or_clear_text_over_the_network(db):
    from django.core.exceptions import ValidationError

    box = Mailbox(
        name="x",
        host="imap.practice.example",
        port=143,
        security=Mailbox.Security.NONE,
        username="u",
        password_setting="hunter2-the-real-password",
    )
    with pytest.raises(ValidationError) as caught:
        box.full_clean()
    assert {"password_setting", "security"} <= set(caught.value.message_dict)
    box.password_setting = "TAXHAUZ_SECRET_KEY"  # another secret of the deployment
    with pytest.raises(ValidationError):
        box.full_clean()
    with pytest.raises(services.MailboxNotConfigured):
        services.mailbox_password(box)


def test_the_same_intake_refuses_what_the_portal_refuses(client_login):
    """One intake: the portal's refusal messages are the e-mail's."""
    from notices.services import UploadRejected, notice_upload

    with pytest.raises(UploadRejected) as caught:
        notice_upload(
            actor=client_login,
            client=client_login.client,
            files=[SimpleUploadedFile("x.docx", b"PK\x03\x04")],
            source=NoticeSource.EMAIL,
        )
    assert "not a PDF or a photo" in caught.value.message
