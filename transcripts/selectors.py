"""Reads of transcripts, always through the household visibility rule."""

from django.db.models import Prefetch

from transcripts.models import Transcript, TranscriptFile, TranscriptTransaction


def transcript_files_for(*, user, client):
    return (
        TranscriptFile.objects.visible_to(user)
        .filter(client=client)
        .prefetch_related("transcripts")
        .order_by("-created_at")
    )


def transcripts_for_household(client_id: int):
    """Every read transcript of a household with its lines (for reconciliation)."""
    lines = TranscriptTransaction.objects.order_by("position")
    return (
        Transcript.objects.filter(client_id=client_id, source__status="read")
        .select_related("source")
        .prefetch_related(Prefetch("transactions", queryset=lines))
        .order_by("tax_year", "form", "tin_last4", "pk")
    )
