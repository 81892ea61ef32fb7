"""The embedded default: SQLite, local private files, a worker on a filesystem broker.

`make demo` runs this. Nothing here is fit for taxpayer data on a network.
"""

import os

os.environ.setdefault("TAXHAUZ_DEBUG", "true")
os.environ.setdefault("TAXHAUZ_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

from taxhauz.settings.base import *  # noqa: F403
from taxhauz.settings.base import VAR_DIR
from taxhauz.settings.env import env_str

# A real Celery worker without Redis: kombu's filesystem transport keeps each message
# as a file, so work queued while the worker is down is still there when it starts.
_BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env_str("TAXHAUZ_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _folder in ("queue", "processed", "control"):
        (_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_DIR / "queue"),
        "data_folder_out": str(_BROKER_DIR / "queue"),
        "processed_folder": str(_BROKER_DIR / "processed"),
        "control_folder": str(_BROKER_DIR / "control"),
        "store_processed": False,
    }

# Static files straight from the source folders while developing.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
