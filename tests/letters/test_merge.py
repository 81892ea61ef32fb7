"""The final packet: letter + enclosures (PDF, JPEG, PNG) merged in order."""

import io

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter

from letters.html import STATIC_DIR, render_letter_html
from letters.render import PacketError, merge_pdfs, render_pdf
from tests.letters.samples import dispute


def image_bytes(fmt: str, size=(1600, 1200), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode == "RGB" else (255, 0, 0, 128)).save(buffer, fmt)
    return buffer.getvalue()


def enclosure_pdf(pages: int, label: str) -> bytes:
    body = "".join(f'<p style="break-after: page">{label} page {i + 1}</p>' for i in range(pages))
    return render_pdf(f"<html><body>{body}</body></html>", base_dir=STATIC_DIR, timeout_s=30)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_packet_pages_are_letter_plus_enclosures_in_order():
    letter = render_pdf(render_letter_html(dispute()), base_dir=STATIC_DIR, timeout_s=30)
    statement = enclosure_pdf(2, "BANK-STATEMENT")
    parts = [letter, statement, image_bytes("JPEG"), image_bytes("PNG", (500, 2400), "RGBA")]
    packet = merge_pdfs(parts)
    letter_pages = page_count(letter)
    assert page_count(packet) == letter_pages + 2 + 1 + 1
    with pdfplumber.open(io.BytesIO(packet)) as doc:
        assert "CP14" in doc.pages[0].extract_text()
        assert "BANK-STATEMENT page 1" in doc.pages[letter_pages].extract_text()
        assert "BANK-STATEMENT page 2" in doc.pages[letter_pages + 1].extract_text()
        for image_page in doc.pages[letter_pages + 2 :]:
            assert (round(image_page.width), round(image_page.height)) == (612, 792)
            assert len(image_page.images) == 1
            img = image_page.images[0]
            assert img["x0"] >= 35 and img["x1"] <= 577 and img["top"] >= 35


def test_content_decides_the_type_not_the_name():
    with pytest.raises(PacketError):
        merge_pdfs([b"GIF89a..."])
    with pytest.raises(PacketError):
        merge_pdfs([])


def test_encrypted_enclosures_are_refused():
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(PacketError, match="encrypted"):
        merge_pdfs([buffer.getvalue()])
