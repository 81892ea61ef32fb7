"""The project's Celery app, with the reaper's beat interval taken from the environment.

Fault tests run `celery -A tests.security.fault_app worker -B` so the reaper runs every
few seconds instead of every two minutes; everything else is `taxhauz.celery` unchanged.
"""

import os

from taxhauz.celery import app

_every = float(os.environ.get("TAXHAUZ_TEST_REAP_EVERY_SECONDS") or 0)
if _every:
    app.conf.beat_schedule = {
        "notices-reap-stuck": {"task": "notices.reap_stuck", "schedule": _every},
    }

__all__ = ["app"]
