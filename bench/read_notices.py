"""Notice-reading benchmark, all figures measured in the same run.

    .venv/bin/python bench/read_notices.py [--corpus DIR] [--repeat N] [--ocr-pages N]

Prints: median ms per born-digital notice through ``read_notice_files`` and through raw
pdfplumber ``page.extract_text()`` on the same files (and their ratio; target <= 1.5x),
median seconds per OCR'd page (target <= 3 s), and peak RSS of this process (Tesseract
runs as a child process per page; its RSS is not included). ``celery_throughput`` is
the hook for the Celery-through-Redis part.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "notices" / "reading"))


def _median_ms(fn, files: list[Path], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        for f in files:
            gc.collect()
            t = time.perf_counter()
            fn(f)
            samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def raw_pdfplumber(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
            page.close()
    return n


def reader(path: Path) -> None:
    from notices.reader import read_notice_files

    result = read_notice_files([path])
    assert result.ok, result.error


def ocr_page_seconds(pages: list[tuple[Path, int]]) -> list[float]:
    """Wall seconds per page for the OCR path alone (render/open, clean, Tesseract)."""
    from notices import pdfsource

    out = []
    for path, n_pages in pages:
        data = path.read_bytes()
        t = time.perf_counter()
        got = pdfsource.load_pages(data, source=path.name)
        assert all(p.ocr for p in got)
        out.append((time.perf_counter() - t) / n_pages)
    return out


def celery_throughput(files: list[Path]) -> dict | None:
    """Hook: notices per minute through a real Celery worker on Redis, and peak worker RSS.

    Filled in by the project lead (needs the Django project, Redis and a worker); return
    ``{"notices_per_minute": float, "worker_peak_rss_mb": float}``.
    """
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="corpus dir (default: the cached one)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ocr-pages", type=int, default=8, help="how many OCR files to time")
    ap.add_argument("--json", action="store_true")
    ns = ap.parse_args(argv)

    import corpus_util

    if ns.corpus:
        base = ns.corpus
        records = json.loads((base / "manifest.json").read_text())
    else:
        base, records = corpus_util.ensure_corpus()
    born = [base / r["files"][0] for r in records if r["bucket"] == "born_digital"]
    ocr = [
        (base / f, 1) for r in records if r["bucket"] in ("scanned", "photo") for f in r["files"]
    ][: ns.ocr_pages]
    # a scanned PDF may hold several pages
    ocr = [(p, _pages(p)) for p, _ in ocr]

    reader(born[0])  # warm imports and fonts for both paths
    raw_pdfplumber(born[0])
    raw_ms = _median_ms(raw_pdfplumber, born, ns.repeat)
    read_ms = _median_ms(reader, born, ns.repeat)
    ocr_s = ocr_page_seconds(ocr)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "born_digital_files": len(born),
        "raw_pdfplumber_extract_text_ms_median": round(raw_ms, 1),
        "read_notice_files_ms_median": round(read_ms, 1),
        "ratio_reader_to_raw": round(read_ms / raw_ms, 2),
        "ocr_pages_timed": sum(n for _, n in ocr),
        "ocr_s_per_page_median": round(statistics.median(ocr_s), 2),
        "ocr_s_per_page_max": round(max(ocr_s), 2),
        "peak_rss_mb": round(self_rss, 1),
        "celery": celery_throughput(born),
    }
    if ns.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:40s} {v}")
        ratio_ok = figures["ratio_reader_to_raw"] <= 1.5
        print(f"{'target ratio <= 1.5':40s} {'OK' if ratio_ok else 'MISS'}")
        print(
            f"{'target OCR <= 3 s/page':40s} "
            f"{'OK' if figures['ocr_s_per_page_median'] <= 3 else 'MISS'}"
        )
    return 0


def _pages(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 1
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


if __name__ == "__main__":
    raise SystemExit(main())
