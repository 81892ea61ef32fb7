"""Reconciliation findings and recommendations from hand-built households.

Base case (computed by hand): 2023 Form 1040, due and filed 2024-04-15, total tax 12,000,
withholding 10,000 -> 2,000 unpaid. CP14 dated 2024-06-10: failure-to-pay for the months
starting Apr 16 and May 16 = 2 x 0.5% x 2,000 = 20.00; interest Apr 15 -> Jun 10 = 56 days at
8%/366 on 2,000 = 24.63. Amount due 12,000 - 10,000 + 20.00 + 24.63 = 2,044.63.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from records.reconciliation import (
    AbilityToPay,
    Household,
    InstallmentPeriod,
    Notice,
    Payment,
    PaymentMethod,
    ReconciliationInputs,
    SsnOwner,
    TaxReturn,
    inputs_fingerprint,
    reconcile,
)

D = Decimal
R = 1 + D("0.08") / 366
INTEREST = (2000 * (R**56 - 1)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
AMOUNT_DUE = 12000 - 10000 + D("20.00") + INTEREST
JARGON = re.compile(r"\bCP ?\d|IRC|_|First-Time|\bFTA\b|\bSSN\b|6601|transcript", re.I)


def notice(**changes) -> Notice:
    billing = {
        "tax": D("12000.00"),
        "payments_credits": D("-10000.00"),
        "failure_to_pay_penalty": D("20.00"),
        "interest": INTEREST,
    }
    billing.update(changes.pop("billing", {}))
    amount = changes.pop("amount_due", sum(billing.values(), D("0")))
    base = Notice("CP14", date(2024, 6, 10), date(2024, 7, 1), 2023, "1040", amount, billing)
    return replace(base, **changes)


RETURN = TaxReturn(
    "1040",
    "single",
    False,
    date(2024, 4, 15),
    None,
    date(2024, 4, 15),
    D("12000"),
    withholding=D("10000"),
)
HOUSEHOLD = Household(
    joint=False, all_returns_filed=True, prior_penalty_years=(2021,), primary_ssn_last4="6789"
)


def run(payments=(), *, n=None, household=HOUSEHOLD, ret=RETURN, **kw):
    return reconcile(ReconciliationInputs(n or notice(), household, ret, tuple(payments), **kw))


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def pay(day, amount="500", **kw) -> Payment:
    kw.setdefault("method", PaymentMethod.DIRECT_PAY)
    kw.setdefault("designated_tax_year", 2023)
    kw.setdefault("designated_form", "1040")
    kw.setdefault("has_proof", True)
    kw.setdefault("verified", True)
    return Payment(day, D(amount), confirmation="ABC123", **kw)


def test_amount_due_is_hand_computed():
    assert D("24.63") == INTEREST
    assert D("2044.63") == AMOUNT_DUE


def test_agreeing_notice_recommends_paying_now_with_how():
    result = run()
    assert codes(result) == ["agrees"]
    rec = result.recommendation
    assert rec.action == "pay_now"
    assert rec.amount == AMOUNT_DUE and rec.by_date == date(2024, 7, 1)
    assert any(
        "United States Treasury" in h and "6789" in h and "2023 Form 1040" in h for h in rec.how
    )
    assert "$2,044.63" in rec.client_text and not JARGON.search(rec.client_text)
    assert "agrees" in rec.staff_text


def test_domain_cp14_sample_adds_up_but_penalties_cannot_be_reproduced():
    # DOMAIN.md sample: 3,183.00 - 3,328.00 + 318.30 + 633.30 + 145.00 + 123.61 = 1,075.21.
    billing = {
        "tax": D("3183.00"),
        "payments_credits": D("-3328.00"),
        "failure_to_file_penalty": D("318.30"),
        "failure_to_pay_penalty": D("633.30"),
        "interest": D("145.00"),
        "estimated_tax_penalty": D("123.61"),
    }
    assert sum(billing.values()) == D("1075.21")
    n = Notice("CP14", date(2018, 1, 30), date(2018, 2, 20), 2017, "1040", D("1075.21"), billing)
    ret = TaxReturn(
        "1040",
        "single",
        False,
        date(2017, 4, 18),
        None,
        date(2017, 4, 18),
        D("3183.00"),
        withholding=D("3328.00"),
    )
    result = run(n=n, ret=ret)
    found = codes(result)
    assert "billing_does_not_add_up" not in found  # the lines sum to the amount due
    assert "tax_differs_from_return" not in found  # 3,183.00 on both
    # Credits 3,328 exceed the tax 3,183: nothing was unpaid, so the engine finds no
    # failure-to-file, failure-to-pay or interest; each billed line is unexplained.
    unexplained = [f for f in result.findings if f.code == "penalty_not_reproduced"]
    assert sorted(f.dollar_effect for f in unexplained) == [
        D("-633.30"),
        D("-318.30"),
        D("-145.00"),
    ]
    assert "estimated_tax_penalty_not_checked" in found
    assert result.recommendation.action == "investigate"


def test_payment_after_notice_reduces_what_is_left():
    result = run([pay(date(2024, 6, 15))])
    f = next(f for f in result.findings if f.code == "payment_after_notice")
    assert f.dollar_effect == D("-500")
    assert result.recommendation.action == "pay_now"
    assert result.recommendation.amount == AMOUNT_DUE - 500


def test_payment_within_two_weeks_before_notice_is_posting_lag():
    result = run([pay(date(2024, 6, 1))])  # 9 days before, not in the billed credits
    assert "payment_posting_lag" in codes(result)
    assert result.recommendation.action == "pay_now"
    assert result.recommendation.amount == AMOUNT_DUE - 500


def test_payment_under_spouse_ssn_on_joint_return_is_disputed_with_proof():
    joint_ret = replace(RETURN, joint=True, filing_status="married_filing_jointly")
    hh = replace(HOUSEHOLD, joint=True)
    result = run([pay(date(2024, 5, 1), ssn_owner=SsnOwner.SPOUSE)], household=hh, ret=joint_ret)
    assert "payment_under_spouse_ssn" in codes(result)
    rec = result.recommendation
    assert rec.action == "dispute"
    assert rec.amount == AMOUNT_DUE - 500
    assert any("confirmation page" in e for e in rec.evidence_to_enclose)
    assert any("primary" in h for h in rec.how)
    assert not JARGON.search(rec.client_text)


def test_payment_designated_to_another_year_is_disputed():
    result = run([pay(date(2024, 5, 1), designated_tax_year=2022)])
    f = next(f for f in result.findings if f.code == "payment_designated_elsewhere")
    assert f.dollar_effect == D("-500") and any("2022" in e for e in f.evidence)
    assert result.recommendation.action == "dispute"


def test_old_payment_not_applied_without_proof_needs_investigation():
    result = run([pay(date(2024, 4, 20), has_proof=False)])
    assert "payment_not_applied" in codes(result)
    rec = result.recommendation
    assert rec.action == "investigate"
    assert any("proof of payment" in m for m in rec.missing)
    assert not JARGON.search(rec.client_text)


def test_tax_differs_from_return_expects_a_math_error_notice():
    # IRS tax 12,500: 500 more than the return. Penalties recomputed on the IRS figure:
    # FTP 2 x 0.5% x 2,500 = 25.00; interest on 2,500 for 56 days.
    interest = (2500 * (R**56 - 1)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    n = notice(
        billing={"tax": D("12500.00"), "failure_to_pay_penalty": D("25.00"), "interest": interest}
    )
    result = run(n=n)
    f = next(f for f in result.findings if f.code == "tax_differs_from_return")
    assert f.dollar_effect == D("500.00") and "CP11" in f.cause
    assert "penalty_not_reproduced" not in codes(result)
    assert result.recommendation.action == "investigate"


def test_penalty_the_engine_cannot_reproduce():
    n = notice(billing={"failure_to_pay_penalty": D("60.00")})  # hand: 20.00
    result = run(n=n)
    f = next(f for f in result.findings if f.code == "penalty_not_reproduced")
    assert f.dollar_effect == D("-40.00")
    assert result.recommendation.action == "investigate"


def test_credits_on_notice_exceeding_records_and_unexplained_shortfall():
    more = run(n=notice(billing={"payments_credits": D("-10300.00")}))
    assert "credits_exceed_records" in codes(more)
    assert more.recommendation.action == "investigate"
    # Records show a 700 payment, the notice is 300 short: no payment explains 300.
    short = run(
        [pay(date(2024, 4, 20), "700")], n=notice(billing={"payments_credits": D("-10400.00")})
    )
    assert "credits_short_unexplained" in codes(short)


def test_billing_lines_that_do_not_add_up_and_missing_return():
    assert "billing_does_not_add_up" in codes(run(n=notice(amount_due=D("2100.00"))))
    result = run(ret=None)
    assert "return_missing" in codes(result)
    assert result.recommendation.action == "investigate"


def test_penalty_only_balance_with_first_time_abate():
    # Withholding 10,000 plus 2,000 paid 2024-05-20 -> tax paid. FTP: months starting Apr 16
    # (base 2,000) and May 16 (payment after May 15, base 2,000) = 20.00. Interest: 2,000 for
    # 35 days (Apr 15 -> May 20); the 2,000 goes to tax; the interest left compounds 21 days.
    i35 = (2000 * (R**35 - 1)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    interest = (i35 * R**21).quantize(D("0.01"), rounding=ROUND_HALF_UP)
    n = notice(billing={"payments_credits": D("-12000.00"), "interest": interest})
    hh = replace(HOUSEHOLD, prior_penalty_years=(2019,))  # outside 2020-2022
    result = run([pay(date(2024, 5, 20), "2000")], n=n, household=hh)
    assert "first_time_abate_available" in codes(result), result.recommendation.staff_text
    rec = result.recommendation
    assert rec.action == "penalty_relief"
    assert rec.amount == interest  # pay the interest; ask for the 20.00 penalty to go
    assert not JARGON.search(rec.client_text)


def test_notice_2024_7_relief_for_2021_return():
    # 2021 return due 2022-04-18, tax 12,000, withholding 10,000; first notice 2022-07-11.
    # FTP: months starting Apr 19, May 19, Jun 19 = 3 x 10.00 = 30.00 (interest not billed).
    ret = replace(RETURN, original_due_date=date(2022, 4, 18), date_filed=date(2022, 4, 18))
    n = Notice(
        "CP14",
        date(2022, 7, 11),
        date(2022, 8, 1),
        2021,
        "1040",
        D("2030.00"),
        {
            "tax": D("12000.00"),
            "payments_credits": D("-10000.00"),
            "failure_to_pay_penalty": D("30.00"),
        },
    )
    result = run(n=n, ret=ret, household=replace(HOUSEHOLD, prior_penalty_years=(2020,)))
    assert codes(result) == ["notice_2024_7_relief"]
    assert result.recommendation.action == "penalty_relief"
    assert result.recommendation.amount == D("2000.00")


def test_cp2000_is_a_proposal_never_a_bill():
    n = Notice(
        "CP2000", date(2024, 6, 10), date(2024, 7, 10), 2022, "1040", D("3400"), {"tax": D("3000")}
    )
    result = run(n=n)
    assert codes(result) == ["cp2000_proposal"]
    assert result.recommendation.action == "respond_cp2000"
    assert "not a bill" in result.recommendation.client_text


def test_plans_follow_ability_to_pay_and_thresholds():
    short = run(household=replace(HOUSEHOLD, ability_to_pay=AbilityToPay.WITHIN_180_DAYS))
    assert short.recommendation.action == "short_term_plan"
    long = run(household=replace(HOUSEHOLD, ability_to_pay=AbilityToPay.OVER_TIME))
    assert long.recommendation.action == "installment_agreement"
    assert "online" in long.recommendation.reasons[0]
    unfiled = run(
        household=replace(HOUSEHOLD, ability_to_pay=AbilityToPay.OVER_TIME, all_returns_filed=False)
    )
    assert "not all returns are filed" in unfiled.recommendation.reasons[0]
    for r in (short, long, unfiled):
        assert not JARGON.search(r.recommendation.client_text)


def test_installment_plan_counts_for_first_time_abate():
    result = run(
        installments=(InstallmentPeriod(date(2024, 6, 1)),),
        household=replace(HOUSEHOLD, prior_penalty_years=()),
    )
    assert "first_time_abate_available" in codes(result)


def test_result_serialises_and_fingerprint_tracks_inputs():
    rin = ReconciliationInputs(notice(), HOUSEHOLD, RETURN, (pay(date(2024, 6, 15)),))
    result = reconcile(rin)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["inputs_fingerprint"] == inputs_fingerprint(rin)
    assert data["recommendation"]["action"] == "pay_now"
    changed = replace(rin, payments=(pay(date(2024, 6, 15), "501"),))
    assert inputs_fingerprint(changed) != inputs_fingerprint(rin)
