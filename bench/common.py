"""What every bench shares: its settings from the environment, scratch databases, seeding.

Settings (all optional; defaults fit the development machine):

- ``TAXHAUZ_BENCH_DATABASE_URL``: the PostgreSQL server the benches create their scratch
  databases on (``postgres://postgres@127.0.0.1:5432``; a database name, if given, is only
  used to connect for CREATE/DROP);
- ``TAXHAUZ_BENCH_REDIS_URL``: the Redis broker of the worker benches
  (``redis://127.0.0.1:6379/12``).

Seeding writes households and cases with ``INSERT ... SELECT generate_series`` in the
database itself (a million cases in well under a minute), with a fixed random seed, so two
runs seed the same rows.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"


def server_url() -> str:
    """The bench PostgreSQL server, without a database name."""
    url = os.environ.get("TAXHAUZ_BENCH_DATABASE_URL", DEFAULT_SERVER).rstrip("/")
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def database_url(name: str) -> str:
    return f"{server_url()}/{name}"


def redis_url() -> str:
    return os.environ.get("TAXHAUZ_BENCH_REDIS_URL", DEFAULT_REDIS)


def scratch_database(name: str, *, drop_only: bool = False) -> str:
    """(Re)create the scratch database ``name`` on the bench server; returns its URL."""
    import psycopg

    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(name)


# ------------------------------------------------------------------------------ seeding

#: Eight states, resolved twice: a quarter of the cases are closed.
STATES = (
    "new", "in_review", "waiting_on_client", "letter_drafted", "awaiting_approval",
    "waiting_on_irs", "resolved", "resolved",
)  # fmt: skip
CODES = ("CP14", "CP501", "CP503", "CP504", "LT11", "CP2000", "CP11", "CP71")


def seed_cases(n_cases: int, *, staff_count: int, seed: float = 0.42) -> list:
    """Staff logins, ``n_cases / 2`` households and ``n_cases`` cases, in SQL.

    Households ``First{i} Last{i:07d}`` (last four ``1000 + i % 9000``), assigned round
    robin; each case: a random state (a quarter resolved), notice code, tax year, amount
    ($100 to $20,100; one in a hundred a credit of up to -$500), IRS deadline (30 days overdue
    to 90 days out; one in fifty none), opened over the last 180 days (resolved ones closed
    up to 40 days later), four in five assigned, caller id ``100000 + i``; a third of
    the cases are covered by a power of attorney. Then ``VACUUM ANALYZE``.
    """
    from django.db import connection

    from accounts.models import User

    staff = [
        User.objects.create_user(f"staff{i}@bench.test", role="staff", full_name=f"Staff {i}")
        for i in range(staff_count)
    ]
    staff_ids = "ARRAY[" + ",".join(str(s.pk) for s in staff) + "]::bigint[]"
    households = max(1, n_cases // 2)
    states = "ARRAY[" + ",".join(f"'{s}'" for s in STATES) + "]"
    codes = "ARRAY[" + ",".join(f"'{c}'" for c in CODES) + "]"
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [seed])
        cursor.execute(
            # Only integers and this module's constants are formatted in: no outside input.
            f"""
            INSERT INTO clients_client (public_id, primary_first_name, primary_last_name,
                primary_ssn_last4, spouse_first_name, spouse_last_name, spouse_ssn_last4,
                filing_status, address_line1, address_line2, city, state, zip_code, email,
                phone, created_at, assigned_staff_id, legal_hold)
            SELECT gen_random_uuid(), 'First' || i, 'Last' || lpad(i::text, 7, '0'),
                lpad((1000 + mod(i, 9000))::text, 4, '0'), '', '', '', 'single', '1 Main St', '',
                'Springfield', 'IL', '62704', '', '', now(),
                ({staff_ids})[1 + mod(i, {staff_count})], false
            FROM generate_series(0, {households} - 1) AS i
            """  # noqa: S608
        )
        cursor.execute("SELECT min(id) FROM clients_client")
        first_client = cursor.fetchone()[0]
        cursor.execute(
            # Only integers and this module's constants are formatted in: no outside input.
            f"""
            INSERT INTO cases_case (public_id, client_id, stream_key, stream_kind, tax_year,
                tax_form, state, resolution_reason, notice_code, notice_date, pay_by_date,
                amount_due, caller_id, irs_deadline, deadline_basis, deadline_estimate,
                internal_target, follow_up_on, created_at, updated_at, closed_at,
                assignee_id, latest_notice_id)
            SELECT gen_random_uuid(), {first_client} + mod(i, {households}), 'bench|' || i,
                'balance', 2018 + (r.a * 7)::int % 7, '1040', r.state,
                CASE WHEN r.state = 'resolved' THEN 'paid' ELSE '' END,
                ({codes})[1 + floor(r.b * 8)::int], NULL, r.due,
                CASE WHEN r.c < 0.01 THEN -round((r.d * 500)::numeric, 2)
                     ELSE round((100 + r.d * 20000)::numeric, 2) END,
                (100000 + i)::text, r.due, '', false, r.due - 7, NULL,
                r.opened, r.opened,
                CASE WHEN r.state = 'resolved'
                     THEN least(now(), r.opened + (r.e * 40) * interval '1 day') END,
                CASE WHEN r.f < 0.8 THEN ({staff_ids})[1 + floor(r.g * {staff_count})::int]
                END,
                NULL
            FROM generate_series(0, {int(n_cases)} - 1) AS i,
            LATERAL (
                SELECT ({states})[1 + floor(random() * 8)::int] AS state,
                    random() AS a, random() AS b, random() AS c, random() AS d,
                    random() AS e, random() AS f, random() AS g,
                    CASE WHEN random() < 0.02 THEN NULL
                         ELSE current_date + floor(random() * 120)::int - 30 END AS due,
                    now() - random() * interval '180 days' AS opened
                WHERE i IS NOT NULL
            ) AS r
            """  # noqa: S608
        )
        cursor.execute(
            "INSERT INTO poa_casecoverage (case_id, covered, reason, covering, computed_at) "
            "SELECT id, true, '', '[]', now() FROM cases_case WHERE mod(id, 3) = 0"
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return staff


# ----------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Sample:
    median: float
    low: float
    high: float
    p95: float
    n: int


def summarize(samples: list[float]) -> Sample:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Sample(statistics.median(ordered), ordered[0], ordered[-1], p95, len(ordered))


def timed(fn, runs: int) -> Sample:
    """``fn()`` once to warm, then ``runs`` times; milliseconds per call."""
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return summarize(samples)


def ratio_line(label: str, project: Sample, floor: Sample, queries: int | None = None) -> str:
    """One line of a bench's table: the project's figure, the floor's, and their ratio."""
    ratio = project.median / floor.median if floor.median else float("inf")
    extra = "" if queries is None else f"  queries {queries}"
    return (
        f"{label:34s} p50 {project.median:7.1f} ms  p95 {project.p95:7.1f} ms  "
        f"(min {project.low:.1f}, max {project.high:.1f}, N {project.n})  "
        f"floor p50 {floor.median:6.1f} ms  ratio {ratio:4.2f}{extra}"
    )
