"""Settings shared by every environment; local, test and production adjust them.

Everything that differs between machines is read from the environment (TAXHAUZ_*),
so the same code runs the embedded demo, CI and production.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF

from taxhauz.settings.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TAXHAUZ_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("TAXHAUZ_SECRET_KEY", "insecure-local-only-key-change-me-" + "x" * 20)
DEBUG = env_bool("TAXHAUZ_DEBUG", False)
ALLOWED_HOSTS = env_list("TAXHAUZ_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("TAXHAUZ_CSRF_TRUSTED_ORIGINS", [])

PRACTICE_NAME = env_str("TAXHAUZ_PRACTICE_NAME", "Taxhauz Demo Practice")
PRACTICE_EMAIL = env_str("TAXHAUZ_PRACTICE_EMAIL", "help@practice.example")
# Where the portal answers, for links in e-mails sent by the worker (no request to ask).
PORTAL_URL = env_str("TAXHAUZ_PORTAL_URL", "http://localhost:8000")
# Letterhead of letters to the IRS and to clients ("|" separates address lines).
PRACTICE_ADDRESS_LINES = tuple(
    line.strip()
    for line in env_str(
        "TAXHAUZ_PRACTICE_ADDRESS", "100 Main Street, Suite 200|Springfield, IL 62701"
    ).split("|")
    if line.strip()
)
PRACTICE_PHONE = env_str("TAXHAUZ_PRACTICE_PHONE", "(217) 555-0100")
PRACTICE_SIGNER = env_str("TAXHAUZ_PRACTICE_SIGNER", "")
PRACTICE_SIGNER_TITLE = env_str("TAXHAUZ_PRACTICE_SIGNER_TITLE", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "storages",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our own static files, no CDN
    "accounts",
    "audit",
    "clients",
    "notifications",
    "notices",
    "portal",
    "cases",
    "poa",
    "letters",
    "mailintake",
    "records",
    "transcripts",
    "dashboard",
    "api",
    "webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files (served without reaching the views) carry it too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    "accounts.middleware.LoginAndMfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "accounts.maintenance.FilesMaintenanceMiddleware",
]

ROOT_URLCONF = "taxhauz.urls"
WSGI_APPLICATION = "taxhauz.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.practice",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("TAXHAUZ_DATABASE_URL", f"sqlite:///{VAR_DIR / 'taxhauz.sqlite3'}"),
        conn_max_age=env_int("TAXHAUZ_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, passwords, MFA -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour: a reset link is a key to taxpayer data

# Clients may be made to use a second factor; staff, partners and admins always are.
TAXHAUZ_CLIENT_MFA_REQUIRED = env_bool("TAXHAUZ_CLIENT_MFA_REQUIRED", False)
OTP_TOTP_ISSUER = PRACTICE_NAME
OTP_TOTP_THROTTLE_FACTOR = 1

# Sessions: absolute lifetime here, idle timeouts per role in accounts.middleware.
SESSION_COOKIE_AGE = env_int("TAXHAUZ_SESSION_MAX_AGE", 8 * 60 * 60)
SESSION_IDLE_TIMEOUT_STAFF = env_int("TAXHAUZ_SESSION_IDLE_STAFF", 15 * 60)
SESSION_IDLE_TIMEOUT_CLIENT = env_int("TAXHAUZ_SESSION_IDLE_CLIENT", 30 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# Brute-force throttling: by username + IP and by IP alone, with a cool-off.
AXES_FAILURE_LIMIT = env_int("TAXHAUZ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("TAXHAUZ_LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
# By username + IP and by IP; by username alone when the address cannot be known.
AXES_LOCKOUT_PARAMETERS = "accounts.client_ip.lockout_parameters"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.signals.attempted_username"  # never stores a full SSN
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
# The client address: REMOTE_ADDR, or behind N trusted reverse proxies the N-th address from
# the right of X-Forwarded-For (the one the outermost trusted proxy appended). The audit log
# and django-axes both ask accounts.client_ip.
TAXHAUZ_TRUSTED_PROXY_COUNT = env_int("TAXHAUZ_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"

# Retention: rows and files of a closed matter are disposed of this long after it closed,
# unless the household is on legal hold (audit.retention).
TAXHAUZ_RETENTION_DAYS = env_int("TAXHAUZ_RETENTION_DAYS", 730)

# --- Content Security Policy: nothing inline, nothing from elsewhere ----------------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TAXHAUZ_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Files ------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("TAXHAUZ_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Taxpayer files live outside every served directory; see taxhauz/storage.py.
PRIVATE_MEDIA_ROOT = Path(env_str("TAXHAUZ_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
TAXHAUZ_S3_BUCKET = env_str("TAXHAUZ_S3_BUCKET", "")
TAXHAUZ_SIGNED_URL_SECONDS = min(env_int("TAXHAUZ_SIGNED_URL_SECONDS", 300), 300)

_private_storage: dict = {
    "BACKEND": "taxhauz.storage.PrivateFileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
}
if TAXHAUZ_S3_BUCKET:
    _private_storage = {
        "BACKEND": "taxhauz.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": TAXHAUZ_S3_BUCKET,
            "endpoint_url": env_str("TAXHAUZ_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("TAXHAUZ_S3_REGION", "us-east-1"),
            "access_key": env_str("TAXHAUZ_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("TAXHAUZ_S3_SECRET_ACCESS_KEY", "") or None,
            "querystring_expire": TAXHAUZ_SIGNED_URL_SECONDS,
        },
    }
STORAGES = {
    "default": _private_storage,
    "private": _private_storage,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Every uploaded file goes to a temporary file on disk (none is held in memory), and stops
# being written past the 25 MB limit (notices.uploads.BoundedTemporaryFileUploadHandler).
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_HANDLERS = ["notices.uploads.BoundedTemporaryFileUploadHandler"]
# Each household's own files (notices, documents, payment proofs) together, at most.
TAXHAUZ_HOUSEHOLD_STORAGE_MB = env_int("TAXHAUZ_HOUSEHOLD_STORAGE_MB", 500)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env_str("TAXHAUZ_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
    # Longer than the hard time limit, so a slow task is never handed to a second worker.
    "visibility_timeout": 60 * 60,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("TAXHAUZ_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = env_int("TAXHAUZ_TASK_TIME_LIMIT", 180)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 512 * 1024  # KiB; recycle a child that grew
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    # Every 30 s (notices.limits.REAP_EVERY_SECONDS): a reading whose worker died is read
    # again within STUCK_AFTER (45 s) + 30 s.
    "notices-reap-stuck": {"task": "notices.reap_stuck", "schedule": 30.0},
    "transcripts-reap-stuck": {"task": "transcripts.reap_stuck", "schedule": 120.0},
    # Daily digests and client reminders, 06:30 US Eastern in winter (beat runs in UTC).
    "dashboard-reminders-daily": {
        "task": "dashboard.reminders_daily",
        "schedule": crontab(hour=11, minute=30),
    },
}
CELERY_BEAT_SCHEDULE["audit-retention-daily"] = {
    "task": "audit.retention_dispose",
    "schedule": crontab(hour=8, minute=15),
}
# Notices by e-mail: every active mailbox configured in the admin is polled this often.
CELERY_BEAT_SCHEDULE["mailintake-poll"] = {
    "task": "mailintake.poll_all",
    "schedule": float(env_int("TAXHAUZ_IMAP_POLL_SECONDS", 60)),
}
# Mailbox passwords: a mailbox row names one of these keys (or an environment variable of
# the same name, TAXHAUZ_IMAP_PASSWORD_...); the database never holds the password.
TAXHAUZ_IMAP_PASSWORDS: dict[str, str] = {}
# A CA bundle for a mail server with a private certificate authority (optional).
TAXHAUZ_IMAP_CA_FILE = env_str("TAXHAUZ_IMAP_CA_FILE", "")
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Hard cap on the address space of each worker child: PDF parsing must not take the machine.
TAXHAUZ_WORKER_MEMORY_CAP_MB = env_int("TAXHAUZ_WORKER_MEMORY_CAP_MB", 2048)

CELERY_BEAT_SCHEDULE["webhooks-sweep"] = {"task": "webhooks.sweep", "schedule": 60.0}
CELERY_BEAT_SCHEDULE["webhooks-deadline-risk"] = {
    "task": "webhooks.deadline_risk_scan",
    "schedule": crontab(minute=5),  # hourly: a deadline crossing into risk is told within 1 h
}

# --- Cache: the API's request throttles (Redis in production, so every process counts) ----
_CACHE_URL = env_str("TAXHAUZ_CACHE_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _CACHE_URL}
        if _CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "api"}
    ),
}

# --- REST API (/api/v1/) ----------------------------------------------------------------------
# Tokens or a verified browser session; JSON only; every view states its roles (api.access).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.access.RolePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.BurstThrottle",
        "api.throttling.SustainedThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "burst": env_str("TAXHAUZ_API_RATE_BURST", "120/min"),
        "sustained": env_str("TAXHAUZ_API_RATE_SUSTAINED", "5000/hour"),
        "upload": env_str("TAXHAUZ_API_RATE_UPLOAD", "30/min"),
    },
    "NUM_PROXIES": TAXHAUZ_TRUSTED_PROXY_COUNT,  # 0: REMOTE_ADDR, never a client-set header
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Taxhauz API",
    "DESCRIPTION": "Households, IRS notices, cases, letters and deadline figures of the "
    "practice. Authenticate with `Authorization: Bearer <token>`; see docs/api.md.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.access.RolePermission"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
    # Choice sets that share a field name get names of their own in the schema.
    "ENUM_NAME_OVERRIDES": {
        "NoticeStatusEnum": "notices.models.NoticeStatus",
        "LetterVersionStatusEnum": "letters.models.VersionStatus",
        "RenderStatusEnum": "letters.models.RenderStatus",
        "ResolutionReasonEnum": "cases.models.REASON_CHOICES",
        "LetterKindEnum": "letters.models.KIND_CHOICES",
        "CaseEventKindEnum": "cases.models.CaseEvent.Kind",
    },
}
# API tokens: created by an admin for a practice login, shown once, stored as a SHA-256.
TAXHAUZ_API_TOKEN_DEFAULT_DAYS = env_int("TAXHAUZ_API_TOKEN_DEFAULT_DAYS", 90)
TAXHAUZ_API_TOKEN_MAX_DAYS = env_int("TAXHAUZ_API_TOKEN_MAX_DAYS", 365)

# --- Webhooks ---------------------------------------------------------------------------------
# Signing secrets are derived from this key and a per-endpoint salt; the database holds no
# secret. Empty: derived from SECRET_KEY (rotating that then rotates every webhook secret).
TAXHAUZ_WEBHOOK_SIGNING_KEY = env_str("TAXHAUZ_WEBHOOK_SIGNING_KEY", "")
TAXHAUZ_WEBHOOK_MAX_ATTEMPTS = env_int("TAXHAUZ_WEBHOOK_MAX_ATTEMPTS", 8)
# Exponential backoff between attempts: base * 2**(attempt-1), capped (below the broker's
# visibility timeout, so a waiting retry is never handed to a second worker).
TAXHAUZ_WEBHOOK_BACKOFF_SECONDS = float(env_str("TAXHAUZ_WEBHOOK_BACKOFF_SECONDS", "30"))
TAXHAUZ_WEBHOOK_BACKOFF_MAX_SECONDS = env_int("TAXHAUZ_WEBHOOK_BACKOFF_MAX_SECONDS", 30 * 60)
TAXHAUZ_WEBHOOK_TIMEOUT_SECONDS = env_int("TAXHAUZ_WEBHOOK_TIMEOUT_SECONDS", 10)
# Targets must be public addresses (no SSRF into the practice's network). Loopback can be
# allowed for tests and a local demo only; production settings force it off.
TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK = env_bool("TAXHAUZ_WEBHOOK_ALLOW_LOOPBACK", False)
TAXHAUZ_WEBHOOK_REQUIRE_HTTPS = env_bool("TAXHAUZ_WEBHOOK_REQUIRE_HTTPS", False)

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("TAXHAUZ_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("TAXHAUZ_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TAXHAUZ_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("TAXHAUZ_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("TAXHAUZ_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("TAXHAUZ_EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env_str("TAXHAUZ_EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = env_str("TAXHAUZ_DEFAULT_FROM_EMAIL", f"{PRACTICE_NAME} <{PRACTICE_EMAIL}>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Practice admin", a) for a in env_list("TAXHAUZ_ADMIN_EMAILS", [])]

# --- Logging: never a document's text or a full SSN; see audit for who did what --------------
DEFAULT_EXCEPTION_REPORTER = "audit.redaction.RedactingExceptionReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact": {"()": "audit.logging.RedactSSNFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["redact", "require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("TAXHAUZ_LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's own "django" logger setup, whose handlers do not mask SSNs.
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}
