"""Bounded load test: clients uploading and staff browsing at once, against a real server.

    .venv/bin/python -m bench.load [--clients 50] [--uploads 2] [--staff 20] [--staff-pages 10]
                                   [--web-workers 3] [--read-workers 2] [--json out.json]

Starts everything it uses and removes it afterwards: a scratch PostgreSQL database next to
the configured one (``taxhauz_load_<id>``, migrated), a private ``redis-server`` on a free
loopback port, ``gunicorn`` serving the portal on 127.0.0.1 (test-like settings: DEBUG off,
the fast test password hasher) and a real ``celery worker`` reading the uploads.

Every client signs in, uploads ``--uploads`` distinct born-digital notices through the
form and polls its status fragment as the page would; every staff member signs in with
password and TOTP code and browses the queue, the household list, a household and a notice
review page, ``--staff-pages`` times. All of them start together. It then waits until every
upload is read and prints p50/p95/max per page kind, the error count (any 5xx, refused
request or exception), and how long reading took. Exit status 1 if anything failed.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BASE_DB_URL = os.environ.get("TAXHAUZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/taxhauz")
PASSWORD = "load-test-password-42"  # noqa: S105 - throwaway logins in a scratch database
TOTP_KEY_HEX = "3132333435363738393031323334353637383930"


# -- the parts it starts ----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return
        time.sleep(0.2)
    raise RuntimeError(f"timed out waiting for {what}")


def _answers(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), 0.5):
        return True


def _db_url(name: str) -> str:
    return BASE_DB_URL.rsplit("/", 1)[0] + "/" + name


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_db_url("postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _query(db: str, sql: str, params: tuple = ()) -> list[tuple]:
    import psycopg

    with psycopg.connect(_db_url(db)) as conn:
        return conn.execute(sql, params).fetchall()


class Stack:
    """Database, Redis, gunicorn and the worker, with their logs in one folder."""

    def __init__(self, *, web_workers: int, read_workers: int):
        self.id = uuid.uuid4().hex[:8]
        self.db = f"taxhauz_load_{self.id}"
        self.dir = Path(tempfile.mkdtemp(prefix="taxhauz-load-"))
        self.redis_port, self.web_port = _free_port(), _free_port()
        self.web_workers, self.read_workers = web_workers, read_workers
        self.processes: list[subprocess.Popen] = []
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "taxhauz.settings.test",
            "TAXHAUZ_DATABASE_URL": _db_url(self.db),
            "TAXHAUZ_BROKER_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "TAXHAUZ_PRIVATE_MEDIA_ROOT": str(self.dir / "media"),
            "TAXHAUZ_TEST_RUN_ID": f"load{self.id}",
            "TAXHAUZ_VAR_DIR": str(self.dir / "var"),
            "PYTHONPATH": str(ROOT),
        }

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self.processes.append(process)
        return process

    def _manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        if result.returncode:
            raise RuntimeError(result.stderr[-3000:])
        return result.stdout

    def up(self, *, clients: int, staff: int) -> dict:
        _admin(f'CREATE DATABASE "{self.db}"')
        self._manage("migrate", "--no-input", "-v", "0")
        seeded = self._manage(
            "shell", "-c", f"from bench.load import seed; seed(clients={clients}, staff={staff})"
        )
        accounts = json.loads(seeded.strip().splitlines()[-1])
        redis = shutil.which("redis-server") or "redis-server"
        self._start("redis", [redis, "--port", str(self.redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no", "--daemonize", "no"])  # fmt: skip
        _wait(lambda: _answers(self.redis_port), 10, "redis")
        bind = f"127.0.0.1:{self.web_port}"
        self._start("gunicorn", [str(BIN / "gunicorn"), "taxhauz.wsgi", "-b", bind, "-k",
                                 "gthread", "-w", str(self.web_workers), "--threads", "4",
                                 "--timeout", "60"])  # fmt: skip
        self._start("worker", [str(BIN / "celery"), "-A", "taxhauz", "worker", "--loglevel",
                               "INFO", "--without-gossip", "--without-mingle", "--concurrency",
                               str(self.read_workers)])  # fmt: skip
        _wait(lambda: requests.get(self.url + "/healthz", timeout=2).ok, 60, "gunicorn")
        _wait(lambda: b" ready." in (self.dir / "worker.log").read_bytes(), 60, "the worker")
        return accounts

    def down(self, *, keep: bool = False) -> None:
        for process in reversed(self.processes):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        if not keep:
            _admin(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
            shutil.rmtree(self.dir, ignore_errors=True)


def seed(*, clients: int, staff: int) -> None:
    """Runs inside `manage.py shell` on the scratch database: logins and households."""
    from accounts.groups import group_for_role, groups_ensure
    from accounts.models import User
    from accounts.services import mfa_device_create_with_key
    from clients.models import Client

    groups = groups_ensure()
    staff_users = []
    for i in range(staff):
        user = User.objects.create_user(
            f"staff{i}@load.test", PASSWORD, role="staff", full_name=f"Staff {i}"
        )
        user.groups.add(groups[group_for_role("staff")])
        mfa_device_create_with_key(user=user, key_hex=TOTP_KEY_HEX)
        staff_users.append(user)
    for i in range(clients):
        household = Client.objects.create(
            primary_first_name=f"Load{i}",
            primary_last_name="Tester",
            primary_ssn_last4=f"{1000 + i:04d}",
            filing_status="single",
            address_line1=f"{i} Main St",
            city="Springfield",
            state="IL",
            zip_code="62704",
            assigned_staff=staff_users[i % len(staff_users)] if staff_users else None,
        )
        User.objects.create_user(
            f"client{i}@load.test", PASSWORD, role="client", full_name=f"Load {i}", client=household
        )
    print(json.dumps({"clients": [f"client{i}@load.test" for i in range(clients)],
                      "staff": [f"staff{i}@load.test" for i in range(staff)]}))  # fmt: skip


# -- the people ------------------------------------------------------------------------------


def _totp(key_hex: str = TOTP_KEY_HEX, step: int = 30) -> str:
    counter = struct.pack(">Q", int(time.time()) // step)
    digest = hmac.new(bytes.fromhex(key_hex), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = (struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000
    return f"{code:06d}"


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = {}
        self.errors: list[str] = []

    def request(self, session: requests.Session, kind: str, method: str, url: str, **kw):
        started = time.perf_counter()
        try:
            response = session.request(method, url, timeout=60, allow_redirects=False, **kw)
        except requests.RequestException as exc:
            with self.lock:
                self.errors.append(f"{kind}: {type(exc).__name__}")
            return None
        elapsed = time.perf_counter() - started
        with self.lock:
            self.samples.setdefault(kind, []).append(elapsed)
            if response.status_code >= 400:
                self.errors.append(f"{kind} {url.split('127.0.0.1')[-1]}: {response.status_code}")
        return response

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def _sign_in(rec: Recorder, base: str, email: str, *, mfa: bool) -> requests.Session:
    s = requests.Session()
    rec.request(s, "login page", "GET", base + "/account/login/")
    r = rec.request(
        s, "login", "POST", base + "/account/login/",
        data={"username": email, "password": PASSWORD,
              "csrfmiddlewaretoken": s.cookies.get("csrftoken", "")},
    )  # fmt: skip
    if r is None or r.status_code != 302:
        rec.error(f"login refused for {email}")
    if mfa:
        rec.request(s, "mfa page", "GET", base + "/account/mfa/verify/")
        r = rec.request(
            s, "mfa", "POST", base + "/account/mfa/verify/",
            data={"token": _totp(), "csrfmiddlewaretoken": s.cookies.get("csrftoken", "")},
        )  # fmt: skip
        if r is None or r.status_code != 302:
            rec.error(f"code refused for {email}")
    return s


STATUS_ID = re.compile(r"/notices/([0-9a-f-]{36})/")


def client_session(rec: Recorder, base: str, email: str, files: list[bytes], polls: int) -> list:
    s = _sign_in(rec, base, email, mfa=False)
    uploaded = []
    for n, data in enumerate(files):
        rec.request(s, "my notices", "GET", base + "/notices/")
        r = rec.request(
            s, "upload", "POST", base + "/notices/",
            data={"csrfmiddlewaretoken": s.cookies.get("csrftoken", "")},
            files={"files": (f"notice-{n}.pdf", data, "application/pdf")},
        )  # fmt: skip
        if r is None or r.status_code != 302 or not STATUS_ID.search(r.headers["Location"]):
            rec.error(f"upload by {email} not acknowledged")
            continue
        public_id = STATUS_ID.search(r.headers["Location"]).group(1)
        uploaded.append(public_id)
        rec.request(s, "notice page", "GET", base + r.headers["Location"])
        for _ in range(polls):  # as htmx polls the fragment while it is read
            time.sleep(1)
            rec.request(s, "status poll", "GET", f"{base}/notices/{public_id}/status/")
    return uploaded


def staff_session(rec: Recorder, base: str, db: str, email: str, pages: int) -> None:
    s = _sign_in(rec, base, email, mfa=True)
    mine = _query(
        db,
        "SELECT c.public_id, n.public_id FROM clients_client c JOIN accounts_user u "
        "ON u.id = c.assigned_staff_id LEFT JOIN notices_notice n ON n.client_id = c.id "
        "WHERE u.email = %s",
        (email,),
    )
    for i in range(pages):
        kind, path = [
            ("case queue", "/cases/"),
            ("households", "/clients/"),
            ("household", f"/clients/{mine[i % len(mine)][0]}/" if mine else "/clients/"),
            ("notice review", f"/notices/{mine[i % len(mine)][1]}/review/"
             if mine and mine[i % len(mine)][1] else "/cases/"),
        ][i % 4]  # fmt: skip
        rec.request(s, kind, "GET", base + path)
        if i % 4 == 3:  # notices arrive while staff browse: look again
            mine = _query(
                db,
                "SELECT c.public_id, n.public_id FROM clients_client c JOIN accounts_user u "
                "ON u.id = c.assigned_staff_id LEFT JOIN notices_notice n ON n.client_id = c.id "
                "WHERE u.email = %s",
                (email,),
            )


def _notice_files(count: int) -> list[bytes]:
    """`count` distinct born-digital notices: corpus files, each made unique by a comment."""
    from tests.notices.reading.corpus_util import ensure_corpus

    base, records = ensure_corpus(quick=True)
    sources = [
        (base / r["files"][0]).read_bytes()
        for r in records
        if r["expected"].get("ok") and not r["expected"].get("ocr") and len(r["files"]) == 1
    ]
    return [sources[i % len(sources)] + f"%load {i}\n".encode() for i in range(count)]


def _figures(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "count": len(values),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def run(args) -> dict:
    stack = Stack(web_workers=args.web_workers, read_workers=args.read_workers)
    try:
        accounts = stack.up(clients=args.clients, staff=args.staff)
        files = _notice_files(args.clients * args.uploads)
        rec = Recorder()
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=args.clients + args.staff) as pool:
            client_jobs = [
                pool.submit(client_session, rec, stack.url, email,
                            files[i * args.uploads : (i + 1) * args.uploads], args.polls)
                for i, email in enumerate(accounts["clients"])
            ]  # fmt: skip
            staff_jobs = [
                pool.submit(staff_session, rec, stack.url, stack.db, email, args.staff_pages)
                for email in accounts["staff"]
            ]
            uploaded = [pid for job in client_jobs for pid in job.result()]
            for job in staff_jobs:
                job.result()
        browsing_done = time.monotonic() - started

        def all_read() -> bool:
            rows = _query(stack.db, "SELECT status, count(*) FROM notices_notice GROUP BY status")
            return dict(rows).get("read", 0) == len(uploaded)

        with contextlib.suppress(RuntimeError):
            _wait(all_read, args.read_timeout, "every upload to be read")
        read_done = time.monotonic() - started
        statuses = dict(
            _query(stack.db, "SELECT status, count(*) FROM notices_notice GROUP BY status")
        )
        reads = _query(
            stack.db,
            "SELECT count(*) FROM audit_auditevent WHERE action = 'notice.read' "
            "AND outcome = 'success'",
        )[0][0]
        worker_log = (stack.dir / "worker.log").read_text(errors="replace")
        server_log = (stack.dir / "gunicorn.log").read_text(errors="replace")
        result = {
            "clients": args.clients,
            "uploads_per_client": args.uploads,
            "staff": args.staff,
            "staff_pages": args.staff_pages,
            "web_workers": args.web_workers,
            "read_workers": args.read_workers,
            "uploads_acknowledged": len(uploaded),
            "notices_by_status": statuses,
            "uploads_read": statuses.get("read", 0),
            "read_audit_rows": reads,
            "errors": rec.errors,
            "server_errors_logged": server_log.count("Internal Server Error"),
            "worker_tracebacks": worker_log.count("Traceback"),
            "browsing_seconds": round(browsing_done, 1),
            "all_read_seconds": round(read_done, 1),
            "pages": {kind: _figures(v) for kind, v in sorted(rec.samples.items())},
        }
        result["ok"] = (
            not rec.errors
            and result["uploads_acknowledged"] == args.clients * args.uploads
            and result["uploads_read"] == result["uploads_acknowledged"] == reads
            and result["server_errors_logged"] == 0
        )
        return result
    finally:
        stack.down(keep=args.keep)


def _print(result: dict) -> None:
    print(
        f"{result['clients']} clients x {result['uploads_per_client']} uploads, "
        f"{result['staff']} staff x {result['staff_pages']} pages "
        f"(gunicorn {result['web_workers']} workers x 4 threads, "
        f"{result['read_workers']} reading processes)"
    )
    print(
        f"uploads acknowledged {result['uploads_acknowledged']}, read {result['uploads_read']} "
        f"(audit rows {result['read_audit_rows']}); errors {len(result['errors'])}; "
        f"browsing done in {result['browsing_seconds']} s, all read in "
        f"{result['all_read_seconds']} s"
    )
    print(f"{'page':<14}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for kind, f in result["pages"].items():
        print(f"{kind:<14}{f['count']:>6}{f['p50_ms']:>10}{f['p95_ms']:>10}{f['max_ms']:>10}")
    for error in result["errors"][:20]:
        print("error:", error)
    print("OK" if result["ok"] else "FAILED")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--uploads", type=int, default=2)
    parser.add_argument("--staff", type=int, default=20)
    parser.add_argument("--staff-pages", type=int, default=10)
    parser.add_argument("--polls", type=int, default=3, help="status polls after each upload")
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--read-workers", type=int, default=2)
    parser.add_argument("--read-timeout", type=float, default=300)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the database and logs")
    args = parser.parse_args(argv)
    result = run(args)
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
