"""Returns, installment agreements, levy notices, prior penalties and household facts.

Every change is audited and re-runs the reconciliation of the household's read notices of the
affected year (all years for facts and prior penalties, which First-Time Abate looks back on).
"""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction

from audit.services import audit_record
from clients.models import FilingStatus
from common.redaction import redact
from records.models import (
    AbilityToPay,
    HouseholdFacts,
    InstallmentAgreement,
    LevyNotice,
    PenaltyKind,
    PriorPenalty,
    TaxReturn,
)
from records.services.enqueue import household_reconcile_after_commit
from records.services.payments import RecordRejected

RETURN_FIELDS = (
    "filing_status",
    "joint",
    "original_due_date",
    "extended_due_date",
    "date_filed",
    "total_tax",
    "withholding",
    "estimated_payments",
    "refundable_credits",
    "paid_with_return",
)


def _practice_only(actor) -> None:
    if not getattr(actor, "is_practice", False):
        raise RecordRejected("Only practice staff can change a household's records.")


def tax_return_upsert(
    *,
    actor,
    client,
    tax_year: int,
    form: str,
    filing_status: str,
    original_due_date: date,
    total_tax: Decimal,
    joint: bool | None = None,
    extended_due_date: date | None = None,
    date_filed: date | None = None,
    withholding: Decimal = Decimal("0"),
    estimated_payments: Decimal = Decimal("0"),
    refundable_credits: Decimal = Decimal("0"),
    paid_with_return: Decimal = Decimal("0"),
) -> tuple[TaxReturn, bool]:
    """Create or replace the return for (household, year, form); audited with what changed."""
    _practice_only(actor)
    if filing_status not in FilingStatus.values:
        raise RecordRejected("Choose the filing status on the return.")
    joint = filing_status == FilingStatus.MARRIED_JOINT if joint is None else joint
    if joint and filing_status != FilingStatus.MARRIED_JOINT:
        raise RecordRejected("A joint return has the filing status married filing jointly.")
    if extended_due_date and extended_due_date < original_due_date:
        raise RecordRejected("The extended due date cannot be before the original due date.")
    amounts = (total_tax, withholding, estimated_payments, refundable_credits, paid_with_return)
    if any(a is None or a < 0 for a in amounts):
        raise RecordRejected("Amounts on the return cannot be negative.")
    values = {
        "filing_status": filing_status,
        "joint": joint,
        "original_due_date": original_due_date,
        "extended_due_date": extended_due_date,
        "date_filed": date_filed,
        "total_tax": total_tax,
        "withholding": withholding,
        "estimated_payments": estimated_payments,
        "refundable_credits": refundable_credits,
        "paid_with_return": paid_with_return,
    }
    form = redact(form or "1040").strip()[:16]
    with transaction.atomic(durable=True):
        existing = (
            TaxReturn.objects.select_for_update()
            .filter(client=client, tax_year=tax_year, form=form)
            .first()
        )
        before = {k: str(getattr(existing, k)) for k in RETURN_FIELDS} if existing else {}
        ret, created = TaxReturn.objects.update_or_create(
            client=client, tax_year=tax_year, form=form, defaults=values
        )
        after = {k: str(getattr(ret, k)) for k in RETURN_FIELDS}
        changed = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        audit_record(
            action="tax_return.create" if created else "tax_return.update",
            actor=actor,
            obj=client,
            detail={"tax_year": tax_year, "form": form, "changed": changed},
        )
        household_reconcile_after_commit(client.pk, tax_year)
    return ret, created


def installment_add(*, actor, client, tax_year: int, start: date, end: date | None = None):
    _practice_only(actor)
    if end is not None and end < start:
        raise RecordRejected("The agreement cannot end before it starts.")
    with transaction.atomic(durable=True):
        row = InstallmentAgreement.objects.create(
            client=client, tax_year=tax_year, start=start, end=end
        )
        audit_record(
            action="installment.add",
            actor=actor,
            obj=client,
            detail={"tax_year": tax_year, "start": str(start), "end": str(end or "")},
        )
        household_reconcile_after_commit(client.pk, tax_year)
    return row


def levy_notice_add(
    *, actor, client, tax_year: int, date: date, notice_type: str = "LT11"
) -> LevyNotice:
    _practice_only(actor)
    with transaction.atomic(durable=True):
        row = LevyNotice.objects.create(
            client=client,
            tax_year=tax_year,
            date=date,
            notice_type=redact(notice_type or "LT11")[:16],
        )
        audit_record(
            action="levy_notice.add",
            actor=actor,
            obj=client,
            detail={"tax_year": tax_year, "date": str(date), "notice_type": row.notice_type},
        )
        household_reconcile_after_commit(client.pk, tax_year)
    return row


def prior_penalty_add(
    *, actor, client, tax_year: int, kind: str, abated: bool = False
) -> PriorPenalty:
    _practice_only(actor)
    if kind not in PenaltyKind.values:
        raise RecordRejected("Choose the kind of penalty.")
    try:
        with transaction.atomic(durable=True):
            row = PriorPenalty.objects.create(
                client=client, tax_year=tax_year, kind=kind, abated=abated
            )
            audit_record(
                action="prior_penalty.add",
                actor=actor,
                obj=client,
                detail={"tax_year": tax_year, "kind": kind, "abated": abated},
            )
            household_reconcile_after_commit(client.pk, None)
    except IntegrityError:
        raise RecordRejected("That penalty is already on file for that year.") from None
    return row


def household_facts_update(
    *, actor, client, all_returns_filed: bool, ability_to_pay: str
) -> HouseholdFacts:
    _practice_only(actor)
    if ability_to_pay not in AbilityToPay.values:
        raise RecordRejected("Choose what the household can pay.")
    with transaction.atomic(durable=True):
        facts, _ = HouseholdFacts.objects.select_for_update().get_or_create(client=client)
        before = {"all_returns_filed": facts.all_returns_filed, "ability": facts.ability_to_pay}
        facts.all_returns_filed = all_returns_filed
        facts.ability_to_pay = ability_to_pay
        facts.save()
        audit_record(
            action="household_facts.update",
            actor=actor,
            obj=client,
            detail={
                "from": before,
                "to": {"all_returns_filed": all_returns_filed, "ability": ability_to_pay},
            },
        )
        household_reconcile_after_commit(client.pk, None)
    return facts
