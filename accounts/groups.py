"""The permission groups each practice role gets, refreshed after every `migrate`."""

from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Practice staff"
PARTNER_GROUP = "Partners"

_STAFF_PERMS = [
    "clients.view_client",
    "clients.change_client",
    "clients.add_client",
]
_PARTNER_PERMS = [
    *_STAFF_PERMS,
    "clients.view_all_clients",
    "audit.view_auditevent",
    "accounts.view_user",
]


def _perms(names: list[str]) -> list[Permission]:
    # post_migrate runs app by app; permissions of apps not migrated yet are picked up
    # on a later call in the same run.
    found = []
    for name in names:
        app_label, codename = name.split(".")
        perm = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if perm is not None:
            found.append(perm)
    return found


def groups_ensure() -> dict[str, Group]:
    staff, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    staff.permissions.set(_perms(_STAFF_PERMS))
    partners, _ = Group.objects.get_or_create(name=PARTNER_GROUP)
    partners.permissions.set(_perms(_PARTNER_PERMS))
    return {STAFF_GROUP: staff, PARTNER_GROUP: partners}


def group_for_role(role: str) -> str | None:
    return {"staff": STAFF_GROUP, "partner": PARTNER_GROUP}.get(role)
