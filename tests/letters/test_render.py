"""PDF rendering: content read back, the URL fetcher's refusals, the time limit."""

import base64
import http.server
import io
import logging
import shutil
import socket
import threading
import time
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from letters.html import STATIC_DIR, render_letter_html
from letters.render import FetchRefused, RenderTimeout, StaticOnlyFetcher, render_pdf
from tests.letters.samples import ENCLOSURES, dispute


def pdf_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


def page(body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'
    )


@pytest.fixture
def no_network(monkeypatch):
    """Record (and block) every attempt to resolve or connect, from any thread."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.fixture
def static_copy(tmp_path):
    """A private static root so tests can plant symlinks without touching the repo."""
    root = tmp_path / "static"
    shutil.copytree(STATIC_DIR / "letters", root / "letters")
    return root


def test_a_dispute_letter_renders_and_reads_back():
    pdf = render_pdf(render_letter_html(dispute()), base_dir=STATIC_DIR, timeout_s=30)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for needle in (
        "CP14",
        "$1,075.21",
        "XXX-XX-1234",
        "January 30, 2018",
        *ENCLOSURES,
        "Enclosures (2)",
        "Page 1 of",
    ):
        assert needle in text, needle


def test_the_stylesheet_is_served_from_static(caplog):
    html = page('<p class="probe">x</p>', '<link rel="stylesheet" href="probe.css">')
    with pytest.raises(FetchRefused):  # not there: refused, never looked up elsewhere
        StaticOnlyFetcher(STATIC_DIR).fetch((STATIC_DIR / "probe.css").as_uri())
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    css = fetcher.fetch((STATIC_DIR / "letters" / "letter.css").as_uri())
    assert b"@page" in css.read() and css.content_type == "text/css"
    assert render_pdf(html, base_dir=STATIC_DIR, timeout_s=30).startswith(b"%PDF-")


def test_file_urls_outside_static_are_refused(tmp_path, static_copy, caplog):
    secret = tmp_path / "outside"
    secret.mkdir()
    (secret / "evil.css").write_text('body::before { content: "SENTINEL-CSS-7731"; }')
    Image.new("RGB", (40, 40), "red").save(secret / "evil.png")
    (static_copy / "letters" / "link.css").symlink_to(secret / "evil.css")
    html = page(
        '<p>Body text stays.</p><img src="{png}">'.format(png=(secret / "evil.png").as_uri()),
        f'<link rel="stylesheet" href="{(secret / "evil.css").as_uri()}">'
        '<link rel="stylesheet" href="../outside/evil.css">'
        '<link rel="stylesheet" href="letters/../../outside/evil.css">'
        '<link rel="stylesheet" href="letters/link.css">'
        '<link rel="stylesheet" href="file://evil.example/etc/passwd.css">'
        f'<link rel="attachment" href="{(secret / "evil.css").as_uri()}">',
    )
    with caplog.at_level(logging.WARNING, logger="letters.render"):
        pdf = render_pdf(html, base_dir=static_copy, timeout_s=30)
    text = pdf_text(pdf)
    assert "Body text stays." in text
    assert "SENTINEL-CSS-7731" not in text
    # The premise: WeasyPrint's own fetcher would have read the file.
    leaky = HTML(string=html, base_url=static_copy.as_uri() + "/").write_pdf()
    assert "SENTINEL-CSS-7731" in pdf_text(leaky)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert doc.pages[0].images == []
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert caplog.text.count("refused a resource") >= 6
    fetcher = StaticOnlyFetcher(static_copy)
    for url in [
        (secret / "evil.css").as_uri(),
        "file:///etc/passwd",
        (static_copy / "letters" / "link.css").as_uri(),
        (static_copy / "letters" / "letter.py").as_uri(),
    ]:
        with pytest.raises(FetchRefused):
            fetcher.fetch(url)


def test_a_local_http_server_receives_no_request(no_network):
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        html = page(
            f'<p>Local</p><img src="{base}/logo.png">',
            f'<link rel="stylesheet" href="{base}/x.css">'
            f'<style>@import url("{base}/y.css"); '
            f'p {{ background: url("{base}/bg.png"); }}</style>',
        )
        pdf = render_pdf(html, base_dir=STATIC_DIR, timeout_s=30)
    finally:
        server.shutdown()
        server.server_close()
    assert "Local" in pdf_text(pdf)
    assert hits == []
    assert no_network == []


def test_a_metadata_url_is_refused_without_any_network_attempt(no_network, caplog):
    url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/"
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    for bad in (
        url,
        "https://169.254.169.254/x.css",
        "ftp://169.254.169.254/x",
        "gopher://169.254.169.254/",
    ):
        with pytest.raises(FetchRefused):
            fetcher.fetch(bad)
    assert fetcher.refused and fetcher.served == []
    with caplog.at_level(logging.WARNING, logger="letters.render"):
        pdf = render_pdf(
            page(f'<p>Meta</p><img src="{url}">', f'<link rel="stylesheet" href="{url}">'),
            base_dir=STATIC_DIR,
            timeout_s=30,
        )
    assert "Meta" in pdf_text(pdf)
    assert "169.254.169.254" in caplog.text
    assert no_network == []


def test_fetcher_open_never_reaches_urllib():
    with pytest.raises(FetchRefused):
        StaticOnlyFetcher(STATIC_DIR).open("http://127.0.0.1:9/")


def test_small_inline_images_are_allowed_and_others_refused():
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), "blue").save(buffer, "PNG")
    small = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    fetcher = StaticOnlyFetcher(STATIC_DIR)
    assert fetcher.fetch(small).read() == buffer.getvalue()
    pdf = render_pdf(page(f'<img src="{small}">'), base_dir=STATIC_DIR, timeout_s=30)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages[0].images) == 1
    big = "data:image/png;base64," + base64.b64encode(b"\0" * 400_000).decode()
    for bad in (big, "data:text/html,<script>x</script>", "data:image/svg+xml,<svg/>"):
        with pytest.raises(FetchRefused):
            fetcher.fetch(bad)


def test_presentational_hints_are_off():
    html = page('<font color="#ff0000">Hinted</font>')
    with pdfplumber.open(io.BytesIO(render_pdf(html, base_dir=STATIC_DIR, timeout_s=30))) as doc:
        colors = {tuple(c["non_stroking_color"] or ()) for c in doc.pages[0].chars}
    assert colors and all(c in {(0,), (0, 0, 0), ()} for c in colors), colors


def test_the_time_limit_stops_a_runaway_render():
    rows = "".join(f"<tr><td>{i}</td><td>{'word ' * 40}</td></tr>" for i in range(20000))
    html = page(f"<table>{rows}</table>")
    started = time.monotonic()
    with pytest.raises(RenderTimeout):
        render_pdf(html, base_dir=STATIC_DIR, timeout_s=0.3)
    assert time.monotonic() - started < 3
    deadline = time.monotonic() + 10
    while any(t.name == "letters-render" for t in threading.enumerate()):
        assert time.monotonic() < deadline, "render thread kept running"
        time.sleep(0.05)


def test_render_arguments_are_checked(tmp_path):
    with pytest.raises(ValueError):
        render_pdf(page("x"), base_dir=STATIC_DIR, timeout_s=0)
    with pytest.raises(ValueError):
        render_pdf(page("x"), base_dir=Path(tmp_path / "missing"), timeout_s=5)


def _every_kind():
    from decimal import Decimal

    from letters import content as c
    from tests.letters.samples import CP14, CP2000, LETTER_DATE, LETTERHEAD, TAXPAYER

    common = {"letterhead": LETTERHEAD, "taxpayer": TAXPAYER, "letter_date": LETTER_DATE}
    return [
        dispute(),
        c.penalty_relief_letter(
            **common,
            notice=CP14,
            route=c.ReliefRoute.FIRST_TIME_ABATE,
            penalties=[("Failure-to-pay penalty", Decimal("633.30"))],
        ),
        c.payment_plan_cover_letter(**common, notice=CP14, plan=c.PlanKind.SHORT_TERM),
        c.cp2000_response_letter(
            **common,
            notice=CP2000,
            position=c.Cp2000Position.AGREE,
            enclosures=["Signed CP2000 response form"],
        ),
        c.client_explainer_letter(
            **common, notice=CP14, findings_summary="Found.", recommended_action="Recommend."
        ),
    ]


@pytest.mark.parametrize("content", _every_kind(), ids=lambda c: c.kind.value)
def test_every_letter_kind_renders_to_pdf(content):
    text = pdf_text(render_pdf(render_letter_html(content), base_dir=STATIC_DIR, timeout_s=30))
    code = next(value for label, value in content.reference if label == "Notice")
    assert code in text and "Page 1 of" in text and "Harbor & Finch CPAs" in text
    amount = next(
        value for label, value in content.reference if label.startswith(("Amount", "Proposed"))
    )
    assert amount in text
