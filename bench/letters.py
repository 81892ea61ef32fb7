"""Letter rendering benchmark: median ms per letter and per packet vs raw WeasyPrint.

Run from the repo root: ``.venv/bin/python -m bench.letters [--runs 30]``.

"letter" = content -> HTML (Django template engine) -> PDF through ``render_pdf``
(restricted fetcher, worker thread with a time limit). "packet" = a letter plus two
enclosures (a 2-page PDF and a JPEG scan) merged with ``merge_pdfs``. "raw" is
``weasyprint.HTML(string=..., base_url=static).write_pdf()`` on the same HTML in
the same run, so the ratio shows what our wrapper costs over WeasyPrint itself.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from weasyprint import HTML  # noqa: E402

from letters.html import STATIC_DIR, render_letter_html  # noqa: E402
from letters.render import merge_pdfs, render_pdf  # noqa: E402
from tests.letters.samples import dispute  # noqa: E402


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches (fonts, templates) outside the measurement
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    content = dispute()
    html = render_letter_html(content)
    enclosure_html = "".join(f'<p style="break-after: page">Statement page {i}</p>' for i in (1, 2))
    enclosure_pdf = render_pdf(
        f"<html><body>{enclosure_html}</body></html>", base_dir=STATIC_DIR, timeout_s=30
    )
    scan = io.BytesIO()
    Image.new("RGB", (2550, 3300), "white").save(scan, "JPEG", quality=85)  # 300 dpi letter
    scan_jpeg = scan.getvalue()
    base_url = STATIC_DIR.as_uri() + "/"

    def raw() -> bytes:
        return HTML(string=html, base_url=base_url).write_pdf()

    def letter() -> bytes:
        return render_pdf(render_letter_html(content), base_dir=STATIC_DIR, timeout_s=30)

    def packet() -> bytes:
        return merge_pdfs([letter(), enclosure_pdf, scan_jpeg])

    raw_ms = _median_ms(raw, args.runs)
    letter_ms = _median_ms(letter, args.runs)
    packet_ms = _median_ms(packet, args.runs)
    print(f"runs per measurement: {args.runs}")
    print(f"raw WeasyPrint write_pdf     : {raw_ms:8.1f} ms (median)")
    print(
        f"letter (template + render)   : {letter_ms:8.1f} ms (median)  "
        f"ratio to raw {letter_ms / raw_ms:.2f}x"
    )
    print(
        f"packet (letter + 2 encl.)    : {packet_ms:8.1f} ms (median)  "
        f"ratio to raw {packet_ms / raw_ms:.2f}x"
    )


if __name__ == "__main__":
    main()
