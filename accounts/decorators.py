"""View markers read by accounts.middleware, and the role check every page uses."""

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.roles import Role


def public_view(view: Callable) -> Callable:
    """Reachable without logging in (login, password reset, health check)."""
    view.taxhauz_public = True
    return view


def mfa_pending_view(view: Callable) -> Callable:
    """Reachable after the password but before the second factor (the OTP pages, logout)."""
    view.taxhauz_mfa_pending = True
    return view


def api_endpoint(view: Callable) -> Callable:
    """An API view (``/api/v1/``): it authenticates by itself (``api.authentication``: a
    token, or this same session with its second factor verified) and answers 401/403 in
    JSON, so the middleware does not redirect it to the login page."""
    view.taxhauz_api = True
    return view


def passive_view(view: Callable) -> Callable:
    """A page polls it by itself (status fragments): it is not activity, so it neither
    extends the idle timeout nor writes the session."""
    view.taxhauz_passive = True
    return view


def role_required(*roles: Role) -> Callable[[Callable], Callable]:
    allowed = frozenset(Role(r) for r in roles)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if Role(request.user.role) not in allowed:
                raise PermissionDenied("This page is not part of your role.")
            return view(request, *args, **kwargs)

        wrapped.taxhauz_roles = allowed
        return wrapped

    return decorator


def any_role(view: Callable) -> Callable:
    """Any signed-in login (with its second factor when required): their own settings."""
    return role_required(*Role)(view)
