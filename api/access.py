"""Who may call which API action: each view states its roles per action, nothing else passes.

Object-level access is not decided here: every view fetches objects through the same
selectors as the pages (``visible_to``), so another household's object is a 404.
"""

from collections.abc import Mapping

from rest_framework.permissions import BasePermission

from accounts.roles import PRACTICE_ROLES, Role

EVERYONE = frozenset(Role)
PRACTICE = frozenset(PRACTICE_ROLES)
PARTNERS = frozenset({Role.PARTNER, Role.ADMIN})


def roles_for(view, action: str | None) -> frozenset[Role]:
    """The roles a view admits for an action; none stated means nobody."""
    roles = getattr(view, "roles", None)
    if isinstance(roles, Mapping):
        return frozenset(roles.get(action or "", frozenset()))
    return frozenset(roles or ())


def roles_by_method(callback) -> dict[str, frozenset[Role]]:
    """For a URL's view function: HTTP method -> roles (the URL walker's view of the API)."""
    cls = getattr(callback, "cls", None)
    if cls is None:
        return {}
    actions = getattr(callback, "actions", None)  # viewsets: {"get": "list", ...}
    if actions:
        return {m.upper(): roles_for(cls, a) for m, a in actions.items()}
    methods = [m for m in ("get", "post", "put", "patch", "delete") if hasattr(cls, m)]
    return {m.upper(): roles_for(cls, m) for m in methods}


class RolePermission(BasePermission):
    message = "This part of the API is not open to your role."

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        if getattr(view, request.method.lower(), None) is None:
            return True  # not a method of this route: DRF answers 405, nothing is read
        action = getattr(view, "action", None) or request.method.lower()
        return Role(user.role) in roles_for(view, action)
