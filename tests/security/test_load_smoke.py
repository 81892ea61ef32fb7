"""The load test's CI variant: bench/load.py at a small size, as a subprocess.

A real gunicorn, a real worker on a private Redis and a scratch database; the full run
(50 clients, 20 staff) is `python -m bench.load`, with its figures in docs/load.md.
"""

import json
import subprocess
import sys

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.services


def test_a_small_load_run_reads_every_upload_with_no_server_error(tmp_path):
    out = tmp_path / "load.json"
    result = subprocess.run(
        [sys.executable, "-m", "bench.load", "--clients", "5", "--uploads", "2", "--staff", "2",
         "--staff-pages", "6", "--polls", "1", "--web-workers", "2", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures["uploads_acknowledged"] == figures["uploads_read"] == 10
    assert figures["read_audit_rows"] == 10  # each read exactly once
    assert figures["errors"] == [] and figures["server_errors_logged"] == 0
    assert figures["worker_tracebacks"] == 0
    assert {"upload", "status poll", "case queue", "notice review"} <= set(figures["pages"])
