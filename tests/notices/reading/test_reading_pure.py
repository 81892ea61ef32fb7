"""The pure reader on hand-placed words: extraction, cross-checks, classification, verdict.

No PDF library is involved: pages are built from (x, y, text) so each rule is tested on
exactly the layout it is about.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from notices.reading import PageWords, Word, read_pages
from notices.reading.checks import (
    all_pages_present,
    billing_lines_sum,
    pay_by_date_rule,
    ssn_matches_household,
    stub_matches_headline,
    tax_year_plausible,
)
from notices.reading.classify import family_of

CHAR_W = 5.0
TODAY = date(2026, 1, 15)


def page(rows: list[tuple[float, float, str]], number: int = 1, conf: float = 1.0) -> PageWords:
    """Words from (x, top, text) runs; a run's words are spaced like typeset text."""
    words = []
    for x, top, text in rows:
        for token in text.split():
            w = len(token) * CHAR_W
            words.append(Word(token, x, top, x + w, top + 9, conf))
            x += w + 2.5
    return PageWords(number=number, width=612, height=792, words=words)


def cp14_rows(
    *,
    amount="1,075.21",
    stub_amount="1,075.21",
    pay_by="February 20, 2018",
    extra=(),
    ssn="XXX-XX-1234",
    payee="the United States Treasury",
):
    return [
        (40, 40, "Department of the Treasury"),
        (360, 40, "Notice"),
        (470, 40, "CP14"),
        (40, 52, "Internal Revenue Service"),
        (360, 52, "Tax year"),
        (470, 52, "2017"),
        (40, 64, "Kansas City, MO 64999-0025"),
        (360, 64, "Notice date"),
        (470, 64, "January 30, 2018"),
        (360, 76, "Social security number"),
        (470, 76, ssn),
        (360, 88, "To contact us"),
        (470, 88, "Phone 1-800-829-0922"),
        (360, 100, "Your caller ID"),
        (470, 100, "105437"),
        (360, 112, "Page 1 of 1"),
        (60, 150, "JOHN SMITH"),
        (60, 162, "MARY SMITH"),
        (60, 174, "12 ELM ST"),
        (60, 186, "SPRINGDALE, OH 45246-1234"),
        (40, 240, "You have a balance due for 2017"),
        (40, 260, f"Amount due: ${amount}"),
        (40, 280, "Our records show unpaid tax on your 2017 Form 1040-SR."),
        (40, 300, "Billing Summary"),
        (40, 315, "Tax you owed"),
        (480, 315, "3,183.00"),
        (40, 327, "Payments and credits"),
        (480, 327, "(3,328.00)"),
        (40, 339, "Failure-to-file penalty"),
        (480, 339, "318.30"),
        (40, 351, "Failure-to-pay penalty"),
        (480, 351, "633.30"),
        (40, 363, "Interest charges"),
        (480, 363, "268.61"),
        (40, 375, f"Amount due by {pay_by}"),
        (480, 375, amount),
        *extra,
        (40, 560, f"Make your check or money order payable to {payee}."),
        (40, 580, "Notice"),
        (120, 580, "CP14"),
        (330, 580, f"Amount due by {pay_by}"),
        (500, 580, f"${stub_amount}"),
        (40, 592, "Notice date"),
        (120, 592, "January 30, 2018"),
        (40, 604, "Social security number"),
        (160, 604, ssn),
        (60, 650, "Internal Revenue Service"),
        (330, 650, "JOHN SMITH"),
        (60, 662, "P.O. Box 931000"),
        (330, 662, "12 ELM ST"),
        (60, 674, "Louisville, KY 40293-1000"),
        (330, 674, "SPRINGDALE, OH 45246-1234"),
    ]


def read(rows, **kw):
    pages = (
        rows if isinstance(rows, list) and rows and isinstance(rows[0], PageWords) else [page(rows)]
    )
    return read_pages(pages, files=["t.pdf"], today=TODAY, **kw)


def test_reads_every_field_of_the_domain_sample():
    r = read(cp14_rows(), household_ssn_last4=("1234",))
    assert r.ok and r.notice_type == "CP14" and r.notice_family == "CP14"
    assert (r.tax_year, r.tax_form) == (2017, "1040-SR")
    assert (r.notice_date, r.pay_by_date) == (date(2018, 1, 30), date(2018, 2, 20))
    assert r.amount_due == Decimal("1075.21") and r.stub_amount_due == Decimal("1075.21")
    assert (r.ssn_last4, r.caller_id, r.irs_phone) == ("1234", "105437", "800-829-0922")
    assert r.taxpayer_name == "JOHN SMITH AND MARY SMITH"
    assert r.mailing_address == ["12 ELM ST", "SPRINGDALE, OH 45246-1234"]
    assert r.irs_reply_address == [
        "Internal Revenue Service",
        "P.O. Box 931000",
        "Louisville, KY 40293-1000",
    ]
    assert r.billing_summary == {
        "tax": Decimal("3183.00"),
        "payments_credits": Decimal("-3328.00"),
        "failure_to_file_penalty": Decimal("318.30"),
        "failure_to_pay_penalty": Decimal("633.30"),
        "interest": Decimal("268.61"),
    }
    assert {c.name: c.passed for c in r.checks} == {
        "billing_lines_sum": True,
        "stub_matches_headline": True,
        "pay_by_date_rule": True,
        "all_pages_present": True,
        "ssn_matches_household": True,
        "tax_year_plausible": True,
        "balance_is_owed": True,
    }
    assert r.legitimacy.verdict == "genuine"
    assert r.fields["amount_due"].page == 1 and r.fields["amount_due"].bbox[1] == 260


def test_every_field_keeps_where_it_was_read_from():
    r = read(cp14_rows())
    caller = r.fields["caller_id"]
    assert 0.9 <= caller.confidence <= 1.0
    assert caller.bbox == (470.0, 100.0, 500.0, 109.0)


def test_ocr_confidence_lowers_field_confidence():
    r = read_pages([page(cp14_rows(), conf=0.7)], files=["p.jpg"], today=TODAY)
    assert r.amount_due == Decimal("1075.21")
    assert 0.5 < r.fields["amount_due"].confidence <= 0.7


def test_value_printed_below_its_label_is_found():
    rows = [(r[0], r[1], r[2]) for r in cp14_rows() if r[2] != "105437"]
    rows.append((360, 124, "ignored"))
    rows = [r for r in rows if r[2] != "Your caller ID"] + [
        (200, 420, "Your caller ID"),
        (200, 432, "998877"),
    ]
    assert read(rows).caller_id == "998877"


def test_mismatched_stub_fails_the_stub_check():
    r = read(cp14_rows(stub_amount="1,175.21"))
    assert r.check("stub_matches_headline").passed is False
    assert "1175.21" in r.check("stub_matches_headline").detail


def test_wrong_pay_by_date_fails_the_rule():
    r = read(cp14_rows(pay_by="February 27, 2018"))
    check = r.check("pay_by_date_rule")
    assert check.passed is False and "2018-02-20" in check.detail


def test_a_full_ssn_on_the_page_never_reaches_the_result():
    r = read(cp14_rows(ssn="123-45-6789", extra=[(40, 400, "SSN 987654321 on file")]))
    assert r.ssn_last4 == "6789"
    blob = json.dumps(r.to_json_extended())
    assert "123-45" not in blob and "987654321" not in blob


def test_payee_other_than_treasury_is_suspicious():
    r = read(cp14_rows(payee="Tax Relief Partners LLC"))
    assert r.legitimacy.verdict == "suspicious"
    assert any("other than the United States Treasury" in x for x in r.legitimacy.reasons)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Pay today with Google Play gift cards.", "gift card"),
        ("Send Bitcoin to the wallet below.", "cryptocurrency"),
        ("Use Western Union to wire the funds.", "wire"),
        ("Pay with Zelle or Cash App.", "payment app"),
        ("Officers will arrest you at home.", "arrest"),
        ("Your driver's license will be revoked.", "licence"),
    ],
)
def test_scam_signs_make_a_notice_suspicious(line, reason):
    r = read(cp14_rows(extra=[(40, 420, line)]))
    assert r.legitimacy.verdict == "suspicious"
    assert any(reason in x for x in r.legitimacy.reasons)


def test_an_unlisted_phone_number_alone_is_not_a_scam_sign():
    # Genuine notices print many IRS numbers (DOMAIN.md section 7); no list is complete.
    r = read(cp14_rows(extra=[(40, 420, "Call 1-888-555-0199 for our payment unit.")]))
    assert r.legitimacy.verdict == "genuine"
    weak = [s for s in r.legitimacy.signs if s.code.startswith("unlisted_phone")]
    assert len(weak) == 1 and not weak[0].strong and "888-555-0199" in weak[0].text


def test_a_letter_whose_only_number_is_unlisted_is_left_for_staff_to_verify():
    rows = [r for r in cp14_rows() if "829-0922" not in r[2]]
    r = read([*rows, (40, 420, "Call 1-844-555-0166 today to resolve it.")])
    assert r.legitimacy.verdict == "unknown"
    assert any("844-555-0166" in x for x in r.legitimacy.reasons)


def test_a_demand_for_money_with_no_notice_code_is_suspicious():
    rows = [r for r in cp14_rows() if r[2] != "CP14"]
    r = read(rows)
    assert r.notice_type is None
    assert r.legitimacy.verdict == "suspicious"
    assert any("no IRS notice number" in x for x in r.legitimacy.reasons)


def test_genuine_levy_wording_is_not_a_threat():
    extra = [
        (40, 420, "We may levy (seize) your property or rights to property and"),
        (40, 432, "file a Notice of Federal Tax Lien. You have the right to appeal."),
    ]
    assert read(cp14_rows(extra=extra)).legitimacy.verdict == "genuine"


def test_missing_masked_ssn_gives_unknown_not_genuine():
    rows = [r for r in cp14_rows() if r[2] != "XXX-XX-1234"]
    r = read(rows)
    assert r.legitimacy.verdict == "unknown"


def test_missing_page_is_reported():
    p1 = page([(40, 40, "Notice CP14"), (40, 60, "Page 1 of 3"), (40, 80, "Amount due: $5.00")])
    p3 = page([(40, 40, "Notice CP14"), (40, 60, "Page 3 of 3")], number=2)
    r = read([p1, p3])
    assert r.check("all_pages_present").passed is False
    assert r.page_count == 2 and r.page_total_printed == 3


def test_blank_pages_are_a_no_text_error():
    r = read([PageWords(1, 612, 792, [Word("~", 1, 1, 2, 2)], ocr=True)])
    assert not r.ok and r.error.code == "no_text"
    assert r.to_json()["error"].startswith("We could not read any text")


def test_headline_cue_classifies_when_the_code_is_missing():
    r = read(
        [
            page(
                [
                    (40, 40, "Internal Revenue Service"),
                    (
                        40,
                        80,
                        "Final notice of intent to levy and notice of your right to a hearing",
                    ),
                    (40, 100, "Amount you owe $2,000.00"),
                ]
            )
        ]
    )
    assert r.notice_type == "LT11"
    assert r.fields["notice_type"].confidence < 0.5


@pytest.mark.parametrize(
    ("code", "family"),
    [
        ("CP14", "CP14"),
        ("CP14IA", "CP14"),
        ("CP14C", "CP14"),
        ("CP71C", "CP71"),
        ("CP504B", "CP504"),
        ("LTR1058", "LTR1058"),
        ("LT11", "LT11"),
        ("CP2000", "CP2000"),
        ("CP21A", None),
        ("CP140", None),
        (None, None),
    ],
)
def test_families(code, family):
    assert family_of(code) == family


def test_billing_sum_uses_total_penalties_once():
    b = {
        "tax": Decimal("100.00"),
        "failure_to_pay_penalty": Decimal("5.00"),
        "failure_to_file_penalty": Decimal("10.00"),
        "penalties_total": Decimal("15.00"),
        "interest": Decimal("1.00"),
    }
    assert billing_lines_sum(b, Decimal("116.00")).passed is True
    b["penalties_total"] = Decimal("16.00")
    assert billing_lines_sum(b, Decimal("116.00")).passed is False
    assert (
        billing_lines_sum(
            {"tax": Decimal("1"), "penalties_total": Decimal("2.00")}, Decimal("3.00")
        ).passed
        is True
    )
    assert billing_lines_sum({}, Decimal("3.00")).passed is None


def test_stub_check_compares_code_and_date_too():
    assert stub_matches_headline(Decimal("1"), Decimal("1"), "CP14", "CP501").passed is False
    assert stub_matches_headline(Decimal("1"), None).passed is None


def test_pay_by_rule_applies_only_to_cp14_and_allows_next_business_day():
    nd = date(2019, 6, 1)  # + 21 days = Saturday June 22, 2019
    assert pay_by_date_rule("CP14", nd, date(2019, 6, 22), Decimal("10.00")).passed is True
    assert pay_by_date_rule("CP14", nd, date(2019, 6, 24), Decimal("10.00")).passed is True
    assert pay_by_date_rule("CP504", nd, date(2019, 7, 1), Decimal("10.00")).passed is None
    assert pay_by_date_rule("CP14", None, date(2019, 7, 1), Decimal("10.00")).passed is None


def test_pages_household_and_year_checks():
    assert all_pages_present([1, 2], [(1, 1, 2), (2, 2, 2)]).passed is True
    assert all_pages_present([1], []).passed is None
    assert ssn_matches_household("1234", ("9999", "1234")).passed is True
    assert ssn_matches_household("1234", ("9999",)).passed is False
    assert ssn_matches_household("1234", ()).passed is None
    assert tax_year_plausible(2017, date(2018, 1, 30), TODAY).passed is True
    assert tax_year_plausible(2019, date(2018, 1, 30), TODAY).passed is False
    assert tax_year_plausible(1990, date(2018, 1, 30), TODAY).passed is False
    assert tax_year_plausible(2017, date(2027, 1, 30), TODAY).passed is False
