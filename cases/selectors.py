"""Reads of cases, always through ``Case.objects.visible_to(user)``.

The records app (returns, payments, reconciliations) is used when it is installed and
has its models; every reach into it is feature-detected here, so the case pages work
before and after it lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404

from cases.deadlines import Urgency
from cases.models import Case, CaseNotice, ClientDocument, DocumentRequest
from cases.workflow import State


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
    from poa.selectors import covered_exists

    qs = Case.objects.visible_to(user).select_related("client", "assignee")
    return annotate_verdict(qs).annotate(poa_covered=covered_exists())


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


def case_get_for_user(*, user, pk=None, public_id=None) -> Case:
    """A case the user may see, by number (the admin's pages) or public id (the API); else 404."""
    lookup = {"pk": pk} if public_id is None else {"public_id": public_id}
    return get_object_or_404(
        Case.objects.visible_to(user).select_related("client", "assignee", "latest_notice"),
        **lookup,
    )


# ------------------------------------------------------------------ queue filters
# One definition of each filter of the queue, used by the admin's queue and the API.

ALL_STATES = "all"
#: The notice codes the queue offers as a filter (and recognises in its search box).
QUEUE_NOTICE_CODES = [
    "CP14",
    "CP501",
    "CP503",
    "CP504",
    "LT11",
    "LTR1058",
    "CP90",
    "CP11",
    "CP71",
    "CP2000",
    "CP12",
]


def queue_filter_state(qs: QuerySet[Case], value: str | None) -> QuerySet[Case]:
    """No value: open cases; ``all``: resolved ones too; else exactly that state."""
    if not value:
        return qs.exclude(state=State.RESOLVED)
    if value == ALL_STATES:
        return qs
    return qs.filter(state=value)


def queue_filter_urgency(qs: QuerySet[Case], value: str, *, today: date) -> QuerySet[Case]:
    """The "days left" buckets of ``cases.deadlines.urgency``, as date ranges; a value that
    is not one of them (``?urgency='``) filters nothing."""
    if value not in {u.value for u in Urgency}:
        return qs
    if value == Urgency.NO_DEADLINE:
        return qs.filter(irs_deadline__isnull=True)
    bounds = {
        Urgency.OVERDUE: (None, today - timedelta(days=1)),
        Urgency.DUE_3: (today, today + timedelta(days=3)),
        Urgency.DUE_7: (today + timedelta(days=4), today + timedelta(days=7)),
        Urgency.DUE_30: (today + timedelta(days=8), today + timedelta(days=30)),
        Urgency.LATER: (today + timedelta(days=31), None),
    }
    low, high = bounds[Urgency(value)]
    if low:
        qs = qs.filter(irs_deadline__gte=low)
    if high:
        qs = qs.filter(irs_deadline__lte=high)
    return qs


def queue_filter_assignee(qs: QuerySet[Case], value: str, *, user) -> QuerySet[Case]:
    """``me``, ``none`` (unassigned) or a login's id."""
    if value == "me":
        return qs.filter(assignee=user)
    if value == "none":
        return qs.filter(assignee__isnull=True)
    if value and value.isdigit() and len(value) <= 18:  # a bigint, never an overflow
        return qs.filter(assignee_id=int(value))
    return qs  # anything else is ignored


def queue_filter_verdict(qs: QuerySet[Case], value: str) -> QuerySet[Case]:
    """The reconciliation's action (``none``: not reconciled); needs ``annotate_verdict``."""
    if not value or "verdict" not in qs.query.annotations:
        return qs
    if value == "none":
        return qs.filter(verdict__isnull=True)
    return qs.filter(verdict=value)


FLAGGED = "any"


def queue_filter_flag(qs: QuerySet[Case], value: str) -> QuerySet[Case]:
    """``any``: every case waiting for a person's decision; or one flag
    (``suspected_scam`` is the queue's "suspected scam" filter). Anything else: no filter."""
    from cases.workflow import CaseFlag

    if value == FLAGGED:
        return qs.exclude(flag="")
    if value in {f.value for f in CaseFlag}:
        return qs.filter(flag=value)
    return qs


QUEUE_SEARCH_NAMES = (
    "client__primary_last_name",
    "client__primary_first_name",
    "client__spouse_first_name",
    "client__spouse_last_name",
)


def queue_search(qs: QuerySet[Case], term: str, *, known_codes) -> QuerySet[Case]:
    """A notice code finds that code; otherwise every word must match a household name
    (contains) or be a notice code or caller id (exactly), like the admin's search box."""
    term = term.strip()
    if not term:
        return qs
    code = term.upper().replace(" ", "")
    if code in known_codes:
        return qs.filter(notice_code=code)
    for word in term.split():
        match = Q(notice_code__iexact=word) | Q(caller_id__iexact=word)
        for name in QUEUE_SEARCH_NAMES:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(match)
    return qs


def case_queue_for_user(
    *,
    user,
    today: date,
    state: str = "",
    notice: str = "",
    urgency: str = "",
    assignee: str = "",
    verdict: str = "",
    flag: str = "",
    tax_year: int | None = None,
    search: str = "",
    known_codes=(),
) -> QuerySet[Case]:
    """The queue narrowed by every filter it offers (the API's case list)."""
    qs = case_list_for_queue(user=user)
    qs = queue_filter_state(qs, state)
    if notice:
        qs = qs.filter(notice_code=notice)
    qs = queue_filter_urgency(qs, urgency, today=today)
    qs = queue_filter_assignee(qs, assignee, user=user)
    qs = queue_filter_verdict(qs, verdict)
    qs = queue_filter_flag(qs, flag)
    if tax_year:
        qs = qs.filter(tax_year=tax_year)
    return queue_search(qs, search, known_codes=known_codes)


def case_notices(case: Case) -> list:
    """The case's notices, newest notice date first (never upload order); undated last."""
    links = (
        CaseNotice.objects.filter(case=case)
        .select_related("notice")
        .order_by(F("notice__notice_date").desc(nulls_last=True), "-joined_at")
    )
    return [link.notice for link in links]


def case_notice_get(*, case: Case, notice_public_id) -> Any:
    link = get_object_or_404(
        CaseNotice.objects.select_related("notice", "notice__client"),
        case=case,
        notice__public_id=notice_public_id,
    )
    return link.notice


def preview_page_numbers(notice) -> list[int]:
    """The pages the case page shows for a notice: those the reader stored, or its count."""
    numbers = list(notice.pages.order_by("number").values_list("number", flat=True))
    return numbers or list(range(1, notice.page_count + 1))


def notice_previews(notice) -> list[dict]:
    """Each page to show, with its rendered preview when the worker has made it."""
    from cases.models import NoticePageImage

    made = {i.number: i for i in NoticePageImage.objects.filter(notice=notice)}
    pages = []
    for number in preview_page_numbers(notice):
        image = made.get(number)
        pages.append(
            {
                "number": number,
                "ready": image is not None and bool(image.image),
                "failed": image is not None and not image.image,
                "error": image.error if image is not None else "",
                "width_pt": image.width_pt if image else 612.0,
                "height_pt": image.height_pt if image else 792.0,
                "width_px": round(image.width_pt * image.dpi / 72) if image and image.dpi else 0,
                "height_px": round(image.height_pt * image.dpi / 72) if image and image.dpi else 0,
            }
        )
    return pages


def previews_pending(notice) -> bool:
    return any(not p["ready"] and not p["failed"] for p in notice_previews(notice))


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
                "ledger": result.get("ledger") or [],
                "transcript": result.get("transcript"),
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
