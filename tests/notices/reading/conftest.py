"""Shared fixtures for the notice-reading tests (no Django needed: run with -p no:django).

The synthetic corpus is generated once per generator version into
``.cache/notice-corpus/<hash>`` and read once per session with two worker processes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
for p in (str(ROOT), str(HERE), str(ROOT / "scripts")):
    if p not in sys.path:
        sys.path.insert(0, p)

import corpus_util  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "ocr_corpus: reads the synthetic corpus, OCR included (about a minute)"
    )


def corpus_items() -> list[dict]:
    """Item ids and buckets from the generator's plan (cheap: nothing is rendered)."""
    import notice_corpus

    return [
        {"id": it["spec"]["id"], "bucket": it["bucket"]}
        for it in notice_corpus.plan(1040, quick=False)
    ]


@pytest.fixture(scope="session")
def corpus() -> tuple[Path, dict[str, dict]]:
    base, records = corpus_util.ensure_corpus(quick=False)
    return base, {r["id"]: r for r in records}


@pytest.fixture(scope="session")
def corpus_results(corpus) -> dict[str, dict]:
    base, records = corpus
    return corpus_util.read_all(base, list(records.values()), jobs=2)
