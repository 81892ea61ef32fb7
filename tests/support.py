"""Real processes for tests: a Celery worker started as `celery -A taxhauz worker`."""

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CELERY = Path(sys.executable).with_name("celery")


@contextlib.contextmanager
def celery_worker(
    env: dict[str, str],
    *,
    concurrency: int = 1,
    log_path: Path | None = None,
    extra_args: tuple[str, ...] = (),
) -> Iterator[subprocess.Popen]:
    """Run a real worker process for the duration of the block, then stop it."""
    full_env = {**os.environ, **env}
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(CELERY),
            "-A",
            "taxhauz",
            "worker",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
            "--concurrency",
            str(concurrency),
            *extra_args,
        ],
        cwd=ROOT,
        env=full_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        if log_path:
            log.close()


def wait_for(
    predicate: Callable[[], object],
    *,
    timeout: float,
    interval: float = 0.2,
    what: str = "condition",
) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}")


def worker_env(**extra: str) -> dict[str, str]:
    """The environment for a worker that shares this test run's database, queue and files."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    return {
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.test",
        "TAXHAUZ_DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "TAXHAUZ_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **extra,
    }
