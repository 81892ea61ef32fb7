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
# A worker reading a notice beats its heartbeat every HEARTBEAT_SECONDS; a notice in
# "reading" whose heartbeat is older than STUCK_AFTER_SECONDS lost its worker (SIGKILL, OOM,
# hard time limit) and is read again. The reaper runs every REAP_EVERY_SECONDS (beat), so a
# notice is read again at most STUCK_AFTER + REAP_EVERY (75 s) after its worker died.
# The windows can be shortened by the environment (the fault tests do).
HEARTBEAT_SECONDS = float(os.environ.get("TAXHAUZ_READ_HEARTBEAT_SECONDS", 10))
STUCK_AFTER_SECONDS = int(os.environ.get("TAXHAUZ_READ_STUCK_AFTER_SECONDS", 45))
REAP_EVERY_SECONDS = 30
REQUEUE_RECEIVED_AFTER_SECONDS = int(os.environ.get("TAXHAUZ_READ_REQUEUE_AFTER_SECONDS", 60))
