"""Engine rules checked against worked examples computed by hand in each test.

Interest is checked against the closed form principal * ((1 + r/Y)**days - 1) with Y = 365, or
366 in a leap year; the engine rounds each schedule row to the cent, so interest assertions
allow two or three cents. Penalty months are counted by hand from the due date's anniversaries.
"""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from records.engine import (
    BalanceInputs,
    RatePeriod,
    balance_at,
    cost_of_waiting,
    project_balance,
)
from records.engine.cli import main, parse_args
from records.engine.dates import add_business_days, add_months, months_or_part

D = Decimal
CENT = D("0.01")


def factor(rate: str, days: int, year_days: int) -> Decimal:
    return (1 + D(rate) / year_days) ** days


def c(x: Decimal) -> Decimal:
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def near(actual: str | Decimal, expected: Decimal, cents: int = 2) -> bool:
    return abs(D(actual) - expected) <= D(cents) / 100


# --- calendar -----------------------------------------------------------------------------


def test_month_or_part_counts_anniversaries_and_clamps_month_ends():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)  # leap-year February
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    due = date(2024, 4, 15)
    assert months_or_part(due, date(2024, 5, 15)) == 1  # paid on the anniversary: 1 month
    assert months_or_part(due, date(2024, 5, 16)) == 2  # one day more: a second month
    assert months_or_part(due, due) == 0


def test_ten_business_days_skip_weekends_and_legal_holidays():
    # Friday 2024-06-07: Jun 10-14 (5), Jun 17, 18, 20, 21 (Juneteenth on the 19th), Jun 24.
    assert add_business_days(date(2024, 6, 7), 10) == date(2024, 6, 24)
    # The example: Fri 2024-12-20: Dec 23, 24, 26, 27, 30, 31, Jan 2, 3, 6, 7
    # (Christmas and New Year's Day skipped). The weekday-only count gave 2025-01-03.
    assert add_business_days(date(2024, 12, 20), 10) == date(2025, 1, 7)


# --- failure to pay -----------------------------------------------------------------------


def test_failure_to_pay_half_percent_per_month_or_part():
    # $10,000 unpaid from 2024-04-15, as of 2024-06-20: months start Apr 16, May 16, Jun 16.
    r = project_balance(tax=D("10000"), due_date=date(2024, 4, 15), as_of=date(2024, 6, 20))
    assert r["failure_to_pay_penalty"] == "150.00"  # 3 x 0.5% x 10,000
    # Interest: Apr 15 -> Jun 20 = 15 + 31 + 20 = 66 days, all at 8% in a leap year.
    expected = 10000 * (factor("0.08", 66, 366) - 1)  # = 145.18
    assert near(r["interest"], expected)
    assert near(r["total"], 10000 + D("150") + expected)


def test_failure_to_pay_base_is_reduced_by_payments_before_each_month():
    # $1,000; $400 paid 2024-05-10. Month 1 on 1,000 = 5.00; months 2 and 3 on 600 = 3.00 each.
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 6, 20),
        payments=[(date(2024, 5, 10), D("400"))],
    )
    assert r["failure_to_pay_penalty"] == "11.00"
    assert r["unpaid_tax"] == "600.00"


def test_failure_to_pay_caps_at_25_percent():
    # 0.5% a month reaches 25% after 50 months: $1,000 unpaid since 2019-04-15.
    r = project_balance(tax=D("1000"), due_date=date(2019, 4, 15), as_of=date(2024, 6, 1))
    assert r["failure_to_pay_penalty"] == "250.00"


def test_installment_agreement_quarter_percent_from_its_start():
    # Plan from 2024-06-01, timely return. Months starting Apr 16, May 16 at 0.5% (5.00 each);
    # Jun 16, Jul 16, Aug 16, Sep 16 at 0.25% (2.50 each). Total 10 + 10 = 20.00.
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 9, 20),
        filed_date=date(2024, 4, 10),
        installment_from=date(2024, 6, 1),
    )
    assert r["failure_to_pay_penalty"] == "20.00"


def test_installment_rate_needs_a_timely_return():
    # Filed late (2024-05-01, no extension): all 6 months stay at 0.5% = 30.00.
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 9, 20),
        filed_date=date(2024, 5, 1),
        installment_from=date(2024, 6, 1),
    )
    assert r["failure_to_pay_penalty"] == "30.00"


def test_levy_notice_raises_rate_to_one_percent_after_ten_days():
    # Levy notice 2024-07-01 -> 10 days later is Jul 11; months beginning after it
    # (Jul 16, Aug 16, Sep 16) are 1% = 10.00; Apr 16, May 16, Jun 16 are 5.00. Total 45.00.
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 9, 20),
        levy_notice_date=date(2024, 7, 1),
    )
    assert r["failure_to_pay_penalty"] == "45.00"


# --- failure to file ----------------------------------------------------------------------


def test_failure_to_file_reduced_by_same_month_failure_to_pay():
    # $10,000, filed 2024-06-10 (56 days late, under the 60-day minimum rule).
    # FTF months: Apr 16-May 15, May 16-Jun 10 = 2 -> 2 x 5% x 10,000 = 1,000.
    # Less FTP for the same 2 months: 2 x 50 = 100 -> 900.00.
    r = project_balance(
        tax=D("10000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 6, 10),
        filed_date=date(2024, 6, 10),
    )
    assert r["failure_to_file_penalty"] == "900.00"
    assert r["failure_to_pay_penalty"] == "100.00"


def test_failure_to_file_caps_at_five_months():
    # Filed 2024-12-01: 8 months late but only 5 count: 25% x 10,000 = 2,500,
    # less FTP months 1-5 (5 x 50 = 250) = 2,250; the $485 minimum is lower, so 2,250.00.
    r = project_balance(
        tax=D("10000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 12, 1),
        filed_date=date(2024, 12, 1),
    )
    assert r["failure_to_file_penalty"] == "2250.00"
    assert r["failure_to_pay_penalty"] == "400.00"  # 8 months x 50


def test_sixty_day_minimum_is_lesser_of_floor_or_the_tax():
    # $300 tax, filed 2024-08-01 (108 days late). Computed: 4 months x 5% x 300 = 60 less
    # FTP 4 x 1.50 = 54. Minimum: lesser of $485 (returns due in 2024) and 100% of 300 -> 300.
    r = project_balance(
        tax=D("300"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 8, 1),
        filed_date=date(2024, 8, 1),
    )
    assert r["failure_to_file_penalty"] == "300.00"
    # $1,000 tax, same dates: computed 200 - 20 = 180; minimum lesser of 485 and 1,000 = 485.
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 8, 1),
        filed_date=date(2024, 8, 1),
    )
    assert r["failure_to_file_penalty"] == "485.00"


def test_failure_to_file_runs_from_extended_due_date_with_interest_from_it():
    # Extension to 2024-10-15, filed 2024-11-20. FTF months: Oct 16-Nov 15, Nov 16-Nov 20 = 2:
    # 2 x 5% x 2,000 = 200, less FTP months starting Oct 16 and Nov 16 (2 x 10) = 180.00.
    # FTP: months starting Apr 16 .. Nov 16 = 8 x 10 = 80 (extension to file is not to pay).
    r = project_balance(
        tax=D("2000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 11, 20),
        filed_date=date(2024, 11, 20),
        extended_due_date=date(2024, 10, 15),
    )
    assert r["failure_to_file_penalty"] == "180.00"
    assert r["failure_to_pay_penalty"] == "80.00"
    # Interest: tax from Apr 15 (219 days at 8%/366) + FTF from Oct 15 (36 days).
    tax_interest = 2000 * (factor("0.08", 219, 366) - 1)
    ftf_interest = 180 * (factor("0.08", 36, 366) - 1)  # = 1.42
    assert near(r["interest"], tax_interest + ftf_interest, 3)


def test_no_filing_date_means_filed_on_time():
    r = project_balance(tax=D("1000"), due_date=date(2024, 4, 15), as_of=date(2024, 9, 1))
    assert r["failure_to_file_penalty"] == "0.00"


# --- interest -----------------------------------------------------------------------------


def test_interest_crosses_a_quarterly_rate_change():
    # $5,000 due 2023-04-18; as of 2023-10-31. Apr 18 -> Oct 1 = 13 + 31 + 30 + 92 = 166 days
    # at 7%, then Oct 1 -> Oct 31 = 30 days at 8% (2023: 365-day year).
    r = project_balance(tax=D("5000"), due_date=date(2023, 4, 18), as_of=date(2023, 10, 31))
    expected = 5000 * (factor("0.07", 166, 365) * factor("0.08", 30, 365) - 1)  # = 186.89
    assert near(r["interest"], expected, 3)
    assert r["failure_to_pay_penalty"] == "175.00"  # 7 months (Apr 19 .. Oct 19 starts) x 25


def test_leap_year_uses_366_day_divisor():
    # $1,000,000 from 2024-01-01 to 2024-03-31: 90 days at 8%/366.
    r = project_balance(tax=D("1000000"), due_date=date(2024, 1, 1), as_of=date(2024, 3, 31))
    leap = 1_000_000 * (factor("0.08", 90, 366) - 1)
    common = 1_000_000 * (factor("0.08", 90, 365) - 1)
    assert near(r["interest"], leap, 3)
    assert common - leap > D("0.50")  # the day-count choice is visible at this size


def test_interest_on_failure_to_pay_starts_at_notice_date():
    # $1,000 due 2024-04-15, notice 2024-05-01, as of 2024-08-01 (past the 21-day window).
    # Tax interest: Apr 15 -> Aug 1 = 108 days. FTP of 5.00 each month (Apr 16, May 16, Jun 16,
    # Jul 16) bears interest from the later of the notice date and its accrual:
    # May 1 (92 days), May 16 (77), Jun 16 (46), Jul 16 (16).
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 8, 1),
        notice_date=date(2024, 5, 1),
    )
    tax_interest = 1000 * (factor("0.08", 108, 366) - 1)
    ftp_interest = sum(5 * (factor("0.08", days, 366) - 1) for days in (92, 77, 46, 16))
    assert near(r["interest"], tax_interest + ftp_interest, 3)
    without_notice = project_balance(
        tax=D("1000"), due_date=date(2024, 4, 15), as_of=date(2024, 8, 1)
    )
    assert near(without_notice["interest"], tax_interest, 3)


def test_paying_the_notice_within_21_days_stops_interest_after_the_notice():
    # Notice 2024-06-03 bills 1,000 + FTP 10.00 + interest for 49 days (Apr 15 -> Jun 3).
    # Paid 1,100 on 2024-06-20 (17 days later): no interest after Jun 3. FTP month 3 (Jun 16,
    # base 1,000) still accrues 5.00. Credit left = 1,100 - 1,000 - 15 - interest(49 days).
    interest_49 = 1000 * (factor("0.08", 49, 366) - 1)  # = 10.76
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 7, 1),
        notice_date=date(2024, 6, 3),
        payments=[(date(2024, 6, 20), D("1100"))],
    )
    assert r["total"] == "0.00"
    assert near(r["credit"], 1100 - 1000 - 15 - interest_49)
    # Paid on day 28 instead: the window is lost and interest runs to the payment date.
    late = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 7, 1),
        notice_date=date(2024, 6, 3),
        payments=[(date(2024, 7, 1), D("1100"))],
    )
    assert D(late["credit"]) < D(r["credit"]) - D("5")


def test_payments_go_to_tax_then_penalties_then_interest():
    # $1,000 due 2024-04-15; 1,020 paid 2024-06-20. By then: FTP 15.00 (Apr 16, May 16,
    # Jun 16) and interest on 1,000 for 66 days = 14.54. 1,020 -> tax 1,000, FTP 15, interest 5.
    interest_66 = 1000 * (factor("0.08", 66, 366) - 1)
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 7, 1),
        payments=[(date(2024, 6, 20), D("1020"))],
    )
    assert r["unpaid_tax"] == "0.00"
    assert r["failure_to_pay_penalty"] == "0.00"
    left = interest_66 - 5
    expected = left * factor("0.08", 11, 366)  # interest on interest, Jun 20 -> Jul 1
    assert near(r["interest"], expected)


def test_unknown_quarters_use_last_rate_and_flag_estimated():
    r = project_balance(tax=D("1000"), due_date=date(2026, 4, 15), as_of=date(2026, 9, 1))
    assert r["estimated"] is True  # 2026 Q2 unconfirmed, Q3 unknown
    confirmed = project_balance(tax=D("1000"), due_date=date(2025, 4, 15), as_of=date(2025, 9, 1))
    assert confirmed["estimated"] is False


def test_rates_can_be_replaced_by_callers():
    # One 10% period from 2025-01-01: 30 days in 2025 -> 1000 * ((1 + 0.10/365)**30 - 1).
    rates = [
        RatePeriod(date(2025, 1, 1), D("0.10"), "test", True),
        RatePeriod(date(2025, 4, 1), D("0.10"), "test", True),
    ]
    r = project_balance(
        tax=D("1000"), due_date=date(2025, 2, 1), as_of=date(2025, 3, 3), rates=rates
    )
    assert near(r["interest"], 1000 * (factor("0.10", 30, 365) - 1))


def test_schedule_rows_explain_every_change_and_add_up():
    r = project_balance(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 8, 1),
        payments=[(date(2024, 6, 20), D("300"))],
        notice_date=date(2024, 5, 1),
    )
    rows = r["schedule"]
    assert rows[0]["from"] == "2024-04-15" and rows[-1]["to"] == "2024-08-01"
    assert sum(D(row["interest_accrued"]) for row in rows) == D(r["interest"])
    assert sum(D(row["payment_applied"]) for row in rows) == D("300.00")
    assert any("failure-to-pay month 4" in row["event"] for row in rows)
    assert rows[-1]["total"] == r["total"]


def test_cost_of_waiting_rises_with_each_month():
    inputs = BalanceInputs(
        tax=D("1000"),
        due_date=date(2024, 4, 15),
        as_of=date(2024, 6, 24),
        notice_date=date(2024, 6, 3),
    )
    rows = cost_of_waiting(inputs, date(2024, 6, 24))
    assert [row["days_after_pay_by"] for row in rows] == [0, 30, 60, 90]
    totals = [D(row["total"]) for row in rows]
    assert totals == sorted(totals) and totals[3] > totals[0]
    # At the pay-by date (inside the window) the bill is the notice-date balance + Jun 16 FTP.
    at_notice = 1000 + 10 + 1000 * (factor("0.08", 49, 366) - 1)
    assert near(rows[0]["total"], at_notice + 5)
    assert balance_at(inputs).interest_free_until == date(2024, 6, 24)


# --- command line -------------------------------------------------------------------------


def test_cli_parses_repeatable_payments():
    opts = parse_args(
        [
            "--json",
            "--tax",
            "1,000.50",
            "--due-date",
            "2024-04-15",
            "--as-of",
            "2024-06-01",
            "--payment",
            "2024-05-01:100",
            "--payment",
            "2024-05-20:50.25",
        ]
    )
    assert opts["tax"] == D("1000.50")
    assert opts["payments"] == [(date(2024, 5, 1), D("100")), (date(2024, 5, 20), D("50.25"))]


def test_cli_prints_the_json_contract():
    out = io.StringIO()
    rc = main(["--json", "--tax", "1000", "--due-date", "2024-04-15", "--as-of", "2024-06-20"], out)
    data = json.loads(out.getvalue())
    assert rc == 0
    for key in (
        "as_of",
        "unpaid_tax",
        "failure_to_file_penalty",
        "failure_to_pay_penalty",
        "interest",
        "total",
        "schedule",
    ):
        assert key in data
    assert data["failure_to_pay_penalty"] == "15.00"


def test_cli_rejects_bad_arguments_with_exit_code_2():
    for argv in (
        ["--tax", "abc", "--due-date", "2024-04-15", "--as-of", "2024-06-01"],
        ["--tax", "1", "--due-date", "15/04/2024", "--as-of", "2024-06-01"],
        ["--tax", "1", "--due-date", "2024-04-15", "--as-of", "2024-06-01", "--payment", "x"],
        ["--tax", "1", "--due-date", "2024-04-15"],
        [
            "--tax",
            "1",
            "--due-date",
            "2024-04-15",
            "--as-of",
            "2024-06-01",
            "--extended-due-date",
            "2024-01-01",
        ],
    ):
        err = io.StringIO()
        assert main(argv, io.StringIO(), err) == 2
        assert "project_balance: error:" in err.getvalue()
