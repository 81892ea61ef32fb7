"""Deadline rules as data: seeded from cases.deadlines, edited rows feed the case service."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cases.deadlines import DEFAULT_RULES

pytestmark = pytest.mark.django_db


def test_the_migration_seeds_every_default_rule_with_its_source():
    from dashboard.models import DeadlineRule, FirmSettings

    rows = {r.code: r for r in DeadlineRule.objects.all()}
    assert set(rows) == set(DEFAULT_RULES)
    assert rows["CP14"].days == 21 and rows["CP14"].large_balance_business_days == 10
    assert "6601(e)(3)" in rows["CP14"].source
    assert rows["LT11"].days == 30 and "Form 12153" in rows["LT11"].source
    assert rows["CP14"].next_code == "CP501" and rows["LT11"].next_code == ""
    assert FirmSettings.objects.get(pk=1).target_days_before == 7


def _read_notice(client, *, code: str, notice_date: date, amount: str = "250.00"):
    from django.utils import timezone

    from notices.models import Notice

    return Notice.objects.create(
        client=client,
        status="read",
        read_at=timezone.now(),
        notice_type=code,
        tax_year=2023,
        tax_form="1040",
        notice_date=notice_date,
        amount_due=Decimal(amount),
    )


def test_an_edited_rule_and_firm_cushion_set_the_next_cases_deadline():
    from cases.services import case_attach_notice
    from dashboard.models import DeadlineRule, FirmClosure, FirmSettings
    from tests.factories import ClientFactory

    DeadlineRule.objects.filter(code="CP11").update(days=45)
    FirmSettings.objects.filter(pk=1).update(target_days_before=10)
    notice_date = date(2031, 3, 3)  # a Monday
    due = notice_date + timedelta(days=45)  # Thursday April 17, 2031
    FirmClosure.objects.create(day=date(2031, 4, 7), name="Offices closed")
    notice = _read_notice(ClientFactory(), code="CP11", notice_date=notice_date)
    case = case_attach_notice(notice=notice, today=notice_date)
    assert case.irs_deadline == due
    assert case.deadline_basis == "45 calendar days from the notice date"
    # 10 days before is Monday April 7, a firm closure: back to Friday April 4.
    assert case.internal_target == date(2031, 4, 4)


def test_the_admin_lets_partners_edit_rules_and_staff_only_read(client, make_user):
    from accounts.roles import Role
    from audit.models import AuditEvent
    from dashboard.models import DeadlineRule
    from tests.conftest import sign_in

    rule = DeadlineRule.objects.get(code="CP504")
    url = f"/admin/dashboard/deadlinerule/{rule.pk}/change/"
    staff = make_user(Role.STAFF)
    sign_in(client, staff)
    assert client.get(url).status_code == 200
    assert client.post(url, {"code": "CP504"}).status_code == 403
    partner = make_user(Role.PARTNER)
    sign_in(client, partner)
    data = {
        "code": "CP504",
        "clock": "pay",
        "action": rule.action,
        "source": rule.source + " Reviewed.",
        "printed_date_governs": "on",
        "days": "35",
        "estimate": "on",
        "next_code": "LT11",
        "next_title": rule.next_title,
    }
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert (rule.days, rule.updated_by) == (35, partner)
    assert AuditEvent.objects.filter(action="dashboard.deadlinerule_change").exists()
    assert client.post(f"/admin/dashboard/deadlinerule/{rule.pk}/delete/").status_code == 403
