"""Reads of notices, always through the household visibility rule."""

from django.shortcuts import get_object_or_404

from notices.models import Notice, NoticeFile


def notice_list_for_client(*, user):
    return Notice.objects.visible_to(user).filter(client=user.client).order_by("-created_at")


def notice_get_for_user(*, user, public_id) -> Notice:
    """A notice the user may see, or 404 (never confirm another household's notice exists)."""
    return get_object_or_404(
        Notice.objects.visible_to(user).select_related("client"), public_id=public_id
    )


def notice_file_get_for_user(*, user, notice_public_id, position: int) -> NoticeFile:
    return get_object_or_404(
        NoticeFile.objects.filter(notice__in=Notice.objects.visible_to(user)).select_related(
            "notice"
        ),
        notice__public_id=notice_public_id,
        position=position,
    )
