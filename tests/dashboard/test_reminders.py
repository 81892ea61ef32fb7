"""Daily reminders: who gets what, each once, in the client's words; and the unsubscribe."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.roles import Role
from cases.models import CaseEvent, DocumentRequest
from dashboard.models import ClientEmailPreference, ReminderSent
from dashboard.services import reminders_send_daily, unsubscribe_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(eager_tasks, django_capture_on_commit_callbacks):
    def go(today=None):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders_send_daily(today=today)

    return go


@pytest.fixture
def household_login(firm, make_user):
    from tests.factories import poa_on_file

    # A 2848 on file, so the power-of-attorney reminder (tests/poa_django) stays out of these.
    poa_on_file(firm.household, firm.alice, years=(2023, 2023), with_copy=False)
    return make_user(Role.CLIENT, client=firm.household, email="hana@example.test")


def _ask(case, description: str, *, days_ago: int) -> DocumentRequest:
    request = DocumentRequest.objects.create(case=case, client=case.client, description=description)
    DocumentRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=days_ago)
    )
    return request


def _to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_staff_and_partners_get_their_digests_once(firm, run):
    report = run(firm.today)
    assert report.sent == {"staff_digest": 2, "firm_digest": 1}
    alice = _to(firm.alice.email)[0]
    assert alice.subject == "[Taxhauz] Your cases today: 2 overdue, 0 due within 3 days"
    assert "Overdue (2):" in alice.body and "Due within 30 days (1):" in alice.body
    assert "5 days overdue" in alice.body and "$2,500.50" in alice.body
    assert str(firm.cases[9].pk) not in re.findall(r"#(\d+)", alice.body)  # resolved
    bob = _to(firm.bob.email)[0]
    assert "Due within 3 days (2):" in bob.body
    assert "Plus 1 open cases due later or without a deadline." in bob.body
    firm_digest = _to(firm.partner.email)[0]
    assert "Overdue: 2 ($3,500.50)" in firm_digest.body
    assert "CP504 → LT11: 1 open" in firm_digest.body
    assert "Alice Archer: 2 of 3" in firm_digest.body
    assert "http://localhost:8000/dashboard/" in firm_digest.body

    sent = len(mail.outbox)
    again = run(firm.today)
    assert again.sent == {} and sum(again.skipped.values()) == 3
    assert len(mail.outbox) == sent
    assert ReminderSent.objects.filter(day=firm.today).count() == 3


def test_clients_are_reminded_of_missing_documents_every_few_days(firm, run, household_login):
    case = firm.cases[2]  # waiting on the client
    _ask(case, "Bank statement for January 2024", days_ago=1)
    assert run(firm.today).sent["client_documents"] == 0  # asked yesterday: too early
    _ask(case, "Canceled check, front and back", days_ago=4)
    run(firm.today)
    [reminder] = _to(household_login.email)
    assert "Bank statement for January 2024" in reminder.body
    assert "Canceled check, front and back" in reminder.body
    assert "/cases/requests/" in reminder.body
    assert "Alice" not in reminder.body  # nobody's name from the practice
    mail.outbox.clear()
    run(firm.today)
    run(firm.today + timedelta(days=1))  # every 3 days, not daily
    assert _to(household_login.email) == []
    run(firm.today + timedelta(days=3))
    assert len(_to(household_login.email)) == 1


def test_a_state_change_sends_one_note_in_the_clients_words(firm, run, household_login):
    case = firm.cases[1]
    case.state = "waiting_on_client"
    case.save(update_fields=["state"])
    CaseEvent.objects.create(
        case=case, actor=firm.alice, kind="transition", from_state="in_review",
        to_state="waiting_on_client", summary="In review → Waiting on client",
    )  # fmt: skip
    internal = firm.cases[4]  # drafted -> awaiting approval reads the same to a client
    CaseEvent.objects.create(
        case=internal, actor=firm.bob, kind="transition", from_state="letter_drafted",
        to_state="awaiting_approval", summary="Letter drafted → Awaiting partner approval",
    )  # fmt: skip
    report = run(firm.today)
    assert report.sent["client_case_state"] == 1
    [note] = [m for m in _to(household_login.email) if "new status" in m.body]
    assert note.subject == "Update on your IRS notice CP14: We need a document from you"
    assert "We need a document from you" in note.body
    for internal_word in ("Alice", "approval", "waiting_on_client", "In review"):
        assert internal_word not in note.body
    mail.outbox.clear()
    run(firm.today)
    run(firm.today + timedelta(days=1))  # yesterday's change is not repeated
    assert [m for m in _to(household_login.email) if "new status" in m.body] == []


def test_the_unsubscribe_link_stops_client_reminders(client, firm, run, household_login):
    _ask(firm.cases[2], "Bank statement", days_ago=5)
    run(firm.today)
    [reminder] = _to(household_login.email)
    path = re.search(r"http://localhost:8000(/email/unsubscribe/\S+/)", reminder.body)[1]
    page = client.get(path)  # anonymous; GET only asks
    assert page.status_code == 200 and "Stop reminder e-mails?" in page.content.decode()
    assert not ClientEmailPreference.objects.exists()
    done = client.post(path)
    assert "You will get no more reminders" in done.content.decode()
    assert ClientEmailPreference.objects.get().reminders is False
    mail.outbox.clear()
    run(firm.today + timedelta(days=3))
    assert _to(household_login.email) == []


def test_a_forged_or_altered_unsubscribe_token_is_refused(client, firm):
    token = unsubscribe_token(client_id=firm.household.pk, email="hana@example.test")
    assert client.get(f"/email/unsubscribe/{token}x/").status_code == 404
    assert client.post("/email/unsubscribe/not-a-token/").status_code == 404
    assert not ClientEmailPreference.objects.exists()
