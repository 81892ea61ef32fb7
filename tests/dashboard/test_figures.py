"""The dashboard's numbers on a hand-checked set, their links, the page and its query count."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from dashboard.selectors import Filters, dashboard_figures
from dashboard.selectors.figures import week_starts
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db

D = Decimal


def _by_key(figures):
    return {f.key: (f.count, f.amount) for f in figures}


def test_deadline_buckets_count_and_sum_open_cases_by_hand(firm):
    fig = dashboard_figures(user=firm.partner, filters=Filters(), today=firm.today)
    assert (fig.open_total.count, fig.open_total.amount) == (8, D("10750.74"))
    assert _by_key(fig.buckets) == {
        "overdue": (2, D("3500.50")),  # cases 1 and 2; the resolved case 9 is not counted
        "due_3": (2, D("4300.00")),  # due today (3) and in 3 days (4)
        "due_7": (1, D("700.25")),
        "due_30": (1, D("1200.00")),
        "later": (1, D("50.00")),
    }
    assert (fig.no_deadline.count, fig.no_deadline.amount) == (1, D("999.99"))
    assert _by_key(fig.waiting) == {
        "waiting_on_client": (1, D("2500.50")),
        "awaiting_approval": (1, D("4000.00")),
        "no_poa": (8, D("10750.74")),  # no Form 2848 on file anywhere in this firm
    }


def test_workload_per_staff_member_and_unassigned(firm):
    fig = dashboard_figures(user=firm.partner, filters=Filters(), today=firm.today)
    rows = {s.name: (s.open, s.overdue, s.due_7, s.amount) for s in fig.staff}
    assert rows == {
        "Alice Archer": (3, 2, 0, D("4700.50")),
        "Bob Baker": (3, 0, 2, D("4350.00")),
        "Unassigned": (2, 0, 1, D("1700.24")),
    }
    assert fig.staff[0].name == "Alice Archer"  # most overdue first


def test_escalation_names_the_next_notice_from_the_rules_table(firm):
    from dashboard.models import DeadlineRule

    DeadlineRule.objects.filter(code="CP504").update(next_code="LTR1058", next_title="Final")
    fig = dashboard_figures(user=firm.partner, filters=Filters(), today=firm.today)
    rows = [(r.code, r.next_code, r.count, r.overdue, r.amount) for r in fig.escalation]
    assert rows == [
        ("CP11", "CP501", 1, 0, D("50.00")),
        ("CP14", "CP501", 2, 1, D("1700.25")),
        ("CP501", "CP503", 1, 1, D("2500.50")),
        ("CP503", "CP504", 1, 0, D("300.00")),
        ("CP504", "LTR1058", 1, 0, D("4000.00")),
        ("CP2000", "CP3219A", 1, 0, D("1200.00")),
    ]  # CP71 is the end of its line: no successor


def test_aging_and_weekly_trend(firm):
    fig = dashboard_figures(user=firm.partner, filters=Filters(), today=firm.today)
    assert [(f.count, f.amount) for f in fig.aging] == [
        (3, D("2700.24")),  # opened 0, 1 and 3 days ago
        (2, D("350.00")),  # 10 and 20
        (1, D("2500.50")),  # 40
        (1, D("4000.00")),  # 65
        (1, D("1200.00")),  # 100
    ]
    created = {c.pk: c.created_at for c in firm.cases.values()}
    starts = week_starts(firm.today)
    expected_new = []
    for start in starts:
        expected_new.append(
            sum(start <= c.date() < start + timedelta(days=7) for c in created.values())
        )
    assert [w.new for w in fig.weeks] == expected_new
    closed = firm.cases[9].closed_at.date()
    assert [w.resolved for w in fig.weeks] == [
        int(s <= closed < s + timedelta(days=7)) for s in starts
    ]


def test_filters_narrow_every_number(firm):
    only_alice = Filters(assignee=str(firm.alice.pk))
    fig = dashboard_figures(user=firm.partner, filters=only_alice, today=firm.today)
    assert fig.open_total.count == 3
    assert _by_key(fig.buckets)["overdue"] == (2, D("3500.50"))
    cp14 = dashboard_figures(user=firm.partner, filters=Filters(notice="CP14"), today=firm.today)
    assert cp14.open_total.count == 2
    amounts = Filters(amount_min=D("500"), amount_max=D("2500.50"))
    fig = dashboard_figures(user=firm.partner, filters=amounts, today=firm.today)
    assert (fig.open_total.count, fig.open_total.amount) == (5, D("6400.74"))
    assert "amount_due__gte=500" in fig.open_total.url


def _admin_count(client, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["cl"].result_count


def test_every_number_opens_exactly_its_cases_in_the_admin_queue(client, firm):
    sign_in(client, firm.partner)
    for filters in (Filters(), Filters(assignee=str(firm.bob.pk), amount_min=D("100"))):
        fig = dashboard_figures(user=firm.partner, filters=filters, today=firm.today)
        checks = [(f.url, f.count) for f in (fig.open_total, fig.no_deadline)]
        checks += [(f.url, f.count) for f in fig.buckets + fig.waiting + fig.aging]
        for s in fig.staff:
            checks += [(s.url, s.open), (s.overdue_url, s.overdue), (s.due_7_url, s.due_7)]
        for r in fig.escalation:
            checks += [(r.url, r.count), (r.overdue_url, r.overdue)]
        for w in fig.weeks:
            checks += [(w.new_url, w.new), (w.resolved_url, w.resolved)]
        assert len(checks) > 40
        mismatches = [(u, n, _admin_count(client, u)) for u, n in checks]
        assert [m for m in mismatches if m[1] != m[2]] == []


def test_the_page_shows_the_figures_charts_and_links(client, firm):
    sign_in(client, firm.partner)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Deadline dashboard</h1>" in html
    assert "$3,500.50" in html and "$10,750.74" in html
    assert html.count('role="group"') == 4  # four SVG charts, each bar a link
    assert "/admin/cases/case/?urgency=overdue" in html
    assert "style=" not in html and "<script>" not in html  # CSP: nothing inline


def test_bad_filter_values_show_an_error_and_narrow_nothing(client, firm):
    sign_in(client, firm.partner)
    response = client.get("/dashboard/", {"min": "900", "max": "10"})
    assert response.status_code == 200
    assert "The lower amount is above the upper one." in response.content.decode()
    assert response.context["figures"].open_total.count == 8


@pytest.mark.parametrize("role", [Role.STAFF, Role.CLIENT])
def test_only_partners_see_the_dashboard(signed_in, role):
    assert signed_in(role).get("/dashboard/").status_code == 403


def test_the_number_of_queries_does_not_grow_with_the_cases(
    client, make_user, make_case, django_assert_num_queries
):
    from django.db import connection
    from django.utils import timezone

    from tests.factories import ClientFactory

    partner = make_user(Role.PARTNER)
    staff = [make_user(Role.STAFF) for _ in range(3)]
    household = ClientFactory()
    today = timezone.localdate()

    def seed(n: int, start: int) -> None:
        codes = ["CP14", "CP501", "CP503", "CP504", "CP2000"]
        states = ["new", "in_review", "waiting_on_client", "awaiting_approval", "resolved"]
        for i in range(start, start + n):
            make_case(
                household,
                code=codes[i % 5],
                amount=f"{100 + i}.00",
                due=today + timedelta(days=i % 50 - 10),
                state=states[i % 5],
                assignee=staff[i % 3] if i % 4 else None,
                created_days_ago=i % 90,
                closed_days_ago=i % 20 if states[i % 5] == "resolved" else None,
            )

    sign_in(client, partner)
    seed(20, 0)
    client.get("/dashboard/")  # warm the session
    with CaptureQueriesContext(connection) as at_20:
        assert client.get("/dashboard/?notice=CP14").status_code == 200
    seed(180, 20)
    with django_assert_num_queries(len(at_20.captured_queries)):
        assert client.get("/dashboard/?notice=CP14").status_code == 200
    # 5 are the dashboard's (staff filter list, open cases grouped, names, weekly trend, rules);
    # the rest are the session, the login, its device and permissions.
    assert len(at_20.captured_queries) <= 14
