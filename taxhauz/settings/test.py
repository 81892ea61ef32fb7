"""Settings for the test suite: PostgreSQL and Redis, as in production.

Each test run gets its own id, shared with the worker processes it starts (they inherit
the environment): its own test database, Celery queue and private file folder, so two runs on one
machine never read each other's work.
"""

import os
import tempfile
import uuid

os.environ.setdefault("TAXHAUZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/taxhauz")
os.environ.setdefault("TAXHAUZ_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("TAXHAUZ_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("TAXHAUZ_CACHE_URL", "redis://127.0.0.1:6379/13")
# Sweeps walk the API hundreds of times a minute; tests/api lowers the rates it tests.
os.environ.setdefault("TAXHAUZ_API_RATE_BURST", "100000/min")
os.environ.setdefault("TAXHAUZ_API_RATE_SUSTAINED", "1000000/hour")
# The webhook tests run their receivers on this machine's loopback.
os.environ.setdefault("TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK", "true")
TEST_RUN_ID = os.environ.setdefault("TAXHAUZ_TEST_RUN_ID", uuid.uuid4().hex[:8])
os.environ.setdefault(
    "TAXHAUZ_PRIVATE_MEDIA_ROOT",
    os.path.join(tempfile.gettempdir(), f"taxhauz-test-{TEST_RUN_ID}", "private"),
)

from taxhauz.settings.base import *  # noqa: E402,F403
from taxhauz.settings.base import DATABASES, PASSWORD_HASHERS  # noqa: E402

# Argon2 is deliberately slow; tests create many users. tests/accounts asserts the
# production order separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
DEBUG = False
DATABASES["default"]["TEST"] = {"NAME": f"test_taxhauz_{TEST_RUN_ID}"}
CELERY_TASK_DEFAULT_QUEUE = f"taxhauz-test-{TEST_RUN_ID}"
CACHES["api"]["KEY_PREFIX"] = f"taxhauz-test-{TEST_RUN_ID}"  # noqa: F405

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
