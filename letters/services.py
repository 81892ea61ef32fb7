"""Every write to letters: generate, edit, submit, approve, finalise, mark sent, render.

Version status moves draft -> awaiting_approval -> approved -> final with compare-and-swap
updates; only a partner approves; a final version never changes. Rendering happens in the
worker (``letters.tasks``), enqueued after commit, and is idempotent by the version's state.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from audit.models import Outcome
from audit.services import audit_record
from cases import selectors as case_selectors
from cases import services as case_services
from cases.models import Case, CaseEvent
from cases.workflow import State
from common.redaction import redact
from letters.models import (
    Dispatch,
    Letter,
    LetterImmutable,
    LetterVersion,
    RenderStatus,
    VersionStatus,
)
from letters.parts import LetterContent, LetterKind
from notifications.services import absolute_url, email_enqueue

logger = logging.getLogger(__name__)

RENDER_TIMEOUT_S = 30  # the task's soft/hard limits sit above this (letters.tasks)


class LetterRuleBroken(Exception):
    """A letter step that the rules refuse (wrong state, not a partner, not rendered yet)."""


def _case_event(case: Case, *, actor, summary: str, **detail) -> None:
    CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=CaseEvent.Kind.LETTER,
        summary=redact(summary)[:300],
        detail=redact(detail),
    )


def _audit(action: str, *, actor, version: LetterVersion, **detail) -> None:
    audit_record(
        action=action,
        actor=actor,
        obj=version.letter.case,
        actor_email="" if actor else "worker",
        detail={"letter": str(version.letter.public_id), "version": version.number, **detail},
    )


def _enqueue_render(version_id: int) -> None:
    from letters.tasks import letter_render_task

    transaction.on_commit(lambda: letter_render_task.delay(version_id))


def _is_irs_letter(kind: str) -> bool:
    return kind != LetterKind.CLIENT_EXPLAINER


# ------------------------------------------------------------------------- generate


def letter_generate(
    *,
    actor,
    case: Case,
    kind: str,
    options: Mapping[str, Any],
    enclosure_refs: Sequence[str] = (),
    letter_date: date | None = None,
    signer=None,
) -> LetterVersion:
    """Build a letter from the case's latest notice and queue its render.

    Each call is a new version of the case's letter of that kind. An IRS letter moves a
    case in review to 'letter drafted'. Enclosures are references to the household's
    payment proofs, documents or notice copies; their labels become the letter's
    enclosures list, in packet order. A letter to the IRS is signed by ``signer`` (the
    drafter by default) and encloses first the signed copy of each 2848 that covers the
    case for that signer.
    """
    from letters.poa_gate import covering_enclosures

    signer = signer or actor
    ready = (State.IN_REVIEW, State.LETTER_DRAFTED)
    if _is_irs_letter(kind) and Case.objects.get(pk=case.pk).state not in ready:
        raise LetterRuleBroken("Take the case into review before drafting a letter to the IRS.")
    choices = {c.ref: c.label for c in case_selectors.enclosure_choices(case)}
    unknown = [r for r in enclosure_refs if r not in choices]
    if unknown:
        raise LetterRuleBroken("An enclosure is not one of this household's documents.")
    enclosures = [{"ref": r, "label": choices[r]} for r in enclosure_refs]
    if _is_irs_letter(kind):
        enclosures = covering_enclosures(case=case, signer=signer) + enclosures
    notice = case.latest_notice
    from letters.generation import build_content

    content = build_content(
        kind=kind,
        case=case,
        notice=notice,
        options=options,
        enclosures=[e["label"] for e in enclosures],
        letter_date=letter_date or timezone.localdate(),
        signer=signer,
    )
    with transaction.atomic(durable=True):
        current = Case.objects.select_for_update().get(pk=case.pk).state
        if _is_irs_letter(kind) and current not in ready:
            raise LetterRuleBroken("Take the case into review before drafting a letter to the IRS.")
        letter = Letter.objects.filter(case=case, kind=kind).first() or Letter.objects.create(
            case=case, kind=kind, created_by=actor
        )
        version = _new_version(
            letter,
            actor=actor,
            content=content,
            base=content,
            overrides={},
            enclosures=enclosures,
            signer=signer,
        )
        _case_event(
            case,
            actor=actor,
            summary=f"Generated {letter} (version {version.number})",
            version=str(version.public_id),
        )
        _audit(
            "letter.generate",
            actor=actor,
            version=version,
            kind=kind,
            signer=getattr(signer, "pk", None),
        )
        if _is_irs_letter(kind) and current == State.IN_REVIEW:
            case_services.case_transition(
                actor=actor, case=case, name="draft_letter", expected_state=current
            )
    return version


def _new_version(
    letter: Letter,
    *,
    actor,
    content: LetterContent,
    base: LetterContent,
    overrides: dict,
    enclosures: list,
    signer=None,
) -> LetterVersion:
    # Earlier drafts of the letter are superseded; approved/final ones stay as they are.
    LetterVersion.objects.filter(
        letter=letter, status__in=[VersionStatus.DRAFT, VersionStatus.AWAITING_APPROVAL]
    ).update(status=VersionStatus.SUPERSEDED)
    number = (letter.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = LetterVersion.objects.create(
        letter=letter,
        number=number,
        content=content.to_dict(),
        base_content=base.to_dict(),
        overrides=overrides,
        enclosures=enclosures,
        signer=signer,
        created_by=actor,
    )
    _enqueue_render(version.pk)
    return version


def letter_version_edit(
    *, actor, version: LetterVersion, overrides: Mapping[str, str]
) -> LetterVersion:
    """Staff edit paragraphs by key; the result is a new draft version (the old is kept)."""
    if version.status not in (VersionStatus.DRAFT, VersionStatus.AWAITING_APPROVAL):
        raise LetterRuleBroken("Only a draft can be edited; generate a new version instead.")
    base = LetterContent.from_dict(version.base_content)
    merged = {**version.overrides, **{k: v for k, v in overrides.items()}}
    changed = {
        k: v
        for k, v in merged.items()
        if v.strip() != next((p.text for p in base.paragraphs if p.key == k), None)
    }
    try:
        content = base.with_overrides(changed)
    except KeyError as exc:
        raise LetterRuleBroken(str(exc)) from None
    with transaction.atomic(durable=True):
        letter = Letter.objects.select_for_update().get(pk=version.letter_id)
        new = _new_version(
            letter,
            actor=actor,
            content=content,
            base=base,
            overrides=changed,
            enclosures=version.enclosures,
            signer=version.signer,
        )
        _case_event(
            letter.case,
            actor=actor,
            summary=f"Edited {letter}: version {new.number} ({len(changed)} paragraph"
            f"{'s' if len(changed) != 1 else ''} changed)",
            version=str(new.public_id),
        )
        _audit("letter.edit", actor=actor, version=new, paragraphs=sorted(changed))
    return new


# ------------------------------------------------------------------- status changes


def _swap(version: LetterVersion, *, expected: str, **updates) -> bool:
    return bool(LetterVersion.objects.filter(pk=version.pk, status=expected).update(**updates))


def _refuse_final(version: LetterVersion) -> None:
    status = LetterVersion.objects.filter(pk=version.pk).values_list("status", flat=True).get()
    if status == VersionStatus.FINAL:
        raise LetterImmutable(f"{version} is final and cannot change.")


def letter_submit(*, actor, version: LetterVersion) -> LetterVersion:
    """Send a draft to the partners; the case waits for approval."""
    with transaction.atomic(durable=True):
        _refuse_final(version)
        if not _swap(
            version,
            expected=VersionStatus.DRAFT,
            status=VersionStatus.AWAITING_APPROVAL,
            submitted_at=timezone.now(),
        ):
            _already_or_refuse(version, VersionStatus.AWAITING_APPROVAL, "submit")
            return version
        case = version.letter.case
        _case_event(case, actor=actor, summary=f"Submitted {version} for partner approval")
        _audit("letter.submit", actor=actor, version=version)
        state = Case.objects.get(pk=case.pk).state
        if _is_irs_letter(version.letter.kind) and state == State.LETTER_DRAFTED:
            case_services.case_transition(
                actor=actor, case=case, name="submit_for_approval", expected_state=state
            )
    version.refresh_from_db()
    return version


def _case_follows(version: LetterVersion, *, actor, when: State, name: str, guard: str) -> None:
    """Move the case of an IRS letter along with the letter (approve, mark final), so the
    case page and the dashboard counts follow each approval step. Audited by the transition."""
    if not _is_irs_letter(version.letter.kind):
        return
    case = version.letter.case
    state = Case.objects.get(pk=case.pk).state
    if state == when:
        case_services.case_transition(
            actor=actor, case=case, name=name, expected_state=state, satisfied={guard}
        )


def _already_or_refuse(version: LetterVersion, target: str, what: str) -> None:
    status = LetterVersion.objects.filter(pk=version.pk).values_list("status", flat=True).get()
    if status != target:  # the same step won a moment ago: harmless; anything else is not
        raise LetterRuleBroken(
            f"Cannot {what} a letter that is {VersionStatus(status).label.lower()}."
        )


def letter_approve(*, actor, version: LetterVersion) -> LetterVersion:
    """A partner approves; the worker then builds the final packet (letter + enclosures)."""
    if not getattr(actor, "is_partner", False):
        audit_record(
            action="letter.approve",
            actor=actor,
            obj=version.letter.case,
            outcome=Outcome.DENIED,
            detail={"version": version.number},
        )
        raise LetterRuleBroken("Only a partner can approve a letter.")
    with transaction.atomic(durable=True):
        _refuse_final(version)
        if not _swap(
            version,
            expected=VersionStatus.AWAITING_APPROVAL,
            status=VersionStatus.APPROVED,
            approved_by=actor,
            approved_at=timezone.now(),
            packet_status=RenderStatus.PENDING,
        ):
            _already_or_refuse(version, VersionStatus.APPROVED, "approve")
            return version
        _case_event(version.letter.case, actor=actor, summary=f"{actor} approved {version}")
        _audit("letter.approve", actor=actor, version=version)
        _case_follows(
            version,
            actor=actor,
            when=State.AWAITING_APPROVAL,
            name="approve",
            guard="letter_approved",
        )
        _enqueue_render(version.pk)
    version.refresh_from_db()
    return version


def letter_request_changes(*, actor, version: LetterVersion, note: str = "") -> LetterVersion:
    """A partner sends the letter back to drafting, saying what to change.

    The comment is kept on the case (its timeline) and e-mailed to the letter's author.
    """
    note = redact(note).strip()
    if not getattr(actor, "is_partner", False):
        raise LetterRuleBroken("Only a partner can send a letter back.")
    if not note:
        raise LetterRuleBroken("Say what should change, so the author knows what to fix.")
    with transaction.atomic(durable=True):
        _refuse_final(version)
        if not _swap(version, expected=VersionStatus.AWAITING_APPROVAL, status=VersionStatus.DRAFT):
            _already_or_refuse(version, VersionStatus.DRAFT, "send back")
            return version
        case = version.letter.case
        _case_event(
            case,
            actor=actor,
            summary=f"Changes requested on {version}" + (f": {note}" if note else ""),
        )
        _audit("letter.request_changes", actor=actor, version=version, note=note)
        author = version.created_by
        if author is not None and author.email and author != actor:
            email_enqueue(
                to=[author.email],
                subject=f"[Taxhauz] Changes requested on {version}",
                body=f"{actor} asked for changes to {version} ({case.client.display_name}):\n\n"
                f"{note}\n\nOpen the case: "
                + absolute_url(reverse("admin:cases_case_change", args=[case.pk]))
                + "\n",
            )
        state = Case.objects.get(pk=case.pk).state
        if state == State.AWAITING_APPROVAL:
            case_services.case_transition(
                actor=actor, case=case, name="request_changes", expected_state=state
            )
    version.refresh_from_db()
    return version


def letter_finalize(*, actor, version: LetterVersion) -> LetterVersion:
    """Lock an approved version whose packet is built. From here on it never changes.

    A letter to the IRS also needs the power-of-attorney gate open: a covering 2848 naming
    the signer, enclosed in the packet, or a partner's recorded override.
    """
    from letters.poa_gate import letter_poa_gate

    with transaction.atomic(durable=True):
        _refuse_final(version)
        fresh = (
            LetterVersion.objects.select_for_update(of=("self",))
            .select_related("letter__case__client", "signer", "poa_override_by")
            .get(pk=version.pk)
        )
        if fresh.status != VersionStatus.APPROVED or fresh.approved_by_id is None:
            raise LetterRuleBroken("A partner must approve the letter before it is final.")
        if fresh.packet_status != RenderStatus.DONE or not fresh.packet:
            raise LetterRuleBroken("The final packet is still being built; try again shortly.")
        gate = letter_poa_gate(fresh)
        if gate.open:
            _swap(
                version,
                expected=VersionStatus.APPROVED,
                status=VersionStatus.FINAL,
                finalized_at=timezone.now(),
            )
            _case_event(version.letter.case, actor=actor, summary=f"{version} marked final")
            _case_follows(
                version, actor=actor, when=State.APPROVED, name="mark_final", guard="letter_final"
            )
            _audit(
                "letter.finalize",
                actor=actor,
                version=version,
                poa=gate.state,
                poa_forms=list(gate.covering),
                poa_override_reason=fresh.poa_override_reason if gate.overridden else "",
            )
    if not gate.open:  # audited outside the (unchanged) transaction, so the refusal stays
        audit_record(
            action="letter.finalize",
            actor=actor,
            obj=fresh.letter.case,
            outcome=Outcome.DENIED,
            detail={"version": fresh.number, "poa": gate.reason[:500]},
        )
        raise LetterRuleBroken(f"No power of attorney lets this letter go: {gate.reason}")
    version.refresh_from_db()
    return version


def letter_mark_sent(
    *, actor, version: LetterVersion, method: str, tracking_number: str, sent_on: date
) -> Dispatch:
    """Record how the final letter left; the case waits on the IRS with a follow-up date."""
    tracking_number = redact(tracking_number)
    if method == Dispatch.Method.MAIL and not tracking_number.strip():
        raise LetterRuleBroken("Certified mail needs its tracking number.")
    with transaction.atomic(durable=True):
        fresh = LetterVersion.objects.select_for_update().get(pk=version.pk)
        if fresh.status != VersionStatus.FINAL:
            raise LetterRuleBroken("Only a final letter can be sent.")
        existing = Dispatch.objects.filter(version=fresh).first()
        if existing is not None:
            return existing
        dispatch = Dispatch.objects.create(
            version=fresh,
            method=method,
            tracking_number=tracking_number.strip(),
            sent_on=sent_on,
            sent_by=actor,
        )
        summary = f"{fresh} sent by {dispatch.get_method_display().lower()}" + (
            f" (tracking {dispatch.tracking_number})" if dispatch.tracking_number else ""
        )
        case = fresh.letter.case
        _case_event(case, actor=actor, summary=summary, method=method)
        _audit(
            "letter.sent",
            actor=actor,
            version=fresh,
            method=method,
            tracking=dispatch.tracking_number,
            sent_on=sent_on.isoformat(),
        )
        if _is_irs_letter(fresh.letter.kind):
            case_services.case_letter_sent(actor=actor, case=case, sent_on=sent_on, summary=summary)
    return dispatch


# --------------------------------------------------------------------------- render


def _render_letter(content: LetterContent) -> bytes:
    from letters.html import STATIC_DIR, render_letter_html
    from letters.render import render_pdf

    return render_pdf(render_letter_html(content), base_dir=STATIC_DIR, timeout_s=RENDER_TIMEOUT_S)


def letter_render(*, version_id: int, last_attempt: bool = True) -> LetterVersion | None:
    """Worker side: render what the version still lacks. Idempotent by state.

    A pending letter PDF is rendered; an approved version with a pending packet gets its
    packet (the letter plus each enclosure, merged in the listed order). Anything already
    done, superseded or final is left alone, so a re-delivered task does nothing.

    A failure is raised for the task to retry; the version stays pending (with the error
    noted) until ``last_attempt``, when it is marked failed for staff to retry by hand.
    """
    version = (
        LetterVersion.objects.select_related("letter__case__client").filter(pk=version_id).first()
    )
    if version is None or version.status in (VersionStatus.FINAL, VersionStatus.SUPERSEDED):
        return version
    if version.render_status == RenderStatus.PENDING:
        started = time.monotonic()
        try:
            pdf = _render_letter(LetterContent.from_dict(version.content))
        except Exception as exc:
            _render_failed(version, "render_status", exc, final=last_attempt)
            raise
        with transaction.atomic(durable=True):
            fresh = LetterVersion.objects.select_for_update().get(pk=version.pk)
            if fresh.render_status == RenderStatus.PENDING and fresh.status != VersionStatus.FINAL:
                fresh.pdf.save("letter.pdf", ContentFile(pdf), save=False)
                fresh.render_status = RenderStatus.DONE
                fresh.render_error = ""
                fresh.render_ms = int((time.monotonic() - started) * 1000)
                fresh.save(update_fields=["pdf", "render_status", "render_error", "render_ms"])
        version.refresh_from_db()
    if version.status == VersionStatus.APPROVED and version.packet_status == RenderStatus.PENDING:
        letter_build_packet(version=version, last_attempt=last_attempt)
        version.refresh_from_db()
    return version


def letter_build_packet(*, version: LetterVersion, last_attempt: bool = True) -> None:
    from letters.render import merge_pdfs

    case = version.letter.case
    try:
        with version.pdf.open("rb") as f:
            parts = [f.read()]
        for enclosure in version.enclosures:
            parts.append(_enclosure_bytes(case, enclosure["ref"]))
        packet = merge_pdfs(parts)
    except Exception as exc:
        _render_failed(version, "packet_status", exc, final=last_attempt)
        raise
    from letters.render import pdf_page_count

    with transaction.atomic(durable=True):
        fresh = LetterVersion.objects.select_for_update().get(pk=version.pk)
        if fresh.status != VersionStatus.APPROVED or fresh.packet_status != RenderStatus.PENDING:
            return
        fresh.packet.save("packet.pdf", ContentFile(packet), save=False)
        fresh.packet_status = RenderStatus.DONE
        fresh.packet_pages = pdf_page_count(packet)
        fresh.save(update_fields=["packet", "packet_status", "packet_pages"])
        _audit(
            "letter.packet",
            actor=None,
            version=fresh,
            pages=fresh.packet_pages,
            enclosures=len(fresh.enclosures),
        )


def _enclosure_bytes(case: Case, ref: str) -> bytes:
    from letters.poa_gate import POA_REF

    if ref.startswith(POA_REF):
        from poa.selectors import poa_copy_bytes

        return poa_copy_bytes(client=case.client, pk=int(ref[len(POA_REF) :]))
    return case_selectors.enclosure_bytes(case=case, ref=ref)


def _render_failed(version: LetterVersion, field: str, exc: Exception, *, final: bool) -> None:
    """Note the error; mark the render failed only when no retry is coming."""
    detail = f"{type(exc).__name__}: {str(exc)[:200]}"
    updates = {"render_error": detail}
    if final:
        updates[field] = RenderStatus.FAILED
    LetterVersion.objects.filter(pk=version.pk).exclude(status=VersionStatus.FINAL).update(
        **updates
    )
    logger.warning(
        "letter version %s failed to render (%s)%s",
        version.pk,
        type(exc).__name__,
        "" if final else "; it will be retried",
    )


def letter_retry_render(*, actor, version: LetterVersion) -> None:
    """Staff re-queue a failed render."""
    with transaction.atomic(durable=True):
        LetterVersion.objects.filter(pk=version.pk, render_status=RenderStatus.FAILED).update(
            render_status=RenderStatus.PENDING
        )
        LetterVersion.objects.filter(pk=version.pk, packet_status=RenderStatus.FAILED).update(
            packet_status=RenderStatus.PENDING
        )
        _audit("letter.retry_render", actor=actor, version=version)
        _enqueue_render(version.pk)
