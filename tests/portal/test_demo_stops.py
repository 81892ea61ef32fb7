"""Ctrl-C on `make demo` stops the web server, the worker and its children within 5 s."""

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.security.procs import free_port

ROOT = Path(__file__).resolve().parents[2]


def _descendants(pid: int) -> set[int]:
    """Every live process below `pid`, read from /proc (no psutil needed)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.services
def test_ctrl_c_on_the_demo_stops_every_process_within_5_seconds(tmp_path):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TAXHAUZ_", "DJANGO_"))},
        "TAXHAUZ_VAR_DIR": str(tmp_path / "var"),
        "PORT": str(port),
        "DEMO_SETUP": "0",  # the test machine has the packages and the virtualenv
    }
    demo = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "demo.sh")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # like a terminal: the script leads its own group
    )
    try:
        deadline = time.monotonic() + 240
        while True:
            assert demo.poll() is None, "the demo exited before serving"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the demo never answered"
                time.sleep(1)
        log = tmp_path / "var" / "worker.log"
        while "ready" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, "the worker never became ready"
            time.sleep(1)
        processes = _descendants(demo.pid)
        assert len(processes) >= 3  # server, worker, its pool children (and beat)
        os.killpg(demo.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's group
        started = time.monotonic()
        while any(_alive(p) for p in processes) or demo.poll() is None:
            assert time.monotonic() - started < 5, [p for p in processes if _alive(p)]
            time.sleep(0.1)
    finally:
        if demo.poll() is None:
            os.killpg(demo.pid, signal.SIGKILL)
        for pid in _descendants(demo.pid):
            os.kill(pid, signal.SIGKILL)
