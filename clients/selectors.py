"""Reads of client households, always through the visibility rule."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from clients.models import Client


def client_list_for_user(*, user):
    return (
        Client.objects.visible_to(user)
        .select_related("assigned_staff")
        .annotate(login_count=Count("logins"))
        .order_by("primary_last_name", "primary_first_name")
    )


def client_get_for_user(*, user, public_id) -> Client:
    """A household the user may see, or 404 (never 403: do not confirm it exists)."""
    return get_object_or_404(
        Client.objects.visible_to(user).select_related("assigned_staff"), public_id=public_id
    )
