"""Every write to household records and reconciliations (see each module)."""

from records.services.enqueue import household_reconcile_after_commit, reconciliation_enqueue
from records.services.household import (
    household_facts_update,
    installment_add,
    levy_notice_add,
    prior_penalty_add,
    tax_return_upsert,
)
from records.services.payments import (
    ImportResult,
    RecordRejected,
    RowError,
    payment_add_by_client,
    payment_add_by_staff,
    payment_verify,
    payments_import_csv,
)
from records.services.reconcile import (
    ReconciliationRejected,
    RunOutcome,
    reconciliation_inputs_for,
    reconciliation_override,
    reconciliation_run,
    reconciliation_run_for_household,
)

__all__ = [
    "ImportResult",
    "ReconciliationRejected",
    "RecordRejected",
    "RowError",
    "RunOutcome",
    "household_facts_update",
    "household_reconcile_after_commit",
    "installment_add",
    "levy_notice_add",
    "payment_add_by_client",
    "payment_add_by_staff",
    "payment_verify",
    "payments_import_csv",
    "prior_penalty_add",
    "reconciliation_enqueue",
    "reconciliation_inputs_for",
    "reconciliation_override",
    "reconciliation_run",
    "reconciliation_run_for_household",
    "tax_return_upsert",
]
