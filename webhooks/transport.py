"""The one place that sends a webhook over the network (urllib3, pinned to a checked address).

It connects to the address ``rules.target_check`` approved, never resolving the name again;
https still verifies the certificate against the host name. Redirects are not followed
(a 3xx is a failure: a redirect could point anywhere), and at most a short excerpt of the
answer is read.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass

import certifi
import urllib3

from webhooks.rules import Target

EXCERPT_BYTES = 500


@dataclass(frozen=True)
class Answer:
    status_code: int | None
    excerpt: str
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def resolve(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def post(target: Target, body: bytes, headers: dict[str, str], *, timeout: float) -> Answer:
    started = time.monotonic()
    host_header = target.host if ":" not in target.host else f"[{target.host}]"
    default_port = 443 if target.scheme == "https" else 80
    if target.port != default_port:
        host_header += f":{target.port}"
    limits = urllib3.Timeout(connect=min(timeout, 5.0), read=timeout)
    if target.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=limits,
            retries=False,
            maxsize=1,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
            server_hostname=target.host,
            assert_hostname=target.host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(
            target.address, target.port, timeout=limits, retries=False, maxsize=1
        )
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": host_header},
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
        try:
            excerpt = response.read(EXCERPT_BYTES, decode_content=False) or b""
        finally:
            response.release_conn()
        return Answer(
            response.status,
            excerpt.decode("utf-8", errors="replace"),
            "" if 200 <= response.status < 300 else f"HTTP {response.status}",
            int((time.monotonic() - started) * 1000),
        )
    except urllib3.exceptions.HTTPError as exc:
        reason = getattr(exc, "reason", None) or exc
        return Answer(
            None,
            "",
            f"{type(exc).__name__}: {reason}"[:300],
            int((time.monotonic() - started) * 1000),
        )
    finally:
        pool.close()
