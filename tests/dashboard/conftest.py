"""A small, hand-checkable firm: two staff, a partner, eight open cases and a resolved one."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from itertools import count

import pytest

_stream = count(1)


def local_midday(day: date) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(12, 0)))


@pytest.fixture
def make_case(db):
    """``make_case(client, code=..., due=..., created_days_ago=..., ...)`` -> a Case row."""
    from django.utils import timezone

    from cases.models import Case

    def make(
        client,
        *,
        code: str = "CP14",
        amount: str | None = "100.00",
        due: date | None = None,
        state: str = "new",
        assignee=None,
        created_days_ago: int = 0,
        closed_days_ago: int | None = None,
        tax_year: int = 2023,
        latest_notice=None,
    ) -> Case:
        today = timezone.localdate()
        case = Case.objects.create(
            client=client,
            stream_key=f"test|{next(_stream)}",
            stream_kind="balance",
            tax_year=tax_year,
            tax_form="1040",
            state=state,
            resolution_reason="paid" if state == "resolved" else "",
            assignee=assignee,
            notice_code=code,
            amount_due=Decimal(amount) if amount is not None else None,
            irs_deadline=due,
            internal_target=due - timedelta(days=7) if due else None,
            latest_notice=latest_notice,
        )
        updates = {"created_at": local_midday(today - timedelta(days=created_days_ago))}
        if closed_days_ago is not None:
            updates["closed_at"] = local_midday(today - timedelta(days=closed_days_ago))
        Case.objects.filter(pk=case.pk).update(**updates)
        case.refresh_from_db()
        return case

    return make


@dataclass
class Firm:
    alice: object
    bob: object
    partner: object
    household: object
    cases: dict
    today: date


@pytest.fixture
def firm(make_user, make_case):
    """The set the selector tests check by hand (see test_figures.py for the sums)."""
    from django.utils import timezone

    from accounts.roles import Role
    from tests.factories import ClientFactory

    today = timezone.localdate()
    alice = make_user(Role.STAFF, full_name="Alice Archer")
    bob = make_user(Role.STAFF, full_name="Bob Baker")
    partner = make_user(Role.PARTNER, full_name="Pat Partner")
    household = ClientFactory(primary_first_name="Hana", primary_last_name="Hill")
    d = lambda n: today + timedelta(days=n)  # noqa: E731
    cases = {
        1: make_case(household, code="CP14", amount="1000.00", due=d(-5), state="in_review",
                     assignee=alice, created_days_ago=3),
        2: make_case(household, code="CP501", amount="2500.50", due=d(-1),
                     state="waiting_on_client", assignee=alice, created_days_ago=40),
        3: make_case(household, code="CP503", amount="300.00", due=d(0), assignee=bob,
                     created_days_ago=10),
        4: make_case(household, code="CP504", amount="4000.00", due=d(3),
                     state="awaiting_approval", assignee=bob, created_days_ago=65),
        5: make_case(household, code="CP14", amount="700.25", due=d(5), created_days_ago=1),
        6: make_case(household, code="CP2000", amount="1200.00", due=d(20), state="in_review",
                     assignee=alice, created_days_ago=100),
        7: make_case(household, code="CP11", amount="50.00", due=d(45), state="waiting_on_irs",
                     assignee=bob, created_days_ago=20),
        8: make_case(household, code="CP71", amount="999.99", due=None, created_days_ago=0),
        9: make_case(household, code="CP14", amount="5000.00", due=d(-10), state="resolved",
                     assignee=alice, created_days_ago=30, closed_days_ago=2),
    }  # fmt: skip
    return Firm(alice, bob, partner, household, cases, today)


@pytest.fixture
def eager_tasks():
    """Run enqueued tasks inline (the real worker has its own test)."""
    from taxhauz.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = before
