"""Settings for the test suite: PostgreSQL and Redis, as in production."""

import os

os.environ.setdefault("TAXHAUZ_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/taxhauz")
os.environ.setdefault("TAXHAUZ_BROKER_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("TAXHAUZ_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from taxhauz.settings.base import *  # noqa: F403
from taxhauz.settings.base import PASSWORD_HASHERS

# Argon2 is deliberately slow; tests create many users. tests/accounts asserts the
# production order separately.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
DEBUG = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
