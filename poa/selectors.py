"""Reads of powers of attorney, and the coverage answer for cases and letters.

The rule itself lives in :mod:`poa.coverage`; here the rows become its plain values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from poa.coverage import (
    Authorization,
    Coverage,
    Matter,
    PoaForm,
    TaxpayerRole,
    coverage,
)
from poa.coverage import (
    Representative as Rep,
)
from poa.models import CaseCoverage, PoaMatter, PoaTask, PowerOfAttorney, Representative


def _forms_with_matters() -> QuerySet[PowerOfAttorney]:
    return PowerOfAttorney.objects.prefetch_related(
        Prefetch("matters", queryset=PoaMatter.objects.order_by("pk")),
        Prefetch("representatives", queryset=Representative.objects.select_related("user")),
    )


def representative_value(rep: Representative) -> Rep:
    return Rep(id=rep.user_id, name=rep.user.full_name or rep.user.email)


def signer_value(user) -> Rep | None:
    return None if user is None else Rep(id=user.pk, name=user.full_name or user.email)


def authorization_value(poa: PowerOfAttorney) -> Authorization:
    return Authorization(
        id=poa.pk,
        form=PoaForm(poa.form),
        taxpayer=TaxpayerRole(poa.taxpayer),
        matters=tuple(
            Matter(m.tax_type, m.form_number, m.first_year, m.last_year) for m in poa.matters.all()
        ),
        representatives=tuple(representative_value(r) for r in poa.representatives.all()),
        signed_on=poa.signed_on,
        received_on=poa.received_on,
        revoked_on=poa.revoked_on,
        withdrawn_on=poa.withdrawn_on,
        retains_prior=poa.retains_prior,
    )


def authorizations_by_client(client_ids: Iterable[int]) -> dict[int, list[Authorization]]:
    found: dict[int, list[Authorization]] = defaultdict(list)
    for poa in _forms_with_matters().filter(client_id__in=list(client_ids)):
        found[poa.client_id].append(authorization_value(poa))
    return found


def taxpayers_of(client) -> dict[TaxpayerRole, str]:
    """Who must be represented: the primary taxpayer, and the spouse on a joint return."""
    primary = f"{client.primary_first_name} {client.primary_last_name}".strip()
    found = {TaxpayerRole.PRIMARY: primary}
    if client.is_joint and client.spouse_first_name:
        last = client.spouse_last_name or client.primary_last_name
        found[TaxpayerRole.SPOUSE] = f"{client.spouse_first_name} {last}"
    return found


def case_coverage(case, *, signer=None, as_of: date | None = None, authorizations=None) -> Coverage:
    """Coverage of the case's form and year; with ``signer`` (a user), for that person."""
    auths = (
        authorizations
        if authorizations is not None
        else authorizations_by_client([case.client_id]).get(case.client_id, [])
    )
    return coverage(
        auths,
        form=case.tax_form or "",
        year=case.tax_year,
        taxpayers=taxpayers_of(case.client),
        as_of=as_of or timezone.localdate(),
        signer=signer_value(signer) if signer is not None else None,
    )


def poas_for_client(client) -> QuerySet[PowerOfAttorney]:
    return _forms_with_matters().filter(client=client).order_by("-received_on", "-pk")


def poas_by_ids(ids: Iterable[int]) -> list[PowerOfAttorney]:
    return list(PowerOfAttorney.objects.filter(pk__in=list(ids)).select_related("client"))


def poa_copy_bytes(*, client, pk: int) -> bytes:
    """The signed copy of a household's form (for a letter packet)."""
    poa = PowerOfAttorney.objects.get(pk=pk, client=client)
    if not poa.copy:
        raise LookupError(f"{poa} has no signed copy on file.")
    with poa.copy.open("rb") as f:
        return f.read()


def poa_get_for_user(*, user, public_id) -> PowerOfAttorney:
    return get_object_or_404(
        PowerOfAttorney.objects.visible_to(user).select_related("client"), public_id=public_id
    )


def is_representative(user) -> bool:
    return user is not None and Representative.objects.filter(user=user).exists()


def representative_users():
    from accounts.models import User

    return User.objects.filter(representative__isnull=False, is_active=True).order_by("full_name")


# --------------------------------------------------------------- queue and dashboard


def covered_exists():
    """``Exists`` of a covering answer for the outer case (annotate or filter with it)."""
    return Exists(CaseCoverage.objects.filter(case=OuterRef("pk"), covered=True))


def cases_without_coverage(cases: QuerySet) -> QuerySet:
    return cases.exclude(poa_coverage__covered=True)


def tasks_for_user(*, user) -> QuerySet[PoaTask]:
    from clients.models import Client

    return PoaTask.objects.filter(
        client__in=Client.objects.visible_to(user).values("pk")
    ).select_related("client", "poa", "assignee")


def open_tasks_for_user(*, user) -> QuerySet[PoaTask]:
    return tasks_for_user(user=user).filter(status=PoaTask.Status.OPEN).order_by("due_on", "pk")


def poa_needed_for(notice) -> dict | None:
    """For the client's notice page: what to sign, when no 2848 covers the notice's case."""
    from cases.workflow import State

    link = getattr(notice, "case_link", None) if notice.pk else None
    case = getattr(link, "case", None)
    if case is None or case.state in (State.RESOLVED, State.SENT, State.WAITING_ON_IRS):
        return None
    answer = CaseCoverage.objects.filter(case=case).values_list("covered", flat=True).first()
    if answer:
        return None
    names = list(taxpayers_of(case.client).values())
    return {
        "form": f"Form {case.tax_form}",
        "year": case.tax_year,
        "who": " and ".join(names) + (" (each of you signs your own)" if len(names) > 1 else ""),
    }
