"""The reader on notice families written independently of it (scripts/corpora/README.md).

Each family's quick corpus is generated, read exactly as the worker reads it, and scored
against the goldens its generator wrote from the spec (never against the reader itself).
The floors are what the family scored when last measured, rounded down: a regression
fails, an improvement does not. ``quarry`` is held back from tuning; its floors were set
from its measurement at the end of issue 10 and are not a target to tune against.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "scripts" / "corpora"))

import reader_report  # noqa: E402
import scoring  # noqa: E402

pytestmark = pytest.mark.ocr_corpus

# Per capture bucket, the share of golden fields read right on the family's quick corpus.
FLOORS = {
    "harbor": {"born_digital": 0.99, "scanned": 0.90, "photo": 0.88},
    # Held back: measured once at the end of issue 10 (quick: 97.2%, 85.6%, 87.5%).
    "quarry": {"born_digital": 0.97, "scanned": 0.85, "photo": 0.87},
}
# Files that are not IRS notices yet were read as one, at most, per family (quarry's quick
# corpus: 5 of 6 refused when measured; the one it reads as a notice is a known gap).
NOT_NOTICES_MISSED = {"harbor": 0, "quarry": 1}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def family(request) -> tuple[str, scoring.Report]:
    name = request.param
    base, records = reader_report.ensure_corpus(name, quick=True)
    results = reader_report.read_all(base, records, jobs=2)
    return name, scoring.score(records, results)


def test_fields_are_read_at_least_as_well_as_last_measured(family, capsys):
    name, report = family
    with capsys.disabled():
        print("\n" + report.text(f"{name} (quick)"))
    by_bucket = report.by_bucket()
    for bucket, floor in FLOORS[name].items():
        assert by_bucket[bucket][2] >= floor, (name, bucket, by_bucket[bucket])


def test_every_notice_type_is_recognised(family):
    name, report = family
    right, total, _ = report.notice_types()
    assert right == total, name


def test_every_scam_is_flagged_and_no_genuine_notice_is(family):
    name, report = family
    confusion = report.confusion()
    assert confusion["suspicious"]["suspicious"] == sum(confusion["suspicious"].values()), name
    assert confusion["genuine"]["suspicious"] == 0, name


def test_no_wrong_amount_is_presented_as_confirmed(family):
    name, report = family
    # Counts only: a held-back family's items are never listed.
    assert len(report.wrong_amounts_unflagged()) == 0, name


def test_files_that_are_not_irs_notices_are_refused_as_such(family):
    name, report = family
    right, total, _ = report.not_notices()
    assert total > 0, name
    assert total - right <= NOT_NOTICES_MISSED[name], (name, right, total)
