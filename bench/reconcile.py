"""Reconciliations per second over 10,000 synthetic households (pure, seeded, no database).

    .venv/bin/python bench/reconcile.py [--households 10000] [--seed 7] [--db]

`--db` measures the stored path instead: the same households in a scratch PostgreSQL
database, each notice reconciled by `records.services.reconciliation_run`.

`run(reconcile_one=...)` is the hook for a database-backed variant: pass a callable that takes
a `ReconciliationInputs` (or an id you map to one) and performs the stored reconciliation.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from records.reconciliation import (
    AbilityToPay,
    Household,
    Notice,
    Payment,
    PaymentMethod,
    ReconciliationInputs,
    SsnOwner,
    TaxReturn,
    reconcile,
)

DUE = {2021: date(2022, 4, 18), 2022: date(2023, 4, 18), 2023: date(2024, 4, 15)}


def household(rng: random.Random) -> ReconciliationInputs:
    """One synthetic household: a return, 0-3 payments and a notice with plausible lines."""
    year = rng.choice(list(DUE))
    due = DUE[year]
    joint = rng.random() < 0.5
    tax = Decimal(rng.randrange(2_000, 60_000))
    withholding = (tax * Decimal(rng.uniform(0.5, 0.95))).quantize(Decimal("1"))
    late = rng.random() < 0.15
    filed = due + timedelta(days=rng.randrange(1, 200)) if late else due
    notice_date = max(filed, due) + timedelta(days=rng.randrange(40, 120))
    payments = []
    for _ in range(rng.randrange(0, 4)):
        payments.append(
            Payment(
                due + timedelta(days=rng.randrange(1, 160)),
                Decimal(rng.randrange(100, 3_000)),
                rng.choice(list(PaymentMethod)),
                ssn_owner=SsnOwner.SPOUSE if joint and rng.random() < 0.1 else SsnOwner.PRIMARY,
                designated_tax_year=year if rng.random() > 0.05 else year - 1,
                designated_form="1040",
                verified=rng.random() < 0.7,
                has_proof=rng.random() < 0.8,
            )
        )
    credited = withholding + sum(
        (p.amount for p in payments if p.date <= notice_date and rng.random() < 0.85),
        Decimal("0"),
    )
    ftp = (max(tax - credited, Decimal("0")) * Decimal("0.015")).quantize(Decimal("0.01"))
    interest = (max(tax - credited, Decimal("0")) * Decimal("0.02")).quantize(Decimal("0.01"))
    billing = {
        "tax": tax,
        "payments_credits": -credited,
        "failure_to_pay_penalty": ftp,
        "interest": interest,
    }
    kind = "CP2000" if rng.random() < 0.03 else "CP14"
    amount = sum(billing.values(), Decimal("0"))
    return ReconciliationInputs(
        Notice(kind, notice_date, notice_date + timedelta(days=21), year, "1040", amount, billing),
        Household(
            joint=joint,
            all_returns_filed=rng.random() < 0.9,
            prior_penalty_years=tuple(y for y in range(year - 4, year) if rng.random() < 0.2),
            primary_ssn_last4=f"{rng.randrange(10_000):04d}",
            ability_to_pay=rng.choice(list(AbilityToPay)),
        ),
        TaxReturn(
            "1040",
            "married_filing_jointly" if joint else "single",
            joint,
            due,
            None,
            filed,
            tax,
            withholding=withholding,
        ),
        tuple(payments),
    )


def run(
    households: int = 10_000,
    seed: int = 7,
    reconcile_one: Callable[[ReconciliationInputs], object] = reconcile,
) -> dict:
    rng = random.Random(seed)
    data = [household(rng) for _ in range(households)]
    actions: Counter[str] = Counter()
    start = time.perf_counter()
    for item in data:
        result = reconcile_one(item)
        action = getattr(getattr(result, "recommendation", None), "action", "stored")
        actions[action] += 1
    elapsed = time.perf_counter() - start
    return {
        "households": households,
        "seconds": round(elapsed, 3),
        "per_second": round(households / elapsed, 1),
        "actions": dict(actions.most_common()),
    }


def run_db(households: int, seed: int, database: str) -> dict:
    """The stored path: households, notices and records in PostgreSQL, then
    `records.services.reconciliation_run` for each notice (build inputs, fingerprint,
    reconcile, cost of waiting, store, audit). The database is created fresh and dropped."""
    import os

    import psycopg

    server = "postgres://postgres@127.0.0.1:5432"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
        admin.execute(f'CREATE DATABASE "{database}"')
    os.environ["DJANGO_SETTINGS_MODULE"] = "taxhauz.settings.test"
    os.environ["TAXHAUZ_DATABASE_URL"] = f"{server}/{database}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    try:
        call_command("migrate", verbosity=0)
        notice_ids = _load(households, seed)
        actions: Counter[str] = Counter()
        from records.services import reconciliation_run

        start = time.perf_counter()
        for notice_id in notice_ids:
            outcome = reconciliation_run(notice_id=notice_id)
            actions[outcome.reconciliation.action] += 1
        elapsed = time.perf_counter() - start
    finally:
        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}"')
    return {
        "households": households,
        "seconds": round(elapsed, 3),
        "per_second": round(households / elapsed, 1),
        "actions": dict(actions.most_common()),
    }


def _load(households: int, seed: int) -> list[int]:
    """Write the same synthetic households as `run` into the database; returns notice ids."""
    from clients.models import Client
    from notices.models import Notice
    from records.models import Payment, TaxReturn

    rng = random.Random(seed)
    data = [household(rng) for _ in range(households)]
    clients = Client.objects.bulk_create(
        Client(
            primary_first_name="Bench",
            primary_last_name=f"Household {i}",
            primary_ssn_last4=item.household.primary_ssn_last4,
            spouse_first_name="Spouse" if item.household.joint else "",
            spouse_ssn_last4="0000" if item.household.joint else "",
            filing_status="mfj" if item.household.joint else "single",
            address_line1="1 Synthetic Way",
            city="Springfield",
            state="IL",
            zip_code="62704",
        )
        for i, item in enumerate(data)
    )
    notices, returns, payments = [], [], []
    for client, item in zip(clients, data, strict=True):
        n, r = item.notice, item.tax_return
        notices.append(
            Notice(
                client=client,
                status="read",
                notice_type=n.notice_type,
                tax_year=n.tax_year,
                tax_form=n.tax_form,
                notice_date=n.notice_date,
                pay_by_date=n.pay_by_date,
                amount_due=n.amount_due,
                billing_summary={k: str(v) for k, v in n.billing_summary.items()},
            )
        )
        returns.append(
            TaxReturn(
                client=client,
                tax_year=n.tax_year,
                form=r.form,
                filing_status="mfj" if r.joint else "single",
                joint=r.joint,
                original_due_date=r.original_due_date,
                date_filed=r.date_filed,
                total_tax=r.total_tax,
                withholding=r.withholding,
            )
        )
        payments += [
            Payment(
                client=client,
                tax_year=n.tax_year,
                form="1040",
                date=p.date,
                amount=p.amount,
                method=p.method.value,
                ssn_owner=p.ssn_owner.value,
                designated_tax_year=p.designated_tax_year,
                designated_form=p.designated_form or "",
                source="csv",
            )
            for p in item.payments
        ]
    created = Notice.objects.bulk_create(notices, batch_size=2000)
    TaxReturn.objects.bulk_create(returns, batch_size=2000)
    Payment.objects.bulk_create(payments, batch_size=2000)
    return [n.pk for n in created]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--db",
        action="store_true",
        help="store each result in PostgreSQL (a scratch database, dropped afterwards)",
    )
    parser.add_argument("--database", default="taxhauz_bench_reconcile")
    args = parser.parse_args()
    if args.db:
        report = run_db(args.households, args.seed, args.database)
    else:
        report = run(args.households, args.seed)
    print(
        f"{report['households']} reconciliations in {report['seconds']} s: "
        f"{report['per_second']} per second"
    )
    print("actions:", report["actions"])


if __name__ == "__main__":
    main()
