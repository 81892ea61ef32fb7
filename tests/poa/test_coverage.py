"""Power-of-attorney coverage, worked by hand from the rules in shared/TRANSCRIPTS.md §4.

Plain Python: runs with `pytest -p no:django`.
"""

from datetime import date

import pytest

from poa.coverage import (
    Authorization,
    Matter,
    PoaForm,
    Representative,
    TaxpayerRole,
    coverage,
    coverage_horizon,
    future_period_limit,
    last_coverable_year,
    normalize_form,
    tasks_due,
    validate_authorization,
)

SAM = Representative(1, "Sam Staff")
PAT = Representative(2, "Pat Partner")
JORDAN = {TaxpayerRole.PRIMARY: "Jordan Example"}
JOINT = {TaxpayerRole.PRIMARY: "Jordan Example", TaxpayerRole.SPOUSE: "Casey Example"}
TODAY = date(2026, 1, 20)
INCOME_2021_2024 = (Matter("Income", "1040", 2021, 2024),)


def auth(
    id=1,
    *,
    form=PoaForm.F2848,
    taxpayer=TaxpayerRole.PRIMARY,
    matters=INCOME_2021_2024,
    reps=(SAM,),
    received=date(2025, 3, 10),
    **kw,
):
    return Authorization(
        id=id,
        form=form,
        taxpayer=taxpayer,
        matters=matters,
        representatives=reps,
        signed_on=date(2025, 3, 1),
        received_on=received,
        **kw,
    )


def covers(auths, year=2023, form="1040", taxpayers=JORDAN, signer=SAM, as_of=TODAY):
    return coverage(auths, form=form, year=year, taxpayers=taxpayers, as_of=as_of, signer=signer)


# --------------------------------------------------------------- the three-year rule


@pytest.mark.parametrize(
    ("received", "limit", "last_year"),
    [
        # Received March 10, 2025: periods must end by March 10, 2028. Tax year 2027 ends
        # December 31, 2027 (inside); 2028 ends December 31, 2028 (outside).
        (date(2025, 3, 10), date(2028, 3, 10), 2027),
        # Received on December 31: the limit is December 31 three years on, which a
        # calendar year ending that very day still meets.
        (date(2024, 12, 31), date(2027, 12, 31), 2027),
        # January 1: the limit (January 1, 2028) is one day past 2027's end.
        (date(2025, 1, 1), date(2028, 1, 1), 2027),
        # A leap day: three years on there is no February 29; February 28 is the limit.
        (date(2024, 2, 29), date(2027, 2, 28), 2026),
    ],
)
def test_future_periods_count_up_to_three_years_after_the_irs_received_the_form(
    received, limit, last_year
):
    assert future_period_limit(received) == limit
    assert last_coverable_year(received) == last_year


def test_a_listed_future_year_past_the_limit_does_not_count():
    future = auth(matters=(Matter("Income", "1040", 2024, 2029),), received=date(2025, 3, 10))
    assert covers([future], year=2027, as_of=date(2027, 6, 1)).covered
    refused = covers([future], year=2028, as_of=date(2028, 6, 1))
    assert not refused.covered
    assert "more than three years" in refused.reason and "March 10, 2028" in refused.reason


def test_a_past_year_listed_on_the_form_counts_however_old():
    old = auth(matters=(Matter("Income", "1040", 2010, 2012),))
    assert covers([old], year=2010).covered


# ---------------------------------------------------------------- what covers a case


def test_a_received_2848_naming_the_signer_covers_the_listed_form_and_year():
    result = covers([auth()])
    assert result.covered and result.covering == (1,) and result.reasons == ()
    assert "Sam Staff" in result.notes[0]


def test_the_form_number_is_compared_without_prefix_case_or_spacing():
    assert normalize_form("Form 1040") == "1040" == normalize_form(" form1040 ")
    assert normalize_form("1040 sr") == "1040-SR"
    assert covers([auth()], form="Form 1040").covered
    assert not covers([auth()], form="941").covered


def test_an_8821_never_satisfies_the_gate_even_naming_the_signer():
    result = covers([auth(form=PoaForm.F8821)])
    assert not result.covered
    assert "see information, not represent" in result.reason


def test_the_representative_must_be_the_letters_signer():
    result = covers([auth(reps=(SAM,))], signer=PAT)
    assert not result.covered
    assert "names Sam Staff, not Pat Partner" in result.reason
    # The queue's question (anyone at the practice?) is answered yes.
    assert covers([auth(reps=(SAM,))], signer=None).covered
    assert covers([auth(reps=(SAM, PAT))], signer=PAT).covered


def test_signed_but_not_received_is_not_on_file():
    result = covers([auth(received=None)])
    assert not result.covered and "not on file yet" in result.reason
    # Received after the day asked about: not yet on file that day either.
    assert not covers([auth(received=date(2026, 2, 1))]).covered


def test_a_year_or_form_not_listed_is_not_covered_and_says_what_is():
    year = covers([auth()], year=2025)
    assert not year.covered and "Income, Form 1040, 2021 through 2024, not 2025" in year.reason
    form = covers([auth()], form="1120")
    assert not form.covered and "does not list Form 1120" in form.reason


def test_revocation_and_withdrawal_end_coverage_from_their_date():
    revoked = auth(revoked_on=date(2025, 10, 1))
    assert not covers([revoked]).covered
    assert "revoked on October 1, 2025" in covers([revoked]).reason
    assert covers([revoked], as_of=date(2025, 9, 30)).covered  # the day before, it counted
    withdrawn = auth(withdrawn_on=date(2025, 11, 5))
    assert "withdrew" in covers([withdrawn]).reason


def test_a_newer_2848_for_the_same_matter_revokes_the_older_unless_it_keeps_it():
    older = auth(1, reps=(SAM,), received=date(2024, 5, 1))
    newer = auth(2, reps=(PAT,), received=date(2025, 3, 10))
    # Sam signs: the older form named Sam, but the newer one replaced it for 2023.
    result = covers([older, newer], signer=SAM)
    assert not result.covered and "replaced" in result.reason
    # Pat, on the newer form, is covered.
    assert covers([older, newer], signer=PAT).covering == (2,)
    # With line 6 ticked (retain prior), both stay in effect.
    keeping = auth(2, reps=(PAT,), received=date(2025, 3, 10), retains_prior=True)
    assert covers([older, keeping], signer=SAM).covering == (1,)
    # A newer form for other years leaves the older one alone for 2023.
    other_years = auth(
        2, reps=(PAT,), received=date(2025, 3, 10), matters=(Matter("Income", "1040", 2025, 2025),)
    )
    assert covers([older, other_years], signer=SAM).covered


def test_joint_filers_each_need_their_own_2848():
    primary = auth(1, taxpayer=TaxpayerRole.PRIMARY)
    result = covers([primary], taxpayers=JOINT)
    assert not result.covered
    assert "No power of attorney is on file for Casey Example" in result.reason
    spouse = auth(2, taxpayer=TaxpayerRole.SPOUSE)
    both = covers([primary, spouse], taxpayers=JOINT)
    assert both.covered and set(both.covering) == {1, 2}


def test_no_form_at_all_says_whom_to_ask():
    result = covers([])
    assert not result.covered
    assert result.reason.startswith("No power of attorney is on file for Jordan Example")


def test_a_case_without_a_form_number_is_not_covered():
    assert not covers([auth()], form=" ").covered


# --------------------------------------------------------------------- validation


def test_validation_refuses_all_years_future_dates_and_impossible_orders():
    errors, _ = validate_authorization(
        form=PoaForm.F2848,
        matters=[Matter("Income", "1040", 0, 9999)],
        signed_on=date(2026, 3, 1),
        received_on=date(2026, 2, 1),
        revoked_on=None,
        withdrawn_on=None,
        representatives=0,
        today=TODAY,
    )
    text = " ".join(errors)
    assert "'all years' is not accepted" in text
    assert "at least one representative" in text
    assert "cannot be in the future" in text
    assert "before it was signed" in text


def test_validation_warns_when_listed_years_pass_the_three_year_limit():
    errors, warnings = validate_authorization(
        form=PoaForm.F2848,
        matters=[Matter("Income", "1040", 2022, 2030)],
        signed_on=date(2025, 3, 1),
        received_on=date(2025, 3, 10),
        revoked_on=None,
        withdrawn_on=None,
        representatives=1,
        today=TODAY,
    )
    assert errors == []
    assert "years after 2027" in warnings[0]


# --------------------------------------------------------------------- staff tasks


def test_horizon_is_the_end_of_the_last_period_the_form_can_cover():
    assert coverage_horizon(auth()) == date(2024, 12, 31)
    long = auth(matters=(Matter("Income", "1040", 2022, 2035),), received=date(2025, 3, 10))
    assert coverage_horizon(long) == date(2027, 12, 31)
    assert coverage_horizon(auth(form=PoaForm.F8821)) is None


def test_tasks_for_expiring_and_revoked_forms():
    expiring = auth(1, matters=(Matter("Income", "1040", 2023, 2025),))
    revoked = auth(2, matters=(Matter("Income", "941", 2024, 2024),), revoked_on=date(2025, 12, 1))
    old_revoked = auth(
        3, matters=(Matter("Income", "940", 2024, 2024),), revoked_on=date(2025, 4, 1)
    )
    found = {
        t.authorization: t
        for t in tasks_due([expiring, revoked, old_revoked], as_of=date(2025, 12, 10))
    }
    assert found[1].kind == "expiring" and found[1].due_on == date(2025, 12, 31)
    assert found[2].kind == "revoked" and "revoked on December 1, 2025" in found[2].summary
    # A revocation long past raises nothing new; its task (if any) was raised back then.
    assert 3 not in found
    # Sixty days is the window: in September, the end of December is not close yet.
    assert tasks_due([expiring], as_of=date(2025, 9, 1)) == []


def test_a_replaced_2848_raises_a_task():
    older = auth(1, received=date(2024, 5, 1))
    newer = auth(2, reps=(PAT,), received=date(2025, 12, 1))
    found = tasks_due([older, newer], as_of=date(2025, 12, 10))
    assert [(t.authorization, t.kind) for t in found] == [(1, "revoked")]
