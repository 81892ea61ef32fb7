"""Reconciliation of a notice against the household's records, stored with its inputs.

The pure rules are in `records.reconciliation`; this module only builds their inputs from the
database, stores a result when the inputs fingerprint changed, and records staff overrides.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from audit.services import audit_record
from clients.models import Client
from common.redaction import redact
from notices.models import Notice, NoticeStatus
from records import reconciliation as rec
from records.engine import BalanceInputs, RatePeriod, cost_of_waiting
from records.models import (
    HouseholdFacts,
    InstallmentAgreement,
    LevyNotice,
    Payment,
    PenaltyKind,
    PriorPenalty,
    RecommendedAction,
    Reconciliation,
    TaxReturn,
)
from records.reconciliation.inputs import BILLING_KEYS, ZERO
from records.selectors import rates_current

# Penalties that do not count against First-Time Abate (IRM 20.1.1.3.3.2.1): the
# estimated-tax penalty, and any penalty later removed for reasonable cause.
_FTA_IGNORED_KINDS = (PenaltyKind.ESTIMATED_TAX,)


class ReconciliationRejected(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class RunOutcome:
    reconciliation: Reconciliation | None
    created: bool
    skipped: str = ""


def form_key(text: str | None) -> str:
    """'Form 1040' and '1040' are the same form; blank means the usual 1040."""
    key = (text or "").upper().replace("FORM", "").replace(" ", "")
    return key or "1040"


def _billing(summary: dict | None) -> dict[str, Decimal]:
    lines = {}
    for key in BILLING_KEYS:
        value = (summary or {}).get(key)
        if value in (None, ""):
            continue
        try:
            lines[key] = Decimal(str(value))
        except InvalidOperation:
            continue
    return lines


def _first_balance_notice(notice: Notice) -> date | None:
    dates = (
        Notice.objects.filter(
            client_id=notice.client_id,
            tax_year=notice.tax_year,
            status=NoticeStatus.READ,
            notice_type__istartswith="CP14",
            notice_date__isnull=False,
        )
        .order_by("notice_date")
        .values_list("notice_date", flat=True)
    )
    return dates.first()


def reconciliation_inputs_for(notice: Notice) -> rec.ReconciliationInputs:
    """The pure inputs for one read notice, from the household's records."""
    client: Client = notice.client
    year = notice.tax_year
    key = form_key(notice.tax_form)
    returns = [
        r for r in TaxReturn.objects.filter(client=client, tax_year=year) if form_key(r.form) == key
    ]
    ret = returns[0] if returns else None
    payments = (
        Payment.objects.filter(client=client, tax_year=year)
        .order_by("date", "pk")
        .only(
            "date",
            "amount",
            "method",
            "form",
            "tax_year",
            "confirmation_or_check_number",
            "ssn_owner",
            "designated_tax_year",
            "designated_form",
            "verified_at",
            "proof",
        )
    )
    facts = HouseholdFacts.objects.filter(client=client).first()
    prior_years = (
        PriorPenalty.objects.filter(client=client, abated=False)
        .exclude(kind__in=_FTA_IGNORED_KINDS)
        .values_list("tax_year", flat=True)
    )
    return rec.ReconciliationInputs(
        notice=rec.Notice(
            notice_type=notice.notice_type,
            notice_date=notice.notice_date,
            pay_by_date=notice.pay_by_date,
            tax_year=year,
            tax_form=notice.tax_form or "1040",
            amount_due=notice.amount_due,
            billing_summary=_billing(notice.billing_summary),
        ),
        household=rec.Household(
            joint=client.is_joint or bool(ret and ret.joint),
            all_returns_filed=facts.all_returns_filed if facts else True,
            prior_penalty_years=tuple(sorted(set(prior_years))),
            primary_ssn_last4=client.primary_ssn_last4,
            first_balance_notice_date=_first_balance_notice(notice),
            ability_to_pay=rec.AbilityToPay(facts.ability_to_pay if facts else "in_full"),
        ),
        tax_return=None
        if ret is None
        else rec.TaxReturn(
            form=ret.form,
            filing_status=ret.filing_status,
            joint=ret.joint,
            original_due_date=ret.original_due_date,
            extended_due_date=ret.extended_due_date,
            date_filed=ret.date_filed,
            total_tax=ret.total_tax,
            withholding=ret.withholding,
            estimated_payments=ret.estimated_payments,
            refundable_credits=ret.refundable_credits,
            amount_paid_with_return=ret.paid_with_return,
        ),
        payments=tuple(
            rec.Payment(
                date=p.date,
                amount=p.amount,
                method=rec.PaymentMethod(p.method),
                confirmation=p.confirmation_or_check_number,
                ssn_owner=rec.SsnOwner(p.ssn_owner),
                designated_tax_year=p.designated_tax_year or p.tax_year,
                designated_form=p.designated_form or p.form,
                verified=p.is_verified,
                has_proof=p.has_proof,
            )
            for p in payments
            if form_key(p.form) == key
        ),
        installments=tuple(
            rec.InstallmentPeriod(i.start, i.end)
            for i in InstallmentAgreement.objects.filter(client=client, tax_year=year).order_by(
                "start"
            )
        ),
        levy_notices=tuple(
            rec.LevyNotice(lv.date, lv.notice_type)
            for lv in LevyNotice.objects.filter(client=client, tax_year=year).order_by("date")
        ),
        transcripts=_transcripts(client.pk),
    )


def _transcripts(client_id: int) -> tuple[rec.TranscriptModule, ...]:
    """Every read account transcript of the household (all years: FTA and misapplied
    payments look beyond the notice's own year)."""
    from transcripts.selectors import transcripts_for_household

    return tuple(
        rec.TranscriptModule(
            form=t.form,
            tax_year=t.tax_year,
            tin_last4=t.tin_last4,
            spouse_tin_last4=t.spouse_tin_last4,
            entries=tuple(
                rec.TranscriptEntry(
                    x.code, x.explanation, x.cycle or None, x.date, x.amount, x.pending
                )
                for x in t.transactions.all()
            ),
            account_balance=t.account_balance,
            accrued_interest=t.accrued_interest,
            accrued_penalty=t.accrued_penalty,
            accruals_as_of=t.accruals_as_of,
            response_date=t.response_date,
        )
        for t in transcripts_for_household(client_id)
        if t.tax_year is not None
    )


def cost_of_waiting_for(rin: rec.ReconciliationInputs, rates: list[RatePeriod]) -> list[dict]:
    """The balance if paid on the pay-by date, +30, +60, +90 days, from the records.

    Counts every payment on file (the IRS will credit a proven one), the notice's tax when it
    prints one (it is what was assessed), and the plan/levy dates known at the notice.
    """
    notice, ret = rin.notice, rin.tax_return
    if notice.is_proposal or ret is None or notice.pay_by_date is None:
        return []
    tax = notice.line("tax") if notice.billing_summary.get("tax") is not None else ret.total_tax
    payments = [(p.date, p.amount) for p in rin.payments]
    with_return_listed = any(p.method == rec.PaymentMethod.WITH_RETURN for p in rin.payments)
    if ret.amount_paid_with_return > 0 and ret.date_filed and not with_return_listed:
        payments.append((ret.date_filed, ret.amount_paid_with_return))
    plans = [i.start for i in rin.installments if i.start <= notice.notice_date]
    levies = [lv.notice_date for lv in rin.levy_notices if lv.notice_date <= notice.notice_date]
    try:
        inputs = BalanceInputs(
            tax=max(tax - ret.credits_at_due_date, ZERO),
            due_date=ret.original_due_date,
            as_of=notice.pay_by_date,
            filed_date=ret.date_filed,
            extended_due_date=ret.extended_due_date,
            payments=tuple(sorted(payments)),
            notice_date=notice.notice_date,
            installment_from=max(plans) if plans else None,
            levy_notice_date=max(levies) if levies else None,
        )
        return cost_of_waiting(inputs, notice.pay_by_date, rates=rates)
    except ValueError:
        return []


def _skip_reason(notice: Notice | None) -> str:
    if notice is None:
        return "no such notice"
    if notice.status != NoticeStatus.READ:
        return "notice not read"
    if notice.tax_year is None or notice.notice_date is None or notice.amount_due is None:
        return "notice lacks tax year, date or amount"
    return ""


def reconciliation_run(*, notice_id: int) -> RunOutcome:
    """Reconcile one read notice; store a result only when its inputs changed.

    The notice row is locked for the run, so two deliveries of the same task serialise and
    the second finds the fingerprint unchanged: one stored result.
    """
    with transaction.atomic(durable=True):
        notice = (
            Notice.objects.select_for_update(of=("self",))
            .select_related("client")
            .filter(pk=notice_id)
            .first()
        )
        skipped = _skip_reason(notice)
        if skipped:
            return RunOutcome(None, False, skipped)
        rin = reconciliation_inputs_for(notice)
        rates = rates_current()
        fingerprint = rec.inputs_fingerprint(rin, rates=rates)
        current = Reconciliation.objects.filter(notice=notice, is_current=True).first()
        if current is not None and current.inputs_fingerprint == fingerprint:
            return RunOutcome(current, False, "inputs unchanged")
        result = rec.reconcile(rin, rates=rates)
        if current is not None:
            Reconciliation.objects.filter(pk=current.pk).update(is_current=False)
        row = Reconciliation.objects.create(
            notice=notice,
            inputs=redact(rin.to_dict()),  # JSON inputs: masked like any typed text
            inputs_fingerprint=fingerprint,
            result=redact(result.to_dict()),
            cost_of_waiting=cost_of_waiting_for(rin, rates),
            action=result.recommendation.action,
        )
        audit_record(
            action="reconciliation.run",
            obj=notice,
            actor_email="worker",
            detail={
                "action": row.action,
                "findings": [f.code for f in result.findings],
                "replaced": current is not None,
            },
        )
    return RunOutcome(row, True)


def reconciliation_run_for_household(*, client_id: int, tax_year: int | None = None) -> int:
    """Re-run every read notice of the household (of one tax year); returns how many changed."""
    notices = Notice.objects.filter(client_id=client_id, status=NoticeStatus.READ)
    if tax_year is not None:
        notices = notices.filter(tax_year=tax_year)
    changed = 0
    for notice_id in notices.order_by("pk").values_list("pk", flat=True):
        changed += reconciliation_run(notice_id=notice_id).created
    return changed


def reconciliation_override(
    *, actor, reconciliation: Reconciliation, action: str, reason: str
) -> Reconciliation:
    """Staff replace the recommended action, with a reason; audited from -> to."""
    if not getattr(actor, "is_practice", False):
        raise ReconciliationRejected("Only practice staff can override a recommendation.")
    if action not in RecommendedAction.values:
        raise ReconciliationRejected("Choose one of the listed actions.")
    reason = redact(reason or "").strip()
    if not reason:
        raise ReconciliationRejected("Say why the recommendation is overridden.")
    with transaction.atomic(durable=True):
        before = reconciliation.effective_action
        now = timezone.now()
        updated = Reconciliation.objects.filter(pk=reconciliation.pk, is_current=True).update(
            override_action=action, override_reason=reason, overridden_by=actor, overridden_at=now
        )
        if not updated:
            raise ReconciliationRejected(
                "The records changed and a newer reconciliation replaced this one. Review the "
                "new result before overriding it."
            )
        audit_record(
            action="reconciliation.override",
            actor=actor,
            obj=reconciliation.notice,
            detail={
                "from": before,
                "to": action,
                "computed": reconciliation.action,
                "reason": reason,
            },
        )
    reconciliation.refresh_from_db()
    return reconciliation
