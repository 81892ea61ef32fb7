"""The client's address, as the login throttle and the audit log record it.

Behind ``TAXHAUZ_TRUSTED_PROXY_COUNT`` reverse proxies, each of which appends the address
it received the request from to ``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``,
Caddy's ``reverse_proxy``), the client is the entry that the outermost trusted proxy
appended: the N-th from the right. Everything left of it was written by whoever sent the
request and proves nothing. With no trusted proxy, the socket address (``REMOTE_ADDR``) is
the client. When the address cannot be known (fewer entries than trusted proxies: the
request did not come through them; or not an IP address) the answer is ``None``, and the
throttle then counts failures against the account alone (:func:`lockout_parameters`):
failures from "no address" are never pooled into one lock that would shut everyone out.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _address(text: str | None) -> str | None:
    """A normalised IP address from a header entry, or None (ports and brackets removed)."""
    value = (text or "").strip().strip('"')
    if not value:
        return None
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].split("]", 1)[0]
    elif value.count(":") == 1:  # 203.0.113.5:443
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The client address of ``request`` (see the module docstring), or None if unknown."""
    trusted = int(getattr(settings, "TAXHAUZ_TRUSTED_PROXY_COUNT", 0) or 0)
    if trusted <= 0:
        return _address(request.META.get("REMOTE_ADDR"))
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    if len(hops) < trusted:
        return None
    return _address(hops[-trusted])


def lockout_parameters(request_or_attempt, credentials=None) -> list:
    """django-axes' lockout keys: by username + address and by address, when it is known;
    by username alone when it is not (``AXES_LOCKOUT_PARAMETERS``)."""
    known = getattr(request_or_attempt, "axes_ip_address", None)
    if known is None and hasattr(request_or_attempt, "META"):
        known = client_ip(request_or_attempt)
    elif known is None:  # an AccessAttempt row
        known = getattr(request_or_attempt, "ip_address", None)
    if not known:
        return ["username"]
    return [["username", "ip_address"], "ip_address"]
