"""CSV export: partners only, audited, the same cases as the dashboard."""

import csv
import io

import pytest

from accounts.roles import Role
from audit.models import AuditEvent
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_a_partner_exports_the_open_cases_and_the_export_is_audited(client, firm):
    sign_in(client, firm.partner)
    response = client.get("/dashboard/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="open-cases-')
    assert response["Cache-Control"] == "no-store"
    rows = _rows(response)
    assert sorted(int(r["case"]) for r in rows) == sorted(
        c.pk for n, c in firm.cases.items() if n != 9
    )
    first = rows[0]  # sorted by IRS deadline: case 9 is resolved, so case 1 (5 days overdue)
    assert first["case"] == str(firm.cases[1].pk)
    assert first["household"] == "Hana Hill"
    assert (first["notice"], first["amount_due"], first["days_left"]) == ("CP14", "1000.00", "-5")
    assert first["assignee"] == "Alice Archer"
    assert first["state"] == "In review"
    event = AuditEvent.objects.get(action="dashboard.export")
    assert event.actor == firm.partner
    assert event.detail == {"filters": {}, "rows": 8}


def test_the_export_follows_the_dashboard_filters(client, firm):
    sign_in(client, firm.partner)
    response = client.get("/dashboard/export.csv", {"notice": "CP14"})
    assert [r["case"] for r in _rows(response)] == [
        str(firm.cases[1].pk),
        str(firm.cases[5].pk),
    ]
    assert AuditEvent.objects.get(action="dashboard.export").detail["filters"] == {"notice": "CP14"}
    assert client.get("/dashboard/export.csv", {"min": "x"}).status_code == 400


def test_spreadsheet_formulas_in_names_are_defused(client, firm, make_case):
    from tests.factories import ClientFactory

    make_case(ClientFactory(primary_first_name="=HYPERLINK(1)", primary_last_name="X"))
    sign_in(client, firm.partner)
    names = [r["household"] for r in _rows(client.get("/dashboard/export.csv"))]
    assert "'=HYPERLINK(1) X" in names


@pytest.mark.parametrize("role", [Role.STAFF, Role.CLIENT])
def test_staff_and_clients_cannot_export(signed_in, role):
    response = signed_in(role).get("/dashboard/export.csv")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="dashboard.export").exists()


def test_amounts_are_numbers_and_only_text_cells_are_guarded(client, firm, make_case):
    """A credit reads -835.35 (a number a spreadsheet adds up), never '-835.35; a name that
    starts like a formula is still defused. Read back with the csv module."""
    from decimal import Decimal

    from tests.factories import ClientFactory

    case = make_case(
        ClientFactory(primary_first_name="-2+3", primary_last_name="Credit"), amount="-835.35"
    )
    sign_in(client, firm.partner)
    rows = {r["case"]: r for r in _rows(client.get("/dashboard/export.csv"))}
    row = rows[str(case.pk)]
    assert row["amount_due"] == "-835.35" and Decimal(row["amount_due"]) == Decimal("-835.35")
    assert row["household"] == "'-2+3 Credit"
    overdue = rows[str(firm.cases[1].pk)]
    assert overdue["days_left"] == "-5" and int(overdue["days_left"]) == -5
    for r in rows.values():
        for column in ("case", "tax_year", "amount_due", "days_left"):
            assert not r[column].startswith("'"), (column, r[column])
