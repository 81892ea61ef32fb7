"""Reconciliation against the IRS's own ledger, on generated notice + transcript pairs.

Each scenario is drawn from several seeds: the generator writes the transcript, the reader
reads it back, and the reconciliation must name the payment's fate and its dollar effect.
"""

from decimal import Decimal

import pytest

from records import reconciliation as rec
from records.reconciliation import ledger as L

from .scenarios import build

SEEDS = range(5)


def run(kind: str, seed: int):
    scenario = build(kind, seed)
    result = rec.reconcile(scenario.inputs)
    by = {}
    for f in result.findings:  # the client's payment's finding wins over the with-return one
        if f.code not in by or any(p.amount == scenario.payment for p in f.payments):
            by[f.code] = f
    return scenario, result, by


@pytest.mark.parametrize("seed", SEEDS)
def test_a_payment_on_the_notice_module_is_found_and_the_amount_agrees(seed):
    s, result, by = run("found", seed)
    assert L.PAYMENT_FOUND in by and by[L.PAYMENT_FOUND].dollar_effect == 0
    assert L.BALANCE_AGREES in by
    citation = by[L.PAYMENT_FOUND].citations[0]
    assert citation.startswith(f"payment of ${s.payment:,.2f} on ")
    assert f"posted to XXX-XX-{s.inputs.household.primary_ssn_last4}" in citation
    assert f"tax period {s.inputs.notice.tax_year}" in citation
    assert result.recommendation.action == "pay_now"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_payment_the_irs_never_received_is_named_missing(seed):
    s, result, by = run("missing", seed)
    assert L.PAYMENT_NOT_FOUND in by
    assert by[L.PAYMENT_NOT_FOUND].dollar_effect == -s.payment
    assert result.recommendation.action == "investigate"
    assert any("bank record" in m for m in result.recommendation.missing)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_payment_on_the_spouses_own_module_is_named_misapplied(seed):
    s, result, by = run("spouse", seed)
    finding = by[L.PAYMENT_SPOUSE_MODULE]
    assert finding.dollar_effect == -s.payment
    spouse_tin = s.modules[1].tin4
    assert f"posted to XXX-XX-{spouse_tin}" in finding.citations[0]
    assert L.PAYMENT_NOT_FOUND not in by and L.PAYMENT_OTHER_PERIOD not in by
    assert result.recommendation.action == "dispute"
    # The records' "paid under the spouse's SSN" finding and the transcript's agree; the
    # payment is disputed once.
    assert result.recommendation.amount == max(s.inputs.notice.amount_due - s.payment, Decimal("0"))


@pytest.mark.parametrize("seed", SEEDS)
def test_a_payment_on_another_period_is_named_wrong_period(seed):
    s, result, by = run("wrong_period", seed)
    finding = by[L.PAYMENT_OTHER_PERIOD]
    assert finding.dollar_effect == -s.payment
    assert f"tax period {s.inputs.notice.tax_year - 1}" in finding.citations[0]
    assert L.PAYMENT_SPOUSE_MODULE not in by and L.PAYMENT_NOT_FOUND not in by
    assert result.recommendation.action == "dispute"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_notice_satisfied_by_a_later_payment(seed):
    s, result, by = run("satisfied", seed)
    assert by[L.NOTICE_SATISFIED].dollar_effect == -s.inputs.notice.amount_due
    # Nothing left to pay; the penalties already paid may still be abated (First-Time Abate
    # on the household's records), which is a refund request, not a payment.
    assert result.recommendation.action in ("pay_now", "penalty_relief")
    assert result.recommendation.amount == 0


@pytest.mark.parametrize("seed", SEEDS)
def test_first_time_abate_from_three_clean_prior_years(seed):
    s, result, by = run("fta_clean", seed)
    ftp = s.inputs.notice.billing_summary["failure_to_pay_penalty"]
    assert by[L.FTA_CLEAN].dollar_effect == -ftp
    assert L.PENALTIES_ASSESSED in by
    assert result.recommendation.action == "penalty_relief"


@pytest.mark.parametrize("seed", SEEDS)
def test_a_prior_penalty_on_the_transcripts_rules_first_time_abate_out(seed):
    _s, result, by = run("fta_ruled_out", seed)
    assert L.FTA_RULED_OUT in by and L.FTA_CLEAN not in by
    assert "TC 166" in by[L.FTA_RULED_OUT].citations[0]
    assert result.recommendation.action != "penalty_relief"


def test_without_prior_years_first_time_abate_is_left_unchecked():
    s, _result, by = run("found", 0)
    assert L.FTA_UNCHECKED in by
    assert str(s.inputs.notice.tax_year - 3) in by[L.FTA_UNCHECKED].cause


@pytest.mark.parametrize("seed", SEEDS)
def test_a_bankruptcy_freeze_changes_the_advice(seed):
    _s, result, by = run("bankruptcy", seed)
    assert by[L.FREEZE + ":bankruptcy"].severity == "action"
    assert result.recommendation.action == "investigate"
    assert any("bankruptcy" in m for m in result.recommendation.missing)


@pytest.mark.parametrize("kind", ["found", "missing", "spouse", "satisfied", "bankruptcy"])
def test_every_transaction_line_is_accounted_for(kind):
    s, result, _by = run(kind, 3)
    ledger = result.to_dict()["ledger"]
    assert len(ledger) == len(s.home.rows)
    assert {line["status"] for line in ledger} <= {"matched", "explained", "unmatched"}
    assert all(line["note"] for line in ledger)
    if kind == "found":
        # The client's payment and the return's paid-with-return amount.
        assert [x["code"] for x in ledger if x["status"] == "matched"] == ["610", "670"]
    if kind == "satisfied":  # a payment the household did not record is flagged
        assert [x["code"] for x in ledger if x["status"] == "unmatched"] == ["670"]
