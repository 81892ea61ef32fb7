"""The truth of one genuine notice: who, what, when, how much. Layouts only print it."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import dates, people

CENT = Decimal("0.01")
BALANCE_DUE_TYPES = {"CP14", "CP14C", "CP14IA", "CP501", "CP503", "CP161"}
NO_PAY_BY_TYPES = {"CP504", "LT11"}
LATEST_NOTICE = dt.date(2026, 10, 30)
PENALTY_KEYS = ("failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty")


def cents(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Notice:
    notice_type: str  # as the golden names it (CP14, LT11, CP161 ...)
    party: people.Party
    tax_year: int
    tax_form: str
    notice_date: dt.date
    pay_by: dt.date | None
    today: dt.date
    amount_due: Decimal
    rows: list[tuple[str, Decimal]]  # (vocabulary key, amount) in print order, no total
    penalty_style: str  # separate | grouped | total_only | none
    caller_id: str | None
    phones: list[tuple[str, str]]  # (label, number)
    center: str
    lockbox: tuple[str, str]
    period_end: dt.date | None = None  # business quarterly forms print a tax period
    amount_class: str = "normal"
    extra: dict = field(default_factory=dict)  # type-specific facts (hearing date ...)

    @property
    def business(self) -> bool:
        return self.party.business

    @property
    def penalties(self) -> list[tuple[str, Decimal]]:
        return [(k, v) for k, v in self.rows if k in PENALTY_KEYS]

    @property
    def penalties_total(self) -> Decimal:
        return sum((v for _, v in self.penalties), Decimal("0.00"))

    def billing_summary(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for key, value in self.rows:
            if key in PENALTY_KEYS and self.penalty_style == "total_only":
                continue
            out[key] = str(value)
        if self.penalties and self.penalty_style in ("grouped", "total_only"):
            out["penalties_total"] = str(self.penalties_total)
        return out

    def golden(self) -> dict:
        return {
            "ok": True,
            "notice_type": self.notice_type,
            "tax_year": self.tax_year,
            "tax_form": self.tax_form,
            "notice_date": self.notice_date.isoformat(),
            "pay_by_date": self.pay_by.isoformat() if self.pay_by else None,
            "amount_due": str(self.amount_due),
            "ssn_last4": self.party.ssn_last4,
            "caller_id": self.caller_id,
            "taxpayer_name": self.party.golden_name(),
            "billing_summary": self.billing_summary(),
            "legitimacy": "genuine",
        }

    def household(self) -> list[str]:
        out = [self.party.ssn_last4]
        if self.party.spouse_last4:
            out.append(self.party.spouse_last4)
        return out


def pay_by_for(notice_type: str, notice_date: dt.date, amount: Decimal) -> dt.date | None:
    if notice_type in NO_PAY_BY_TYPES:
        return None
    if notice_type == "CP2000":  # the response date
        return notice_date + dt.timedelta(days=30)
    if amount >= Decimal("100000"):
        return dates.add_business_days(notice_date, 10)
    return notice_date + dt.timedelta(days=21)


def _weekday_on_or_after(day: dt.date) -> dt.date:
    while not dates.is_business_day(day):
        day += dt.timedelta(days=1)
    return day


def _notice_date(rng: random.Random, *, near_holiday: bool) -> dt.date:
    if near_holiday:
        year = rng.randint(2019, 2026)
        hols = sorted(h for h in dates.federal_holidays(year) if h <= LATEST_NOTICE)
        hol = rng.choice(hols)
        day = hol - dt.timedelta(days=rng.randint(1, 12))
    else:
        start = dt.date(2019, 2, 1)
        day = start + dt.timedelta(days=rng.randint(0, (LATEST_NOTICE - start).days))
    day = _weekday_on_or_after(day)
    return min(day, _weekday_on_or_after(LATEST_NOTICE - dt.timedelta(days=7)))


def _loguniform(rng: random.Random, lo: float, hi: float) -> Decimal:
    import math

    return cents(math.exp(rng.uniform(math.log(lo), math.log(hi))))


def _rows(rng: random.Random, ntype: str, amount_class: str, business: bool,
          force_est: bool = False) -> list[tuple[str, Decimal]]:
    later = {"CP501": 1.4, "CP503": 1.8, "CP504": 2.3, "LT11": 2.9}.get(ntype, 1.0)
    if amount_class == "zero":
        tax = _loguniform(rng, 900, 14000)
        return [("tax", tax), ("payments_credits", -tax)]
    if amount_class == "negative":
        tax = _loguniform(rng, 900, 14000)
        return [("tax", tax), ("payments_credits", -(tax + _loguniform(rng, 40, 2400)))]
    if ntype == "CP2000":
        lo, hi = ((105000, 240000) if amount_class == "big" else (6, 35)
                  if amount_class == "tiny" else (380, 14000))
        tax = _loguniform(rng, lo, hi)
        interest = cents(tax * Decimal(str(rng.uniform(0.03, 0.11))))
        return [("tax", tax), ("interest", interest)]
    if amount_class == "tiny":
        tax = _loguniform(rng, 600, 9000)
        unpaid = _loguniform(rng, 5, 28)  # CP14: "Balance Due $5 or More"
        rows = [("tax", tax), ("payments_credits", -(tax - unpaid))]
        rows.append(("failure_to_pay_penalty", cents(unpaid * Decimal("0.005")
                                                      * rng.randint(1, 4)) + CENT))
        rows.append(("interest", cents(unpaid * Decimal(str(rng.uniform(0.01, 0.05)))) + CENT))
        return rows
    if amount_class == "big":
        unpaid = _loguniform(rng, 98000, 420000)
        tax = cents(unpaid * Decimal(str(rng.uniform(1.0, 1.6))))
    else:
        top = 60000 if business else 38000
        unpaid = _loguniform(rng, 180, top)
        tax = cents(unpaid * Decimal(str(rng.uniform(1.0, 3.2))))
    rows: list[tuple[str, Decimal]] = [("tax", tax)]
    if tax - unpaid > 0 and rng.random() < 0.85:
        rows.append(("payments_credits", -(tax - unpaid)))
    else:
        unpaid = tax
    ftf = rng.random() < (0.45 if ntype != "CP11" else 0.1)
    if ftf:
        months = rng.randint(1, 5)
        rows.append(("failure_to_file_penalty", cents(unpaid * Decimal("0.045") * months)))
    if ntype != "CP11" or rng.random() < 0.6:
        months = max(1, round(rng.randint(1, 6) * later))
        rows.append(("failure_to_pay_penalty", cents(unpaid * Decimal("0.005") * months)))
    if not business and (rng.random() < 0.3 or force_est):
        rows.append(("estimated_tax_penalty", cents(tax * Decimal(str(rng.uniform(.004, .02))))))
    rate = Decimal(str(rng.uniform(0.01, 0.06))) * Decimal(str(later))
    rows.append(("interest", cents(unpaid * rate) + CENT))
    if rng.random() < 0.15 and len(rows) > 2:  # some notices print interest before penalties
        rows.insert(2, rows.pop())
    return rows


def make_notice(rng: random.Random, *, ntype: str, amount_class: str, business: bool,
                joint: bool | None = None, caller_id: bool | None = None,
                force_est: bool = False) -> Notice:
    party = people.household(rng, business=business, joint=joint)
    golden_type = ntype
    near_holiday = amount_class == "big" and rng.random() < 0.6
    notice_date = _notice_date(rng, near_holiday=near_holiday)
    lag = {"CP504": rng.randint(1, 2), "LT11": rng.randint(2, 3),
           "CP2000": 2}.get(ntype, 1)
    tax_year = notice_date.year - lag
    period_end = None
    if business:
        form = rng.choice(["941", "941", "1120", "1120-S", "940"])
        if form == "941":
            q = rng.randint(1, 4)
            period_end = dt.date(tax_year, 3 * q, [31, 30, 30, 31][q - 1])
        else:
            period_end = dt.date(tax_year, 12, 31)
    else:
        form = rng.choice(["1040"] * 7 + ["1040-SR", "1040-SR", "1040-NR"])
    rows = _rows(rng, ntype, amount_class, business, force_est)
    amount = sum((v for _, v in rows), Decimal("0.00"))
    pay_by = pay_by_for(ntype, notice_date, amount)
    # Keep 10-business-day windows clear of DC Emancipation Day (see dates.py).
    while (pay_by and amount >= 100000 and ntype != "CP2000"
           and dates.near_dc_emancipation_day(notice_date, pay_by)):
        notice_date = _weekday_on_or_after(notice_date + dt.timedelta(days=9))
        pay_by = pay_by_for(ntype, notice_date, amount)
    if penalty_count := sum(1 for k, _ in rows if k in PENALTY_KEYS):
        style = rng.choices(["separate", "grouped", "total_only"], [0.55, 0.3, 0.15])[0]
        if penalty_count == 1 and style == "grouped":
            style = "separate"
    else:
        style = "none"
    has_caller = caller_id if caller_id is not None else rng.random() < 0.72
    cid = f"{rng.randint(100000, 999999)}" if has_caller else None
    kinds = ["business" if business else "main"]
    if ntype in ("CP504", "LT11", "CP503"):
        kinds.append("collection")
    if ntype in ("CP2000", "CP11"):
        kinds.append("exam")
    kinds += rng.sample(["plans", "advocate", "tty", "abroad", "collection"], rng.randint(0, 3))
    phones = []
    for kind in dict.fromkeys(kinds):
        phones.append((rng.choice(people.PHONE_LABELS[kind]), rng.choice(people.PHONES[kind])))
    today = notice_date + dt.timedelta(days=rng.randint(2, 45))
    extra = {}
    if ntype == "LT11":
        extra["hearing_by"] = notice_date + dt.timedelta(days=30)
    if ntype == "CP11":
        extra["dispute_by"] = notice_date + dt.timedelta(days=60)
    if ntype == "CP14IA":
        extra["monthly"] = cents(max(Decimal("25"), amount / rng.randint(12, 60)))
    if ntype == "CP2000":
        extra["income_item"] = rng.choice([
            ("Form 1099-NEC", "nonemployee compensation"), ("Form 1099-B", "stock sales"),
            ("Form 1099-INT", "interest income"), ("Form W-2", "wages"),
            ("Form 1099-R", "retirement distributions"), ("Form 1099-K", "payment card sales")])
        extra["income_amount"] = cents(amount * Decimal(str(rng.uniform(3.5, 6.5))))
    return Notice(
        notice_type=golden_type, party=party, tax_year=tax_year, tax_form=form,
        notice_date=notice_date, pay_by=pay_by, today=today, amount_due=amount, rows=rows,
        penalty_style=style, caller_id=cid, phones=phones, center=rng.choice(people.IRS_CENTERS),
        lockbox=rng.choice(people.LOCKBOXES), period_end=period_end, amount_class=amount_class,
        extra=extra)
