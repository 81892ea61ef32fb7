"""Amounts, dates, phones, SSNs and codes as notices (and OCR) print them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from notices.reading.parsing import (
    find_amounts,
    find_dates,
    find_notice_codes,
    find_phones,
    find_ssn_last4,
    find_tax_form,
    parse_amount,
    parse_date,
    redact_ssn,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,075.21", "1075.21"),
        ("1,075.21", "1075.21"),
        ("-3,328.00", "-3328.00"),
        ("-$3,328.00", "-3328.00"),
        ("(3,328.00)", "-3328.00"),
        ("($3,328.00)", "-3328.00"),
        ("3,328.00-", "-3328.00"),
        ("\u22123,328.00", "-3328.00"),
        ("$0.00", "0.00"),
        ("$128,499.96", "128499.96"),
        ("$1,234,567.89", "1234567.89"),
        ("S1,075.21", "1075.21"),  # OCR reads "$" as "S"
        ("1.075.21", "1075.21"),  # OCR reads "," as "."
        ("Amount due by February 20, 2018 $1,075.21", "1075.21"),
        ("Amount due by 03/02/2020 18.45", "18.45"),
    ],
)
def test_amounts_parse_in_every_printed_form(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["2018", "1,234", "Page 1 of 3", "Form 1040", "caller ID 105437"])
def test_numbers_without_cents_are_not_money(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 30, 2018", date(2018, 1, 30)),
        ("Jan. 30, 2018", date(2018, 1, 30)),
        ("Jan 30, 2018", date(2018, 1, 30)),
        ("Sept. 5, 2019", date(2019, 9, 5)),
        ("March 2, 2020", date(2020, 3, 2)),
        ("Notice date 02/10/2020", date(2020, 2, 10)),
        ("2/3/2021", date(2021, 2, 3)),
        ("2020-02-10", date(2020, 2, 10)),
        ("30 January 2018", date(2018, 1, 30)),
        ("January 30,2018", date(2018, 1, 30)),  # OCR dropped the space
    ],
)
def test_dates_parse_long_abbreviated_and_numeric(text, expected):
    assert parse_date(text) == expected


def test_impossible_dates_are_ignored():
    assert parse_date("02/30/2020") is None
    assert parse_date("February 30, 2020") is None


def test_dates_are_returned_in_reading_order():
    found = find_dates("Notice date 01/30/2018 ... pay by February 20, 2018")
    assert [d for d, _ in found] == [date(2018, 1, 30), date(2018, 2, 20)]


def test_phones_normalise_and_do_not_span_unrelated_numbers():
    text = "Call 1-800-829-1040, (202) 555-0147 or 800.829.0922. P.O. Box 219236 8131 MAPLE"
    assert [p for p, _ in find_phones(text)] == ["800-829-1040", "202-555-0147", "800-829-0922"]


@pytest.mark.parametrize(
    ("text", "last4"),
    [
        ("XXX-XX-1234", "1234"),
        ("***-**-0042", "0042"),
        ("xxx xx 9876", "9876"),
        ("SSN: XXX-XX-5555.", "5555"),
    ],
)
def test_masked_ssn_keeps_only_the_last_four(text, last4):
    assert find_ssn_last4(text)[0] == last4


def test_zip_plus_four_is_not_an_ssn():
    assert find_ssn_last4("Austin, TX 73301-0023") is None


def test_full_ssns_are_redacted_wherever_they_appear():
    text = "SSN 123-45-6789 and 987654321 and 111 22 3333; zip 64121-9236; phone 800-829-1040"
    out = redact_ssn(text)
    assert "123-45" not in out and "987654321" not in out and "111 22" not in out
    assert "XXX-XX-6789" in out and "XXX-XX-4321" in out and "XXX-XX-3333" in out
    assert "64121-9236" in out and "800-829-1040" in out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Notice CP14", "CP14"),
        ("Notice name CP14IA", "CP14IA"),
        ("LTR1058", "LTR1058"),
        ("Letter 1058", "LTR1058"),
        ("LT11", "LT11"),
        ("CP 504", "CP504"),
        ("cP14", "CP14"),
        ("CP71C", "CP71C"),
    ],
)
def test_notice_codes_are_normalised(text, code):
    assert find_notice_codes(text)[0][0] == code


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("on your 2017 Form 1040.", "1040"),
        ("your Form 1040-SR", "1040-SR"),
        ("Form 1040NR", "1040-NR"),
        ("Form 12153 to request a hearing", None),
        ("Form 9465", None),
        ("Form 1040-V", None),
    ],
)
def test_tax_form_is_a_return_form_as_printed(text, form):
    found = find_tax_form(text)
    assert (found[0] if found else None) == form
