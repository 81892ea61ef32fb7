"""What genuine notices say, by notice type, in several wordings. Plain text, not HTML."""

from __future__ import annotations

from .look import Look

KIND = {
    "CP14": "balance", "CP14C": "balance", "CP14IA": "balance", "CP161": "balance",
    "CP501": "reminder", "CP503": "reminder2", "CP504": "levy_intent", "LT11": "final",
    "CP11": "math", "CP2000": "proposed",
}


def form_phrase(lk: Look) -> str:
    n = lk.n
    if n.period_end and n.tax_form == "941":
        return f"Form 941 for the quarter ending {lk.d(n.period_end)}"
    return f"{n.tax_year} Form {n.tax_form}"


def headline(lk: Look) -> list[str]:
    """Title lines (the first is the big one)."""
    n, r = lk.n, lk.rng
    amount = lk.m(n.amount_due, dollar=True)
    kind = KIND[n.notice_type]
    if kind == "balance":
        if n.business:
            return r.choice([[f"Balance due on your {form_phrase(lk)}", f"Amount due: {amount}"],
                             ["Request for payment", f"Amount due: {amount}"]])
        first = r.choice([f"You have a balance due for {n.tax_year}",
                          f"Balance due on your {n.tax_year} taxes",
                          f"You owe money on your {n.tax_year} taxes"])
        return [first, f"Amount due: {amount}"]
    if kind == "reminder":
        return [r.choice(["Reminder: You have a balance due", "Reminder of balance due",
                          "Reminder notice: unpaid balance"]), f"Amount due: {amount}"]
    if kind == "reminder2":
        return [r.choice(["Second reminder: You have a balance due",
                          "Important: We still haven't received your payment"]),
                "Immediate action is required", f"Amount due: {amount}"]
    if kind == "levy_intent":
        return ["Notice of intent to seize (levy) your property or rights to property",
                f"Amount due immediately: {amount}"]
    if kind == "final":
        return ["Final notice", "Notice of intent to levy and notice of your right to a hearing",
                f"Amount you owe: {amount}"]
    if kind == "math":
        return [r.choice([f"Changes to your {n.tax_year} Form {n.tax_form}",
                          f"We changed your {n.tax_year} Form {n.tax_form}"]),
                f"Amount due: {amount}"]
    return [f"Proposed changes to your {n.tax_year} Form {n.tax_form}",
            "This is not a bill",
            f"Proposed amount due: {amount}"]


def amount_sentences(lk: Look) -> list[str]:
    """Amount and date inside sentences (what some layouts print instead of a box)."""
    n, r = lk.n, lk.rng
    a = lk.m(n.amount_due, dollar=True)
    kind = KIND[n.notice_type]
    what = form_phrase(lk)
    if kind in ("balance", "reminder", "reminder2", "math"):
        s1 = r.choice([
            f"Our records show you owe {a} on your {what}.",
            f"You owe {a} for your {what}.",
            f"The amount you owe on your {what} is {a}.",
        ])
        s2 = r.choice([
            f"Pay the full amount by {lk.due()} to avoid additional penalty and interest charges.",
            f"To avoid more interest and penalties, pay this amount by {lk.due()}.",
            f"Please pay the amount due by {lk.due()}.",
        ])
        return [s1, s2]
    if kind == "levy_intent":
        return [f"We have not received your payment of {a} for your {what}.",
                "Pay the amount due immediately. If you don't, we may levy your state tax refund "
                "and seize other property or rights to property."]
    if kind == "final":
        return [f"You still owe {a} for your {what}.",
                "Pay the amount you owe immediately or call us to make other arrangements."]
    return [f"Based on information we received from third parties, we propose a change that "
            f"would result in {a} owed for your {what}.",
            f"Please respond by {lk.due()}."]


def intro(lk: Look) -> list[str]:
    n, r = lk.n, lk.rng
    kind = KIND[n.notice_type]
    what = form_phrase(lk)
    if kind == "balance":
        out = [r.choice([
            f"We've processed your {what} and you have a balance due. "
            "This notice explains how much you owe and what you can do next.",
            f"Our records show you have an unpaid balance on your {what}.",
            f"You have an unpaid balance on your {what}. You can pay online now.",
        ])]
        if n.notice_type == "CP14C":
            out.append("Because you live in a federally declared disaster area, you may qualify "
                       "for relief from penalties. Call us if the disaster affected your ability "
                       "to pay.")
        if n.notice_type == "CP14IA":
            out.append(f"You have an installment agreement. Your monthly payment of "
                       f"{lk.m(n.extra['monthly'], dollar=True)} is due by {lk.due()}.")
        return out
    if kind == "reminder":
        return [r.choice([
            f"We previously sent you a notice about the balance on your {what}. "
            "We haven't received your payment.",
            f"This is a reminder that you still have an unpaid amount on your {what}.",
        ])]
    if kind == "reminder2":
        return [f"We previously sent you a reminder about your unpaid balance on your {what}. "
                "We have no record of your payment.",
                "If you don't pay, we may file a Notice of Federal Tax Lien."]
    if kind == "levy_intent":
        return [f"We previously asked you to pay the amount you owe on your {what}, "
                "but we still have no record of payment.",
                "This is your notice of our intent to levy your state tax refund or other "
                "property under Internal Revenue Code Section 6331(d)."]
    if kind == "final":
        return [f"We've sent you several notices about the amount you owe on your {what}. "
                "This letter is your notice of our intent to levy under IRC Section 6331.",
                f"You have the right to a Collection Due Process hearing. To ask for one, send "
                f"us Form 12153 by {lk.d(n.extra['hearing_by'])}."]
    if kind == "math":
        return [f"We found a miscalculation on your {what} and made changes to correct it. "
                "As a result, you owe money.",
                f"If you disagree, contact us within 60 days of the date of this notice, "
                f"by {lk.d(n.extra['dispute_by'])}. If you don't, you can't appeal in "
                "Tax Court."]
    item, label = n.extra["income_item"]
    return [f"The income and payment information we have on file from third parties doesn't "
            f"match the information you reported on your {what}.",
            f"We received {item} showing {lk.m(n.extra['income_amount'], dollar=True)} of "
            f"{label} that you did not report.",
            "This is not a bill. It is a proposal to change your tax return."]


def todo(lk: Look) -> list[str]:
    n, r = lk.n, lk.rng
    kind = KIND[n.notice_type]
    if kind == "proposed":
        return ["Review this notice and compare our changes with your records.",
                "Complete the response form and tell us whether you agree or disagree.",
                f"Mail or fax your response so we receive it by {lk.due()}."]
    due = lk.due()
    pay = (f"Pay the amount due by {due}." if due else "Pay the amount you owe immediately.")
    out = [pay,
           r.choice(["If you can't pay the full amount, pay what you can now and request a "
                     "payment plan online at www.irs.gov/paymentplan.",
                     "If you can't pay in full, you may qualify for a payment plan. "
                     "Go to www.irs.gov/paymentplan."]),
           r.choice(["If you already paid your balance in full within the past 14 days or "
                     "made a payment plan, you can disregard this notice.",
                     "Payments made within two weeks of this notice date may not be included "
                     "in the amount shown."])]
    if kind == "math":
        out.insert(1, "Review the changes we made and compare them with your return.")
    return out


def payment_options(lk: Look) -> list[str]:
    r = lk.rng
    number = "employer identification number" if lk.n.business else "Social Security number"
    opts = [
        "Pay online. Pay directly from your checking or savings account with IRS Direct Pay, "
        "or by debit or credit card or digital wallet for a fee. Go to www.irs.gov/payments.",
        "Pay with the Electronic Federal Tax Payment System (EFTPS). Enroll at www.eftps.gov.",
        "Pay by mail. Make your check or money order payable to the United States Treasury. "
        f"Write your {number}, "
        "the tax year and the form number on your payment.",
        "Set up a payment plan. You may be able to apply online at www.irs.gov/paymentplan.",
    ]
    if r.random() < 0.3:
        opts.append("Pay with cash at a participating retail store. Go to www.irs.gov/paycash "
                    "for instructions.")
    if r.random() < 0.4:
        opts[0], opts[1] = opts[1], opts[0]
    return opts


def penalties_text(lk: Look) -> list[str]:
    n = lk.n
    keys = {k for k, _ in n.penalties}
    out = []
    if "failure_to_file_penalty" in keys:
        out.append("Failure-to-file: We charge a penalty when a return is filed after the due "
                   "date. It is 5% of the unpaid tax for each month or part of a month the "
                   "return is late, up to 25%. (Internal Revenue Code Section 6651(a)(1))")
    if "failure_to_pay_penalty" in keys:
        out.append("Failure-to-pay: We charge a penalty when you don't pay the tax you owe by "
                   "the due date. It is 1/2% of the unpaid tax for each month or part of a "
                   "month, up to 25%. (Internal Revenue Code Section 6651(a)(2))")
    if "estimated_tax_penalty" in keys:
        out.append("Estimated tax: We charge a penalty when you don't pay enough tax through "
                   "withholding or estimated payments during the year. (Internal Revenue Code "
                   "Section 6654)")
    if keys:
        out.append("You may be able to have penalties removed if you can show reasonable cause "
                   "or qualify for first-time abatement. Call us or go to "
                   "www.irs.gov/penaltyrelief.")
    return out


def interest_text(lk: Look) -> list[str]:
    return ["Interest: We are required by law to charge interest when you don't pay your tax on "
            "time. Interest is figured from the due date of the return until you pay in full, "
            "and it is compounded daily. The interest rate is the federal short-term rate plus "
            "3 percent. (Internal Revenue Code Section 6601)"]


def consequences(lk: Look) -> list[str]:
    kind = KIND[lk.n.notice_type]
    if kind in ("balance", "reminder", "math"):
        return [lk.rng.choice([
            "If you don't pay the amount due, interest will increase and additional penalties "
            "may apply.",
            "If you don't pay, we'll continue to charge interest and penalties on the unpaid "
            "balance."])]
    if kind == "reminder2":
        return ["If you don't pay the amount due or call us to make arrangements, we may file "
                "a Notice of Federal Tax Lien on your property. A lien can affect your credit "
                "and your ability to sell property.",
                "We may also levy (seize) your wages, bank accounts or other property."]
    if kind in ("levy_intent", "final"):
        return ["If you don't pay the amount you owe, make alternative arrangements, or request "
                "a hearing, we may levy your wages, bank accounts, Social Security benefits or "
                "other income, and we may seize your property or rights to property.",
                "We may also file a Notice of Federal Tax Lien if we haven't already done so.",
                "If we levy, the failure-to-pay penalty rate increases to 1% per month."]
    return ["If we don't hear from you by the response date, we will send you a notice of "
            "deficiency and assess the proposed amount."]


def contact_lines(lk: Look) -> list[tuple[str, str]]:
    return [(label, lk.ph(num)) for label, num in lk.n.phones]


def stub_payee(lk: Look) -> str:
    return lk.rng.choice([
        "Make your check or money order payable to the United States Treasury.",
        "Make your check or money order payable to the United States Treasury. Write your "
        + ("EIN" if lk.n.business else "Social Security number")
        + ", the tax year and the form number on your payment.",
    ])
