"""Notice page previews on the staff case page: rendered by the worker, never the web.

The web process answers the case page at once with placeholders and queues the renders; a
real `celery worker` renders them under its pixel and memory caps (a 14,400-pt page and a
20,000-pt page among them) into private storage; the page then shows them.
"""

import resource
import time

import pytest
from django.core.files.base import ContentFile

from audit.models import AuditEvent
from cases.models import Case, NoticePageImage
from tests.conftest import sign_in
from tests.security.hostile import FONT, _stream, _text, assemble
from tests.support import wait_for


def _page_url(case, notice, number: int) -> str:
    return f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/pages/{number}.png"


def big_pages_pdf() -> bytes:
    """Three pages: a Letter page, a 14,400-pt square and a 20,000-pt square, with text."""
    sides = (None, 14_400, 20_000)
    font = 3 + 2 * len(sides)  # catalog, page tree, (page, content) per page, then the font
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(len(sides))), len(sides)),
    ]
    for index, side in enumerate(sides):
        box = b"0 0 612 792" if side is None else b"0 0 %d %d" % (side, side)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [%s] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (box, 4 + 2 * index, font)
        )
        objects.append(_stream(_text([f"Department of the Treasury page {index + 1}"])))
    objects.append(FONT)
    return assemble(objects)


def _notice_with(household, make_notice, data: bytes, pages: int):
    import hashlib

    from notices.models import NoticeFile, NoticePage

    notice = make_notice(household)
    notice.page_count = pages
    notice.save(update_fields=["page_count"])
    for number in range(2, pages + 1):
        NoticePage.objects.create(notice=notice, number=number, source_file="notice.pdf")
    record = NoticeFile(
        notice=notice, client=household, position=1, original_name="notice.pdf", kind="pdf",
        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    record.file.save("n", ContentFile(data), save=False)
    record.save()
    return notice


@pytest.mark.django_db
def test_the_case_page_never_renders_pages_in_the_web_process(
    client, household, make_notice, monkeypatch
):
    from cases import tasks

    queued = []
    monkeypatch.setattr(
        tasks.notice_previews_task, "apply_async", lambda args=None, **kw: queued.append(args)
    )
    notice = _notice_with(household, make_notice, big_pages_pdf(), pages=3)
    queued.clear()  # opening the case asked for them already; the page asks again
    case = Case.objects.get()
    sign_in(client, household.assigned_staff)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    page = client.get(f"/admin/cases/case/{case.pk}/change/")
    took = time.monotonic() - started
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert page.status_code == 200
    assert NoticePageImage.objects.count() == 0  # nothing rendered here
    body = page.content.decode()
    assert body.count('data-testid="preview-pending"') == 3
    assert queued == [[notice.pk]]
    assert client.get(_page_url(case, notice, 1)).status_code == 404  # not rendered yet
    status = client.get(f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/previews/")
    assert status.json() == {"ready": False}
    assert took < 5 and grew_mb < 100, (took, grew_mb)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_worker_renders_previews_under_its_pixel_cap_into_private_storage(
    worker, client, household, make_notice
):
    from cases.page_images import MAX_PREVIEW_PIXELS

    notice = _notice_with(household, make_notice, big_pages_pdf(), pages=3)
    case = Case.objects.get()
    sign_in(client, household.assigned_staff)
    started = time.monotonic()
    assert client.get(f"/admin/cases/case/{case.pk}/change/").status_code == 200
    status_url = f"/admin/cases/case/{case.pk}/notices/{notice.public_id}/previews/"
    wait_for(lambda: client.get(status_url).json()["ready"], timeout=90, what="the previews")
    took = time.monotonic() - started
    images = list(NoticePageImage.objects.filter(notice=notice).order_by("number"))
    assert [(i.number, i.error) for i in images] == [(1, ""), (2, ""), (3, "")]
    assert [round(i.width_pt) for i in images] == [612, 14_400, 20_000]
    from PIL import Image

    for image in images:
        response = client.get(_page_url(case, notice, image.number))
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        with image.image.open("rb") as f, Image.open(f) as png:
            assert png.width * png.height <= MAX_PREVIEW_PIXELS
        assert not image.image.name.startswith("/")
    assert AuditEvent.objects.filter(action="notice.page_view").count() == 1  # one visit
    body = client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert 'data-testid="preview-pending"' not in body and body.count('class="page-figure"') == 3
    print(f"3 pages (two of 14,400 and 20,000 pt) rendered by the worker in {took:.1f} s")
    assert took < 60
