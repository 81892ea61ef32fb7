"""The file entry point: bad bytes become typed errors, limits hold, nothing raises."""

from __future__ import annotations

import io
from pathlib import Path

import notice_corpus
import pytest
from PIL import Image

from notices import pdfsource
from notices.reader import read_notice_files
from notices.reading import NoticeReadError

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def small_pdf() -> bytes:
    import random

    rng = random.Random(7)  # noqa: S311 - synthetic, reproducible
    spec = notice_corpus.make_spec(rng, "unit", layout="classic", pages=2)
    return notice_corpus.render_pdf(notice_corpus.render_standard(spec))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"<!DOCTYPE html><html><body>Notice CP14</body></html>", "not_a_notice_file"),
        (b"PK\x03\x04zipped", "not_a_notice_file"),
        (b"GIF89a....", "not_a_notice_file"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "damaged"),
        (notice_corpus.encrypted_pdf(), "encrypted"),
        (notice_corpus.many_pages_pdf(61), "too_many_pages"),
    ],
)
def test_bad_files_become_typed_errors(data, code):
    result = read_notice_files([("upload.pdf", data)])
    assert result.ok is False
    assert result.error.code == code
    assert result.to_json()["error"] == result.error.client_message
    assert result.to_json()["file"] == "upload.pdf"


def test_encrypted_message_tells_the_client_what_to_do():
    result = read_notice_files([("locked.pdf", notice_corpus.encrypted_pdf())])
    assert result.to_json()["error"] == (
        "This PDF is password-protected: upload it without the password."
    )
    assert "PDFPasswordIncorrect" in result.error.staff_detail


def test_truncated_pdf(small_pdf):
    result = read_notice_files([("cut.pdf", small_pdf[: len(small_pdf) // 3])])
    assert result.error.code == "truncated"


def test_size_limit(small_pdf, tmp_path):
    path = tmp_path / "big.pdf"
    path.write_bytes(small_pdf)
    result = read_notice_files([path], max_bytes=1000)
    assert result.error.code == "too_large"


def test_page_limit_counts_across_files(small_pdf):
    result = read_notice_files([("a.pdf", small_pdf), ("b.pdf", small_pdf)], max_pages=3)
    assert result.error.code == "too_many_pages"
    assert read_notice_files([("a.pdf", small_pdf)], max_pages=2).ok


def test_declared_huge_image_is_refused_before_decoding():
    data = notice_corpus.png_bomb(side=9000)
    with pytest.raises(NoticeReadError) as err:
        pdfsource.load_pages(data)
    assert err.value.code == "decompression_bomb"


def test_missing_file_is_an_error_not_a_crash(tmp_path):
    result = read_notice_files([tmp_path / "nope.pdf"])
    assert result.ok is False and result.error.code == "damaged"


def test_no_files_at_all():
    assert read_notice_files([]).error.code == "empty"


def test_corrupt_jpeg_is_an_error():
    buf = io.BytesIO()
    Image.new("L", (200, 200), 255).save(buf, "JPEG")
    data = buf.getvalue()[:300]
    result = read_notice_files([("cut.jpg", data)])
    assert result.ok is False and result.error.code in ("truncated", "damaged")


def test_born_digital_pdf_uses_the_text_layer(small_pdf):
    result = read_notice_files([("n.pdf", small_pdf)])
    assert result.ok and result.ocr is False
    assert [p.ocr for p in result.pages] == [False, False]
    assert result.page_count == 2 and result.page_total_printed == 2
    assert result.notice_type == "CP14"


def test_sniffing_ignores_the_file_name():
    assert pdfsource.sniff(b"%PDF-1.4 ...") == "pdf"
    assert pdfsource.sniff(b"\xff\xd8\xff\xe0") == "jpeg"
    assert pdfsource.sniff(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR....") == "png"
    assert pdfsource.sniff(b"\0\0\0\x18ftypheic....") == "heic"


def test_the_reading_package_stays_pure():
    import subprocess
    import sys

    code = (
        "import sys, notices.reading, notices.reader; "
        "bad = [m for m in ('django', 'pdfplumber', 'pdfminer', 'pypdfium2', 'PIL', "
        "'pytesseract', 'pillow_heif', 'weasyprint') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == ""


def test_huge_page_box_is_rendered_within_the_pixel_cap():
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>",
    ]
    data = notice_corpus._assemble_pdf(objs)
    image = pdfsource._render_pdf_page(data, 0)
    assert image.width * image.height <= pdfsource.MAX_IMAGE_PIXELS
    result = read_notice_files([("huge.pdf", data)])
    assert result.ok is False and result.error.code == "no_text"
