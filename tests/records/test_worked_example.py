"""docs/reconciliation.md's worked example: a CP14 and its transcript, side by side."""

from datetime import date
from decimal import Decimal

from records import reconciliation as rec
from records.reconciliation import ledger as L

D = Decimal


def entry(code, text, cycle, day, amount):
    return rec.TranscriptEntry(code, text, cycle, day, D(amount))


def test_the_documented_worked_example():
    joint = rec.TranscriptModule(
        "1040",
        2023,
        "1234",
        "5678",
        (
            entry("150", "Tax return filed", "20242005", date(2024, 5, 27), "12000.00"),
            entry("806", "W-2 or 1099 withholding", None, date(2024, 4, 15), "-7500.00"),
            entry("610", "Payment with return", "20242005", date(2024, 4, 15), "-1000.00"),
            entry("276", "Penalty for late payment of tax", "20242305", date(2024, 6, 3), "35"),
            entry("196", "Interest charged", "20242305", date(2024, 6, 3), "37.69"),
            entry("971", "Notice issued CP 0014", "20242305", date(2024, 6, 3), "0"),
        ),
    )
    spouse = rec.TranscriptModule(
        "1040",
        2023,
        "5678",
        "",
        (entry("670", "Payment", "20241705", date(2024, 4, 15), "-3500.00"),),
    )
    notice = rec.Notice(
        "CP14",
        date(2024, 6, 3),
        date(2024, 6, 24),
        2023,
        "1040",
        D("3572.69"),
        {
            "tax": D("12000"),
            "payments_credits": D("-8500"),
            "failure_to_pay_penalty": D("35.00"),
            "interest": D("37.69"),
        },
    )
    inputs = rec.ReconciliationInputs(
        notice=notice,
        household=rec.Household(joint=True, all_returns_filed=True, primary_ssn_last4="1234"),
        tax_return=rec.TaxReturn(
            "1040",
            "mfj",
            True,
            date(2024, 4, 15),
            None,
            date(2024, 4, 15),
            D("12000"),
            D("7500"),
            amount_paid_with_return=D("1000"),
        ),
        payments=(
            rec.Payment(
                date(2024, 4, 15),
                D("3500"),
                rec.PaymentMethod.DIRECT_PAY,
                "DP-1",
                rec.SsnOwner.SPOUSE,
                2023,
                "1040",
                True,
                True,
            ),
        ),
        transcripts=(joint, spouse),
    )
    result = rec.reconcile(inputs)
    codes = {f.code: f for f in result.findings}
    assert L.BALANCE_AGREES in codes
    moved = codes[L.PAYMENT_SPOUSE_MODULE]
    assert moved.dollar_effect == D("-3500")
    assert moved.citations == (
        "payment of $3,500.00 on 04-15-2024, posted to XXX-XX-5678, tax period 2023 "
        "(TC 670, cycle 20241705)",
    )
    assert result.recommendation.action == "dispute"
    assert result.recommendation.amount == D("72.69")
