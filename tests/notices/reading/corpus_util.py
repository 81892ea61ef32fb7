"""Corpus helpers shared by the corpus tests and bench/read_notices.py.

The corpus is generated once per generator version into
``.cache/notice-corpus/<hash of the generator source>`` (or a given directory) and read
with a small process pool, since OCR dominates and the machine has two cores.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = ROOT / "scripts"
GENERATOR_FILES = [SCRIPTS / "notice_corpus.py", SCRIPTS / "notice_corpus_html.py"]

# Fields compared for accuracy, in the golden's vocabulary.
SCALAR_FIELDS = (
    "notice_type",
    "tax_year",
    "tax_form",
    "notice_date",
    "pay_by_date",
    "amount_due",
    "ssn_last4",
    "caller_id",
    "irs_phone",
    "taxpayer_name",
    "mailing_address",
    "irs_reply_address",
    "page_total_printed",
    "legitimacy",
    "ocr",
)


def corpus_dir(quick: bool = False) -> Path:
    digest = hashlib.sha256()
    for f in GENERATOR_FILES:
        digest.update(f.read_bytes())
    digest.update(b"quick" if quick else b"full")
    return ROOT / ".cache" / "notice-corpus" / digest.hexdigest()[:16]


def ensure_corpus(quick: bool = False) -> tuple[Path, list[dict]]:
    out = corpus_dir(quick)
    manifest = out / "manifest.json"
    if not manifest.exists():
        sys.path.insert(0, str(SCRIPTS))
        import notice_corpus

        tmp = out.with_name(out.name + f".tmp{os.getpid()}")
        notice_corpus.generate(tmp, quick=quick, jobs=2)
        with contextlib.suppress(OSError):  # another process may have won the race
            tmp.rename(out)
    return out, json.loads(manifest.read_text())


def read_record(args: tuple[str, dict]) -> dict:
    """Read one corpus item (in a worker process) and return the extended JSON."""
    base, record = args
    sys.path.insert(0, str(ROOT))
    from notices.reader import read_notice_files

    result = read_notice_files(
        [str(Path(base) / f) for f in record["files"]],
        household_ssn_last4=record["household_ssn_last4"],
        today=date.fromisoformat(record["today"]),
    )
    data = result.to_json_extended()
    data["json"] = result.to_json()
    return data


def read_all(base: Path, records: list[dict], jobs: int = 2) -> dict[str, dict]:
    work = [(str(base), r) for r in records]
    # OCR-heavy items first so the pool stays busy to the end.
    order = sorted(range(len(work)), key=lambda i: records[i]["bucket"] not in ("scanned", "photo"))
    with ProcessPoolExecutor(jobs) as pool:
        results = list(pool.map(read_record, [work[i] for i in order]))
    return {records[i]["id"]: res for i, res in zip(order, results, strict=True)}


def compare(expected: dict, got: dict) -> list[tuple[str, object, object, bool]]:
    """Field-by-field comparison: (field, expected, got, equal)."""
    rows: list[tuple[str, object, object, bool]] = []
    if not expected.get("ok", True):
        rows.append(("ok", False, got["ok"], got["ok"] is False))
        rows.append(
            (
                "error_code",
                expected["error_code"],
                got["error_code"],
                got["error_code"] == expected["error_code"],
            )
        )
        return rows
    rows.append(("ok", True, got["ok"], got["ok"] is True))
    for name in SCALAR_FIELDS:
        if name not in expected:
            continue
        want = expected[name]
        have = got["legitimacy"]["verdict"] if name == "legitimacy" else got.get(name)
        if name in ("mailing_address", "irs_reply_address"):
            have = list(have or [])
        rows.append((name, want, have, want == have))
    if "billing_summary" in expected:
        want_b, have_b = expected["billing_summary"], got["billing_summary"]
        for key in sorted(set(want_b) | set(have_b)):
            rows.append(
                (
                    f"billing.{key}",
                    want_b.get(key),
                    have_b.get(key),
                    want_b.get(key) == have_b.get(key),
                )
            )
    for name, want in expected.get("checks", {}).items():
        have = next((c["passed"] for c in got["checks"] if c["name"] == name), "missing")
        rows.append((f"check.{name}", want, have, want == have))
    return rows


def accuracy(rows_by_item: dict[str, list], bucket_of: dict[str, str]) -> dict[str, tuple]:
    """Per bucket: (correct fields, total fields, ratio)."""
    totals: dict[str, list[int]] = {}
    for item, rows in rows_by_item.items():
        t = totals.setdefault(bucket_of[item], [0, 0])
        t[0] += sum(1 for r in rows if r[3])
        t[1] += len(rows)
    return {b: (c, n, c / n if n else 1.0) for b, (c, n) in totals.items()}
