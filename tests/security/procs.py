"""Private service instances the fault tests own: Redis, a PostgreSQL cluster, workers.

The shared PostgreSQL (5432) and Redis (6379) are used by other test runs at the same
time, so faults are never injected into them: each fault test starts its own Redis (and,
for the restart test, its own PostgreSQL cluster) on a free port, points a real
`celery worker` at it, and breaks that.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support import CELERY, ROOT, wait_for


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
        return True
    return False


class PrivateRedis:
    """`redis-server` on a free loopback port, no persistence; stop() and start() again."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.starts += 1
        log = open(self.log_dir / f"redis-{self.starts}.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        wait_for(lambda: _answers(self.port), timeout=10, what="the private Redis")

    def stop(self) -> None:
        """Kill it outright (SIGKILL): queued messages are lost with it, as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        wait_for(lambda: not _answers(self.port), timeout=10, what="Redis to go away")


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    path = found[-1] if found else shutil.which(name)
    if not path:
        raise RuntimeError(f"PostgreSQL's {name} is not installed")
    return path


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in a temporary directory, owned by this test.

    PostgreSQL refuses to run as root, so as root the cluster belongs to `postgres`.
    """

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="taxhauz-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres")

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, timeout=timeout, capture_output=True)

    def url(self, db: str = "taxhauz") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def _ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            _pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-w",
            "-o", options, action, *extra,
        )  # fmt: skip

    def create(self) -> None:
        self._run(
            _pg_bin("initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--no-sync",
        )  # fmt: skip
        self._ctl("start")
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE taxhauz")

    def restart(self) -> None:
        """A fast restart: every open connection is terminated, as in a failover."""
        self._ctl("restart", "-m", "fast")

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(), connect_timeout=3) as conn:
            return conn.execute(sql, params).fetchall()


@contextlib.contextmanager
def worker(
    env: dict[str, str],
    *,
    log_path: Path,
    beat: bool = False,
    concurrency: int = 1,
) -> Iterator[subprocess.Popen]:
    """A real `celery worker` (optionally with its embedded beat) in its own process group."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    args = [
        str(CELERY), "-A", "tests.security.fault_app", "worker", "--loglevel", "INFO",
        "--without-gossip", "--without-mingle", "--concurrency", str(concurrency),
    ]  # fmt: skip
    if beat:
        args += ["-B", "-s", str(log_path.with_suffix(".beat"))]
    log = open(log_path, "ab")  # noqa: SIM115
    process = subprocess.Popen(
        args, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        log.close()


def wait_until_ready(log_path: Path, timeout: float = 60) -> None:
    wait_for(
        lambda: b" ready." in log_path.read_bytes(), timeout=timeout, what="the worker to be ready"
    )


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL the worker and its pool children at once: no shutdown code runs."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    time.sleep(0.2)


@contextlib.contextmanager
def broker_pointed_at(url: str) -> Iterator[None]:
    """Make this test process's Celery app publish to `url` (and back afterwards)."""
    from django.test import override_settings

    from taxhauz.celery import app

    def reset(*, close: bool) -> None:
        # kombu keeps one connection pool per broker URL for the whole process. The normal
        # broker's pool is only set aside (closing it would refuse every later publish to
        # it); the private broker's pool is closed, since that Redis is going away.
        if close and app._pool is not None:
            with contextlib.suppress(Exception):
                app._pool.force_close_all()
        app._pool = None
        app.amqp._producer_pool = None

    old = app.conf.broker_url
    with override_settings(CELERY_BROKER_URL=url):
        reset(close=False)
        app.conf.broker_url = url
        try:
            yield
        finally:
            reset(close=True)
            app.conf.broker_url = old


@contextlib.contextmanager
def private_media(root: Path) -> Iterator[Path]:
    """Store this process's taxpayer files under `root` instead of the shared var/private.

    The private storage is built once, when the models load, so its location is moved
    directly; workers get the same root through TAXHAUZ_PRIVATE_MEDIA_ROOT
    (support.worker_env reads settings.PRIVATE_MEDIA_ROOT).
    """
    from django.core.files.storage import storages
    from django.test import override_settings

    storage = storages["private"]
    saved = storage._location

    def point(location: str) -> None:
        storage._location = location
        for cached in ("base_location", "location"):
            storage.__dict__.pop(cached, None)

    root.mkdir(parents=True, exist_ok=True)
    with override_settings(PRIVATE_MEDIA_ROOT=root):
        point(str(root))
        try:
            yield root
        finally:
            point(saved)
