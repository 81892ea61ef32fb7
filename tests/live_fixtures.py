"""Live parts for end-to-end tests: a real Celery worker process, and a real Chromium
(Debian's) driven by Playwright against the live test server."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.support import celery_worker, worker_env

CHROMIUM = os.environ.get("TAXHAUZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API refuses to run inside a running event loop; Django's async-unsafe
    # guard then needs this in the test process.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.problems = problems
    yield page
    context.close()


@pytest.fixture(scope="module")
def worker(django_db_setup, tmp_path_factory):
    """One real `celery worker` on Redis and this run's test database, for a module's tests.

    Tests using it need `django_db(transaction=True)` so the worker sees their rows.
    """
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    with celery_worker(worker_env(), concurrency=2, log_path=log) as process:
        yield process
    text = log.read_text()
    assert "Traceback" not in text or "SoftTimeLimitExceeded" in text, text[-3000:]
