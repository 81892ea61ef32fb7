"""Reads of cases, always through ``Case.objects.visible_to(user)``.

The records app (returns, payments, reconciliations) is used when it is installed and
has its models; every reach into it is feature-detected here, so the case pages work
before and after it lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import F, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404

from cases.models import Case, CaseNotice, ClientDocument, DocumentRequest


def _records_model(name: str):
    """``records.<name>`` when the records app provides it, else None."""
    if not apps.is_installed("records"):
        return None
    try:
        return apps.get_model("records", name)
    except LookupError:
        return None


def reconciliation_model():
    model = _records_model("Reconciliation")
    if model is None:
        return None
    names = {f.name for f in model._meta.get_fields()}
    return model if {"notice", "result"} <= names else None


def case_list_for_queue(*, user) -> QuerySet[Case]:
    """The queue: visible cases with what the list shows, in a constant number of queries."""
    qs = Case.objects.visible_to(user).select_related("client", "assignee")
    return annotate_verdict(qs)


def annotate_verdict(qs: QuerySet[Case]) -> QuerySet[Case]:
    """``verdict``: the (staff-overridden, else computed) action of the current
    reconciliation of the case's latest notice; one subquery, evaluated per listed row."""
    model = reconciliation_model()
    if model is None:
        return qs
    names = {f.name for f in model._meta.get_fields()}
    if "action" not in names:
        return qs
    latest = model.objects.filter(notice=OuterRef("latest_notice"))
    if "is_current" in names:
        latest = latest.filter(is_current=True)
    action = (
        Coalesce(NullIf("override_action", Value("")), "action")
        if "override_action" in names
        else F("action")
    )
    return qs.annotate(verdict=Subquery(latest.order_by("-pk").annotate(v=action).values("v")[:1]))


def case_get_for_user(*, user, pk) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("client", "assignee", "latest_notice"), pk=pk
    )


def case_notices(case: Case) -> list:
    links = CaseNotice.objects.filter(case=case).select_related("notice").order_by("-joined_at")
    return [link.notice for link in links]


def case_notice_get(*, case: Case, notice_public_id) -> Any:
    link = get_object_or_404(
        CaseNotice.objects.select_related("notice", "notice__client"),
        case=case,
        notice__public_id=notice_public_id,
    )
    return link.notice


def reconciliations_for(notices: list) -> list[dict]:
    """Findings and recommendation of each notice's latest reconciliation (newest first)."""
    model = reconciliation_model()
    if model is None or not notices:
        return []
    rows = []
    seen = set()
    for rec in model.objects.filter(notice__in=notices).order_by("-pk"):
        if getattr(rec, "is_current", True) is False:
            continue
        if rec.notice_id in seen:
            continue
        seen.add(rec.notice_id)
        result = rec.result or {}
        rows.append(
            {
                "notice_id": rec.notice_id,
                "action": getattr(rec, "effective_action", "")
                or getattr(rec, "action", "")
                or result.get("recommendation", {}).get("action", ""),
                "findings": result.get("findings", []),
                "recommendation": result.get("recommendation", {}),
                "override": {
                    f: getattr(rec, f)
                    for f in ("override_action", "override_reason", "overridden_by")
                    if hasattr(rec, f) and getattr(rec, f)
                },
            }
        )
    return rows


def household_records(case: Case) -> dict[str, list]:
    """The household's returns and payments from the records app, when it exists."""
    found: dict[str, list] = {}
    for name in ("TaxReturn", "Return", "Payment"):
        model = _records_model(name)
        if model is None:
            continue
        fields = {f.name for f in model._meta.get_fields()}
        if "client" not in fields:
            continue
        qs = model.objects.filter(client=case.client)
        if "tax_year" in fields:
            qs = qs.filter(tax_year=case.tax_year)
        found[model._meta.verbose_name_plural] = list(qs[:50])
    return found


def payments_with_proof(case: Case) -> list:
    model = _records_model("Payment")
    if model is None:
        return []
    fields = {f.name for f in model._meta.get_fields()}
    if not {"client", "proof"} <= fields:
        return []
    qs = model.objects.filter(client=case.client).exclude(proof="")
    if "proof_type" in fields:  # the packet takes PDF, JPEG and PNG
        qs = qs.filter(proof_type__in=("pdf", "jpeg", "png"))
    if "tax_year" in fields:
        qs = qs.filter(tax_year=case.tax_year)
    return list(qs)


def case_documents(case: Case) -> QuerySet[ClientDocument]:
    return ClientDocument.objects.filter(client=case.client).select_related("request")


# -------------------------------------------------------------------- enclosures


@dataclass(frozen=True)
class EnclosureChoice:
    ref: str  # "document:12", "payment:3", "notice:5"
    label: str


def _payment_label(payment) -> str:
    """'Confirmation page or e-mail: IRS Direct Pay payment of January 10, 2024 ($1,075.21),
    confirmation DP7Q2K9'."""
    kind = payment.get_proof_kind_display() if getattr(payment, "proof_kind", "") else ""
    method = payment.get_method_display() if getattr(payment, "method", "") else ""
    paid = getattr(payment, "date", None)
    text = f"{method} payment" if method else "Payment"
    if paid:
        text += f" of {paid:%B} {paid.day}, {paid.year}"
    if getattr(payment, "amount", None) is not None:
        text += f" (${payment.amount:,.2f})"
    reference = getattr(payment, "confirmation_or_check_number", "")
    if reference:
        text += f", confirmation {reference}"
    return f"{kind}: {text}" if kind else f"Proof of payment: {text}"


def enclosure_choices(case: Case) -> list[EnclosureChoice]:
    """What can go in a letter's packet: payment proofs, the client's documents, the notice."""
    choices = [
        EnclosureChoice(f"payment:{p.pk}", _payment_label(p)) for p in payments_with_proof(case)
    ]
    for doc in case_documents(case).filter(kind__in=("pdf", "jpeg", "png")):
        choices.append(
            EnclosureChoice(
                f"document:{doc.pk}", f"{doc.request.description} ({doc.original_name})"
            )
        )
    for notice in case_notices(case):
        for record in notice.files.filter(kind__in=("pdf", "jpeg", "png")).order_by("position"):
            day = notice.notice_date
            date_text = f" dated {day:%B} {day.day}, {day.year}" if day else ""
            suffix = f", file {record.position}" if notice.files.count() > 1 else ""
            choices.append(
                EnclosureChoice(
                    f"notice:{record.pk}",
                    f"Copy of notice {notice.notice_type or ''}{date_text}{suffix}".replace(
                        "  ", " "
                    ),
                )
            )
    return choices


def enclosure_bytes(*, case: Case, ref: str) -> bytes:
    """The file behind an enclosure reference, checked to belong to the case's household."""
    source, _, raw_id = ref.partition(":")
    pk = int(raw_id)
    if source == "document":
        record = ClientDocument.objects.get(pk=pk, client=case.client)
        handle = record.file
    elif source == "notice":
        from notices.models import NoticeFile

        record = NoticeFile.objects.get(pk=pk, notice__case_link__case=case)
        handle = record.file
    elif source == "payment":
        model = _records_model("Payment")
        if model is None:
            raise LookupError("Payments are not available.")
        handle = model.objects.get(pk=pk, client=case.client).proof
    else:
        raise LookupError(f"Unknown enclosure source {source!r}.")
    with handle.open("rb") as f:
        return f.read()


# ----------------------------------------------------------------- client portal


def document_requests_for_client(*, user) -> QuerySet[DocumentRequest]:
    return (
        DocumentRequest.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
        .select_related("case")
        .prefetch_related("documents")
    )


def document_request_get_for_user(*, user, public_id) -> DocumentRequest:
    return get_object_or_404(
        DocumentRequest.objects.filter(
            case__in=Case.objects.visible_to(user).values("pk")
        ).select_related("case", "case__assignee", "client"),
        public_id=public_id,
    )


def document_get_for_user(*, user, public_id) -> ClientDocument:
    return get_object_or_404(
        ClientDocument.objects.filter(request__case__in=Case.objects.visible_to(user).values("pk")),
        public_id=public_id,
    )
