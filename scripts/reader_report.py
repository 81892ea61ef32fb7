"""Score the notice reader on an independent corpus family and print the report.

    .venv/bin/python scripts/reader_report.py harbor [--quick] [--failures] [--json OUT]
    .venv/bin/python scripts/reader_report.py quarry           # held back: aggregates only

The family's generator (``scripts/corpora/<family>.py``) writes its corpus once per
generator version into ``.cache/corpora/<family>-<hash>``; the reader reads every item in
two worker processes (OCR dominates); ``scripts/corpora/scoring.py`` compares with the
goldens. Failures are listed only for tuning families: a held-back family is never used
to tune the reader, so its per-item failures are not printed.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "scripts" / "corpora"
HELD_BACK = {"quarry"}
sys.path.insert(0, str(CORPORA))

import scoring  # noqa: E402


def _generator_files(family: str) -> list[Path]:
    files = [CORPORA / f"{family}.py"]
    pkg = CORPORA / family
    if pkg.is_dir():
        files += sorted(pkg.rglob("*.py"))
    return files


def corpus_dir(family: str, quick: bool, seed: int) -> Path:
    digest = hashlib.sha256()
    for f in _generator_files(family):
        digest.update(f.read_bytes())
    digest.update(f"{quick}:{seed}".encode())
    return ROOT / ".cache" / "corpora" / f"{family}-{digest.hexdigest()[:16]}"


def ensure_corpus(
    family: str, *, quick: bool = False, seed: int | None = None
) -> tuple[Path, list]:
    spec = importlib.util.spec_from_file_location(f"corpus_{family}", CORPORA / f"{family}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    kwargs = {"quick": quick}
    if seed is not None:
        kwargs["seed"] = seed
    out = corpus_dir(family, quick, seed or 0)
    manifest = out / "manifest.json"
    if not manifest.exists():
        tmp = out.with_name(out.name + f".tmp{os.getpid()}")
        module.generate(tmp, jobs=2, **kwargs)
        with contextlib.suppress(OSError):  # another process may have won the race
            tmp.rename(out)
    return out, json.loads(manifest.read_text())


def _read_one(args: tuple[str, str, dict, bool]) -> tuple[str, dict, float]:
    reader_root, base, record, cache = args
    if reader_root not in sys.path:
        sys.path.insert(0, reader_root)
    from notices.reader import read_notice_files

    t0 = time.perf_counter()
    files = [str(Path(base) / f) for f in record["files"]]
    kwargs = {
        "household_ssn_last4": record.get("household_ssn_last4", []),
        "today": date.fromisoformat(record["today"]),
    }
    if cache:
        result = _read_cached(reader_root, files, kwargs)
    else:
        result = read_notice_files(files, **kwargs)
    return record["id"], result.to_json_extended(), time.perf_counter() - t0


def _read_cached(reader_root: str, files: list[str], kwargs: dict):
    """Tuning aid: keep the adapter's words (OCR included) per file and adapter version, so
    a change to the pure reading rules is scored in seconds. Never used for reported figures.
    """
    import pickle

    from notices import ocr, pdfsource
    from notices.reader import _failed
    from notices.reading import NoticeReadError, read_pages

    digest = hashlib.sha256()
    for module in (pdfsource, ocr):
        digest.update(Path(module.__file__).read_bytes())
    version = digest.hexdigest()[:12]
    pages = []
    try:
        for f in files:
            data = Path(f).read_bytes()
            key = hashlib.sha256(data).hexdigest()[:24]
            slot = Path(reader_root) / ".cache" / "pages" / version / f"{key}.pickle"
            if slot.exists():
                got = pickle.loads(slot.read_bytes())  # noqa: S301 - our own cache
            else:
                try:
                    got = pdfsource.load_pages(data, source=f, first_number=len(pages) + 1)
                except NoticeReadError as exc:
                    got = exc
                slot.parent.mkdir(parents=True, exist_ok=True)
                slot.write_bytes(pickle.dumps(got))
            if isinstance(got, NoticeReadError):
                raise got
            for i, p in enumerate(got):
                p.number = len(pages) + 1 + i
            pages.extend(got)
        return read_pages(pages, files=files, **kwargs)
    except NoticeReadError as exc:
        return _failed(files, files, exc)


def read_all(
    base: Path, records: list[dict], *, jobs: int = 2, reader_root: Path = ROOT, cache=False
) -> dict:
    order = sorted(records, key=lambda r: r["bucket"] == "born_digital")  # OCR first
    work = [(str(reader_root), str(base), r, cache) for r in order]
    with ProcessPoolExecutor(jobs) as pool:
        return {rid: got for rid, got, _ in pool.map(_read_one, work)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("family")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--failures", action="store_true", help="list wrong fields (tuning only)")
    ap.add_argument("--json", type=Path, help="write the summary as JSON here")
    ap.add_argument("--bucket", help="only this capture bucket (tuning)")
    ap.add_argument(
        "--cache-pages", action="store_true", help="reuse the adapter's words (tuning only)"
    )
    ap.add_argument(
        "--reader-root", type=Path, default=ROOT, help="checkout whose reader is scored"
    )
    ns = ap.parse_args(argv)
    base, records = ensure_corpus(ns.family, quick=ns.quick, seed=ns.seed)
    if ns.family in HELD_BACK and (ns.cache_pages or ns.bucket):
        ap.error("a held-back family is scored whole, as it would be read: no tuning options")
    if ns.bucket:
        records = [r for r in records if r["bucket"] == ns.bucket]
    t0 = time.perf_counter()
    results = read_all(
        base, records, jobs=ns.jobs, reader_root=ns.reader_root.resolve(), cache=ns.cache_pages
    )
    elapsed = time.perf_counter() - t0
    report = scoring.score(records, results)
    print(report.text(f"{ns.family} ({len(records)} items, read in {elapsed:.0f} s)"))
    if ns.failures:
        if ns.family in HELD_BACK:
            print("(failures of a held-back family are not listed)")
        else:
            for rid, name, want, have in report.failures():
                print(f"  {rid:42s} {name:26s} want={want!r} got={have!r}")
    if ns.json:
        ns.json.write_text(json.dumps(report.summary(), indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
