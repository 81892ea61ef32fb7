"""Letter content: each template names the right notice, amounts and enclosures."""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from letters.content import (
    Cp2000Item,
    Cp2000Position,
    FullSSNRefused,
    LetterContent,
    LetterKind,
    PaymentIssue,
    PlanKind,
    ReliefRoute,
    Taxpayer,
    assert_no_full_ssn,
    client_explainer_letter,
    cp2000_response_letter,
    format_money,
    payment_plan_cover_letter,
    penalty_relief_letter,
)
from letters.html import render_letter_html
from tests.letters.samples import (
    CP14,
    CP2000,
    ENCLOSURES,
    FINDING,
    IRS_ADDRESS,
    LETTER_DATE,
    LETTERHEAD,
    TAXPAYER,
    dispute,
)

COMMON = {"letterhead": LETTERHEAD, "taxpayer": TAXPAYER, "letter_date": LETTER_DATE}


def text_of(content):
    return "\n".join(
        [
            content.subject,
            *(p.text for p in content.paragraphs),
            *(f"{k}: {v}" for k, v in content.reference),
        ]
    )


def test_dispute_letter_names_everything_domain_section_6_asks_for():
    content = dispute()
    body = text_of(content)
    assert content.kind is LetterKind.DISPUTE_PAID
    assert content.recipient == IRS_ADDRESS
    for needle in (
        "John Smith and Mary Smith",
        "XXX-XX-1234",
        "2017",
        "Form 1040",
        "CP14",
        "January 30, 2018",
        "$1,075.21",
        "January 10, 2018",
        "IRS Direct Pay",
        "DP7Q2K9",
        "ending 5678",
        "Proof enclosed",
    ):
        assert needle in body, needle
    assert content.enclosures == ENCLOSURES
    assert "showing no balance due" in body
    assert content.paragraph_keys == ("opening", "basis_1", "summary", "request", "contact")


@pytest.mark.parametrize(
    ("issue", "phrase"),
    [
        (PaymentIssue.WRONG_YEAR, "designated to tax year 2016 instead of tax year 2017"),
        (PaymentIssue.NOT_APPLIED, "not credited"),
        (PaymentIssue.WITH_RETURN, "sent with the return"),
        (PaymentIssue.NOT_POSTED, "had not posted"),
    ],
)
def test_dispute_letter_explains_each_kind_of_misapplied_payment(issue, phrase):
    finding = replace(FINDING, issue=issue, applied_to="tax year 2016")
    assert phrase in text_of(dispute(findings=[finding]))


def test_partial_payment_does_not_claim_a_zero_balance():
    short = replace(FINDING, amount=Decimal("500.00"))
    body = text_of(dispute(findings=[short]))
    assert "$500.00 in payments" in body and "against the $1,075.21 billed" in body
    assert "no balance due" not in body


def test_dispute_letter_refuses_a_cp2000_and_needs_proof():
    with pytest.raises(ValueError, match="proposal"):
        dispute(notice=CP2000)
    with pytest.raises(ValueError):
        dispute(enclosures=())
    with pytest.raises(ValueError):
        dispute(findings=())
    with pytest.raises(ValueError, match="reply address"):
        dispute(notice=replace(CP14, irs_address=()))


def test_penalty_relief_first_time_abate():
    content = penalty_relief_letter(
        **COMMON,
        notice=CP14,
        route=ReliefRoute.FIRST_TIME_ABATE,
        penalties=[
            ("Failure-to-pay penalty", Decimal("633.30")),
            ("Failure-to-file penalty", Decimal("318.30")),
        ],
        enclosures=["Copy of notice CP14"],
    )
    body = text_of(content)
    assert "First-Time Abate" in body and "three tax years before 2017" in body
    assert "$633.30" in body and "$951.60 in total" in body and "CP14" in body
    assert content.enclosures == ("Copy of notice CP14",)


def test_reasonable_cause_needs_the_facts():
    with pytest.raises(ValueError, match="facts"):
        penalty_relief_letter(
            **COMMON,
            notice=CP14,
            route=ReliefRoute.REASONABLE_CAUSE,
            penalties=[("Failure-to-pay penalty", Decimal("1"))],
        )
    content = penalty_relief_letter(
        **COMMON,
        notice=CP14,
        route=ReliefRoute.REASONABLE_CAUSE,
        penalties=[("Failure-to-pay penalty", Decimal("633.30"))],
        facts="Mr. Smith was hospitalized from March 1 to May 30, 2018.",
    )
    assert "hospitalized" in text_of(content) and "Reasonable cause" in content.subject


def test_payment_plan_cover_letter():
    content = payment_plan_cover_letter(
        **COMMON,
        notice=CP14,
        plan=PlanKind.INSTALLMENT_AGREEMENT,
        monthly_amount=Decimal("150"),
        payment_day=15,
        enclosures=["Form 9465, Installment Agreement Request"],
    )
    body = text_of(content)
    assert "$150.00 on day 15 of each month" in body and "$1,075.21" in body
    assert "Form 9465" in content.enclosures[0]
    with pytest.raises(ValueError):
        payment_plan_cover_letter(**COMMON, notice=CP14, plan=PlanKind.INSTALLMENT_AGREEMENT)
    short = payment_plan_cover_letter(**COMMON, notice=CP14, plan=PlanKind.SHORT_TERM)
    assert "180 days" in text_of(short)


def test_cp2000_response_letter():
    content = cp2000_response_letter(
        **COMMON,
        notice=CP2000,
        position=Cp2000Position.PARTIAL,
        items=[
            Cp2000Item(
                "Form 1099-B from Example Brokerage",
                "Cost basis of $9,800.00 was not reported to the IRS.",
            )
        ],
        enclosures=["Signed CP2000 response form", "Brokerage statement with cost basis"],
    )
    body = text_of(content)
    assert "CP2000" in body and "$2,310.00" in body and "July 3, 2024" in body
    assert "Proposed amount due: $2,310.00" in body
    assert "Form 1099-B" in body
    with pytest.raises(ValueError, match="CP2000 notices only"):
        cp2000_response_letter(**COMMON, notice=CP14, position=Cp2000Position.AGREE, enclosures=[])
    with pytest.raises(ValueError):
        cp2000_response_letter(
            **COMMON, notice=CP2000, position=Cp2000Position.DISAGREE, enclosures=[]
        )


def test_client_letter_is_plain_english_and_addressed_to_the_client():
    content = client_explainer_letter(
        **COMMON,
        notice=CP14,
        findings_summary="Your January 10 payment was made under Mary's number.",
        recommended_action="We will write to the IRS to move the payment. You owe nothing.",
        client_needs=["The bank statement for January 2018"],
    )
    body = text_of(content)
    assert content.recipient[0] == "John Smith and Mary Smith"
    assert content.salutation == "Dear John Smith and Mary Smith,"
    assert "It is not an audit" in body and "$1,075.21" in body and "February 20, 2018" in body
    assert "gift card" in body and "bank statement" in body.lower()
    assert content.delivery == "" and content.enclosures == ()
    cp2000 = client_explainer_letter(
        **COMMON, notice=CP2000, findings_summary="x", recommended_action="y"
    )
    assert "This is not a bill" in text_of(cp2000)


def test_staff_overrides_replace_or_remove_paragraphs_by_key():
    content = dispute(overrides={"summary": "", "request": "Please fix it."})
    assert "summary" not in content.paragraph_keys
    assert content.paragraphs[-2].text == "Please fix it."
    with pytest.raises(KeyError, match="nope"):
        dispute().with_overrides({"nope": "x"})


@pytest.mark.parametrize("ssn", ["123-45-6789", "123 45 6789", "123456789", "912.70.1234"])
def test_a_full_ssn_is_refused_anywhere_in_a_letter(ssn):
    with pytest.raises(FullSSNRefused) as err:
        dispute(overrides={"request": f"Taxpayer SSN {ssn}."})
    assert ssn not in str(err.value)
    with pytest.raises(FullSSNRefused):
        dispute(findings=[replace(FINDING, reference=ssn)])
    with pytest.raises(FullSSNRefused):
        dispute(taxpayer=Taxpayer((f"John {ssn}",), "1234"))


@pytest.mark.parametrize(
    "fine",
    [
        "Holtsville, NY 11742-9019",
        "1-800-829-1040",
        "EFT 270351234567891",
        "$100,000.00",
        "Caller ID 105437",
    ],
)
def test_ordinary_numbers_are_not_mistaken_for_ssns(fine):
    assert_no_full_ssn(fine)


def test_a_version_round_trips_through_json():
    content = dispute(overrides={"request": "Please fix it."})
    stored = json.loads(json.dumps(content.to_dict()))
    assert LetterContent.from_dict(stored) == content
    stored["paragraphs"][0]["text"] = "SSN 123-45-6789"
    with pytest.raises(FullSSNRefused):
        LetterContent.from_dict(stored)


def test_last4_must_be_four_digits():
    with pytest.raises(ValueError):
        Taxpayer(("John Smith",), "123456789")


def test_money_is_formatted_from_decimal_only():
    assert format_money(Decimal("1075.2")) == "$1,075.20"
    assert format_money(Decimal("-3328")) == "-$3,328.00"
    with pytest.raises(TypeError):
        format_money(1075.21)


def test_client_typed_markup_is_escaped_in_the_html():
    evil = Taxpayer(("John <script>alert('x')</script> Smith",), "1234", ("<img src=x>",))
    content = client_explainer_letter(
        **{**COMMON, "taxpayer": evil},
        notice=CP14,
        findings_summary="<b>found</b>",
        recommended_action="Pay & relax",
    )
    html = render_letter_html(content)
    assert "<script>" not in html and "<img src=x>" not in html and "<b>found" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "Pay &amp; relax" in html


def test_every_kind_has_a_template_that_renders():
    html = render_letter_html(dispute())
    assert 'href="letters/letter.css"' in html
    assert "Enclosures (2)" in html and "IRS Direct Pay confirmation DP7Q2K9" in html
    assert "XXX-XX-1234" in html
    client = client_explainer_letter(
        **COMMON, notice=CP14, findings_summary="x", recommended_action="y"
    )
    assert '<th scope="row">SSN</th>' not in render_letter_html(client)
    assert {k.value for k in LetterKind} == {
        "dispute_paid",
        "penalty_relief",
        "payment_plan",
        "cp2000_response",
        "client_explainer",
    }


def test_dates_are_long_form():
    assert "February 5, 2018" in render_letter_html(dispute(letter_date=date(2018, 2, 5)))
