"""Reads of household records and reconciliations, always through the visibility rule."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from clients.models import Client
from notices.models import Notice, NoticeStatus
from records.engine import DEFAULT_RATES, RatePeriod
from records.models import (
    HouseholdFacts,
    InstallmentAgreement,
    InterestRatePeriod,
    LevyNotice,
    Payment,
    PriorPenalty,
    Reconciliation,
    TaxReturn,
)


def rates_current() -> list[RatePeriod]:
    """The admin-edited underpayment rates, or the seed when the table is empty."""
    rows = InterestRatePeriod.objects.order_by("start")
    periods = [RatePeriod(r.start, r.rate, r.source, r.confirmed) for r in rows]
    return periods or list(DEFAULT_RATES)


def household_get_for_user(*, user, public_id) -> Client:
    """A household the user may see, or 404 (never confirm another household exists)."""
    return get_object_or_404(Client.objects.visible_to(user), public_id=public_id)


def household_records(*, user, client: Client) -> dict:
    """Everything the staff records page shows for one household."""
    current = Reconciliation.objects.filter(is_current=True)
    notices = (
        Notice.objects.visible_to(user)
        .filter(client=client)
        .prefetch_related(Prefetch("reconciliations", queryset=current, to_attr="current"))
        .order_by("-notice_date", "-created_at")
    )
    return {
        "returns": TaxReturn.objects.visible_to(user).filter(client=client),
        "payments": Payment.objects.visible_to(user)
        .filter(client=client)
        .select_related("entered_by", "verified_by"),
        "installments": InstallmentAgreement.objects.visible_to(user).filter(client=client),
        "levy_notices": LevyNotice.objects.visible_to(user).filter(client=client),
        "prior_penalties": PriorPenalty.objects.visible_to(user).filter(client=client),
        "facts": HouseholdFacts.objects.filter(client=client).first(),
        "notices": notices,
    }


def payment_list_for_client(*, user):
    """The signed-in client's own household's payments."""
    return Payment.objects.visible_to(user).filter(client_id=user.client_id)


def payment_get_for_user(*, user, public_id) -> Payment:
    return get_object_or_404(
        Payment.objects.visible_to(user).select_related("client"), public_id=public_id
    )


def reconciliation_current_for_notice(*, user, notice: Notice) -> Reconciliation | None:
    """The notice's current stored reconciliation, if the user may see the notice."""
    if notice.status != NoticeStatus.READ:
        return None
    return (
        Reconciliation.objects.visible_to(user)
        .filter(notice=notice, is_current=True)
        .select_related("overridden_by")
        .first()
    )


def reconciliation_history_for_notice(*, user, notice: Notice):
    return Reconciliation.objects.visible_to(user).filter(notice=notice).order_by("-created_at")


def reconciliation_for_notice_page(*, notice: Notice) -> Reconciliation | None:
    """For the notice page's summary; `notice` came from a visibility-checked selector."""
    if notice.status != NoticeStatus.READ:
        return None
    return Reconciliation.objects.filter(notice=notice, is_current=True).first()
