"""Part 2 of issue 13: the engine's tables and edges, each against figures worked by hand.

Interest is checked against the closed form principal * ((1 + r/Y)**days - 1), Y = 365 or 366
in a leap year (the engine's documented day count); the engine rounds each schedule row to the
cent, so interest assertions allow three cents.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal

import pytest

from records.engine import project_balance
from records.engine.cli import main

D = Decimal


def f(rate: str, days: int, year_days: int) -> Decimal:
    return (1 + D(rate) / year_days) ** days


def near(actual: str | Decimal, expected: Decimal, cents: int = 3) -> bool:
    return abs(D(actual) - expected) <= D(cents) / 100


# --- minimum failure-to-file penalty, by the year the return was due ---------------------

# $600 unpaid, due April 15 of `year`, filed June 20 (66 days late, so the 60-day minimum
# applies). Computed: 3 months (to May 15, Jun 15, Jun 20) x 5% x 600 = 90.00, less
# failure-to-pay for the same months 3 x 0.5% x 600 = 9.00 -> 81.00. The minimum is the
# lesser of the year's floor and 100% of the tax (600), i.e. the floor, in every year.
FLOORS = {
    2009: "135.00",
    2012: "135.00",
    2015: "135.00",
    2016: "205.00",
    2017: "205.00",
    2018: "210.00",
    2019: "210.00",
    2020: "435.00",
    2022: "435.00",
    2023: "450.00",
    2024: "485.00",
    2025: "510.00",
    2026: "525.00",
}


@pytest.mark.parametrize(("year", "floor"), FLOORS.items())
def test_minimum_failure_to_file_is_keyed_to_the_year_due(year, floor):
    r = project_balance(
        tax=D("600"),
        due_date=date(year, 4, 15),
        as_of=date(year, 6, 20),
        filed_date=date(year, 6, 20),
    )
    assert r["failure_to_file_penalty"] == floor
    assert not any("failure-to-file" in reason for reason in r["estimate_reasons"])


def test_minimum_is_the_tax_when_the_tax_is_smaller():
    # $150 due 2015-04-15, filed 2015-06-20: 3 x 5% x 150 = 22.50 less 3 x 0.75 = 20.25;
    # minimum = lesser of $135 and $150 = 135.00 (the old single $485 floor gave 150.00).
    r = project_balance(
        tax=D("150"),
        due_date=date(2015, 4, 15),
        as_of=date(2015, 6, 20),
        filed_date=date(2015, 6, 20),
    )
    assert r["failure_to_file_penalty"] == "135.00"


def test_a_year_outside_the_floor_table_is_a_marked_estimate():
    r = project_balance(
        tax=D("600"),
        due_date=date(2008, 4, 15),
        as_of=date(2008, 6, 20),
        filed_date=date(2008, 6, 20),
    )
    assert r["failure_to_file_penalty"] == "135.00"  # nearest year, 2009
    assert r["estimated"] is True
    assert any("returns due in 2008" in reason for reason in r["estimate_reasons"])


# --- underpayment rates back to 2010 ----------------------------------------------------


def test_2012_interest_uses_the_3_percent_of_notice_746():
    # $10,000 due 2012-04-17, as of 2012-07-17: 91 days at 3% in a leap year.
    # 10,000 x ((1 + 0.03/366)**91 - 1) = 74.87 (the old table's 6% gave about 150).
    r = project_balance(tax=D("10000"), due_date=date(2012, 4, 17), as_of=date(2012, 7, 17))
    expected = 10000 * (f("0.03", 91, 366) - 1)
    assert near(r["interest"], expected)
    assert near(expected, D("74.87"), 1)
    assert r["estimated"] is False


def test_2011_interest_crosses_from_3_to_4_percent():
    # $10,000 due 2011-03-01, as of 2011-05-01: Mar 1 -> Apr 1 (31 days) at 3%, then
    # Apr 1 -> May 1 (30 days) at 4%, 365-day year.
    r = project_balance(tax=D("10000"), due_date=date(2011, 3, 1), as_of=date(2011, 5, 1))
    expected = 10000 * (f("0.03", 31, 365) * f("0.04", 30, 365) - 1)  # = 58.43
    assert near(r["interest"], expected)


def test_2018_second_quarter_is_5_percent():
    # $10,000 due 2018-04-17, as of 2018-05-17: 30 days at 5% (Q2 2018), 365-day year.
    r = project_balance(tax=D("10000"), due_date=date(2018, 4, 17), as_of=date(2018, 5, 17))
    assert near(r["interest"], 10000 * (f("0.05", 30, 365) - 1))  # = 41.18


def test_a_date_before_the_rate_table_is_a_clearly_marked_estimate():
    r = project_balance(tax=D("1000"), due_date=date(2009, 4, 15), as_of=date(2009, 6, 15))
    assert r["estimated"] is True
    assert any("before 2010-01-01" in reason for reason in r["estimate_reasons"])


def test_a_date_past_the_table_says_which_rate_was_assumed():
    r = project_balance(tax=D("1000"), due_date=date(2026, 4, 15), as_of=date(2026, 9, 1))
    assert r["estimated"] is True
    reasons = " ".join(r["estimate_reasons"])
    assert "the rate from 2026-04-01 (6.00%) is unconfirmed" in reasons
    assert "no published rate from 2026-07-01" in reasons


# --- IRC 6601(e)(2)(A): no interest on a billed failure-to-pay paid within the window ------


def test_failure_to_pay_paid_within_21_days_bears_no_interest():
    # $60,000 due 2024-04-15; notice 2024-07-01 bills FTP 3 x 300 = 900 (months from Apr 16,
    # May 16, Jun 16) plus interest. 60,900 paid 2024-07-15 (day 14) covers tax and the FTP,
    # not the interest, so 6601(e)(3) does not apply, but (e)(2)(A) does: no interest on the
    # 900. Interest: tax 60,000 for Apr 15 -> Jul 15 (91 days), then that interest alone
    # compounds Jul 15 -> Sep 30 (77 days); all at 8% in 2024 (366 days).
    r = project_balance(
        tax=D("60000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 9, 30),
        notice_date=date(2024, 7, 1),
        payments=[(date(2024, 7, 15), D("60900"))],
    )
    on_tax = 60000 * (f("0.08", 91, 366) - 1)  # = 1,200.58
    expected = on_tax * f("0.08", 77, 366)  # = 1,221.03
    assert r["failure_to_pay_penalty"] == "0.00" and r["unpaid_tax"] == "0.00"
    assert near(r["interest"], expected)
    # What the old rule charged on top: 900 x ((1 + 0.08/366)**14 - 1) = 2.76, compounded.
    assert any("6601(e)(2)(A)" in note for note in r["notes"])


def test_failure_to_pay_paid_late_bears_interest_from_the_notice_date():
    # Same, paid 2024-07-25 (day 24, past the 21 days). Interest to Jul 25: tax 60,000 for
    # 101 days; the billed FTP 900 from the notice (24 days); FTP month 4 (300, Jul 16) for 9
    # days. 60,900 pays tax and 900 of the 1,200 FTP; the 300 left and the interest compound
    # Jul 25 -> Sep 30 (67 days).
    r = project_balance(
        tax=D("60000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 9, 30),
        notice_date=date(2024, 7, 1),
        payments=[(date(2024, 7, 25), D("60900"))],
    )
    at_payment = (
        60000 * (f("0.08", 101, 366) - 1)
        + 900 * (f("0.08", 24, 366) - 1)
        + 300 * (f("0.08", 9, 366) - 1)
    )
    expected = (at_payment + 300) * f("0.08", 67, 366) - 300
    assert r["failure_to_pay_penalty"] == "300.00"
    assert near(r["interest"], expected)


def test_large_balance_window_is_ten_business_days_on_the_dc_calendar():
    # $150,000 due 2024-04-15; notice Fri 2024-12-20 bills FTP 9 x 750 = 6,750 (months from
    # Apr 16 to Dec 16). At $100,000+ the window is 10 business days: 2025-01-07 (Christmas
    # and New Year's Day skipped). 156,750 paid Mon 2025-01-06 is in time (weekdays alone
    # would have closed the window on Jan 3). Interest is on the tax only: Apr 15 -> Jan 1
    # (261 days at 8%/366), Jan 1 -> Jan 6 (5 days at 7%/365); then that interest compounds
    # Jan 6 -> Mar 31 (84 days at 7%/365).
    r = project_balance(
        tax=D("150000"),
        due_date=date(2024, 4, 15),
        as_of=date(2025, 3, 31),
        notice_date=date(2024, 12, 20),
        payments=[(date(2025, 1, 6), D("156750"))],
    )
    on_tax = 150000 * (f("0.08", 261, 366) * f("0.07", 5, 365) - 1)  # = 8,957.53
    expected = on_tax * f("0.07", 84, 365)  # = 9,102.99
    # Eight schedule rows each rounded to the cent: allow five cents. Interest on the 6,750
    # for the 17 days to Jan 6 (what a weekday-only window charged) would add about $24.
    assert near(r["interest"], expected, 5)
    assert any("10 business days" in note for note in r["notes"])


# --- input: amounts and contradictory dates exit 2 with a clear message -------------------

BASE = ["--tax", "1000", "--due-date", "2024-04-15", "--as-of", "2024-06-01"]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--tax", "1e30", "--due-date", "2024-04-15", "--as-of", "2024-06-01"], "$1 trillion"),
        ([*BASE, "--payment", "2024-05-01:2e12"], "$1 trillion"),
        (["--tax", "1000", "--due-date", "2024-04-15", "--as-of", "2024-04-01"], "as-of date"),
        ([*BASE, "--installment-from", "2024-03-01"], "installment agreement date"),
        ([*BASE, "--notice-date", "2024-04-01"], "notice date 2024-04-01 is before"),
        ([*BASE, "--levy-notice-date", "2024-04-01"], "levy notice date"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(argv, says):
    out, err = io.StringIO(), io.StringIO()
    assert main(["--json", *argv], out, err) == 2
    assert says in err.getvalue()
    assert "Traceback" not in err.getvalue() and out.getvalue() == ""


def test_output_says_what_was_assumed():
    out = io.StringIO()
    assert main(["--json", *BASE], out) == 0
    notes = json.loads(out.getvalue())["notes"]
    assert any("taken as filed on time" in n for n in notes)
    assert any("no notice date given" in n for n in notes)
    text = io.StringIO()
    assert main([*BASE, "--payment", "2024-07-01:10"], text) == 0
    assert "note: 1 payment(s) dated after the as-of date are not counted" in text.getvalue()
    on_due = io.StringIO()
    assert main(["--tax", "1000", "--due-date", "2024-04-15", "--as-of", "2024-04-15"], on_due) == 0
    assert "no penalty or interest has accrued yet" in on_due.getvalue()
