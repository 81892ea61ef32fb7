"""Worker side: render a notice's page previews for the staff case page.

Run by the ``cases.render_previews`` task, never by the web process (import-linter keeps
web code away from this module and from cases.page_images). The worker child has its hard
address-space cap (``TAXHAUZ_WORKER_MEMORY_CAP_MB``) and the task its time limits; each
bitmap is capped in pixels (cases.page_images.MAX_PREVIEW_PIXELS). A page that cannot be
drawn gets a row with the reason and no image, so the case page stops waiting for it.
Idempotent: pages already rendered (or failed) are skipped.
"""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from cases import selectors
from cases.models import NoticePageImage
from cases.page_images import DEFAULT_DPI, PageNotFound, page_count, render_notice_page

logger = logging.getLogger(__name__)


def notice_previews_render(*, notice_id: int) -> int:
    """Render every missing preview of the notice; returns how many rows were added."""
    from notices.models import Notice

    notice = Notice.objects.filter(pk=notice_id).first()
    if notice is None:
        return 0
    wanted = selectors.preview_page_numbers(notice)
    done = set(NoticePageImage.objects.filter(notice=notice).values_list("number", flat=True))
    missing = [n for n in wanted if n not in done]
    if not missing:
        return 0
    files = []
    for record in notice.files.order_by("position"):
        with record.file.open("rb") as handle:
            files.append((record.kind, handle.read()))
    rotations = dict(notice.pages.values_list("number", "rotation"))
    try:
        pages_in_files = page_count(files)
    except Exception as exc:  # the files do not open at all: every page says why
        pages_in_files, failure = 0, f"{type(exc).__name__}: the file does not open"
    else:
        failure = ""
    added = 0
    for number in missing:
        image = NoticePageImage(notice=notice, number=number)
        png = b""
        if number > pages_in_files:
            image.error = failure or "no such page in the files"
        else:
            try:
                rendered = render_notice_page(
                    files, number, dpi=DEFAULT_DPI, rotation=rotations.get(number, 0)
                )
            except PageNotFound as exc:
                image.error = str(exc)[:200]
            except (MemoryError, ValueError, OSError, RuntimeError) as exc:
                logger.warning("notice %s page %s: no preview (%s)", notice_id, number, exc)
                image.error = f"{type(exc).__name__}: the page could not be drawn"[:200]
            else:
                image.width_pt, image.height_pt = rendered.width_pt, rendered.height_pt
                image.dpi = DEFAULT_DPI
                png = rendered.png
        if png:
            image.image.save("page.png", ContentFile(png), save=False)
        try:
            with transaction.atomic():
                image.save()
            added += 1
        except IntegrityError:  # rendered twice at once: keep the first
            if png:
                image.image.delete(save=False)
    return added
