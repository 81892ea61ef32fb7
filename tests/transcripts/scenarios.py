"""Generated notice + transcript pairs for the reconciliation scenarios.

The transcript side comes from the `ledger` generator (scripts/corpora/transcripts_ledger.py):
its rows are rendered as a printed transcript and read back by the reader, so each scenario
runs generator -> reader -> reconciliation. The notice side is a simple spec (the notice
reader is not under test here): a CP14 whose amount is what the engine computes at its date.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from records import reconciliation as rec
from records.engine import project_balance
from transcripts.reader import read_transcript_file

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "corpora"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

import transcripts_ledger as gen  # noqa: E402

D = Decimal


@dataclass
class Scenario:
    inputs: rec.ReconciliationInputs
    home: gen.Module
    modules: list[gen.Module]
    read: tuple[rec.TranscriptModule, ...]
    payment: Decimal = Decimal(0)
    notes: dict = field(default_factory=dict)


def weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def base(rng: random.Random, year: int, tin4: str, spouse4: str | None, request: date):
    """A module like TRANSCRIPTS.md's worked example, with random amounts."""
    due = date(year + 1, 4, 15) if date(year + 1, 4, 15).weekday() < 5 else None
    due = due or weekday(date(year + 1, 4, 15))
    tax = D(rng.randint(800000, 2000000)) / 100
    withheld = (tax * D("0.6")).quantize(D("0.01"))
    with_return = (tax * D("0.1")).quantize(D("0.01"))
    posted = weekday(due + timedelta(days=28))
    m = gen.Module(
        "1040",
        year,
        tin4,
        spouse4,
        "ALEX & JORDAN PRAX",
        "MAPLEW",
        request,
        f"10{rng.randint(10**9, 10**10 - 1)}",
    )
    cyc = f"{posted.year}{posted.isocalendar()[1]:02d}05"
    m.rows += [
        gen.Row("150", "Tax return filed", cyc, posted, tax),
        gen.Row("806", "W-2 or 1099 withholding", None, due, -withheld),
        gen.Row("610", "Payment with return", cyc, due, -with_return),
    ]
    m.as_of = request + timedelta(days=14)
    m.interest, m.penalty = D("12.34"), D("5.67")
    return m, due, tax, withheld, with_return


def bill(m: gen.Module, due: date, notice: date, unpaid: Decimal, payments) -> Decimal:
    """Assess FTP and interest at the notice date as the IRS would; return the amount due."""
    r = project_balance(tax=unpaid, due_date=due, as_of=notice, payments=payments)
    cyc = f"{notice.year}{notice.isocalendar()[1]:02d}05"
    m.rows.append(
        gen.Row(
            "276", "Penalty for late payment of tax", cyc, notice, D(r["failure_to_pay_penalty"])
        )
    )
    m.rows.append(
        gen.Row("196", "Interest charged for late payment", cyc, notice, D(r["interest"]))
    )
    m.rows.append(gen.Row("971", "Notice issued", cyc, notice, D("0"), wrap="CP 0014"))
    return D(r["total"])


def to_module(t) -> rec.TranscriptModule:
    return rec.TranscriptModule(
        form=t.form or "",
        tax_year=t.tax_year,
        tin_last4=t.tin_last4 or "",
        spouse_tin_last4=t.spouse_tin_last4 or "",
        entries=tuple(
            rec.TranscriptEntry(x.code, x.explanation, x.cycle, x.date, x.amount, x.pending)
            for x in t.transactions
        ),
        account_balance=t.account_balance,
        accrued_interest=t.accrued_interest,
        accrued_penalty=t.accrued_penalty,
        accruals_as_of=t.accruals_as_of,
        response_date=t.response_date,
    )


def read_back(modules: list[gen.Module], rng: random.Random) -> tuple[rec.TranscriptModule, ...]:
    text = gen.text_render(modules, True, rng)
    result = read_transcript_file(("generated.txt", text.encode()))
    assert result.ok, result.error
    return tuple(to_module(t) for t in result.transcripts)


def build(kind: str, seed: int) -> Scenario:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    year = rng.randint(2019, 2023)
    tin4, spouse4 = f"{rng.randint(1000, 9999)}", f"{rng.randint(1000, 9999)}"
    request = date(year + 2, 3, 2)
    home, due, tax, withheld, with_return = base(rng, year, tin4, spouse4, request)
    notice_date = weekday(due + timedelta(days=rng.randint(45, 70)))
    unpaid = tax - withheld - with_return
    paid = D(rng.randint(50000, 300000)) / 100
    paid_on = weekday(due + timedelta(days=rng.randint(5, 25)))
    client_payments: list[rec.Payment] = []
    modules = [home]
    owner = rec.SsnOwner.PRIMARY
    on_ledger: list[tuple[date, Decimal]] = []
    if kind in ("found", "missing", "spouse", "wrong_period"):
        if kind == "spouse":
            owner = rec.SsnOwner.SPOUSE
        client_payments.append(
            rec.Payment(
                paid_on,
                paid,
                rec.PaymentMethod.DIRECT_PAY,
                "DP-1",
                owner,
                year,
                "1040",
                verified=True,
                has_proof=True,
            )
        )
        row = gen.Row(
            "670", "Payment", f"{paid_on.year}{paid_on.isocalendar()[1] + 1:02d}02", paid_on, -paid
        )
        if kind == "found":
            home.rows.append(row)
            on_ledger.append((paid_on, paid))
        elif kind == "spouse":
            own, *_ = base(rng, year, spouse4, None, request)
            own.rows = [r for r in own.rows if r.code != "610"] + [row]
            modules.append(own)
        elif kind == "wrong_period":
            other, *_ = base(rng, year - 1, tin4, spouse4, request)
            other.rows.append(row)
            modules.append(other)
    amount_due = bill(home, due, notice_date, unpaid, on_ledger)
    if kind == "satisfied":
        later = weekday(notice_date + timedelta(days=10))
        home.rows.append(gen.Row("670", "Payment", None, later, -amount_due))
    if kind in ("fta_clean", "fta_ruled_out"):
        for back in (1, 2, 3):
            prior, p_due, p_tax, p_wh, p_wr = base(rng, year - back, tin4, spouse4, request)
            prior.rows.append(gen.Row("670", "Payment", None, p_due, -(p_tax - p_wh - p_wr)))
            if kind == "fta_ruled_out" and back == 2:
                prior.rows.append(
                    gen.Row(
                        "166",
                        "Penalty for late filing of tax return",
                        None,
                        weekday(p_due + timedelta(days=60)),
                        D("210.00"),
                    )
                )
            modules.append(prior)
    if kind == "bankruptcy":
        home.rows.append(
            gen.Row(
                "520",
                "Bankruptcy or other legal action filed",
                None,
                weekday(notice_date + timedelta(days=5)),
                D("0"),
            )
        )
    read = read_back(modules, rng)
    pay_by = notice_date + timedelta(days=21)
    inputs = rec.ReconciliationInputs(
        notice=rec.Notice(
            "CP14",
            notice_date,
            pay_by,
            year,
            "1040",
            amount_due,
            _summary(home, unpaid, withheld, with_return, on_ledger),
        ),
        household=rec.Household(joint=True, all_returns_filed=True, primary_ssn_last4=tin4),
        tax_return=rec.TaxReturn(
            "1040", "mfj", True, due, None, due, tax, withheld, D("0"), D("0"), with_return
        ),
        payments=tuple(client_payments),
        transcripts=read,
    )
    return Scenario(inputs, home, modules, read, paid if client_payments else D("0"))


def _summary(home, unpaid, withheld, with_return, on_ledger) -> dict:
    by_code = {r.code: r.amount for r in home.rows if r.code in ("276", "196")}  # at notice
    return {
        "tax": unpaid + withheld + with_return,
        "payments_credits": -(withheld + with_return) - sum((a for _, a in on_ledger), D("0")),
        "failure_to_pay_penalty": by_code["276"],
        "interest": by_code["196"],
    }
