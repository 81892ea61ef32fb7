"""Admin screens only an administrator may open (integrations: API tokens, webhooks)."""

from accounts.roles import Role


def is_administrator(user) -> bool:
    return bool(user.is_active and (user.role == Role.ADMIN or user.is_superuser))


class AdministratorsOnlyMixin:
    """Administrators see, add and change; nobody deletes (revoke or switch off instead)."""

    def has_module_permission(self, request) -> bool:
        return is_administrator(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_administrator(request.user)

    def has_add_permission(self, request) -> bool:
        return is_administrator(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
