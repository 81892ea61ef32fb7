"""Deny by default: every view needs a login, and a verified second factor where required."""

import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts.roles import idle_timeout_seconds

LAST_SEEN_KEY = "taxhauz_last_seen"
LOGIN_AT_KEY = "taxhauz_login_at"


def _unwrap(view):
    # Class-based views hang attributes on the function as_view() returns; admin views are
    # wrapped several times; look through each layer for our markers.
    while view is not None:
        yield view
        view = getattr(view, "__wrapped__", None)


def _marked(view, attribute: str) -> bool:
    return any(getattr(v, attribute, False) for v in _unwrap(view))


class SessionTimeoutMiddleware:
    """Idle timeout by role, and an absolute lifetime counted from the login.

    Only what the person does counts as activity: views marked ``passive_view`` (status
    polls a page sends by itself) are checked against the timeout like any request but do
    not extend it, and do not write the session. A poll that finds the session timed out
    gets an ``HX-Redirect`` to the sign-in page (htmx then leaves the page) instead of the
    sign-in form swapped into the fragment.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        now = int(time.time())
        if user.is_authenticated:
            session = request.session
            idle_limit = idle_timeout_seconds(
                user.role,
                staff_seconds=settings.SESSION_IDLE_TIMEOUT_STAFF,
                client_seconds=settings.SESSION_IDLE_TIMEOUT_CLIENT,
            )
            last_seen = session.get(LAST_SEEN_KEY, now)
            login_at = session.get(LOGIN_AT_KEY, now)
            if now - last_seen > idle_limit or now - login_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, "You were signed out after a period of inactivity.")
                return self._to_login(request)
        response = self.get_response(request)
        if request.user.is_authenticated and not getattr(request, "taxhauz_passive", False):
            request.session[LAST_SEEN_KEY] = now
            request.session.setdefault(LOGIN_AT_KEY, now)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.taxhauz_passive = _marked(view_func, "taxhauz_passive")

    @staticmethod
    def _to_login(request):
        if request.headers.get("HX-Request"):
            page = request.headers.get("HX-Current-URL", "")
            target = urlsplit(page).path if page else "/"
            response = HttpResponse(status=204)
            response["HX-Redirect"] = f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': target})}"
            return response
        return redirect(
            f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"
        )


class LoginAndMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _marked(view_func, "taxhauz_public") or _marked(view_func, "taxhauz_api"):
            return None  # public, or the API's own authentication decides (api_endpoint)
        user = request.user
        if not user.is_authenticated:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(settings.LOGIN_URL)}?{query}")
        if user.must_verify_mfa and not user.is_verified():
            if _marked(view_func, "taxhauz_mfa_pending"):
                return None
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:mfa_verify')}?{query}")
        return None
