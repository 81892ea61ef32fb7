"""What each event says. Ids, states, dates and amounts; never a name, an SSN digit, an
address or a document: a receiver that needs more asks the API with its token."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def _api_url(name: str, public_id) -> str:
    return settings.PORTAL_URL.rstrip("/") + reverse(name, kwargs={"id": public_id})


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _day(value) -> str | None:
    return value.isoformat() if value else None


def case_data(case) -> dict:
    return {
        "id": str(case.public_id),
        "number": case.pk,
        "household": str(case.client.public_id),
        "state": case.state,
        "notice_code": case.notice_code,
        "tax_year": case.tax_year,
        "tax_form": case.tax_form,
        "amount_due": _money(case.amount_due),
        "irs_deadline": _day(case.irs_deadline),
        "internal_target": _day(case.internal_target),
        "assignee": case.assignee_id,
        "url": _api_url("api:case-detail", case.public_id),
    }


def notice_read_data(notice) -> dict:
    link = getattr(notice, "case_link", None)
    return {
        "notice": {
            "id": str(notice.public_id),
            "household": str(notice.client.public_id),
            "status": notice.status,
            "notice_type": notice.notice_type,
            "tax_year": notice.tax_year,
            "tax_form": notice.tax_form,
            "notice_date": _day(notice.notice_date),
            "pay_by_date": _day(notice.pay_by_date),
            "amount_due": _money(notice.amount_due),
            "legitimacy": notice.legitimacy,
            "unconfirmed_fields": list(notice.unconfirmed_fields),
            "url": _api_url("api:notice-detail", notice.public_id),
        },
        "case": None
        if link is None
        else {"id": str(link.case.public_id), "state": link.case.state},
    }


def case_state_changed_data(case, *, transition: str, from_state: str, to_state: str,
                            reason: str, actor_role: str) -> dict:  # fmt: skip
    return {
        "case": case_data(case),
        "transition": transition,
        "from_state": from_state,
        "to_state": to_state,
        "reason": reason or None,
        "by": actor_role or "system",
    }


def letter_finalized_data(version) -> dict:
    letter = version.letter
    return {
        "letter": {
            "id": str(letter.public_id),
            "kind": letter.kind,
            "version": version.number,
            "finalized_at": version.finalized_at.isoformat() if version.finalized_at else None,
            "url": _api_url("api:letter-detail", letter.public_id),
            "pdf_url": _api_url("api:letter-pdf", letter.public_id),
        },
        "case": case_data(letter.case),
    }


def deadline_at_risk_data(case, *, level: str, days_left: int) -> dict:
    return {"case": case_data(case), "level": level, "days_left": days_left}
