"""Reconciliation of a notice against the household's records and the engine (plain Python).

`reconcile(inputs)` returns a `Reconciliation` carrying findings, a recommendation and the
fingerprint of the inputs, rates, parameters and thresholds it used, so a stored result can be
recognised as stale when any of them change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from records.engine import DEFAULT_PARAMETERS, PenaltyParameters, RatePeriod, RateTable
from records.engine.rates import rate_table
from records.reconciliation.findings import Analysis, Finding, analyse, cp2000_finding
from records.reconciliation.inputs import (
    AbilityToPay,
    Household,
    InstallmentPeriod,
    LevyNotice,
    Notice,
    Payment,
    PaymentMethod,
    ReconciliationInputs,
    SsnOwner,
    TaxReturn,
    TranscriptEntry,
    TranscriptModule,
    plain,
)
from records.reconciliation.recommend import ACTIONS, Recommendation, recommend
from records.reconciliation.thresholds import DEFAULT_THRESHOLDS, Thresholds

ENGINE_VERSION = "2"  # 2: transcript findings, tables back to 2010, 6601(e)(2)(A)


@dataclass
class Reconciliation:
    findings: list[Finding]
    recommendation: Recommendation
    engine_at_notice: dict | None
    inputs_fingerprint: str
    engine_version: str = ENGINE_VERSION
    ledger: list | None = None
    transcript: dict | None = None

    def to_dict(self) -> dict:
        findings = [
            {
                "code": f.code,
                "cause": f.cause,
                "evidence": list(f.evidence),
                "dollar_effect": plain(f.dollar_effect),
                "severity": f.severity,
                "citations": list(f.citations),
            }
            for f in self.findings
        ]
        rec = plain(self.recommendation)
        return {
            "findings": findings,
            "recommendation": rec,
            "engine_at_notice": self.engine_at_notice,
            "inputs_fingerprint": self.inputs_fingerprint,
            "engine_version": self.engine_version,
            "ledger": plain(self.ledger or []),
            "transcript": self.transcript,
        }


def inputs_fingerprint(
    inputs: ReconciliationInputs,
    *,
    rates: Sequence[RatePeriod] | RateTable | None = None,
    params: PenaltyParameters = DEFAULT_PARAMETERS,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> str:
    """Changes whenever anything the result depends on changes (records, rates, rules)."""
    table = rate_table(rates)
    return inputs.fingerprint(table, params, thresholds, ENGINE_VERSION)


def reconcile(
    inputs: ReconciliationInputs,
    *,
    rates: Sequence[RatePeriod] | RateTable | None = None,
    params: PenaltyParameters = DEFAULT_PARAMETERS,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Reconciliation:
    """Findings and the recommended next step for one notice."""
    table = rate_table(rates)
    analysis: Analysis | None = None
    if inputs.notice.is_proposal:
        findings = [cp2000_finding(inputs.notice)]
    else:
        analysis = analyse(inputs, rates=table, params=params, th=thresholds)
        findings = analysis.findings
    recommendation = recommend(inputs, analysis, findings, thresholds)
    return Reconciliation(
        findings=findings,
        recommendation=recommendation,
        engine_at_notice=analysis.engine_at_notice if analysis else None,
        ledger=analysis.ledger if analysis else None,
        transcript=analysis.transcript if analysis else None,
        inputs_fingerprint=inputs_fingerprint(
            inputs, rates=table, params=params, thresholds=thresholds
        ),
    )


__all__ = [
    "ACTIONS",
    "AbilityToPay",
    "Finding",
    "Household",
    "InstallmentPeriod",
    "LevyNotice",
    "Notice",
    "Payment",
    "PaymentMethod",
    "Recommendation",
    "Reconciliation",
    "ReconciliationInputs",
    "SsnOwner",
    "TaxReturn",
    "Thresholds",
    "TranscriptEntry",
    "TranscriptModule",
    "inputs_fingerprint",
    "reconcile",
]
