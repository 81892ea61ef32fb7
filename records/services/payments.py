"""Payments: added by a client (with proof), by staff, or imported from CSV; verified by staff."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from common.locks import transaction_lock
from common.redaction import redact
from records.models import Payment, PaymentMethod, PaymentSource, ProofKind, SsnOwner
from records.proofs import ProofRejected, proof_check, storage_quota_check
from records.services.enqueue import household_reconcile_after_commit

MAX_CSV_BYTES = 1024 * 1024
MAX_CSV_ROWS = 2000
CSV_COLUMNS = (
    "date",
    "amount",
    "method",
    "tax_year",
    "form",
    "confirmation",
    "ssn_owner",
    "designated_tax_year",
    "designated_form",
)
REQUIRED_CSV_COLUMNS = ("date", "amount", "method", "tax_year")


class RecordRejected(Exception):
    """A record cannot be saved; `message` says what to fix."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class RowError:
    line: int
    message: str


@dataclass
class ImportResult:
    created: list[Payment] = field(default_factory=list)
    skipped_duplicates: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _check_fields(*, tax_year: int, paid_on: date, amount: Decimal) -> None:
    today = timezone.localdate()
    if amount is None or amount <= 0:
        raise RecordRejected("The amount must be more than zero.")
    if paid_on > today:
        raise RecordRejected("The payment date cannot be in the future.")
    if not 1990 <= tax_year <= today.year:
        raise RecordRejected(f"The tax year must be between 1990 and {today.year}.")
    if paid_on.year < tax_year:
        raise RecordRejected("A payment for a tax year cannot be made before that year began.")


def _payment_create(
    *,
    actor,
    client,
    source: str,
    tax_year: int,
    date: date,
    amount: Decimal,
    method: str,
    form: str = "1040",
    confirmation_or_check_number: str = "",
    ssn_owner: str = SsnOwner.PRIMARY,
    designated_tax_year: int | None = None,
    designated_form: str = "",
    proof=None,
    proof_kind: str = "",
) -> Payment:
    _check_fields(tax_year=tax_year, paid_on=date, amount=amount)
    if method not in PaymentMethod.values:
        raise RecordRejected("Choose how the payment was made.")
    if ssn_owner not in SsnOwner.values:
        raise RecordRejected("Choose whose SSN the payment was made under.")
    if ssn_owner == SsnOwner.SPOUSE and not client.spouse_first_name:
        raise RecordRejected("This household has no spouse on file.")
    payment = Payment(
        client=client,
        tax_year=tax_year,
        form=redact(form or "1040").strip()[:16],
        date=date,
        amount=amount,
        method=method,
        confirmation_or_check_number=redact(confirmation_or_check_number or "").strip()[:64],
        ssn_owner=ssn_owner,
        designated_tax_year=designated_tax_year,
        designated_form=redact(designated_form or "").strip()[:16],
        source=source,
        entered_by=actor,
    )
    checked = None
    if proof is not None:
        if proof_kind not in ProofKind.values:
            raise RecordRejected("Say what the proof is (bank statement, check, confirmation).")
        try:
            checked = proof_check(proof)
        except ProofRejected as exc:
            raise RecordRejected(exc.message) from None
        payment.proof_kind = proof_kind
        payment.proof_name = checked.name
        payment.proof_type = checked.kind
        payment.proof_size = checked.size
    with transaction.atomic(durable=True):
        if checked is not None:
            transaction_lock("household.storage", client.pk)
            try:
                storage_quota_check(client, adding=checked.size)
            except ProofRejected as exc:
                raise RecordRejected(exc.message) from None
            payment.proof.save("proof", checked.file, save=False)
        payment.save()
        audit_record(
            action="payment.add",
            actor=actor,
            obj=client,
            detail={
                "payment": str(payment.public_id),
                "source": source,
                "tax_year": tax_year,
                "amount": str(amount),
                "method": method,
                "proof": payment.proof_type,
            },
        )
        household_reconcile_after_commit(client.pk, tax_year)
    return payment


def payment_add_by_client(*, actor, client, **fields) -> Payment:
    """A payment the client says they made. Never verified, never another household's."""
    if not getattr(actor, "is_client", False) or actor.client_id != client.pk:
        raise RecordRejected("You can only add payments for your own household.")
    return _payment_create(actor=actor, client=client, source=PaymentSource.CLIENT, **fields)


def payment_add_by_staff(*, actor, client, **fields) -> Payment:
    if not getattr(actor, "is_practice", False):
        raise RecordRejected("Only practice staff can add payments for a household.")
    return _payment_create(actor=actor, client=client, source=PaymentSource.STAFF, **fields)


def payment_verify(*, actor, payment: Payment) -> bool:
    """Staff confirm a payment against its proof; a second click changes nothing."""
    if not getattr(actor, "is_practice", False):
        raise RecordRejected("Only practice staff can verify payments.")
    with transaction.atomic(durable=True):
        now = timezone.now()
        updated = Payment.objects.filter(pk=payment.pk, verified_at__isnull=True).update(
            verified_by=actor, verified_at=now
        )
        if updated:
            audit_record(
                action="payment.verify",
                actor=actor,
                obj=payment.client,
                detail={"payment": str(payment.public_id), "had_proof": payment.has_proof},
            )
            household_reconcile_after_commit(payment.client_id, payment.tax_year)
    payment.refresh_from_db()
    return bool(updated)


# -- CSV import ---------------------------------------------------------------------------


def _parse_amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        raise ValueError(f"amount {text!r} is not a number") from None
    if not value.is_finite() or value <= 0:
        raise ValueError(f"amount {text!r} must be more than zero")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"amount {text!r} has more than two decimal places")
    return value


def _parse_method(text: str) -> str:
    key = text.strip().lower().replace(" ", "_").replace("-", "_")
    aliases = {
        "directpay": "direct_pay",
        "money_order": "check",
        "debit_card": "card",
        "credit_card": "card",
        "with_the_return": "with_return",
        "offset": "refund_offset",
    }
    key = aliases.get(key, key)
    if key not in PaymentMethod.values:
        raise ValueError(f"method {text!r} is not one of {', '.join(PaymentMethod.values)}")
    return key


def _parse_row(row: dict[str, str]) -> dict:
    get = {k: redact(row.get(k) or "").strip() for k in CSV_COLUMNS}  # typed text: masked
    missing = [k for k in REQUIRED_CSV_COLUMNS if not get[k]]
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    try:
        paid_on = date.fromisoformat(get["date"])
    except ValueError:
        raise ValueError(f"date {get['date']!r} is not YYYY-MM-DD") from None
    try:
        tax_year = int(get["tax_year"])
        designated_year = int(get["designated_tax_year"]) if get["designated_tax_year"] else None
    except ValueError:
        raise ValueError("tax years must be four-digit years") from None
    owner = get["ssn_owner"].lower() or SsnOwner.PRIMARY
    if owner not in SsnOwner.values:
        raise ValueError(f"ssn_owner {get['ssn_owner']!r} must be primary or spouse")
    return {
        "date": paid_on,
        "amount": _parse_amount(get["amount"]),
        "method": _parse_method(get["method"]),
        "tax_year": tax_year,
        "form": get["form"] or "1040",
        "confirmation_or_check_number": get["confirmation"],
        "ssn_owner": owner,
        "designated_tax_year": designated_year,
        "designated_form": get["designated_form"],
    }


_DUPLICATE_FIELDS = ("date", "amount", "method", "confirmation_or_check_number")


def _duplicate_key(fields: dict) -> tuple:
    return tuple(fields[name] for name in _DUPLICATE_FIELDS)


def _duplicate_filter(fields: dict) -> dict:
    return {name: fields[name] for name in _DUPLICATE_FIELDS}


def payments_import_csv(*, actor, client, file) -> ImportResult:
    """Import a staff CSV of payments: all rows or none, every bad row named with its line.

    Columns: date, amount, method, tax_year (required); form, confirmation, ssn_owner,
    designated_tax_year, designated_form. A row matching a payment already on file (same
    date, amount, method and confirmation) is skipped, so re-importing a file is harmless.
    """
    if not getattr(actor, "is_practice", False):
        raise RecordRejected("Only practice staff can import payments.")
    raw = file.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise RecordRejected("The CSV file is larger than 1 MB; split it.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordRejected("The file is not UTF-8 text. Export it as CSV (UTF-8).") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    absent = [c for c in REQUIRED_CSV_COLUMNS if c not in header]
    if absent:
        raise RecordRejected(
            "The header row needs the columns "
            + ", ".join(REQUIRED_CSV_COLUMNS)
            + " (missing: "
            + ", ".join(absent)
            + ")."
        )
    reader.fieldnames = header
    result = ImportResult()
    parsed: list[tuple[int, dict]] = []
    seen: set[tuple] = set()
    for row in reader:
        line = reader.line_num
        if len(parsed) + len(result.errors) >= MAX_CSV_ROWS:
            raise RecordRejected(f"At most {MAX_CSV_ROWS} rows per import.")
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        try:
            fields = _parse_row(row)
            _check_fields(
                tax_year=fields["tax_year"], paid_on=fields["date"], amount=fields["amount"]
            )
            if fields["ssn_owner"] == SsnOwner.SPOUSE and not client.spouse_first_name:
                raise ValueError("ssn_owner is spouse but the household has no spouse")
        except (ValueError, RecordRejected) as exc:
            message = exc.message if isinstance(exc, RecordRejected) else str(exc)
            result.errors.append(RowError(line, message))
            continue
        key = _duplicate_key(fields)
        if key in seen:
            result.skipped_duplicates.append(line)
            continue
        seen.add(key)
        parsed.append((line, fields))
    if result.errors:
        return result
    with transaction.atomic(durable=True):
        # One import per household at a time: a second import of the same file (a double
        # click, two staff) waits here, then finds the first one's rows and skips them.
        transaction_lock("payments.import_csv", client.pk)
        for line, fields in parsed:
            if Payment.objects.filter(client=client, **_duplicate_filter(fields)).exists():
                result.skipped_duplicates.append(line)
                continue
            payment = Payment.objects.create(
                client=client, source=PaymentSource.CSV, entered_by=actor, **fields
            )
            result.created.append(payment)
        result.skipped_duplicates.sort()
        audit_record(
            action="payment.import_csv",
            actor=actor,
            obj=client,
            detail={
                "created": len(result.created),
                "skipped_duplicates": len(result.skipped_duplicates),
            },
        )
        for year in sorted({p.tax_year for p in result.created}):
            household_reconcile_after_commit(client.pk, year)
    return result
