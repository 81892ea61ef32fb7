"""Webhook rules as plain Python: where we may send, how we sign, when we retry.

No Django here (an import-linter contract keeps it so): the services pass settings in.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

SIGNATURE_HEADER = "Taxhauz-Signature"
SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


# ------------------------------------------------------------------------- signatures


def sign(secret: str, body: bytes, timestamp: int) -> str:
    """The signature header: ``t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>``."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},{SIGNATURE_VERSION}={mac.hexdigest()}"


def verify(
    secret: str,
    body: bytes,
    header: str,
    *,
    now: float,
    tolerance: int = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """What a receiver does (docs/api.md): recompute, compare in constant time, and refuse
    a timestamp further than ``tolerance`` seconds from now (a replayed request)."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = sign(secret, body, timestamp).split(",", 1)[1].split("=", 1)[1]
    return hmac.compare_digest(expected, parts.get(SIGNATURE_VERSION, ""))


# ---------------------------------------------------------------------------- retries


def backoff_seconds(attempt: int, *, base: float, cap: float) -> float:
    """Wait before the next try after ``attempt`` failures: base, 2*base, 4*base ... cap."""
    return float(min(cap, base * 2 ** max(attempt - 1, 0)))


# --------------------------------------------------------------------------- targets


class TargetRefused(ValueError):
    """The URL may not be sent to (scheme, credentials, or an address that is not public)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # as written (the Host header and the TLS name)
    port: int
    path: str  # path and query
    address: str  # the checked IP address we connect to (no second DNS lookup)


Resolver = Callable[[str, int], Iterable[str]]


def address_allowed(address: str, *, allow_loopback: bool) -> bool:
    """Only globally routable unicast addresses; loopback when a test or demo allows it.

    Refused: private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local
    (169.254/16 with the cloud metadata service, fe80::/10), carrier-grade NAT (100.64/10),
    multicast, reserved and unspecified addresses, and IPv6 forms that embed one of them.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        for inner in (ip.ipv4_mapped, ip.sixtofour, (ip.teredo or (None, None))[1]):
            if inner is not None:
                return address_allowed(str(inner), allow_loopback=allow_loopback)
    if ip.is_loopback:
        return allow_loopback
    return ip.is_global and not ip.is_multicast


def target_check(
    url: str,
    *,
    resolve: Resolver,
    allow_loopback: bool,
    require_https: bool,
) -> Target:
    """Check a webhook URL and pick the address to connect to; raise TargetRefused.

    Every address the name resolves to must be allowed (a name with one public and one
    private address is refused), and the caller connects to the checked address, so a
    second lookup cannot swap in another (DNS rebinding).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or (require_https and scheme != "https"):
        raise TargetRefused("The URL must start with https://" if require_https else
                            "The URL must start with http:// or https://")  # fmt: skip
    if parts.username or parts.password:
        raise TargetRefused("Put no user name or password in the URL.")
    host = parts.hostname
    if not host:
        raise TargetRefused("The URL has no host name.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise TargetRefused("The URL's port is not a number.") from None
    try:
        addresses = sorted(set(resolve(host, port)))
    except OSError:
        raise TargetRefused(f"{host} does not resolve.") from None
    if not addresses:
        raise TargetRefused(f"{host} does not resolve.")
    for address in addresses:
        if not address_allowed(address, allow_loopback=allow_loopback):
            raise TargetRefused(
                f"{host} points at {address}, which is not a public address. Webhooks "
                "are never sent into the practice's own network."
            )
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    return Target(scheme, host, port, path, addresses[0])
