"""Score the transcript reader on a generated family: share of fields read exactly.

    .venv/bin/python scripts/corpora/transcripts_score.py CORPUS_DIR [--failures]

Fields per expected transcript: the 8 header/balance keys of the `read_transcript --json`
contract, plus the 6 keys of every transaction (code, explanation, cycle, date, amount,
pending). Transcripts are paired in file order, transactions in table order; a transcript
or a row the reader missed counts all its fields as wrong, and a row the reader invented
counts as one wrong field. It compares with the generator's `expected`, never with the
reader's own output. `--failures` lists the differing fields (never use it on a held-back
family: read only the aggregate).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SCALARS = (
    "form",
    "tax_period",
    "tin_last4",
    "spouse_tin_last4",
    "account_balance",
    "accrued_interest",
    "accrued_penalty",
    "accruals_as_of",
)
ROW_KEYS = ("code", "explanation", "cycle", "date", "amount", "pending")


def compare(expected: list[dict], got: list[dict]) -> tuple[int, int, list[str]]:
    """(right, total, differences) for one file."""
    right = total = 0
    diffs: list[str] = []
    for i, exp in enumerate(expected):
        have = got[i] if i < len(got) else {}
        for key in SCALARS:
            total += 1
            if have.get(key) == exp[key]:
                right += 1
            else:
                diffs.append(f"t{i}.{key}: expected {exp[key]!r} got {have.get(key)!r}")
        rows = have.get("transactions") or []
        for j, row in enumerate(exp["transactions"]):
            mine = rows[j] if j < len(rows) else {}
            for key in ROW_KEYS:
                total += 1
                if mine.get(key) == row[key]:
                    right += 1
                else:
                    diffs.append(f"t{i}.row{j}.{key}: expected {row[key]!r} got {mine.get(key)!r}")
        extra = len(rows) - len(exp["transactions"])
        if extra > 0:
            total += extra
            diffs.append(f"t{i}: {extra} invented row(s)")
    if len(got) > len(expected):
        total += len(got) - len(expected)
        diffs.append(f"{len(got) - len(expected)} invented transcript(s)")
    return right, total, diffs


def score(corpus: Path, *, failures: bool = False) -> dict:
    from transcripts.reader import read_transcript_file

    records = json.loads((corpus / "manifest.json").read_text())
    right = total = files_exact = 0
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows_expected = rows_read = 0
    report: list[str] = []
    for rec in records:
        result = read_transcript_file(corpus / rec["file"])
        contract = result.to_contract()
        got = contract.get("transcripts") or ([contract] if result.ok else [])
        r, t, diffs = compare(rec["expected"], got)
        right, total = right + r, total + t
        files_exact += not diffs
        for key in (f"rendering:{rec['rendering']}", f"flavor:{rec['flavor']}"):
            by[key][0] += r
            by[key][1] += t
        rows_expected += sum(len(e["transactions"]) for e in rec["expected"])
        rows_read += sum(len(g.get("transactions") or []) for g in got)
        if failures and diffs:
            report.append(f"{rec['id']}: " + "; ".join(diffs[:8]))
    return {
        "family": records[0]["family"] if records else None,
        "files": len(records),
        "files_exact": files_exact,
        "fields_right": right,
        "fields_total": total,
        "field_score": round(right / total, 4) if total else 0.0,
        "rows_expected": rows_expected,
        "rows_read": rows_read,
        "by": {k: round(v[0] / v[1], 4) for k, v in sorted(by.items()) if v[1]},
        "failures": report,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="score the transcript reader on a corpus")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--failures", action="store_true")
    args = parser.parse_args(argv)
    result = score(args.corpus, failures=args.failures)
    failures = result.pop("failures")
    print(json.dumps(result, indent=1))
    for line in failures:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
