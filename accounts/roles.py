"""Roles and what each may do, as plain data (no Django), so every layer agrees.

Partners are staff too; admins run the practice's configuration. Clients are the
taxpayer household's own logins.
"""

from enum import StrEnum


class Role(StrEnum):
    CLIENT = "client"
    STAFF = "staff"
    PARTNER = "partner"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Role.CLIENT: "Client",
    Role.STAFF: "Staff",
    Role.PARTNER: "Partner",
    Role.ADMIN: "Administrator",
}

PRACTICE_ROLES = frozenset({Role.STAFF, Role.PARTNER, Role.ADMIN})
"""Roles that work inside the practice (and may open the admin)."""

ALWAYS_MFA_ROLES = PRACTICE_ROLES
"""Roles that must pass a second factor before any page, whatever the settings say."""


def is_practice_role(role: str) -> bool:
    return Role(role) in PRACTICE_ROLES


def requires_mfa(role: str, *, client_mfa_required: bool) -> bool:
    """Whether a login with this role must verify a second factor before any page."""
    if Role(role) in ALWAYS_MFA_ROLES:
        return True
    return client_mfa_required


def idle_timeout_seconds(role: str, *, staff_seconds: int, client_seconds: int) -> int:
    """Practice logins time out sooner: they see every household they work on."""
    return staff_seconds if is_practice_role(role) else client_seconds
