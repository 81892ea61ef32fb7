"""The Celery application. Tasks live in each app's tasks.py and call one service."""

import os
import resource

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "taxhauz.settings.local")

app = Celery("taxhauz")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _cap_child_memory(**_kwargs: object) -> None:
    """Give each pool child a hard address-space cap.

    pdfminer decompresses streams without a size limit; a hostile PDF must end in a
    MemoryError inside one task, not in the kernel's OOM killer taking the machine.
    """
    from django.conf import settings

    cap_mb = settings.TAXHAUZ_WORKER_MEMORY_CAP_MB
    if cap_mb > 0:
        cap = cap_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
