"""Work goes through real Celery workers: on Redis (production and tests) and, for the
embedded demo, on the filesystem broker that needs no Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.support import ROOT, celery_worker, wait_for, worker_env

pytestmark = pytest.mark.services


def _mail_files(folder: Path) -> list[Path]:
    """Mail files the worker has finished writing (the backend creates a file, then writes)."""
    if not folder.exists():
        return []
    return sorted(f for f in folder.glob("*.log") if f.read_text().rstrip().endswith("-" * 79))


@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_is_sent_by_a_worker_over_redis(client, make_user, tmp_path):
    user = make_user(Role.CLIENT)
    mail_dir = tmp_path / "mail"
    env = worker_env(
        TAXHAUZ_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        TAXHAUZ_EMAIL_FILE_PATH=str(mail_dir),
    )
    # Queue first, then start the worker: the message waits in Redis for it.
    response = client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert response.status_code == 302
    def reset_mail() -> str:
        # Earlier tests may have left messages in the run's queue; this worker sends them too.
        found = [f.read_text() for f in _mail_files(mail_dir)]
        return next((m for m in found if user.email in m), "")

    with celery_worker(env, log_path=tmp_path / "worker.log"):
        message = wait_for(reset_mail, timeout=60, what="the reset e-mail")
    assert "/account/password/reset/" in message


def test_the_embedded_worker_runs_without_redis(tmp_path):
    """`make demo`'s worker: kombu's filesystem transport, a real `celery worker`."""
    mail_dir = tmp_path / "mail"
    env = {
        "DJANGO_SETTINGS_MODULE": "taxhauz.settings.local",
        "TAXHAUZ_VAR_DIR": str(tmp_path / "var"),
        "TAXHAUZ_BROKER_URL": "filesystem://",
        "TAXHAUZ_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TAXHAUZ_EMAIL_FILE_PATH": str(mail_dir),
    }
    enqueue = (
        "from notifications.tasks import email_send_task;"
        "email_send_task.delay(to=['someone@example.test'], subject='Embedded worker',"
        " body='queued while no worker ran')"
    )
    full_env = {**os.environ, **env}
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", enqueue],
        cwd=ROOT,
        env=full_env,
        check=True,
        timeout=60,
    )
    assert list((tmp_path / "var" / "broker" / "queue").iterdir()), "message kept on disk"
    with celery_worker(env, log_path=tmp_path / "worker.log"):
        files = wait_for(lambda: _mail_files(mail_dir), timeout=60, what="the e-mail")
    assert "queued while no worker ran" in files[0].read_text()

