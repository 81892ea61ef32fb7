"""The client address behind the reverse proxy the deployment guide sets up.

Through a real nginx (Debian's, started here on a free port with its own config in a
temporary folder, proxying to the live test server) and with the exact headers Caddy sends:
the address that counts is the right-most one the trusted proxy appended, never one a client
wrote into X-Forwarded-For. An address that cannot be known locks no one out.

Each visitor connects from its own loopback address (127.0.0.N), so nginx sees, and appends,
a different address for each, as it would for visitors on the internet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from requests.adapters import HTTPAdapter

from accounts.roles import Role
from audit.models import AuditEvent
from tests.conftest import PASSWORD_FOR_TESTS
from tests.security.procs import free_port
from tests.support import wait_for

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WRONG = "not-the-password-1"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# The proxy block docs/deploy.md gives, with this test's ports and folders.
NGINX_CONF = """
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 60m;
        location / {{
            proxy_pass http://127.0.0.1:{upstream};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host;
        }}
    }}
}}
"""


class _FromAddress(HTTPAdapter):
    """Connect from one loopback address, as a distinct visitor would."""

    def __init__(self, address: str):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Visitor:
    def __init__(self, base: str, address: str):
        self.base = base
        self.address = address
        self.session = requests.Session()
        self.session.mount("http://", _FromAddress(address))

    def login(self, email: str, password: str, *, forwarded_for: str | None = None) -> int:
        page = self.session.get(self.base + reverse("accounts:login"), timeout=10)
        token = TOKEN.search(page.text)[1]
        headers = {"Referer": self.base + reverse("accounts:login")}
        if forwarded_for is not None:
            headers["X-Forwarded-For"] = forwarded_for
        response = self.session.post(
            self.base + reverse("accounts:login"),
            data={"username": email, "password": password, "csrfmiddlewaretoken": token},
            headers=headers,
            allow_redirects=False,
            timeout=10,
        )
        return response.status_code


@pytest.fixture
def nginx(live_server, tmp_path, settings):
    """Debian's nginx in front of the live server, as the deployment guide configures it."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is not installed: scripts/system-deps.sh test installs it")
    one_trusted_proxy(settings)  # deploy/env/app.env.example: one proxy
    upstream = live_server.url.rsplit(":", 1)[1]
    port = free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(NGINX_CONF.format(prefix=tmp_path, port=port, upstream=upstream))
    process = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log"),
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def answers() -> bool:
        try:
            return requests.get(base + "/healthz", timeout=2).status_code == 200
        except requests.ConnectionError:
            return False

    try:
        wait_for(answers, timeout=15, what="nginx to answer")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def one_trusted_proxy(settings) -> None:
    """The settings production derives from TAXHAUZ_TRUSTED_PROXY_COUNT=1 (app.env.example)."""
    import os
    from importlib import reload

    import taxhauz.settings.base as base

    previous = os.environ.get("TAXHAUZ_TRUSTED_PROXY_COUNT")
    os.environ["TAXHAUZ_TRUSTED_PROXY_COUNT"] = "1"
    try:
        derived = {k: v for k, v in vars(reload(base)).items() if k.isupper()}
    finally:
        if previous is None:
            os.environ.pop("TAXHAUZ_TRUSTED_PROXY_COUNT")
        else:
            os.environ["TAXHAUZ_TRUSTED_PROXY_COUNT"] = previous
        reload(base)
    for name, value in derived.items():
        if name.startswith(("AXES_", "TAXHAUZ_TRUSTED")):
            setattr(settings, name, value)


def _failed_login_addresses(email: str) -> set:
    rows = AuditEvent.objects.filter(action="auth.login_failed", actor_email=email)
    return set(rows.values_list("ip_address", flat=True))


def test_behind_nginx_forged_forwarded_for_headers_cannot_dodge_the_lockout(nginx, make_user):
    victim = make_user(Role.CLIENT)
    attacker = Visitor(nginx, "127.0.0.66")
    statuses = [
        attacker.login(victim.email, WRONG, forwarded_for=f"10.9.8.{n}, 203.0.113.66")
        for n in range(12)
    ]
    # The 5th wrong password locks the account (429); every later attempt is refused.
    assert statuses == [200] * 4 + [429] * 8, statuses
    assert attacker.login(victim.email, PASSWORD_FOR_TESTS, forwarded_for="10.9.8.99") == 429
    # The audit log and the throttle hold the address nginx saw, never the forged ones.
    assert _failed_login_addresses(victim.email) == {"127.0.0.66"}
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.66"}


def test_behind_nginx_one_visitors_wrong_passwords_lock_out_no_one_else(nginx, make_user):
    careless = make_user(Role.CLIENT)
    staff = make_user(Role.STAFF)
    bystander = make_user(Role.CLIENT)
    visitor = Visitor(nginx, "127.0.0.9")
    statuses = [visitor.login(careless.email, WRONG) for _ in range(6)]
    assert statuses == [200] * 4 + [429] * 2
    # Others, from their own addresses, sign in as usual: the staff member and a client.
    assert Visitor(nginx, "127.0.0.7").login(staff.email, PASSWORD_FOR_TESTS) == 302
    assert Visitor(nginx, "127.0.0.8").login(bystander.email, PASSWORD_FOR_TESTS) == 302
    assert _failed_login_addresses(careless.email) == {"127.0.0.9"}
    assert AuditEvent.objects.filter(action="auth.login", ip_address__isnull=True).count() == 0


# -- the exact headers Caddy sends ----------------------------------------------------------
# Caddy's reverse_proxy sets X-Forwarded-For to the client address (replacing what an
# untrusted client sent, or appending to it when the hop before is a trusted proxy), plus
# X-Forwarded-Proto and X-Forwarded-Host. Caddy itself connects from 127.0.0.1.


def _through_caddy(client: Client, email: str, password: str, forwarded_for: str) -> int:
    return client.post(
        reverse("accounts:login"),
        {"username": email, "password": password},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=forwarded_for,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_X_FORWARDED_HOST="portal.practice.example",
    ).status_code


@pytest.mark.parametrize(
    "shape",
    ["replaced", "appended"],
    ids=["caddy-replaces-untrusted-header", "caddy-appends-after-a-forged-value"],
)
def test_with_caddys_headers_the_client_is_the_address_caddy_appended(settings, make_user, shape):
    one_trusted_proxy(settings)
    victim, other = make_user(Role.CLIENT), make_user(Role.CLIENT)
    client = Client()
    statuses = []
    for n in range(12):
        header = "203.0.113.5" if shape == "replaced" else f"10.9.8.{n}, 203.0.113.5"
        statuses.append(_through_caddy(client, victim.email, WRONG, header))
    assert statuses == [200] * 4 + [429] * 8, statuses
    assert _failed_login_addresses(victim.email) == {"203.0.113.5"}
    # Another visitor (another address appended by Caddy) is not locked out.
    assert _through_caddy(Client(), other.email, PASSWORD_FOR_TESTS, "198.51.100.20") == 302


def test_an_address_that_cannot_be_known_locks_no_one_else_out(settings, make_user):
    """A request that reached gunicorn without the proxy's header has no known client
    address: failures are counted against the account only, never against "no address"."""
    one_trusted_proxy(settings)
    careless, staff = make_user(Role.CLIENT), make_user(Role.STAFF)
    anonymous = Client(REMOTE_ADDR="")
    statuses = [
        anonymous.post(reverse("accounts:login"), {"username": careless.email, "password": WRONG})
        .status_code
        for _ in range(6)
    ]
    assert statuses == [200] * 4 + [429] * 2
    response = Client(REMOTE_ADDR="").post(
        reverse("accounts:login"), {"username": staff.email, "password": PASSWORD_FOR_TESTS}
    )
    assert response.status_code == 302


def test_a_forged_forwarded_host_does_not_change_the_host_of_links(settings, rf):
    one_trusted_proxy(settings)
    request = rf.get("/", HTTP_HOST="localhost", HTTP_X_FORWARDED_HOST="evil.example")
    assert request.build_absolute_uri("/x") == "http://localhost/x"
