"""Two staff import the same payments CSV at the same moment: each payment lands once.

Two threads, each with its own PostgreSQL connection and transaction. Each import is held
just before it commits until the other one has got as far (a barrier with a timeout), which
is the interleaving that made both find "no duplicates" and both insert.
"""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from accounts.roles import Role
from records.models import Payment
from records.services import payments

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CSV = (
    "date,amount,method,tax_year,confirmation\n"
    "2024-04-15,1200.00,direct_pay,2023,DP-1\n"
    "2024-06-15,300.00,eftps,2023,EF-2\n"
    "2024-09-15,300.00,eftps,2023,EF-3\n"
)


def test_two_concurrent_imports_of_the_same_file_create_each_payment_once(
    make_user, monkeypatch
):
    household = make_user(Role.CLIENT).client
    staff = [make_user(Role.STAFF), make_user(Role.STAFF)]
    barrier = threading.Barrier(2, timeout=3)
    real_audit = payments.audit_record

    def audit_then_wait(**kwargs):
        result = real_audit(**kwargs)
        if kwargs.get("action") == "payment.import_csv":
            # Both imports inside their transactions, before commit; with the lock the other
            # import cannot get this far, and the barrier gives up after its timeout.
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
        return result

    monkeypatch.setattr(payments, "audit_record", audit_then_wait)
    results, errors = [], []

    def run(actor):
        try:
            upload = SimpleUploadedFile("payments.csv", CSV.encode())
            results.append(payments.payments_import_csv(actor=actor, client=household, file=upload))
        except Exception as exc:  # pragma: no cover - shown by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(who,)) for who in staff]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    created = sorted(len(r.created) for r in results)
    skipped = sorted(len(r.skipped_duplicates) for r in results)
    assert Payment.objects.filter(client=household).count() == 3
    assert sorted(Payment.objects.values_list("amount", flat=True)) == [
        Decimal("300.00"),
        Decimal("300.00"),
        Decimal("1200.00"),
    ]
    assert created == [0, 3] and skipped == [0, 3]
