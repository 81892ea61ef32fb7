"""A real Dovecot per test module, mailboxes pointing at it, and synthetic notices."""

import shutil
import tempfile
from pathlib import Path

import pytest

from tests.cases_django.conftest import eager_celery  # noqa: F401
from tests.mailintake.dovecot import dovecot_server
from tests.notices.conftest import corpus, household_for  # noqa: F401

PASSWORD_SETTING = "TAXHAUZ_IMAP_PASSWORD_TESTS"


@pytest.fixture(scope="module")
def imap_server():
    # Not pytest's tmp_path: Dovecot's unprivileged auth process must be able to read
    # the passwd file, and pytest's folders are private to their owner.
    root = Path(tempfile.mkdtemp(prefix="taxhauz-dovecot-"))
    root.chmod(0o755)
    try:
        with dovecot_server(root) as server:
            yield server
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(db, imap_server, monkeypatch, settings):
    """A mailbox row for the test server; its password comes from the environment."""
    import uuid

    from mailintake.models import Mailbox

    monkeypatch.setenv(PASSWORD_SETTING, imap_server.password)
    return Mailbox.objects.create(
        folder=f"Test{uuid.uuid4().hex[:10]}",  # each test its own folder on the shared server
        name="Intake",
        host=imap_server.host,
        port=imap_server.port,
        security=Mailbox.Security.NONE,
        username=imap_server.username,
        password_setting=PASSWORD_SETTING,
    )
