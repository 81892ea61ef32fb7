"""Case queue benchmark: the admin changelist at 1,000,000 cases on PostgreSQL.

Run from the repo root: ``.venv/bin/python -m bench.case_queue [--cases 1000000] [--runs 30]``.

Creates a scratch database (``taxhauz_bench_cases`` on ``TAXHAUZ_BENCH_DATABASE_URL``'s
server, see ``bench/common.py``), migrates it, seeds households and cases in SQL, then
requests the queue through Django's test client as a partner with a verified second factor:
the default page, a deep page, every filter, and searches by name, last four of the SSN and
caller id. For each page it prints p50/p95 ms, the number of queries, and the floor: the
same SELECT statements the page ran, replayed alone with ``cursor.execute`` in the same run,
and the ratio of the two medians. Then it drops the database (``--keep`` keeps it, and
``--reuse`` measures a kept one again without seeding).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    database_url,
    ratio_line,
    scratch_database,
    seed_cases,
    timed,
)

BENCH_DB = "taxhauz_bench_cases"


def django_setup(name: str, *, reuse: bool) -> None:
    os.environ["TAXHAUZ_DATABASE_URL"] = database_url(name) if reuse else scratch_database(name)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxhauz.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()


def seed(n_cases: int, *, staff_count: int, reuse: bool) -> list:
    """Migrate and seed (or, reusing a kept database, migrate and find its staff)."""
    import time

    from django.core.management import call_command

    from accounts.models import User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if reuse:
        return list(User.objects.filter(email__endswith="@bench.test", role="staff"))
    staff = seed_cases(n_cases, staff_count=staff_count)
    print(f"seeded {n_cases:,} cases in {time.perf_counter() - started:.1f} s")
    return staff


def partner_client():
    """A test client signed in as a partner with a verified second factor."""
    from django.test import Client as TestClient

    from accounts.groups import groups_ensure
    from accounts.models import User
    from accounts.services import mfa_device_create_with_key
    from tests.conftest import TEST_TOTP_KEY_HEX, sign_in

    partner = User.objects.filter(email="partner@bench.test").first()
    if partner is None:
        partner = User.objects.create_user(
            "partner@bench.test", role="partner", full_name="Bench Partner"
        )
        partner.groups.add(groups_ensure()["Partners"])
        mfa_device_create_with_key(user=partner, key_hex=TEST_TOTP_KEY_HEX)
    client = TestClient()
    sign_in(client, partner)
    return client


def page_and_floor(client, url: str, runs: int):
    """(the page through the test client, the SELECTs it runs replayed raw, query count)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.get("Location"))
    selects = [q["sql"] for q in ctx.captured_queries if q["sql"].lstrip().startswith("SELECT")]

    def view():
        client.get(url)

    def sql():
        with connection.cursor() as cursor:
            for statement in selects:
                cursor.execute(statement)
                cursor.fetchall()

    return timed(view, runs), timed(sql, runs), len(ctx.captured_queries)


def queue_urls(staff: list) -> list[tuple[str, str]]:
    return [
        ("queue (open, by deadline)", "/admin/cases/case/"),
        ("queue page 50", "/admin/cases/case/?p=50"),
        ("state: waiting on client", "/admin/cases/case/?state=waiting_on_client"),
        ("state: all", "/admin/cases/case/?state=all"),
        ("notice CP504", "/admin/cases/case/?notice=CP504"),
        ("urgency: overdue", "/admin/cases/case/?urgency=overdue"),
        ("urgency: none", "/admin/cases/case/?urgency=none"),
        ("CP504 overdue", "/admin/cases/case/?notice=CP504&urgency=overdue"),
        ("assignee: one staff member", f"/admin/cases/case/?assignee={staff[3].pk}"),
        ("assignee: unassigned", "/admin/cases/case/?assignee=none"),
        ("verdict: not reconciled", "/admin/cases/case/?verdict=none"),
        ("poa: missing", "/admin/cases/case/?poa=missing"),
        ("tax year 2021", "/admin/cases/case/?tax_year__exact=2021"),
        ("search last name", "/admin/cases/case/?q=Last0000042&state=all"),
        ("search part of a name", "/admin/cases/case/?q=st00004&state=all"),
        ("search last 4", "/admin/cases/case/?q=1042&state=all"),
        ("search caller id", "/admin/cases/case/?q=100042&state=all"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database", default=BENCH_DB)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database again")
    parser.add_argument("--only", default="", help="only the pages whose label has this")
    args = parser.parse_args()

    django_setup(args.database, reuse=args.reuse)
    try:
        from django.db import connection

        staff = seed(args.cases, staff_count=10, reuse=args.reuse)
        client = partner_client()
        for label, url in queue_urls(staff):
            if args.only and args.only not in label:
                continue
            page, floor, queries = page_and_floor(client, url, args.runs)
            print(ratio_line(label, page, floor, queries), flush=True)
        connection.close()
    finally:
        if not (args.keep or args.reuse):
            scratch_database(args.database, drop_only=True)


if __name__ == "__main__":
    main()
