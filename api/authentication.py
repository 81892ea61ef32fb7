"""How the API knows who calls: a bearer token, or the portal's own verified session.

The portal's middleware (login + second factor) guards pages; API views are marked
``api_endpoint`` so that middleware leaves them to these classes instead of redirecting
to a login page a program cannot use. The rules they keep are the same:

* A browser session counts only once its second factor is verified where the role needs
  one (always for practice roles), and unsafe methods need the CSRF token, as on pages.
* A token is the API's own credential (see ``api.models``): created by an admin for a
  practice login, shown once, stored as a hash, expiring, revocable, and re-checked
  against the login's role and active flag on every call. Failed tokens are audited and
  throttled per address.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import caches
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed, Throttled

from api.models import TOKEN_PREFIX
from api.services import api_token_for, api_token_touch
from audit.models import Outcome
from audit.services import audit_record

FAILURES_ALLOWED = 20  # wrong tokens from one address per window, then 429
FAILURE_WINDOW_SECONDS = 10 * 60


def _failures_key(ip: str | None) -> str:
    return f"api-token-failures:{ip or '-'}"


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        ip = get_client_ip_address(request._request)
        cache = caches["api"]
        if cache.get(_failures_key(ip), 0) >= FAILURES_ALLOWED:
            raise Throttled(wait=FAILURE_WINDOW_SECONDS, detail="Too many wrong tokens.")
        raw = parts[1].decode("ascii", errors="replace") if len(parts) == 2 else ""
        token = api_token_for(raw) if raw else None
        if token is None:
            self._refused(request, raw, ip)
            raise AuthenticationFailed("The token is not valid (unknown, expired or revoked).")
        api_token_touch(token=token, ip_address=ip)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'

    @staticmethod
    def _refused(request, raw: str, ip: str | None) -> None:
        cache = caches["api"]
        key = _failures_key(ip)
        cache.add(key, 0, FAILURE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, FAILURE_WINDOW_SECONDS)
        audit_record(
            action="api.token_refused",
            request=request._request,
            outcome=Outcome.DENIED,
            actor_email="api token",
            # The prefix names the token (an expired or revoked one); never the secret part.
            detail={"prefix": raw[: len(TOKEN_PREFIX) + 6] if raw.startswith(TOKEN_PREFIX) else ""},
        )


class VerifiedSessionAuthentication(SessionAuthentication):
    """The signed-in portal session, once its second factor is verified (when required)."""

    def authenticate(self, request):
        user = getattr(request._request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None
        if user.must_verify_mfa and not user.is_verified():
            return None
        self.enforce_csrf(request)
        return user, None
