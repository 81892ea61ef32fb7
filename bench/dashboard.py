"""Partner dashboard benchmark: /dashboard/ at 100,000 cases on PostgreSQL.

Run from the repo root: ``.venv/bin/python -m bench.dashboard [--cases 100000] [--runs 40]``.

Creates a scratch database (``taxhauz_bench_dashboard``) next to the configured one,
migrates it, seeds households and cases with ``bulk_create`` (deadlines from 30 days
overdue to 90 days out, a quarter resolved, opened over the last 180 days), then requests
the dashboard through Django's test client as a partner with a verified second factor:
unfiltered, by staff member, and by notice type plus amount range; then the CSV export.
Reports p50/p95 ms and the query count of each, then drops the database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.case_queue import partner_client  # noqa: E402
from bench.common import scratch_database  # noqa: E402

BENCH_DB = "taxhauz_bench_dashboard"


def seed_households(n_cases: int, *, staff_count: int) -> tuple[list, list[int]]:
    """Staff logins and half as many single-filer households as cases, round-robin assigned."""
    from accounts.models import User
    from clients.models import Client

    households = max(1, n_cases // 2)
    staff = [
        User.objects.create_user(f"staff{i}@bench.test", role="staff", full_name=f"Staff {i}")
        for i in range(staff_count)
    ]
    Client.objects.bulk_create(
        (
            Client(
                primary_first_name=f"First{i}",
                primary_last_name=f"Last{i:06d}",
                primary_ssn_last4=f"{1000 + i % 9000:04d}",
                filing_status="single",
                address_line1="1 Main St",
                city="Springfield",
                state="IL",
                zip_code="62704",
                assigned_staff=staff[i % len(staff)],
            )
            for i in range(households)
        ),
        batch_size=5000,
    )
    return staff, list(Client.objects.values_list("pk", flat=True))


def _measure(client, url: str, runs: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm
    samples = []
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.get("Location"))
        queries = len(ctx.captured_queries)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95, queries


def _seed(n_cases: int) -> list:
    from datetime import date, timedelta
    from decimal import Decimal

    from django.db import connection

    from cases.models import Case

    staff, client_ids = seed_households(n_cases, staff_count=12)
    today = date.today()
    states = [
        "new", "in_review", "waiting_on_client", "letter_drafted", "awaiting_approval",
        "waiting_on_irs", "resolved", "in_review",
    ]  # fmt: skip
    codes = ["CP14", "CP501", "CP503", "CP504", "LT11", "CP2000", "CP11", "CP71"]
    batch = []
    for i in range(n_cases):
        state = states[i % len(states)]
        due = None if i % 53 == 0 else today + timedelta(days=(i * 7919) % 120 - 30)
        batch.append(
            Case(
                client_id=client_ids[i % len(client_ids)],
                stream_key=f"bench|{i}",
                stream_kind="balance",
                tax_year=2018 + i % 7,
                tax_form="1040",
                state=state,
                resolution_reason="paid" if state == "resolved" else "",
                notice_code=codes[i % len(codes)],
                amount_due=Decimal(100 + (i * 37) % 20000) + Decimal("0.21"),
                pay_by_date=due,
                irs_deadline=due,
                internal_target=due - timedelta(days=7) if due else None,
                caller_id=str(100000 + i),
                assignee=staff[i % len(staff)] if i % 5 else None,
            )
        )
        if len(batch) == 10000:
            Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)
    with connection.cursor() as cursor:  # opened over the last 180 days; closed after
        cursor.execute(
            "UPDATE cases_case SET created_at = now() - (id % 180) * interval '1 day', "
            "closed_at = CASE WHEN state = 'resolved' "
            "THEN now() - (id % 180) * interval '1 day' + (id % 40) * interval '1 day' END"
        )
        cursor.execute("UPDATE cases_case SET closed_at = now() WHERE closed_at > now()")
        cursor.execute("VACUUM ANALYZE cases_case")
    return staff


def _export(client, url: str, runs: int) -> tuple[float, int]:
    import statistics
    import time

    samples, size = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="Keep the scratch database.")
    args = parser.parse_args()

    os.environ["TAXHAUZ_DATABASE_URL"] = scratch_database(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxhauz.settings.test")
    try:
        import time

        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import setup_test_environment

        settings.ALLOWED_HOSTS = ["testserver"]
        setup_test_environment()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        staff = _seed(args.cases)
        print(f"seeded {args.cases:,} cases in {time.perf_counter() - started:.1f} s")

        client = partner_client()
        for label, url in (
            ("dashboard (everything)", "/dashboard/"),
            ("dashboard, one staff member", f"/dashboard/?staff={staff[3].pk}"),
            ("dashboard, CP14 $1k-$5k", "/dashboard/?notice=CP14&min=1000&max=5000"),
        ):
            p50, p95, queries = _measure(client, url, args.runs)
            print(f"{label:30s}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {queries}")
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get("/dashboard/")
        slow = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:4]
        print("slowest queries (s):", ", ".join(f"{q['time']} {q['sql'][:40]!r}" for q in slow))
        median, size = _export(client, "/dashboard/export.csv", 3)
        print(f"{'CSV export (all open cases)':30s}: median {median:7.1f} ms  {size / 1e6:.1f} MB")
        connection.close()
    finally:
        if not args.keep:
            scratch_database(BENCH_DB, drop_only=True)


if __name__ == "__main__":
    main()
