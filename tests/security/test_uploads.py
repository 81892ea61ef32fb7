"""Uploads: a real sniffer and a structural check, downloads typed by what was found,
files streamed to disk (never held in memory), and a storage quota per household.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from notices.models import Notice, NoticeFile
from tests import support
from tests.conftest import PASSWORD_FOR_TESTS, sign_in
from tests.security import hostile
from tests.security.procs import free_port
from tests.support import ROOT, wait_for

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
MB = 1024 * 1024


def padded_pdf(size: int, marker: str) -> bytes:
    """A well-formed one-page PDF of about ``size`` bytes (a large unfiltered stream)."""
    filler = b"%" + marker.encode() + b"\n" + b"0" * max(0, size - 600)
    return hostile.assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(filler) + filler + b"\nendstream",
        ]
    )


def _stored_files() -> list[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# -- the type: a real sniffer, then the structure -------------------------------------------

DISGUISED_AS_PDF = {
    # The old check took anything with %PDF- in its first kilobyte.
    "html_page_with_a_pdf_marker": b"<html><body>\n%PDF-1.7\n<script>alert(1)</script>"
    b"</body></html>\n%%EOF\n",
    "svg_with_a_pdf_marker": b'<svg xmlns="http://www.w3.org/2000/svg"><!-- %PDF-1.7 -->'
    b"<script>alert(1)</script></svg>\n%%EOF\n",
    "zip_with_a_pdf_marker": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"%PDF-1.7\n" + b"\0" * 300,
    "pdf_header_then_html": b"%PDF-1.7\n<html><script>alert(1)</script></html>\n%%EOF\n",
    "pdf_header_no_xref": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "truncated_pdf": hostile.text_pdf(["Amount due: $1.00"])[:-200],
    "startxref_past_the_end": hostile.text_pdf(["x"]).replace(b"startxref\n", b"startxref\n9"),
    "png_signature_then_garbage": b"\x89PNG\r\n\x1a\n" + b"garbage" * 50,
    "jpeg_signature_then_garbage": b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\xff" * 40,
    "heic_brand_then_garbage": b"\x00\x00\x00\x18ftypheic" + b"\x00" * 12 + b"garbage" * 20,
}


@pytest.fixture
def uploader(client, make_user):
    user = make_user(Role.CLIENT)
    sign_in(client, user)
    client.household = user.client
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("case", DISGUISED_AS_PDF, ids=str)
def test_a_file_that_only_looks_like_a_pdf_or_photo_is_refused_before_storage(uploader, case):
    before = _stored_files()
    response = uploader.post(
        reverse("notices:list"),
        {"files": [SimpleUploadedFile("notice.pdf", DISGUISED_AS_PDF[case])]},
    )
    assert response.status_code == 200, response.status_code  # the form again, with why
    page = response.content.decode()
    assert "is not a PDF or a photo" in page or "damaged or incomplete" in page, page[-2000:]
    assert Notice.objects.count() == 0 and _stored_files() == before


@pytest.mark.django_db
def test_real_pdfs_and_photos_of_every_kind_pass(uploader, corpus):
    for item in ("bd00", "sc00", "ph00", "ph02", "br_encrypted"):
        response = uploader.post(reverse("notices:list"), {"files": corpus.uploads(item)})
        assert response.status_code == 302, (item, response.content.decode()[-1500:])
    assert Notice.objects.count() == 5


@pytest.mark.django_db
def test_the_web_structural_check_never_inflates_a_stream(uploader):
    """A PDF whose stream inflates to 3 GB is checked in milliseconds and kept for the
    worker, which reads it under its own limits."""
    import resource
    import time

    bomb = hostile.flate_bomb()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    response = uploader.post(
        reverse("notices:list"), {"files": [SimpleUploadedFile("bomb.pdf", bomb)]}
    )
    took = time.monotonic() - started
    grew_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert response.status_code == 302
    assert took < 5 and grew_mb < 200, (took, grew_mb)


# -- downloads: the sniffed type, never the client's name -----------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "item", "content_type", "saved_as"),
    [
        ("statement.html", "bd01", "application/pdf", "statement.pdf"),
        ("photo.svg", "ph00", "image/jpeg", "photo.jpg"),
        ("evil.exe", "ph02", "image/heic", "evil.heic"),
        ("<b>x</b>.pdf.php", "bd02", "application/pdf", "b.pdf"),
    ],
)
def test_downloads_carry_the_sniffed_type_and_a_matching_name(
    uploader, corpus, name, item, content_type, saved_as
):
    data = corpus.paths(item)[0].read_bytes()
    assert uploader.post(
        reverse("notices:list"), {"files": [SimpleUploadedFile(name, data)]}
    ).status_code == 302
    notice = Notice.objects.get()
    response = uploader.get(reverse("notices:file", args=[notice.public_id, 1]))
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{saved_as}"'
    assert response["X-Content-Type-Options"] == "nosniff"


# -- quota ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_household_storage_quota_refuses_an_upload_with_a_clear_message(
    uploader, settings, make_user
):
    from cases.models import ClientDocument

    settings.TAXHAUZ_HOUSEHOLD_STORAGE_MB = 2
    first = padded_pdf(int(1.2 * MB), "first")
    second = padded_pdf(int(1.2 * MB), "second")
    assert uploader.post(
        reverse("notices:list"), {"files": [SimpleUploadedFile("a.pdf", first)]}
    ).status_code == 302
    before = _stored_files()
    response = uploader.post(
        reverse("notices:list"), {"files": [SimpleUploadedFile("b.pdf", second)]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "storage" in page and "2 MB" in page, page[-2000:]
    assert Notice.objects.count() == 1 and _stored_files() == before
    # The same limit holds for a payment proof and for a document the practice asked for.
    proof = uploader.post(
        reverse("records:my_payments"),
        {
            "payment-tax_year": "2023", "payment-form": "1040", "payment-date": "2024-04-15",
            "payment-amount": "100.00", "payment-method": "direct_pay",
            "payment-ssn_owner": "primary", "payment-proof_kind": "confirmation",
            "payment-proof": SimpleUploadedFile("proof.pdf", second),
        },
    )  # fmt: skip
    assert proof.status_code == 400 and "storage" in proof.content.decode()
    staff = make_user(Role.STAFF)
    request = _document_request(uploader.household, staff)
    uploader.post(
        reverse("cases:request_upload", args=[request.public_id]),
        {"file": SimpleUploadedFile("w2.pdf", second)},
    )
    assert ClientDocument.objects.count() == 0 and _stored_files() == before


def _document_request(household, staff):
    from cases.models import Case
    from cases.services import document_request_create

    case = Case.objects.create(
        client=household, stream_key=f"q|{uuid.uuid4().hex}", stream_kind="balance",
        tax_year=2023, tax_form="1040", state="in_review",
    )  # fmt: skip
    return document_request_create(actor=staff, case=case, description="Your W-2")


# -- memory: uploads are streamed to disk ----------------------------------------------------


def _vm_hwm_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_twenty_uploads_of_24_mb_are_streamed_to_disk_not_held_in_memory(make_user, tmp_path):
    """gunicorn (one sync worker) takes one notice of 20 files of 24 MB; the worker
    process's peak memory grows by a fraction of the 480 MB it received."""
    user = make_user(Role.CLIENT)
    port = free_port()
    env = {
        **support.worker_env(),
        "TAXHAUZ_TRUSTED_PROXY_COUNT": "0",
        "PYTHONPATH": str(ROOT),
    }
    log = open(tmp_path / "gunicorn.log", "wb")  # noqa: SIM115
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "taxhauz.wsgi", "-b",
         f"127.0.0.1:{port}", "-w", "1", "--timeout", "300"],
        cwd=ROOT, env={**__import__("os").environ, **env}, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    try:
        wait_for(lambda: _answers(port), timeout=60, what="gunicorn")
        cookies = _sign_in(port, user.email)
        workers = _children(server.pid)
        assert len(workers) == 1
        before = _vm_hwm_kb(workers[0])
        status = _post_files(port, cookies, count=20, size=24 * MB)
        after = _vm_hwm_kb(workers[0])
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    grew_mb = (after - before) / 1024
    print(f"20 x 24 MB upload: gunicorn worker peak memory grew by {grew_mb:.0f} MB")
    assert status == 302, (tmp_path / "gunicorn.log").read_text()[-3000:]
    assert NoticeFile.objects.filter(client=user.client).count() == 20
    assert grew_mb < 100


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/healthz", headers={"Host": "localhost"})
        return connection.getresponse().status == 200
    except OSError:
        return False


def _sign_in(port: int, email: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", reverse("accounts:login"), headers={"Host": "localhost"})
    page = connection.getresponse()
    csrf = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie"))[1]
    token = TOKEN.search(page.read().decode())[1]
    body = f"username={email}&password={PASSWORD_FOR_TESTS}&csrfmiddlewaretoken={token}"
    connection.request(
        "POST", reverse("accounts:login"), body=body,
        headers={"Host": "localhost", "Cookie": f"csrftoken={csrf}",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    response = connection.getresponse()
    response.read()
    assert response.status == 302
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie"))[1]
    return f"csrftoken={csrf}; sessionid={session}"


def _post_files(port: int, cookies: str, *, count: int, size: int) -> int:
    """POST one multipart body of ``count`` distinct PDFs, streamed from a generator."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    connection.request("GET", reverse("notices:list"), headers={"Host": "localhost",
                                                                "Cookie": cookies})  # fmt: skip
    token = TOKEN.search(connection.getresponse().read().decode())[1]
    boundary = uuid.uuid4().hex
    files = [padded_pdf(size, "file-0000")]  # every file has this length
    heads = [
        (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
         f"filename=\"page{i}.pdf\"\r\nContent-Type: application/pdf\r\n\r\n").encode()
        for i in range(count)
    ]  # fmt: skip
    token_part = (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n"
        f"{token}\r\n"
    ).encode()
    tail = f"--{boundary}--\r\n".encode()
    length = len(token_part) + sum(len(h) + len(files[0]) + 2 for h in heads) + len(tail)

    def body():
        yield token_part
        for i, head in enumerate(heads):
            yield head
            data = padded_pdf(size, f"file-{i:04d}")  # same length as files[0]
            for start in range(0, len(data), MB):
                yield data[start : start + MB]
            yield b"\r\n"
        yield tail

    connection.request(
        "POST", reverse("notices:list"), body=body(),
        headers={"Host": "localhost", "Cookie": cookies, "Content-Length": str(length),
                 "Content-Type": f"multipart/form-data; boundary={boundary}",
                 "Referer": f"http://localhost:{port}/"},
    )  # fmt: skip
    response = connection.getresponse()
    response.read()
    return response.status
