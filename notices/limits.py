"""Upload limits, in one place for the form, the service and the reader."""

import os

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_FILES_PER_NOTICE = 20
MAX_PAGES = 60
ACCEPTED_KINDS = ("pdf", "jpeg", "png", "heic", "tiff")
ACCEPT_ATTRIBUTE = (
    ".pdf,.jpg,.jpeg,.png,.heic,.heif,.tif,.tiff,"
    "application/pdf,image/jpeg,image/png,image/heic,image/tiff"
)
MAX_READ_ATTEMPTS = 3
# The two reaper windows can be shortened by the environment (the fault tests do).
STUCK_AFTER_SECONDS = int(os.environ.get("TAXHAUZ_READ_STUCK_AFTER_SECONDS", 10 * 60))
REQUEUE_RECEIVED_AFTER_SECONDS = int(os.environ.get("TAXHAUZ_READ_REQUEUE_AFTER_SECONDS", 60))
