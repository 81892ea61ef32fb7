"""Reads of letters, always through the cases the user may see (``Case.objects.visible_to``)."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from cases.models import Case
from letters.models import Letter, LetterVersion


def letter_list_for_user(*, user) -> QuerySet[Letter]:
    versions = LetterVersion.objects.select_related("approved_by", "dispatch").order_by("-number")
    return (
        Letter.objects.filter(case__in=Case.objects.visible_to(user).values("pk"))
        .select_related("case")
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("-created_at", "-pk")
    )


def letter_get_for_user(*, user, public_id) -> Letter:
    """A letter on a case the user may see, or 404."""
    return get_object_or_404(letter_list_for_user(user=user), public_id=public_id)


def letter_final_version(letter: Letter) -> LetterVersion | None:
    return LetterVersion.objects.filter(letter=letter, status="final").order_by("-number").first()
