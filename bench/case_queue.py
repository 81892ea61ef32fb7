"""Case queue benchmark: the admin changelist at 100,000 cases on PostgreSQL.

Run from the repo root: ``.venv/bin/python -m bench.case_queue [--cases 100000] [--runs 30]``.

Creates a scratch database (``taxhauz_bench_cases``) next to the configured one, migrates
it, seeds households and cases with ``bulk_create``, then requests the queue through
Django's test client as a partner with a verified second factor: the default page (open
cases, sorted by deadline), a filtered page and a search. Reports p50/p95 ms and the query
count of each, then drops the database.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DB = "taxhauz_bench_cases"
BASE_URL = os.environ.get("TAXHAUZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/taxhauz")


def _admin_url() -> str:
    return BASE_URL.rsplit("/", 1)[0] + "/postgres"


def scratch_database(name: str, *, drop_only: bool = False) -> str:
    """(Re)create a scratch database next to the configured one; returns its URL."""
    import psycopg

    with psycopg.connect(_admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return BASE_URL.rsplit("/", 1)[0] + f"/{name}"


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


def _seed(n_cases: int) -> None:
    from cases.models import Case

    staff, client_ids = seed_households(n_cases, staff_count=10)
    today = date.today()
    states = [
        "new",
        "in_review",
        "waiting_on_client",
        "letter_drafted",
        "awaiting_approval",
        "waiting_on_irs",
        "resolved",
        "resolved",
    ]
    codes = ["CP14", "CP501", "CP503", "CP504", "LT11", "CP2000"]
    batch = []
    for i in range(n_cases):
        state = states[i % len(states)]
        due = today + timedelta(days=(i * 7919) % 120 - 30)
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
                internal_target=due - timedelta(days=7),
                caller_id=str(100000 + i),
                assignee=staff[i % len(staff)] if i % 3 else None,
            )
        )
        if len(batch) == 10000:
            Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ["TAXHAUZ_DATABASE_URL"] = scratch_database(BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxhauz.settings.test")
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client as TestClient
        from django.test.utils import setup_test_environment

        settings.ALLOWED_HOSTS = ["testserver"]
        setup_test_environment()
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        _seed(args.cases)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"seeded {args.cases:,} cases in {time.perf_counter() - started:.1f} s")

        from accounts.models import User
        from accounts.services import mfa_device_create_with_key
        from tests.conftest import TEST_TOTP_KEY_HEX, sign_in

        partner = User.objects.create_user(
            "partner@bench.test", role="partner", full_name="Bench Partner"
        )
        from accounts.groups import groups_ensure

        partner.groups.add(groups_ensure()["Partners"])
        mfa_device_create_with_key(user=partner, key_hex=TEST_TOTP_KEY_HEX)
        client = TestClient()
        sign_in(client, partner)
        # Page 50 at full size; a smaller run asks for a page well inside the open cases
        # (50 rows a page), since the admin redirects past the last page.
        page = max(1, min(50, args.cases // 200))
        for label, url in (
            ("queue (open, by deadline)", "/admin/cases/case/"),
            (f"queue page {page}", f"/admin/cases/case/?p={page}"),
            ("filter CP504 overdue", "/admin/cases/case/?notice=CP504&urgency=overdue"),
            ("search caller id", "/admin/cases/case/?q=100042&state=all"),
            ("search last name", "/admin/cases/case/?q=Last000042&state=all"),
        ):
            p50, p95, queries = _measure(client, url, args.runs)
            print(f"{label:28s}: p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  queries {queries}")
        connection.close()
    finally:
        scratch_database(BENCH_DB, drop_only=True)


if __name__ == "__main__":
    main()
