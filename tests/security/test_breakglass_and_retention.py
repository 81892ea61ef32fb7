"""Break-glass commands and the retention job, called as an operator (or beat) would."""

from datetime import timedelta

import pytest
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEvent
from notices.models import Notice, NoticeFile
from tests.conftest import PASSWORD_FOR_TESTS, sign_in

pytestmark = pytest.mark.django_db


def _logged_in(user) -> Client:
    c = Client()
    response = c.post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD_FOR_TESTS}
    )
    assert response.status_code == 302
    return c


def _still_in(c: Client) -> bool:
    return c.get(reverse("notices:list")).status_code == 200


def test_revoke_all_sessions_signs_everyone_out_and_is_audited(make_user, capsys):
    a, b = make_user(Role.CLIENT), make_user(Role.CLIENT)
    ca, cb = _logged_in(a), _logged_in(b)
    assert _still_in(ca) and _still_in(cb)

    call_command("revoke_all_sessions", "--email", a.email, "--reason", "lost laptop")
    assert not _still_in(ca) and _still_in(cb)

    call_command("revoke_all_sessions", "--reason", "suspected breach")
    assert not _still_in(cb)
    assert Session.objects.filter(expire_date__gt=timezone.now()).count() == 0
    events = AuditEvent.objects.filter(action="breakglass.sessions_revoked").order_by("id")
    assert [e.detail["scope"] for e in events] == ["users", "all"]
    assert events[1].detail["reason"] == "suspected breach"
    assert events[0].actor_email.startswith("break-glass:")
    assert "Revoked" in capsys.readouterr().out


def test_force_password_reset_locks_the_old_password_out_but_not_the_reset_path(make_user):
    user = make_user(Role.CLIENT)
    bystander = make_user(Role.CLIENT)
    session = _logged_in(user)
    other = _logged_in(bystander)
    call_command("force_password_reset", "--email", user.email, "--reason", "phished")

    assert not _still_in(session) and _still_in(other)
    refused = Client().post(
        reverse("accounts:login"), {"username": user.email, "password": PASSWORD_FOR_TESTS}
    )
    assert refused.status_code == 200  # the form again: the old password is gone
    # "Forgot your password?" still reaches them (Django mails only usable passwords).
    assert list(PasswordResetForm().get_users(user.email)) == [user]
    event = AuditEvent.objects.get(action="breakglass.password_reset_forced")
    assert (event.object_id, event.detail["reason"]) == (str(user.pk), "phished")


def test_force_password_reset_by_role_touches_only_that_role(make_user):
    staff, client_user = make_user(Role.STAFF), make_user(Role.CLIENT)
    old_staff, old_client = staff.password, client_user.password
    call_command("force_password_reset", "--role", "staff")
    staff.refresh_from_db()
    client_user.refresh_from_db()
    assert staff.password != old_staff and client_user.password == old_client


def test_files_maintenance_refuses_uploads_and_downloads_but_not_pages(
    make_user, household_for, corpus, capsys
):
    from notices.services import notice_upload

    household = household_for(corpus.record("bd00"))
    user = make_user(Role.CLIENT, client=household)
    notice = notice_upload(actor=user, client=household, files=corpus.uploads("bd00")).notice
    c = Client()
    sign_in(c, user)
    download = reverse("notices:file", args=[notice.public_id, 1])
    assert c.get(download).status_code == 200

    call_command("files_maintenance", "on", "--reason", "malware scan of storage")
    assert "is on" in capsys.readouterr().out
    downloads_before = AuditEvent.objects.filter(action="notice.file_download").count()
    refused = c.get(download)
    assert refused.status_code == 503 and "paused for maintenance" in refused.content.decode()
    assert "Content-Security-Policy" in refused
    assert AuditEvent.objects.filter(action="notice.file_download").count() == downloads_before
    pdf = corpus.paths("bd01")[0].read_bytes()
    upload = c.post(reverse("notices:list"), {"files": [SimpleUploadedFile("n.pdf", pdf)]})
    assert upload.status_code == 503
    assert Notice.objects.count() == 1 and NoticeFile.objects.count() == 1
    assert c.get(reverse("notices:list")).status_code == 200
    assert c.get(reverse("notices:detail", args=[notice.public_id])).status_code == 200

    call_command("files_maintenance", "off")
    assert c.get(download).status_code == 200
    switches = AuditEvent.objects.filter(action="breakglass.files_maintenance").order_by("id")
    assert [e.detail["on"] for e in switches] == [True, False]


# -- retention ------------------------------------------------------------------------------


@pytest.fixture
def notice_with_case(make_user, household_for, corpus):
    """A read notice (bd..) with its case, backdated as each test needs."""
    from notices.services import notice_read, notice_upload

    def make(item_id: str):
        household = household_for(corpus.record(item_id))
        user = make_user(Role.CLIENT, client=household)
        notice = notice_upload(actor=user, client=household, files=corpus.uploads(item_id)).notice
        notice_read(notice_id=notice.pk)
        notice.refresh_from_db()
        return notice

    return make


def _backdate(notice, *, years: float, case_state: str | None = None, closed_years=None):
    from cases.models import Case
    from cases.workflow import Reason

    then = timezone.now() - timedelta(days=365 * years)
    Notice.objects.filter(pk=notice.pk).update(created_at=then, read_at=then)
    cases = Case.objects.filter(case_notices__notice=notice)
    if case_state == "resolved":
        closed = timezone.now() - timedelta(days=365 * closed_years)
        cases.update(state="resolved", resolution_reason=next(iter(Reason)).value, closed_at=closed)
    elif case_state == "none":
        from cases.models import CaseNotice

        CaseNotice.objects.filter(notice=notice).delete()


@pytest.mark.django_db(transaction=True)
def test_retention_disposes_of_rows_and_files_past_the_period_and_audits_each(
    notice_with_case, capsys
):
    closed_long_ago = notice_with_case("bd00")
    _backdate(closed_long_ago, years=4, case_state="resolved", closed_years=2.5)
    closed_recently = notice_with_case("bd01")
    _backdate(closed_recently, years=4, case_state="resolved", closed_years=1)
    still_open = notice_with_case("bd02")
    _backdate(still_open, years=5)
    no_case_old = notice_with_case("bd03")
    _backdate(no_case_old, years=3, case_state="none")
    no_case_new = notice_with_case("bd04")
    _backdate(no_case_new, years=0.5, case_state="none")
    doomed = [closed_long_ago, no_case_old]
    files = [(f.file.storage, f.file.name) for n in doomed for f in n.files.all()]
    assert files and all(storage.exists(name) for storage, name in files)

    call_command("retention_dispose", "--dry-run")
    assert "Would dispose of 2 notice(s)" in capsys.readouterr().out
    assert Notice.objects.count() == 5

    call_command("retention_dispose")
    assert "Disposed of 2 notice(s) and 2 file(s)" in capsys.readouterr().out
    kept = set(Notice.objects.values_list("pk", flat=True))
    assert kept == {closed_recently.pk, still_open.pk, no_case_new.pk}
    assert not any(storage.exists(name) for storage, name in files)
    assert NoticeFile.objects.filter(notice_id__in=[n.pk for n in doomed]).count() == 0
    events = AuditEvent.objects.filter(action="retention.dispose", detail__data_type="notices")
    assert {e.object_id for e in events} == {str(n.public_id) for n in doomed}
    assert all(e.detail["files"] == 1 and e.actor_email.startswith("retention") for e in events)

    call_command("retention_dispose")  # idempotent: nothing left to do
    assert "Disposed of 0 notice(s)" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_retention_honours_a_legal_hold(notice_with_case):
    from clients.models import Client as Household

    if not any(f.name == "legal_hold" for f in Household._meta.get_fields()):
        pytest.skip("needs Client.legal_hold (BooleanField, default False): asked of the lead")
    held = notice_with_case("bd05")
    _backdate(held, years=4, case_state="none")
    Household.objects.filter(pk=held.client_id).update(legal_hold=True)
    call_command("retention_dispose")
    assert Notice.objects.filter(pk=held.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_retention_task_runs_the_same_job(notice_with_case):
    from audit.tasks import retention_dispose_task

    old = notice_with_case("bd06")
    _backdate(old, years=3, case_state="none")
    assert retention_dispose_task() == {"disposed": 1, "files_deleted": 1}


@pytest.mark.django_db(transaction=True)
def test_retention_disposes_of_a_closed_matter_whole_letters_documents_and_proofs_too(
    notice_with_case, make_user, corpus
):
    """One shredder per data type: the notice (files, page images), the case (notes,
    timeline), its letters (every version's PDF and packet), the documents the client sent
    for it, and the payment proofs of that household and tax year once no notice of that
    year is left. Each is audited, each stored file deleted."""
    from datetime import date
    from decimal import Decimal

    from cases.models import Case, CaseEvent, CaseNote, ClientDocument, DocumentRequest
    from cases.previews import notice_previews_render
    from cases.services import (
        case_claim,
        case_note_add,
        document_request_create,
        document_upload,
    )
    from letters import services as letters
    from letters.models import Letter, LetterVersion
    from records.services.payments import payment_add_by_staff

    notice = notice_with_case("bd07")
    household = notice.client
    staff, partner = make_user(Role.STAFF), make_user(Role.PARTNER)
    case = Case.objects.get(client=household)
    case_claim(actor=staff, case=case)
    case_note_add(actor=staff, case=case, body="Client called about the bill.")
    request = document_request_create(actor=staff, case=case, description="Bank statement")
    pdf = corpus.paths("bd01")[0].read_bytes()
    document_upload(actor=household.logins.first(), request=request,
                    upload=SimpleUploadedFile("statement.pdf", pdf))  # fmt: skip
    payment = payment_add_by_staff(
        actor=staff, client=household, tax_year=notice.tax_year,
        date=date(notice.tax_year + 1, 4, 15), amount=Decimal("100.00"), method="direct_pay",
        proof=SimpleUploadedFile("proof.pdf", corpus.paths("bd02")[0].read_bytes()),
        proof_kind="confirmation",
    )  # fmt: skip
    other_year = payment_add_by_staff(
        actor=staff, client=household, tax_year=notice.tax_year - 1,
        date=date(notice.tax_year, 4, 15), amount=Decimal("50.00"), method="direct_pay",
        proof=SimpleUploadedFile("other.pdf", corpus.paths("bd03")[0].read_bytes()),
        proof_kind="confirmation",
    )  # fmt: skip
    notice_previews_render(notice_id=notice.pk)  # what the worker does after the read
    case.refresh_from_db()
    version = letters.letter_generate(
        actor=staff, case=case, kind="client_explainer",
        options={"findings_summary": "The bill is right.", "recommended_action": "Pay it."},
        enclosure_refs=[f"payment:{payment.pk}"],
    )  # fmt: skip
    letters.letter_render(version_id=version.pk)
    letters.letter_submit(actor=staff, version=version)
    letters.letter_approve(actor=partner, version=version)
    letters.letter_render(version_id=version.pk)
    version.refresh_from_db()
    assert version.pdf and version.packet

    def stored() -> dict[str, list]:
        from cases.models import NoticePageImage

        found = {
            "notice": [f.file for f in notice.files.all()],
            "page image": [i.image for i in NoticePageImage.objects.filter(notice=notice)],
            "letter": [version.pdf, version.packet],
            "document": [d.file for d in ClientDocument.objects.filter(client=household)],
            "proof": [payment.proof],
        }
        return {kind: [(f.storage, f.name) for f in files] for kind, files in found.items()}

    files = stored()
    assert all(files.values()) and all(s.exists(n) for fs in files.values() for s, n in fs)
    _backdate(notice, years=4, case_state="resolved", closed_years=2.5)

    call_command("retention_dispose")

    assert not Notice.objects.filter(pk=notice.pk).exists()
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not CaseNote.objects.exists() and not CaseEvent.objects.exists()
    assert not Letter.objects.exists() and not LetterVersion.objects.exists()
    assert not DocumentRequest.objects.exists() and not ClientDocument.objects.exists()
    payment.refresh_from_db()
    assert not payment.proof and payment.proof_name == ""  # the row of the payment stays
    other_year.refresh_from_db()
    assert other_year.proof  # another year's proof is not this matter's
    left = [f"{kind}: {name}" for kind, fs in files.items() for s, name in fs if s.exists(name)]
    assert left == []
    disposals = AuditEvent.objects.filter(action__startswith="retention.")
    kinds = {e.detail.get("data_type") for e in disposals}
    assert {"notices", "cases", "letters", "client_documents", "payment_proofs"} <= kinds
