"""The one redaction: every shape of a full SSN or ITIN masked to its last four digits."""

import pytest

from common.redaction import contains_tin, redact

MASKED = [
    ("123-45-6789", "XXX-XX-6789"),
    ("123 45 6789", "XXX-XX-6789"),
    ("123.45.6789", "XXX-XX-6789"),
    ("123456789", "XXXXX6789"),  # never longer than what was typed: it still fits
    ("123 - 45 - 6789", "XXX-XX-6789"),
    ("123\u201345\u20136789", "XXX-XX-6789"),  # en dashes, as word processors type them
    ("SSN:123-45-6789.", "SSN:XXX-XX-6789."),
    ("notice 123-45-6789 scan.pdf", "notice XXX-XX-6789 scan.pdf"),
    # ITINs: 9XX, then 50-65, 70-88, 90-92 or 94-99, then four digits
    ("912-78-4321", "XXX-XX-4321"),
    ("ITIN 987 88 1234", "ITIN XXX-XX-1234"),
    ("900-70-0001", "XXX-XX-0001"),
    ("999-99-9999", "XXX-XX-9999"),
    ("945-50-1234", "XXX-XX-1234"),
]
KEPT = [
    "XXX-XX-6789",  # already masked
    "(217) 555-0100",  # a phone number
    "62701-1234",  # ZIP+4
    "Springfield, IL 62701-1234",
    "12345-6789",
    "$1,234,567.89",
    "1234567890",  # ten digits: not a TIN
    "12-3456789",  # an EIN
    "2024-04-15",
    "DP7Q2K9",
]


@pytest.mark.parametrize(("typed", "stored"), MASKED)
def test_every_shape_of_a_full_ssn_or_itin_is_masked_to_its_last_four(typed, stored):
    assert redact(typed) == stored
    assert contains_tin(typed) and not contains_tin(stored)


@pytest.mark.parametrize("text", KEPT)
def test_other_numbers_are_left_alone(text):
    assert redact(text) == text and not contains_tin(text)


def test_identifiers_the_portal_makes_are_not_taken_for_numbers():
    for opaque in ("a123456789bc4d2e8f0a123456789012", "1b2c3d4e-1234-4abc-8def-a123456789bc"):
        assert redact(opaque) == opaque
    assert redact("uuid a123456789bc") == "uuid aXXXXX6789bc"  # inside text, still masked


def test_json_inputs_are_masked_all_the_way_down():
    inputs = {"payments": [{"confirmation": "EFT 123-45-6789", "amount": "25.00", "n": 3}]}
    assert redact(inputs) == {
        "payments": [{"confirmation": "EFT XXX-XX-6789", "amount": "25.00", "n": 3}]
    }
