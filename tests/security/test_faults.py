"""Faults injected for real: a worker SIGKILLed mid-read, Redis down during an upload,
PostgreSQL restarted under a busy worker. Each on private instances this module owns.

The SIGKILL test runs with the production windows (a 10 s heartbeat, a reading abandoned
after 45 s without one, the reaper every 30 s). The others shorten them through the
environment of their workers only (TAXHAUZ_READ_STUCK_AFTER_SECONDS and friends, read by
notices.limits).
"""

import json
import os
import subprocess
import sys
import time

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEvent
from cases.models import NoticePageImage
from notices.models import Notice, NoticeStatus
from notices.services import notice_upload
from tests import support
from tests.conftest import sign_in
from tests.security.procs import (
    PrivatePostgres,
    PrivateRedis,
    broker_pointed_at,
    kill_group,
    wait_until_ready,
    worker,
)
from tests.support import ROOT, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

STUCK_AFTER = 8  # > the slowest read used here (sc01: about 3.5 s of OCR)
FAST_REAPER = {
    "TAXHAUZ_READ_STUCK_AFTER_SECONDS": str(STUCK_AFTER),
    "TAXHAUZ_READ_HEARTBEAT_SECONDS": "2",
    "TAXHAUZ_READ_REQUEUE_AFTER_SECONDS": "2",
    "TAXHAUZ_TEST_REAP_EVERY_SECONDS": "1",
}


@pytest.fixture
def private_redis(tmp_path):
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


def _reads(notice: Notice) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="notice.read", object_type="notices.notice", object_id=str(notice.public_id)
        )
    )


def _status(notice: Notice) -> str:
    notice.refresh_from_db()
    return notice.status


def test_a_worker_killed_mid_read_is_replaced_and_the_notice_is_read_exactly_once(
    private_redis, tmp_path, corpus, household_for, make_user, client
):
    """Production windows (no shortened reaper): the worker's whole process group is
    SIGKILLed mid-read on Redis, and a new worker (with its beat) reads the notice again
    within 2 minutes, once."""
    record = corpus.record("sc01")  # two scanned pages: seconds of OCR to be caught in
    household = household_for(record)
    user = make_user(Role.CLIENT, client=household)
    env = support.worker_env(TAXHAUZ_BROKER_URL=private_redis.url)
    first_log, second_log = tmp_path / "worker-1.log", tmp_path / "worker-2.log"

    with broker_pointed_at(private_redis.url):
        with worker(env, log_path=first_log) as first:
            wait_until_ready(first_log)
            notice = notice_upload(actor=user, client=household, files=corpus.uploads("sc01"))
            notice = notice.notice
            wait_for(
                lambda: _status(notice) == NoticeStatus.READING,
                timeout=30,
                interval=0.05,
                what="the worker to start reading",
            )
            kill_group(first)
            killed_at = time.monotonic()
            assert first.returncode == -9
        notice.refresh_from_db()
        assert (notice.status, notice.attempts, _reads(notice)) == (NoticeStatus.READING, 1, [])

        # A new worker (with the beat that runs the reaper) takes over the stale claim.
        with worker(env, log_path=second_log, beat=True):
            wait_for(lambda: notice.refresh_from_db() or notice.is_final, timeout=150,
                     what="the notice to be read by the new worker")  # fmt: skip
            read_again_in = time.monotonic() - killed_at
            # The read queues the page previews; let them finish before the worker stops,
            # so its log shows only what the kill caused.
            drawn = NoticePageImage.objects.filter(notice=notice)
            wait_for(lambda: drawn.count() == 2, timeout=60, what="the page previews")
            time.sleep(3)  # a late re-delivery would find the notice read and do nothing

    print(f"read again {read_again_in:.0f} s after the SIGKILL")
    assert read_again_in < 120
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.READ
    assert notice.attempts == 2  # the killed one and the one that finished
    reads = _reads(notice)
    assert [(e.outcome, e.detail["status"]) for e in reads] == [("success", "read")]
    assert notice.pages.count() == 2
    assert str(notice.amount_due) == record["expected"]["amount_due"]
    sign_in(client, user)
    page = client.get(reverse("notices:status", args=[notice.public_id]))
    assert page.status_code == 200
    assert f"{float(record['expected']['amount_due']):,.2f}" in page.content.decode()
    assert "Traceback" not in second_log.read_text()


def test_redis_down_during_an_upload_keeps_it_and_it_is_read_when_redis_returns(
    private_redis, tmp_path, corpus, household_for, make_user, client
):
    record = corpus.record("bd03")
    household = household_for(record)
    user = make_user(Role.CLIENT, client=household)
    env = support.worker_env(TAXHAUZ_BROKER_URL=private_redis.url, **FAST_REAPER)
    log = tmp_path / "worker.log"

    with broker_pointed_at(private_redis.url), worker(env, log_path=log, beat=True) as process:
        wait_until_ready(log)
        private_redis.stop()
        sign_in(client, user)
        started = time.monotonic()
        response = client.post(reverse("notices:list"), {"files": corpus.uploads("bd03")})
        took = time.monotonic() - started
        notice = Notice.objects.get(client=household)
        assert response.status_code == 302, response.content[:500]
        assert response["Location"] == reverse("notices:detail", args=[notice.public_id])
        assert took < 10, f"the upload waited {took:.1f} s on the dead broker"
        assert notice.status == NoticeStatus.RECEIVED
        assert notice.files.get().file.storage.exists(notice.files.get().file.name)
        assert AuditEvent.objects.filter(action="notice.upload", actor=user).count() == 1
        page = client.get(reverse("notices:detail", args=[notice.public_id]))
        assert page.status_code == 200

        time.sleep(3)  # Redis stays down a while; nothing is lost meanwhile
        private_redis.start()  # empty: whatever was queued before died with it
        wait_for(lambda: notice.refresh_from_db() or notice.is_final, timeout=90,
                 what="the notice to be read after Redis returned")  # fmt: skip
        assert process.poll() is None, "the worker exited instead of reconnecting"

    assert notice.status == NoticeStatus.READ
    assert len(_reads(notice)) == 1
    assert str(notice.amount_due) == record["expected"]["amount_due"]


def test_redis_down_during_an_upload_for_a_household_with_assigned_staff_still_acknowledges(
    private_redis, corpus, household_for, make_user, client
):
    staff = make_user(Role.STAFF)
    household = household_for(corpus.record("bd04"), assigned_staff=staff)
    user = make_user(Role.CLIENT, client=household)
    sign_in(client, user)
    client.raise_request_exception = False
    with broker_pointed_at(private_redis.url):
        private_redis.stop()
        response = client.post(reverse("notices:list"), {"files": corpus.uploads("bd04")})
    assert Notice.objects.filter(client=household).count() == 1  # saved either way
    assert response.status_code == 302


def _manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def private_postgres():
    cluster = PrivatePostgres()
    cluster.create()
    yield cluster
    cluster.destroy()


def test_postgresql_restarted_under_a_busy_worker_and_the_worker_recovers_by_itself(
    private_postgres, private_redis, tmp_path, corpus
):
    env = {
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.test",
        "TAXHAUZ_DATABASE_URL": private_postgres.url(),
        "TAXHAUZ_BROKER_URL": private_redis.url,
        "TAXHAUZ_PRIVATE_MEDIA_ROOT": str(tmp_path / "media"),  # this cluster's own files
        **FAST_REAPER,
    }
    _manage(env, "migrate", "--no-input", "-v", "0")

    def seed(*item_ids: str) -> list[int]:
        files = json.dumps([[str(p) for p in corpus.paths(i)] for i in item_ids])
        out = _manage(
            {**env, "TAXHAUZ_SEED_FILES": files},
            "shell",
            "-c",
            "from tests.security.seed_private import main; main()",
        )
        return json.loads(out.strip().splitlines()[-1])

    def statuses(ids: list[int]) -> dict[int, str]:
        rows = private_postgres.query(
            "SELECT id, status FROM notices_notice WHERE id = ANY(%s)", (ids,)
        )
        return dict(rows)

    log = tmp_path / "worker.log"
    with worker(env, log_path=log, beat=True) as process:
        wait_until_ready(log)
        before = seed("sc01", "sc03", "bd05")  # two slow OCR reads first
        wait_for(lambda: "reading" in statuses(before).values(), timeout=30, interval=0.05,
                 what="the worker to be busy reading")  # fmt: skip
        private_postgres.restart()  # every connection the worker holds is cut mid-task
        restarted_at = time.monotonic()
        after = seed("bd06")  # work that arrives once the database is back
        wait_for(
            lambda: set(statuses(before + after).values()) == {"read"},
            timeout=120,
            what="every notice to be read after the restart",
        )
        recovered_in = time.monotonic() - restarted_at
        assert process.poll() is None, "the worker died with the database"

    reads = private_postgres.query(
        "SELECT object_id, outcome FROM audit_auditevent WHERE action = 'notice.read'"
    )
    assert len(reads) == 4 and {o for _, o in reads} == {"success"}, reads
    pages = private_postgres.query(
        "SELECT n.page_count, (SELECT count(*) FROM notices_noticepage p WHERE p.notice_id = n.id)"
        " FROM notices_notice n"
    )
    assert all(stored == read >= 1 for read, stored in pages), pages  # stored once each
    print(f"recovered {recovered_in:.1f} s after the restart")
