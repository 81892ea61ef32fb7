"""Hostile uploads through the real path: the client's form, the service, private storage,
a real `celery worker` (with its RLIMIT_AS cap) on a private Redis, and the download view.

Each file is either refused at the door with a message that says what to do, or stored
under a random name and read under limits until it lands in "needs attention" with its
reason; the worker survives all of them and reads the next notice.
"""

import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from notices import limits
from notices.models import Notice, NoticeFile, NoticeStatus
from tests.conftest import sign_in
from tests.security import hostile
from tests.support import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

STORED_NAME = re.compile(r"^notices/[0-9a-f-]{36}/[0-9a-f]{32}$")


class _Beacon(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):
        _Beacon.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def beacon():
    """A local HTTP server that must never be called: embedded JavaScript would call it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/javascript-ran"
    server.shutdown()


@pytest.fixture
def uploader(reader, client, make_user, household_for, corpus):
    household = household_for(corpus.record("bd00"))
    user = make_user(Role.CLIENT, client=household)
    sign_in(client, user)
    client.household = household
    return client


def _stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _post(client, files):
    return client.post(reverse("notices:list"), {"files": files})


def _assert_download_is_safe(client, notice: Notice) -> bytes:
    response = client.get(reverse("notices:file", args=[notice.public_id, 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    return b"".join(response.streaming_content)


# -- refused at the door ------------------------------------------------------------------

DISGUISED = {
    "html_named_pdf": ("notice.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
    "zip_named_pdf": ("notice.pdf", b"PK\x03\x04" + b"\x00" * 200),
    "windows_exe_named_pdf": ("notice.pdf", b"MZ\x90\x00" + b"\x00" * 200 + b"This program"),
    "svg_script_named_png": ("notice.png", b"<svg onload='alert(1)'><script>x</script></svg>"),
    "php_double_extension": ("notice.pdf.php", b"<?php system($_GET['c']); ?>"),
    "empty_file": ("notice.pdf", b""),
    # Accepted and read by the worker until libmagic and the structural check: now refused.
    "html_polyglot_with_pdf_marker": (
        "notice.pdf",
        b"<html><!-- %PDF-1.7 --><script>alert(1)</script></html>",
    ),
}


@pytest.mark.parametrize("case", DISGUISED, ids=str)
def test_disguised_files_are_refused_at_the_door_and_nothing_is_stored(uploader, corpus, case):
    name, data = DISGUISED[case]
    before = _stored_files()
    response = _post(uploader, [SimpleUploadedFile(name, data)])
    assert response.status_code == 200  # the form again, with the reason
    page = response.content.decode()
    assert "is not a PDF or a photo" in page or "empty" in page
    assert Notice.objects.count() == 0
    assert _stored_files() == before


@pytest.mark.parametrize(
    ("item_id", "why"),
    [
        ("br_html_as_pdf", "is not a PDF or a photo"),
        ("br_zip_as_pdf", "is not a PDF or a photo"),
        ("br_truncated", "damaged or incomplete"),  # read by the worker before
        ("br_garbage_pdf", "damaged or incomplete"),  # read by the worker before
    ],
)
def test_the_corpus_disguised_and_broken_files_are_refused_too(uploader, corpus, item_id, why):
    before = _stored_files()
    response = _post(uploader, corpus.uploads(item_id))
    assert why in response.content.decode()
    assert Notice.objects.count() == 0 and _stored_files() == before


def test_an_oversize_file_is_refused_with_the_limit_in_the_message(uploader):
    big = b"%PDF-1.7\n" + b"0" * (limits.MAX_FILE_BYTES + 1)
    before = _stored_files()
    response = _post(uploader, [SimpleUploadedFile("scan.pdf", big)])
    assert response.status_code == 200
    assert "larger than 25 MB" in response.content.decode()
    assert Notice.objects.count() == 0 and _stored_files() == before == []


def test_too_many_files_are_refused_by_the_form_and_by_django(uploader, corpus):
    page = corpus.paths("bd01")[0].read_bytes()
    files = [SimpleUploadedFile(f"p{i}.pdf", page + b"%" + str(i).encode()) for i in range(21)]
    response = _post(uploader, files)
    assert "Upload at most 20 files" in response.content.decode()
    uploader.raise_request_exception = False
    many = [SimpleUploadedFile(f"p{i}.pdf", b"%PDF-1.7 x") for i in range(settings_max() + 1)]
    assert _post(uploader, many).status_code == 400  # TooManyFilesSent
    assert Notice.objects.count() == 0


def settings_max() -> int:
    return settings.DATA_UPLOAD_MAX_NUMBER_FILES


def test_a_huge_form_field_is_refused_by_django(uploader):
    uploader.raise_request_exception = False
    response = uploader.post(
        reverse("notices:list"), {"note": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    assert response.status_code == 400  # RequestDataTooBig


def _multipart(filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="files"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


HOSTILE_NAMES = [
    "notice.pdf.exe",
    "../../../../etc/cron.d/notice.pdf",
    "..\\..\\windows\\system32\\notice.pdf",
    "<script>alert(1)</script>.pdf",
    "x" * 400 + ".pdf",
]


@pytest.mark.parametrize("filename", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_hostile_file_name_is_kept_only_as_data(uploader, corpus, filename):
    body, content_type = _multipart(filename, corpus.paths("bd02")[0].read_bytes())
    response = uploader.post(reverse("notices:list"), body, content_type=content_type)
    assert response.status_code == 302
    record = NoticeFile.objects.get()
    assert STORED_NAME.match(record.file.name), record.file.name
    assert Path(record.file.path).resolve().is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT))
    assert "/" not in record.original_name and len(record.original_name) <= 255
    assert ".." not in record.file.name
    assert oct(Path(record.file.path).stat().st_mode)[-3:] == "600"
    detail = uploader.get(response["Location"]).content.decode()
    assert "<script>alert(1)</script>" not in detail
    _assert_download_is_safe(uploader, record.notice)
    wait_for(lambda: record.notice.refresh_from_db() or record.notice.is_final, timeout=30)


# -- stored, then read under limits by the real worker ---------------------------------------

HOSTILE_READS = {
    # name: (builder or corpus id, expected error codes)
    "encrypted": ("br_encrypted", {"encrypted"}),
    "too_many_pages": ("br_too_many_pages", {"too_many_pages"}),
    "png_pixel_bomb": ("br_png_bomb", {"decompression_bomb"}),
    "page_tree_loop": (hostile.looping_page_tree, {"no_text", "damaged"}),
    "two_billion_pages_claimed": (hostile.lying_page_count, {"too_many_pages"}),
    "page_tree_5000_deep": (hostile.deep_page_tree, {"internal", "damaged"}),
    "huge_mediabox_no_text": (hostile.huge_mediabox, {"no_text"}),
    "flate_bomb_3_gb": (hostile.flate_bomb, {"decompression_bomb"}),
}


def _read(client, name: str, data: bytes) -> Notice:
    response = _post(client, [SimpleUploadedFile(name, data)])
    assert response.status_code == 302, response.content[:300]
    notice = Notice.objects.get(client=client.household)
    wait_for(lambda: notice.refresh_from_db() or notice.is_final, timeout=110, what=f"{name} read")
    return notice


@pytest.mark.parametrize("case", HOSTILE_READS, ids=str)
def test_a_hostile_pdf_is_read_under_limits_and_lands_with_staff(reader, uploader, corpus, case):
    source, codes = HOSTILE_READS[case]
    if isinstance(source, str):
        data = corpus.paths(source)[0].read_bytes()
        name = corpus.paths(source)[0].name
    else:
        data, name = source(), f"{case}.pdf"
    notice = _read(uploader, name, data)
    assert notice.status == NoticeStatus.NEEDS_ATTENTION
    assert notice.error_code in codes, (notice.error_code, notice.staff_detail)
    assert notice.client_message  # the client is told what happens next
    page = uploader.get(reverse("notices:status", args=[notice.public_id])).content.decode()
    assert notice.client_message.split(".")[0] in page
    assert _assert_download_is_safe(uploader, notice) == data  # kept, byte for byte
    process, _log = reader
    assert process.poll() is None


def test_javascript_in_a_pdf_is_never_run(reader, uploader, beacon):
    data = hostile.javascript_pdf(beacon)
    notice = _read(uploader, "scripted.pdf", data)
    assert notice.is_final  # read as text (or parked for staff); the script is inert data
    assert _Beacon.hits == []
    staff_view = notice.staff_detail + " ".join(str(c) for c in notice.checks)
    assert "launchURL" not in staff_view
    assert _assert_download_is_safe(uploader, notice) == data


def test_the_worker_survived_every_hostile_file_and_reads_the_next_notice(reader, uploader, corpus):
    notice = _read(uploader, "bd00.pdf", corpus.paths("bd00")[0].read_bytes())
    assert notice.status == NoticeStatus.READ
    process, log = reader
    assert process.poll() is None
    text = log.read_text()
    assert "WorkerLostError" not in text and "exited with" not in text, text[-3000:]


def test_stored_files_are_not_reachable_at_any_public_url(uploader, corpus):
    data = corpus.paths("bd01")[0].read_bytes()
    assert _post(uploader, [SimpleUploadedFile("bd01.pdf", data)]).status_code == 302
    record = NoticeFile.objects.get()
    name = record.file.name
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    served = [Path(settings.STATIC_ROOT), *map(Path, settings.STATICFILES_DIRS)]
    assert not any(root.is_relative_to(p.resolve()) for p in served)
    relative_to_repo = (
        root.relative_to(settings.BASE_DIR) if root.is_relative_to(settings.BASE_DIR) else root
    )
    candidates = [
        f"/media/{name}",
        f"/static/{name}",
        f"/{name}",
        f"/private/{name}",
        f"/{relative_to_repo}/{name}",
        f"/static/../{relative_to_repo}/{name}",
        f"/static/%2e%2e/%2e%2e/{relative_to_repo}/{name}",
        f"/notices/{name}",
    ]
    anonymous = type(uploader)()
    for who in (uploader, anonymous):
        who.raise_request_exception = False
        for url in candidates:
            response = who.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert data[:64] not in body, url
            assert response.status_code in (302, 404), (url, response.status_code)
