"""Production: PostgreSQL, Redis, S3-compatible private storage, HTTPS only.

Passes `manage.py check --deploy --fail-level WARNING` (tested in CI).
"""

import os

from taxhauz.settings.env import env_bool, env_int, env_str

os.environ.setdefault("TAXHAUZ_CLIENT_MFA_REQUIRED", "true")

from taxhauz.settings.base import *  # noqa: F403

SECRET_KEY = env_str("TAXHAUZ_SECRET_KEY")  # no default: production refuses to start without it
DEBUG = False
TAXHAUZ_CLIENT_MFA_REQUIRED = env_bool("TAXHAUZ_CLIENT_MFA_REQUIRED", True)

SECURE_SSL_REDIRECT = env_bool("TAXHAUZ_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("TAXHAUZ_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Webhook targets are public HTTPS addresses only: never loopback or the practice's own
# network (SSRF), whatever the environment says.
TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK = False
TAXHAUZ_WEBHOOK_REQUIRE_HTTPS = env_bool("TAXHAUZ_WEBHOOK_REQUIRE_HTTPS", True)
