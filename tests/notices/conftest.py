"""Synthetic notices for the Django-side tests, from the same generator as the reader's corpus."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


class Corpus:
    def __init__(self, base: Path, records: list[dict]):
        self.base = base
        self.records = {r["id"]: r for r in records}

    def record(self, item_id: str) -> dict:
        return self.records[item_id]

    def uploads(self, item_id: str) -> list[SimpleUploadedFile]:
        return [
            SimpleUploadedFile(Path(name).name, (self.base / name).read_bytes())
            for name in self.records[item_id]["files"]
        ]

    def paths(self, item_id: str) -> list[Path]:
        return [self.base / name for name in self.records[item_id]["files"]]


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    from tests.notices.reading.corpus_util import ensure_corpus

    base, records = ensure_corpus(quick=True)
    return Corpus(base, records)


@pytest.fixture
def household_for(db):
    """A household whose SSN last-4s match a corpus item, as the real client's would."""
    from tests.factories import ClientFactory

    def make(record: dict, **kwargs):
        last4s = [*(record["household_ssn_last4"] or ["1234"]), ""][:2]
        return ClientFactory(
            primary_ssn_last4=last4s[0],
            spouse_ssn_last4=last4s[1],
            spouse_first_name="Pat" if last4s[1] else "",
            **kwargs,
        )

    return make
