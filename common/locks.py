"""Advisory locks: serialise one kind of work on one object, for as long as a transaction.

``transaction_lock("payments.import_csv", household_pk)`` inside ``transaction.atomic()``
waits until no other transaction holds the same lock, and holds it until this one commits
or rolls back (PostgreSQL's ``pg_advisory_xact_lock``: no row is locked, nothing to clean
up, released even if the process dies). Other databases (the SQLite demo) have one writer
at a time anyway; the call is then a no-op.
"""

from __future__ import annotations

import zlib

from django.db import transaction


def _namespace(name: str) -> int:
    return zlib.crc32(name.encode()) & 0x7FFFFFFF  # a stable positive int4


def transaction_lock(name: str, key: int) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("transaction_lock() is held until commit: call it inside atomic().")
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_namespace(name), int(key)])
