"""The reader's design, one rule per test, on hand-placed words (issue 10's failure classes).

Layout comes first (blocks, rows, tables), every field gets candidates, and one assignment
is chosen under the notice's own arithmetic; values nothing supports stay unconfirmed.
Pages are built from (x, top, text) runs so each test shows exactly the layout it is about.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from notices.reading import PageWords, Word, read_pages
from notices.reading.layout import build_layout, xy_cut
from notices.reading.legitimacy import _is_treasury
from notices.reading.model import TableGrid
from notices.reading.repair import mend
from notices.reading.resolve import _rows_total

CHAR_W = 5.0
TODAY = date(2024, 3, 1)


def words(rows, conf: float = 1.0, ocr_lines: bool = False) -> list[Word]:
    out = []
    for n, (x, top, text) in enumerate(rows):
        for token in text.split():
            w = len(token) * CHAR_W
            line = (1, n, 1) if ocr_lines else None
            out.append(Word(token, x, top, x + w, top + 9, conf, ocr_line=line))
            x += w + 2.5
    return out


def page(rows, *, tables=(), conf: float = 1.0, number: int = 1) -> PageWords:
    return PageWords(number, 612, 792, words(rows, conf), tables=list(tables))


def read(pages, **kw):
    pages = pages if isinstance(pages, list) else [pages]
    return read_pages(pages, files=["t.pdf"], today=TODAY, household_ssn_last4=("4321",), **kw)


HEADER = [
    (40, 40, "Department of the Treasury"),
    (40, 52, "Internal Revenue Service"),
    (40, 64, "Ogden, UT 84201-0039"),
    (380, 40, "Notice: CP14   Notice date: January 8, 2024"),
    (380, 52, "Tax year: 2022   Social security number: XXX-XX-4321"),
    (40, 120, "ANA RUIZ & LEO RUIZ JR"),
    (40, 132, "12 PINE ST"),
    (40, 144, "DOVER, DE 19901-1234"),
]


def test_two_columns_on_one_baseline_are_two_blocks_read_in_their_own_order():
    rows = [
        (40, 300, "Make your check or money order payable to"),
        (40, 312, "the United States Treasury. Write your SSN"),
        (40, 324, "on your payment."),
        (360, 300, "Notice date"),
        (470, 300, "January 8, 2024"),
        (360, 312, "Amount due"),
        (470, 312, "$1,075.21"),
        (360, 324, "Caller ID"),
        (470, 324, "123456"),
    ]
    layout = build_layout([page(rows)])
    texts = [b.text for b in layout.blocks]
    assert any(t.startswith("Make your check") and "United States Treasury." in t for t in texts)
    assert not any("payable to" in t and "Notice date" in t for t in texts)
    r = read(page(HEADER + rows))
    assert r.legitimacy.verdict == "genuine", r.legitimacy.reasons
    assert r.caller_id == "123456"


def test_several_label_value_pairs_on_one_line_each_get_their_own_value():
    r = read(page([*HEADER, (40, 200, "Amount you owe $25.00 by January 29, 2024")]))
    assert (r.notice_type, r.notice_date, r.tax_year) == ("CP14", date(2024, 1, 8), 2022)
    assert r.ssn_last4 == "4321"
    assert r.taxpayer_name == "ANA RUIZ AND LEO RUIZ JR"


def test_dot_leaders_a_total_line_with_its_date_and_amount_you_owed_versus_owe():
    rows = [
        (40, 200, "Amount you owed ........................ $1,200.00"),
        (40, 212, "Payments and credits .................. ($200.00)"),
        (40, 224, "Interest charges ...................... $15.50"),
        (40, 236, "TOTAL AMOUNT DUE (pay by Jan 29, 2024) ....... $1,015.50"),
    ]
    r = read(page(HEADER + rows))
    assert r.billing_summary == {
        "tax": Decimal("1200.00"),
        "payments_credits": Decimal("-200.00"),
        "interest": Decimal("15.50"),
    }
    assert r.amount_due == Decimal("1015.50") and r.pay_by_date == date(2024, 1, 29)
    assert r.fields["amount_due"].confirmed is True


def test_labels_over_values_in_a_header_row():
    rows = [
        (40, 200, "Notice"),
        (140, 200, "Notice date"),
        (260, 200, "Tax year"),
        (360, 200, "Caller ID"),
        (40, 212, "CP501"),
        (140, 212, "02/05/2024"),
        (260, 212, "2021"),
        (360, 212, "778899"),
    ]
    r = read(page(HEADER[:3] + HEADER[5:] + rows + [(40, 260, "SSN XXX-XX-4321")]))
    assert (r.notice_type, r.notice_date, r.tax_year, r.caller_id) == (
        "CP501",
        date(2024, 2, 5),
        2021,
        "778899",
    )


def test_a_ruled_grid_keeps_its_rows_and_skips_the_irc_column():
    rows = [
        (40, 402, "Tax on return"),
        (300, 402, "$900.00"),
        (40, 420, "Filing late"),
        (200, 420, "6651(a)(1)"),
        (300, 420, "$45.00"),
        (40, 438, "Credits"),
        (300, 438, "\u2013$100.00"),  # an en dash
    ]
    cells = tuple(
        ((30, y, 190, y + 18), (190, y, 290, y + 18), (290, y, 400, y + 18))
        for y in (398, 416, 434)
    )
    grid = TableGrid((30, 398, 400, 452), cells)
    r = read(page([*HEADER, (40, 380, "Penalties are shown by IRC section"), *rows,
                   (40, 470, "Amount due: $845.00")], tables=[grid]))  # fmt: skip
    assert r.billing_summary == {
        "tax": Decimal("900.00"),
        "failure_to_file_penalty": Decimal("45.00"),
        "payments_credits": Decimal("-100.00"),
    }
    assert r.fields["amount_due"].confirmed is True


def test_penalty_rows_without_the_word_penalty_under_a_penalties_heading():
    rows = [
        (40, 200, "Tax you owed"),
        (300, 200, "$500.00"),
        (40, 212, "Penalties"),
        (60, 224, "Paying late"),
        (300, 224, "$10.00"),
        (60, 236, "Underpaying estimated tax"),
        (300, 236, "$4.00"),
        (40, 248, "Total penalties"),
        (300, 248, "$14.00"),
        (40, 260, "Amount due"),
        (300, 260, "$514.00"),
    ]
    r = read(page(HEADER + rows))
    assert r.billing_summary == {
        "tax": Decimal("500.00"),
        "failure_to_pay_penalty": Decimal("10.00"),
        "estimated_tax_penalty": Decimal("4.00"),
        "penalties_total": Decimal("14.00"),
    }


def test_the_billing_summary_on_page_two_with_amount_and_date_only_in_sentences():
    p1 = page(
        [*HEADER, (40, 200, "You owe $2,010.00. Please pay the amount due by January 29, 2024.")]
    )
    p2 = page(
        [
            (40, 60, "Billing summary"),
            (40, 80, "Tax you owed"),
            (300, 80, "2,000.00"),
            (40, 92, "Interest charges"),
            (300, 92, "10.00"),
        ],
        number=2,
    )
    r = read([p1, p2])
    assert r.amount_due == Decimal("2010.00") and r.pay_by_date == date(2024, 1, 29)
    assert r.fields["amount_due"].confirmed is True


def test_a_row_that_breaks_the_arithmetic_is_not_the_amount_due_and_the_amount_stays_unconfirmed():
    rows = [
        (40, 200, "Amount due: $1,100.00"),
        (40, 220, "Tax you owed"),
        (300, 220, "$1,000.00"),
        (40, 232, "Interest"),
        (300, 232, "$50.00"),
    ]
    r = read(page(HEADER + rows))
    assert r.amount_due == Decimal("1100.00")
    ev = r.fields["amount_due"]
    assert ev.confirmed is False and "1050.00" in ev.why
    assert r.check("billing_lines_sum").passed is False


def test_arithmetic_never_crowns_a_stray_number_over_a_labelled_amount():
    # The penalty rows happen to add up to another number on the page (the total of
    # penalties); the labelled amount due, printed twice, must win.
    rows = [
        (40, 200, "Amount due: $968.02"),
        (40, 220, "Failure-to-file penalty"),
        (300, 220, "$76.91"),
        (40, 232, "Failure-to-pay penalty"),
        (300, 232, "$25.64"),
        (40, 244, "Total penalties"),
        (300, 244, "$102.55"),
        (40, 256, "Interest"),
        (300, 256, "$10.90"),
        (40, 268, "Amount due by January 29, 2024"),
        (300, 268, "$968.02"),
    ]
    r = read(page(HEADER + rows))
    assert r.amount_due == Decimal("968.02")


def test_ocr_digit_slips_are_mended_only_when_one_way_adds_up():
    rows = {
        "tax": Decimal("371638.71"),
        "payments_credits": Decimal("-31514.54"),
        "interest": Decimal("14187.26"),
        "failure_to_pay_penalty": Decimal("3461.16"),
    }
    mended, changed = mend(rows, Decimal("357704.53"), _rows_total)
    assert mended["tax"] == Decimal("371630.71") and mended["interest"] == Decimal("14187.20")
    assert sorted(changed) == ["failure_to_pay_penalty", "interest", "tax"]
    assert mend({"tax": Decimal("100.00"), "interest": Decimal("5.00")}, Decimal("999.00"),
                _rows_total) is None  # fmt: skip


def test_a_credit_balance_is_a_finding_not_a_bill():
    rows = [
        (40, 200, "Tax you owed"),
        (300, 200, "$100.00"),
        (40, 212, "Payments and credits"),
        (300, 212, "-$935.35"),
        (40, 224, "Amount due"),
        (300, 224, "-$835.35"),
    ]
    r = read(page(HEADER + rows))
    assert r.amount_due == Decimal("-835.35")
    check = r.check("balance_is_owed")
    assert check.passed is False and "credit of 835.35" in check.detail


def test_an_ein_masked_the_business_way_and_a_bank_account_mask_is_not_one():
    r = read(page([*HEADER[:5], (40, 200, "Employer ID number: XX-XXX4321")]))
    assert r.ssn_last4 == "4321"
    statement = page(
        [
            (40, 40, "Lakeshore Bank account statement"),
            (40, 60, "Account number ******7701"),
            (40, 80, "01/07/2026 IRS TREAS 310 TAX REF 1,415.91"),
            (40, 100, "Ending balance: $1,457.72"),
        ]
    )
    assert read(statement).error.code == "not_irs_notice"


def test_many_irs_numbers_and_a_levy_warning_do_not_make_a_genuine_notice_suspicious():
    rows = [
        (40, 200, "Amount due: $50.00"),
        (40, 220, "Call us at 800-829-0922, or 866-555-0101 for our payment unit."),
        (40, 232, "If you don't pay, we may levy (seize) your property."),
        (40, 244, "The IRS will never ask you to pay with gift cards."),
    ]
    r = read(page(HEADER + rows))
    assert r.legitimacy.verdict == "genuine", r.legitimacy.reasons


def test_a_scam_sign_needs_a_clear_reading_on_a_photo():
    noisy = PageWords(
        1, 612, 792, words([*HEADER, (40, 300, "DY NAR NEUTRAL ARREST THA rT")], conf=0.4)
    )
    r = read(noisy)
    assert not any(s.code == "threat_arrest" for s in r.legitimacy.signs)
    clear = page([*HEADER, (40, 300, "Officers will arrest you unless you pay today.")])
    assert read(clear).legitimacy.verdict == "suspicious"


def test_the_treasury_is_recognised_through_ocr_slips_and_line_breaks():
    assert _is_treasury("untted states treasury") and _is_treasury("united states")
    assert not _is_treasury("national tax relief services")


def test_xy_cut_peels_a_spanning_line_off_the_columns_it_joins():
    ws = words(
        [
            (
                40,
                100,
                "- - - - - - - - Detach here and return this part with your payment"
                " - - - - - - - - - - - - - - - -",
            ),
            (40, 113, "Make your check payable to"),
            (40, 124, "the United States Treasury."),
            (330, 113, "Notice CP14"),
            (330, 124, "Amount due $5.00"),
        ]
    )
    blocks = xy_cut(ws, 9.0)
    texts = [" ".join(w.text for w in b) for b in blocks]
    assert "Make your check payable to the United States Treasury." in texts
