"""Letter steps on the admin case page: generate, edit, submit, approve, final, sent, PDF.

Mounted under the case admin (``CaseAdmin.get_urls``), so they inherit the admin's
practice-role and verified-OTP gate; the case is always fetched through
``Case.objects.visible_to``.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.views.decorators.http import require_POST

from audit.services import audit_record
from cases import selectors as case_selectors
from letters import services
from letters.forms import EditParagraphsForm, GenerateLetterForm, MarkSentForm
from letters.models import LetterImmutable, LetterVersion, RenderStatus, VersionStatus
from letters.poa_gate import (
    MIN_OVERRIDE_REASON,
    GateRefused,
    letter_poa_gate,
    letter_poa_override,
)
from poa import selectors as poa_selectors


def _version(request, pk: int, version) -> LetterVersion:
    case = case_selectors.case_get_for_user(user=request.user, pk=pk)
    return get_object_or_404(
        LetterVersion.objects.select_related("letter__case__client", "approved_by"),
        letter__case=case,
        public_id=version,
    )


def letters_context(request, case) -> dict:
    versions = list(
        LetterVersion.objects.filter(letter__case=case)
        .select_related(
            "letter__case__client", "approved_by", "created_by", "signer", "poa_override_by"
        )
        .order_by("-created_at", "-pk")
    )
    for v in versions:  # the partner sees why the gate is open or closed
        live = v.status in (
            VersionStatus.DRAFT,
            VersionStatus.AWAITING_APPROVAL,
            VersionStatus.APPROVED,
        )
        v.poa_gate = letter_poa_gate(v) if live and v.is_irs_letter else None
    return {
        "letter_versions": versions,
        "generate_form": GenerateLetterForm(
            enclosure_choices=case_selectors.enclosure_choices(case),
            signer_choices=poa_selectors.representative_users(),
            initial={**_generate_initial(case), "signer": _default_signer(request.user, case)},
        ),
        "override_min": MIN_OVERRIDE_REASON,
        "sent_form": MarkSentForm(),
        "user_is_partner": request.user.is_partner,
        "any_rendering": any(
            v.render_status == RenderStatus.PENDING or v.packet_status == RenderStatus.PENDING
            for v in versions
            if v.status not in (VersionStatus.SUPERSEDED,)
        ),
    }


def _default_signer(user, case):
    """The drafter when they are a representative, else the case's assignee, else whoever a
    covering 2848 names."""
    for candidate in (user, case.assignee):
        if poa_selectors.is_representative(candidate):
            return candidate.pk
    answer = poa_selectors.case_coverage(case)
    for poa in poa_selectors.poas_by_ids(answer.covering):
        rep = poa.representatives.first()
        if rep is not None:
            return rep.user_id
    return None


def _generate_initial(case) -> dict:
    """Prefill from the latest reconciliation's recommendation when there is one."""
    initial: dict = {"kind": "dispute_paid"}
    notice = case.latest_notice
    if notice is None:
        return initial
    found = case_selectors.reconciliations_for([notice])
    if found:
        rec = found[0]["recommendation"] or {}
        if rec.get("client_text"):
            initial["findings_summary"] = rec.get("staff_text") or rec["client_text"]
            initial["recommended_action"] = rec["client_text"]
        if rec.get("amount"):
            initial["paid_amount"] = rec["amount"]
    return initial


def letter_urls(model_admin) -> list:
    view = model_admin.admin_site.admin_view

    def post(fn):
        return view(require_POST(fn))

    return [
        path("<int:pk>/letters/generate/", post(generate_view), name="letters_generate"),
        path("<int:pk>/letters/<uuid:version>/edit/", view(edit_view), name="letters_edit"),
        path("<int:pk>/letters/<uuid:version>/<str:step>/", post(step_view), name="letters_step"),
        path(
            "<int:pk>/letters/<uuid:version>/pdf/<str:which>.pdf",
            view(pdf_view),
            name="letters_pdf",
        ),
    ]


def _back(pk: int):
    return redirect("admin:cases_case_change", pk)


def generate_view(request, pk: int):
    case = case_selectors.case_get_for_user(user=request.user, pk=pk)
    form = GenerateLetterForm(
        request.POST,
        enclosure_choices=case_selectors.enclosure_choices(case),
        signer_choices=poa_selectors.representative_users(),
    )
    if not form.is_valid():
        errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
        messages.error(request, errors or "Check the letter options.")
        return _back(pk)
    data = form.cleaned_data
    try:
        version = services.letter_generate(
            actor=request.user,
            case=case,
            kind=data["kind"],
            options=data,
            enclosure_refs=data["enclosures"],
            signer=data.get("signer"),
        )
    except (services.LetterRuleBroken, ValueError, KeyError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{version} generated; the worker is rendering it.")
    return _back(pk)


def edit_view(request, pk: int, version):
    found = _version(request, pk, version)
    paragraphs = found.content["paragraphs"]
    form = EditParagraphsForm(request.POST or None, paragraphs=paragraphs)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.letter_version_edit(
                actor=request.user, version=found, overrides=form.overrides()
            )
        except (services.LetterRuleBroken, LetterImmutable, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Saved as {new}.")
            return _back(pk)
    return TemplateResponse(
        request,
        "admin/letters/edit_paragraphs.html",
        {
            **_site_context(request),
            "title": f"Edit {found}",
            "version": found,
            "case": found.letter.case,
            "form": form,
        },
    )


def _site_context(request) -> dict:
    from django.contrib import admin

    from cases.models import Case

    return {**admin.site.each_context(request), "opts": Case._meta}


STEPS = {
    "submit": (services.letter_submit, "Sent to the partners for approval."),
    "approve": (services.letter_approve, "Approved; the worker is building the final packet."),
    "final": (services.letter_finalize, "The letter is final."),
    "retry": (services.letter_retry_render, "Rendering queued again."),
}


def step_view(request, pk: int, version, step: str):
    found = _version(request, pk, version)
    if step == "poa_override":
        try:
            letter_poa_override(
                actor=request.user, version=found, reason=request.POST.get("reason", "")
            )
        except GateRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Override recorded; the letter can be marked final.")
        return _back(pk)
    if step == "sent":
        form = MarkSentForm(request.POST)
        if not form.is_valid():
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            messages.error(request, errors)
            return _back(pk)
        try:
            services.letter_mark_sent(actor=request.user, version=found, **form.cleaned_data)
        except (services.LetterRuleBroken, ValueError) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Marked as sent; the case now waits on the IRS.")
        return _back(pk)
    if step == "changes":
        try:
            services.letter_request_changes(
                actor=request.user, version=found, note=request.POST.get("note", "")
            )
        except (services.LetterRuleBroken, LetterImmutable) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "Sent back to drafting; the author has your comment.")
        return _back(pk)
    if step not in STEPS:
        raise Http404
    fn, ok = STEPS[step]
    try:
        fn(actor=request.user, version=found)
    except (services.LetterRuleBroken, LetterImmutable) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, ok)
    return _back(pk)


def pdf_view(request, pk: int, version, which: str):
    found = _version(request, pk, version)
    file = {"letter": found.pdf, "packet": found.packet}.get(which)
    if not file:
        raise Http404
    audit_record(
        action="letter.download",
        actor=request.user,
        obj=found.letter.case,
        request=request,
        detail={"version": found.number, "which": which},
    )
    name = f"{found.letter.kind}-v{found.number}-{which}.pdf"
    response = FileResponse(
        file.open("rb"), content_type="application/pdf", as_attachment=True, filename=name
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
