"""The power-of-attorney gate on letters to the IRS, and the partner's reasoned override.

A letter to the IRS is finalised only when a Form 2848 on file covers the case's form and
tax year, names the letter's signer as representative, and its signed copy is enclosed in
the packet (:mod:`poa.coverage` decides coverage). Otherwise the partner sees why, and may
record an override with a reason; the override and the finalisation are both audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.models import Outcome
from audit.services import audit_record
from cases.models import CaseEvent
from letters.models import LetterVersion, VersionStatus
from poa import selectors as poa_selectors

POA_REF = "poa:"
MIN_OVERRIDE_REASON = 20


class GateRefused(Exception):
    """An override the rules refuse (not a partner, no reason, wrong state)."""


@dataclass(frozen=True)
class Gate:
    open: bool
    reason: str  # why it is closed, or what keeps it open
    covering: tuple[int, ...] = ()  # PowerOfAttorney ids
    overridden: bool = False
    needed: bool = True  # False for letters to the client

    @property
    def state(self) -> str:
        if not self.needed:
            return "not_needed"
        if self.overridden:
            return "overridden"
        return "open" if self.open else "closed"


def poa_refs(enclosures: list[dict]) -> set[int]:
    return {int(e["ref"][len(POA_REF) :]) for e in enclosures if e["ref"].startswith(POA_REF)}


def covering_enclosures(*, case, signer) -> list[dict]:
    """The covering 2848s' signed copies, first in the packet (as enclosure references)."""
    if signer is None:
        return []
    answer = poa_selectors.case_coverage(case, signer=signer)
    if not answer.covered:
        return []
    return [
        {"ref": f"{POA_REF}{poa.pk}", "label": poa.enclosure_label}
        for poa in sorted(poa_selectors.poas_by_ids(answer.covering), key=lambda p: p.taxpayer)
        if poa.copy
    ]


def letter_poa_gate(version: LetterVersion) -> Gate:
    """Whether the version may be finalised as far as powers of attorney go, and why."""
    if not version.is_irs_letter:
        return Gate(True, "A letter to the client needs no power of attorney.", needed=False)
    case = version.letter.case
    override = (
        f"{version.poa_override_by} overrode the gate: {version.poa_override_reason}"
        if version.poa_override_by_id
        else ""
    )
    if version.signer_id is None:
        return _closed("Choose who signs the letter: the signer must be named on a 2848.", override)
    answer = poa_selectors.case_coverage(case, signer=version.signer)
    if not answer.covered:
        return _closed(answer.reason, override)
    covering = poa_selectors.poas_by_ids(answer.covering)
    without_copy = [p for p in covering if not p.copy]
    if without_copy:
        return _closed(
            f"The covering {without_copy[0].enclosure_label} has no signed copy on file: "
            "upload it on the form's admin page so the packet can enclose it.",
            override,
            covering=answer.covering,
        )
    missing = set(answer.covering) - poa_refs(version.enclosures)
    if missing:
        return _closed(
            "This version was drafted before the covering 2848 was on file, so its packet "
            "does not enclose it: generate a new version (a partner sends the case back to "
            "drafting first if it waits for approval).",
            override,
            covering=answer.covering,
        )
    return Gate(True, " ".join(answer.notes), covering=answer.covering)


def _closed(reason: str, override: str, *, covering: tuple[int, ...] = ()) -> Gate:
    if override:
        return Gate(True, f"{reason} {override}", covering=covering, overridden=True)
    return Gate(False, reason, covering=covering)


def letter_poa_override(*, actor, version: LetterVersion, reason: str) -> LetterVersion:
    """A partner records why the letter may go without a covering 2848. Audited."""
    reason = " ".join((reason or "").split())
    case = version.letter.case
    if not getattr(actor, "is_partner", False):
        audit_record(
            action="letter.poa_override",
            actor=actor,
            obj=case,
            outcome=Outcome.DENIED,
            detail={"version": version.number},
        )
        raise GateRefused("Only a partner can override the power-of-attorney gate.")
    if len(reason) < MIN_OVERRIDE_REASON:
        raise GateRefused(
            f"Say why the letter may go without a covering 2848 (at least "
            f"{MIN_OVERRIDE_REASON} characters)."
        )
    gate = letter_poa_gate(version)
    if gate.open and not gate.overridden:
        raise GateRefused("A covering 2848 is on file: there is nothing to override.")
    with transaction.atomic(durable=True):
        updated = LetterVersion.objects.filter(
            pk=version.pk,
            status__in=[VersionStatus.AWAITING_APPROVAL, VersionStatus.APPROVED],
        ).update(poa_override_by=actor, poa_override_at=timezone.now(), poa_override_reason=reason)
        if not updated:
            raise GateRefused("Only a letter awaiting approval or approved can be overridden.")
        CaseEvent.objects.create(
            case=case,
            actor=actor,
            kind=CaseEvent.Kind.LETTER,
            summary=f"{actor} overrode the power-of-attorney gate on {version}"[:300],
            detail={"reason": reason, "gate": gate.reason},
        )
        audit_record(
            action="letter.poa_override",
            actor=actor,
            obj=case,
            detail={
                "letter": str(version.letter.public_id),
                "version": version.number,
                "reason": reason,
                "gate": gate.reason[:500],
            },
        )
    version.refresh_from_db()
    return version
