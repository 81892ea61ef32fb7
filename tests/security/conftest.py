"""Shared fixtures: the notices corpus, and a real worker on a private Redis per module."""

import pytest

from tests import support
from tests.notices.conftest import corpus, household_for
from tests.security.procs import (
    PrivateRedis,
    broker_pointed_at,
    private_media,
    wait_until_ready,
    worker,
)

__all__ = ["corpus", "household_for", "isolated_media", "reader"]


@pytest.fixture(scope="module", autouse=True)
def isolated_media(tmp_path_factory):
    """Each module's taxpayer files in its own folder, never the shared var/private."""
    with private_media(tmp_path_factory.mktemp("media")) as root:
        yield root


@pytest.fixture(scope="module")
def reader(django_db_setup, isolated_media, tmp_path_factory):
    """A private Redis and one real worker (production memory cap) for the module.

    While it runs, this test process publishes to that Redis too. Yields (process, log).
    """
    folder = tmp_path_factory.mktemp("reader")
    redis = PrivateRedis(folder)
    redis.start()
    log = folder / "worker.log"
    env = support.worker_env(TAXHAUZ_BROKER_URL=redis.url)
    try:
        with broker_pointed_at(redis.url), worker(env, log_path=log) as process:
            wait_until_ready(log)
            yield process, log
    finally:
        redis.stop()
