"""The reader against the synthetic corpus, field by field, with per-bucket targets."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import corpus_util
import pytest
from conftest import corpus_items

from notices.reading import JSON_KEYS

pytestmark = pytest.mark.ocr_corpus

ITEMS = corpus_items()
EXACT_BUCKETS = ("born_digital", "other_types", "scam", "broken")
TARGETS = {
    "born_digital": 1.0,
    "other_types": 1.0,
    "scam": 1.0,
    "broken": 1.0,
    "scanned": 0.98,
    "photo": 0.98,
}
# Held-out layouts are floors against regressions, not targets. "heldout" scored 72.2%
# when first read (before the keyword and billing-sum fallbacks it prompted); "heldout2"
# was written after those fallbacks and scored 78.6% when first read.
HELDOUT_FLOORS = {"heldout": 0.90, "heldout2": 0.78}


@pytest.mark.parametrize(
    "item", [i for i in ITEMS if i["bucket"] in EXACT_BUCKETS], ids=lambda i: i["id"]
)
def test_exact_buckets_read_every_field_right(item, corpus, corpus_results):
    _, records = corpus
    rows = corpus_util.compare(records[item["id"]]["expected"], corpus_results[item["id"]])
    wrong = [r[:3] for r in rows if not r[3]]
    assert wrong == []


@pytest.mark.parametrize(
    "item", [i for i in ITEMS if i["bucket"] in ("scanned", "photo")], ids=lambda i: i["id"]
)
def test_ocr_items_read_nearly_every_field(item, corpus, corpus_results):
    _, records = corpus
    rows = corpus_util.compare(records[item["id"]]["expected"], corpus_results[item["id"]])
    got = corpus_results[item["id"]]
    assert got["ocr"] is True
    assert all(p["ocr"] for p in got["pages"])
    right = sum(1 for r in rows if r[3])
    assert right / len(rows) >= 0.9, [r[:3] for r in rows if not r[3]]
    assert {r[0]: r[3] for r in rows}["amount_due"], "amount due must be read"


def _accuracy(corpus, corpus_results):
    _, records = corpus
    rows = {i: corpus_util.compare(r["expected"], corpus_results[i]) for i, r in records.items()}
    return corpus_util.accuracy(rows, {i: r["bucket"] for i, r in records.items()})


def test_per_bucket_accuracy_meets_targets(corpus, corpus_results, capsys):
    acc = _accuracy(corpus, corpus_results)
    with capsys.disabled():
        print("\nfield accuracy per bucket:")
        for bucket, (right, total, ratio) in sorted(acc.items()):
            print(f"  {bucket:13s} {right:4d}/{total:<4d} {ratio:6.1%}")
    for bucket, target in TARGETS.items():
        assert acc[bucket][2] >= target, (bucket, acc[bucket])
    for bucket, floor in HELDOUT_FLOORS.items():
        assert acc[bucket][2] >= floor, (bucket, acc[bucket])


def test_json_output_follows_the_issue_schema(corpus_results):
    for data in corpus_results.values():
        out = data["json"]
        assert tuple(out) == JSON_KEYS
        assert isinstance(out["ok"], bool)
        if out["ok"]:
            assert out["error"] is None
            assert set(out["billing_summary"]) <= {
                "tax",
                "payments_credits",
                "failure_to_file_penalty",
                "failure_to_pay_penalty",
                "estimated_tax_penalty",
                "penalties_total",
                "interest",
            }
            for value in out["billing_summary"].values():
                assert re.fullmatch(r"-?\d+\.\d{2}", value)
            if "payments_credits" in out["billing_summary"]:
                assert Decimal(out["billing_summary"]["payments_credits"]) <= 0
            assert out["legitimacy"]["verdict"] in ("genuine", "suspicious", "unknown")
            for check in out["checks"]:
                assert set(check) == {"name", "passed", "detail"}
            for ev in out["fields"].values():
                assert 0 <= ev["confidence"] <= 1 and ev["page"] >= 1 and len(ev["bbox"]) == 4
        else:
            assert out["error"] and out["error"][0].isupper()
        json.dumps(out)


def test_no_full_ssn_survives_in_any_output(corpus_results):
    full_ssn = re.compile(r"(?<![\d-])(?:\d{3}-\d{2}-\d{4}|\d{9})(?![\d-])")
    for data in corpus_results.values():
        text = json.dumps({k: v for k, v in data.items() if k != "fields"})
        assert not full_ssn.search(text)


def test_genuine_notices_are_never_flagged(corpus, corpus_results):
    _, records = corpus
    for ident, record in records.items():
        if record["expected"].get("legitimacy") == "genuine":
            verdict = corpus_results[ident]["legitimacy"]
            assert verdict["verdict"] != "suspicious", (ident, verdict)


def test_every_scam_letter_is_flagged_with_reasons(corpus, corpus_results):
    _, records = corpus
    scams = [i for i, r in records.items() if r["bucket"] == "scam"]
    assert scams
    for ident in scams:
        verdict = corpus_results[ident]["legitimacy"]
        assert verdict["verdict"] == records[ident]["expected"]["legitimacy"]
        assert verdict["verdict"] in ("suspicious", "unknown")
        assert verdict["reasons"]


def test_broken_files_get_a_plain_english_reason(corpus, corpus_results):
    _, records = corpus
    for ident, record in records.items():
        if record["bucket"] != "broken":
            continue
        got = corpus_results[ident]
        assert got["ok"] is False
        assert got["error_code"] == record["expected"]["error_code"]
        assert "Error" not in got["json"]["error"] and "Exception" not in got["json"]["error"]


def test_multi_file_photos_keep_page_order(corpus, corpus_results):
    _, records = corpus
    multi = [i for i, r in records.items() if len(r["files"]) > 1]
    assert multi
    for ident in multi:
        pages = corpus_results[ident]["pages"]
        assert [p["number"] for p in pages] == list(range(1, len(pages) + 1))
        assert [p["source"].rsplit("/", 1)[-1] for p in pages] == [
            f.rsplit("/", 1)[-1] for f in records[ident]["files"]
        ]
