"""What one genuine notice says: its facts, its billing rows, and the golden derived from them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from . import busdays, fmt
from .people import Taxpayer, make_business, make_individual

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

BILLS = {"CP14", "CP14C", "CP501", "CP503", "CP11", "CP161"}  # print a pay-by date by the rule
IMMEDIATE = {"CP504", "LT11"}
PENALTY_KEYS = (
    "failure_to_file_penalty",
    "failure_to_pay_penalty",
    "estimated_tax_penalty",
)  # "Amount due immediately"

# Where each notice comes from (sender block) and where the stub sends payment.
CENTERS = [
    ("Kansas City, MO", "64999-0025"),
    ("Austin, TX", "73301-0030"),
    ("Ogden, UT", "84201-0039"),
    ("Fresno, CA", "93888-0010"),
    ("Cincinnati, OH", "45999-0023"),
    ("Philadelphia, PA", "19255-0025"),
    ("Memphis, TN", "37501-0012"),
    ("Andover, MA", "05501-0046"),
]
REMIT = [
    ("P.O. Box 931000", "Louisville, KY 40293-1000"),
    ("P.O. Box 1214", "Charlotte, NC 28201-1214"),
    ("P.O. Box 802501", "Cincinnati, OH 45280-2501"),
    ("P.O. Box 7704", "San Francisco, CA 94120-7704"),
    ("P.O. Box 37910", "Hartford, CT 06176-7910"),
]

# Numbers printed for units and programs. Several are on no published list; on a genuine
# notice that is ordinary.
PHONE_UNITS = [
    ("Taxpayer Advocate Service", "1-877-777-4778"),
    ("TTY/TDD", "1-800-829-4059"),
    ("Practitioner Priority Service", "1-866-860-4259"),
    ("Business and Specialty Tax Line", "1-800-829-4933"),
    ("Payment plan line", "1-800-829-1040"),
]


@dataclass
class Notice:
    id: str
    layout: str
    bucket: str
    ntype: str  # golden notice type: CP14, LT11, ...
    printed_type: str  # as printed: "CP14", "LTR 11", "LT11"
    tax_year: int
    tax_form: str
    notice_date: dt.date
    pay_by: dt.date | None
    amount_due: Decimal
    tp: Taxpayer
    caller_id: str | None
    phone: str  # the main "call us" number
    extra_phones: list[tuple[str, str]]
    center: tuple[str, str]
    remit: tuple[str, str]
    today: dt.date
    tax: Decimal | None = None
    payments: Decimal | None = None  # negative (a credit) when printed
    ftf: Decimal | None = None
    ftp: Decimal | None = None
    es: Decimal | None = None
    interest: Decimal | None = None
    penalty_style: str = "full"  # full | full_total | grouped | grouped_nt | total_only
    billing_printed: bool = True
    zero_rows: bool = False  # print absent rows as 0.00 (they are then golden rows)
    mask: str = "X"  # X or *
    hearing_date: dt.date | None = None  # LT11: request a CDP hearing by
    tax_period_end: dt.date | None = None  # business returns print the period end
    fax_date: dt.datetime | None = None
    seed: int = 0
    style: dict = field(default_factory=dict)

    # -- derived ----------------------------------------------------------------------
    @property
    def penalties(self) -> list[tuple[str, Decimal]]:
        out = []
        for key, value in (
            ("failure_to_file_penalty", self.ftf),
            ("failure_to_pay_penalty", self.ftp),
            ("estimated_tax_penalty", self.es),
        ):
            if value is not None:
                out.append((key, value))
        return out

    @property
    def penalties_total(self) -> Decimal:
        return sum((v for _, v in self.penalties), ZERO)

    @property
    def masked_number(self) -> str:
        last = self.tp.number_last4
        if self.tp.business:
            return f"XX-XXX{last}"
        return f"XXX-XX-{last}" if self.mask == "X" else f"***-**-{last}"

    def row_plan(self) -> list[tuple[str | None, Decimal | None, str]]:
        """The billing rows in print order as (key, value, kind); kind is row, only (a lone
        penalties line), heading (a "Penalties" heading, no value), sub (a penalty under the
        heading) or total (a total-penalties line). Layouts word them; the golden is keyed
        from them, so what is printed and what is expected cannot drift apart."""
        if not self.billing_printed:
            return []
        plan: list[tuple[str | None, Decimal | None, str]] = []
        if self.tax is not None:
            plan.append(("tax", self.tax, "row"))
        if self.payments is not None:
            plan.append(("payments_credits", self.payments, "row"))
        elif self.zero_rows and self.ntype != "CP2000":
            plan.append(("payments_credits", ZERO, "row"))
        pens = dict(self.penalties)
        style = self.penalty_style
        if pens and style == "total_only":
            plan.append(("penalties_total", self.penalties_total, "only"))
        elif pens and style in ("grouped", "grouped_nt"):
            plan.append((None, None, "heading"))
            plan += [(key, value, "sub") for key, value in pens.items()]
            if style == "grouped":
                plan.append(("penalties_total", self.penalties_total, "total"))
        else:
            for key in PENALTY_KEYS:
                if key in pens:
                    plan.append((key, pens[key], "row"))
                elif self.zero_rows and key != "estimated_tax_penalty" and self.ntype != "CP2000":
                    plan.append((key, ZERO, "row"))
            if pens and style == "full_total":
                plan.append(("penalties_total", self.penalties_total, "total"))
        if self.interest is not None:
            plan.append(("interest", self.interest, "row"))
        return plan

    def billing_summary(self) -> dict[str, str]:
        return {key: fmt.money(value) for key, value, _ in self.row_plan() if key}

    def expected(self) -> dict:
        return {
            "ok": True,
            "notice_type": self.ntype,
            "tax_year": self.tax_year,
            "tax_form": self.tax_form,
            "notice_date": self.notice_date.isoformat(),
            "pay_by_date": self.pay_by.isoformat() if self.pay_by else None,
            "amount_due": fmt.money(self.amount_due),
            "ssn_last4": self.tp.number_last4,
            "caller_id": self.caller_id,
            "taxpayer_name": self.tp.golden_name,
            "billing_summary": self.billing_summary(),
            "legitimacy": "genuine",
        }

    def check_arithmetic(self) -> None:
        rows = [self.tax, self.payments, *(v for _, v in self.penalties), self.interest]
        total = sum((r for r in rows if r is not None), ZERO)
        assert total == self.amount_due, (self.id, total, self.amount_due)


# -- generation ---------------------------------------------------------------------------
def _q(x) -> Decimal:
    return Decimal(x).quantize(CENT, ROUND_HALF_UP)


def _cents(rng, lo: float, hi: float) -> Decimal:
    return Decimal(rng.randint(round(lo * 100), round(hi * 100))) / 100


def _loguniform(rng, lo: float, hi: float) -> Decimal:
    import math

    return _q(Decimal(str(round(math.exp(rng.uniform(math.log(lo), math.log(hi))), 2))))


def _weekday(rng, year: int, months: tuple[int, int] = (1, 12)) -> dt.date:
    while True:
        d = dt.date(year, rng.randint(*months), rng.randint(1, 28))
        if busdays.is_business_day(d):
            return d


def _unambiguous_window(start: dt.date, end: dt.date) -> bool:
    """No DC-only closure and no Friday-Dec-31 New Year observance between the dates."""
    day = start
    while day < end:
        day += busdays.DAY
        if day in busdays.dc_only_closures(day.year):
            return False
        if day.month == 12 and day.day == 31 and day in busdays.federal_holidays(day.year):
            return False
    return True


def _amounts(rng, n: Notice, size: str) -> None:
    """Fill the billing rows so that they sum exactly to the amount due."""
    individual = not n.tp.business
    if n.ntype == "CP2000":
        hi = 160_000 if size == "large" else 9_500
        lo = 101_000 if size == "large" else 180
        n.tax = _loguniform(rng, lo, hi)
        if rng.random() < 0.8:
            n.interest = _q(n.tax * Decimal(str(rng.uniform(0.05, 0.14))))
        n.amount_due = n.tax + (n.interest or ZERO)
        return
    late = n.ntype in ("CP503", "CP504", "LT11")
    if size == "tiny":
        unpaid = _cents(rng, 0, 22)
    elif size == "large":
        unpaid = _loguniform(rng, 96_000, 380_000)
    elif size == "edge":  # just under the $100,000 line: still 21 days
        unpaid = _cents(rng, 86_000, 90_000)
    else:
        unpaid = _loguniform(rng, 350, 48_000)
    paid = ZERO
    if rng.random() < 0.7 or size in ("tiny", "zero", "credit"):
        paid = (
            _q(unpaid * Decimal(str(rng.uniform(0.15, 2.5))))
            if size != "tiny"
            else _loguniform(rng, 400, 9_000)
        )
        paid = paid.quantize(Decimal("1")) if rng.random() < 0.5 else paid
    months = rng.randint(8, 30) if late else rng.randint(2, 13)
    ftp = min(_q(unpaid * Decimal("0.005") * months), _q(unpaid * Decimal("0.25")))
    if size == "tiny" and ftp == 0:
        ftp = _cents(rng, 0.5, 4)
    n.ftp = ftp if (ftp > 0 and rng.random() < 0.93) else None
    if rng.random() < (0.5 if late else 0.32) and unpaid > 50 and size != "edge":
        n.ftf = _q(unpaid * Decimal("0.045") * min(rng.randint(1, 5), 5))
    if (individual or n.tax_form == "1120") and rng.random() < 0.25 and unpaid > 300:
        n.es = _loguniform(rng, 14, min(900, float(unpaid) * 0.08))
    rate = Decimal(str(rng.uniform(0.03, 0.08)))
    n.interest = _q(unpaid * rate * months / 12)
    if n.interest == 0:
        n.interest = _cents(rng, 0.11, 2.5)
    extra = sum((v for _, v in n.penalties), ZERO) + n.interest
    if size == "zero":  # payments wipe out tax, penalties and interest
        n.tax = unpaid + paid
        n.payments = -(unpaid + paid + extra)
    elif size == "credit":
        credit = _loguniform(rng, 25, 2_600)
        total_paid = unpaid + paid + extra + credit
        n.tax = unpaid + paid
        n.payments = -total_paid
    else:
        n.tax = unpaid + paid
        n.payments = -paid if paid else None
    due = n.tax + (n.payments or ZERO) + extra
    if size == "large" and due < 100_000:
        # unpaid alone may be a little under the line; make sure the amount due is over it
        n.tax += Decimal(100_000) - due + _cents(rng, 1, 4_000)
    if size == "tiny" and due < 5:  # a CP14 is sent for a balance of $5 or more
        n.tax += Decimal(5) - due + _cents(rng, 0, 9)
    n.amount_due = (
        n.tax + (n.payments or ZERO) + sum((v for _, v in n.penalties), ZERO) + n.interest
    )


def make_notice(
    rng,
    *,
    nid: str,
    layout: str,
    bucket: str,
    ntype: str,
    size: str,
    joint_style: str,
    suffix: bool,
    penalty_style: str,
    printed_type: str | None = None,
    care_of: bool = False,
) -> Notice:
    business = ntype == "CP161"
    tp = (
        make_business(rng, care_of=care_of)
        if business
        else make_individual(rng, joint_style, suffix=suffix)
    )
    year = rng.randint(2019, 2026)
    if ntype in ("CP504", "LT11"):
        tax_year = year - rng.choice([2, 2, 3, 4])
    elif ntype == "CP2000":
        tax_year = year - rng.choice([2, 2, 3])
    else:
        tax_year = year - rng.choice([1, 1, 1, 2, 2, 3])
    notice_date = _weekday(rng, year)
    if tax_year == year - 1 and notice_date.month < 5:
        tax_year -= 1
    if business:
        form = rng.choice(["941", "941", "1120", "940"])
    elif ntype == "CP2000":
        form = "1040"
    else:
        form = rng.choice(["1040"] * 7 + ["1040-SR", "1040-SR", "1040-NR"])
    n = Notice(
        id=nid,
        layout=layout,
        bucket=bucket,
        ntype=ntype,
        printed_type=printed_type or ntype,
        tax_year=tax_year,
        tax_form=form,
        notice_date=notice_date,
        pay_by=None,
        amount_due=ZERO,
        tp=tp,
        caller_id=None,
        phone="",
        extra_phones=[],
        center=rng.choice(CENTERS),
        remit=rng.choice(REMIT),
        today=notice_date,
        penalty_style=penalty_style,
        mask=rng.choice("XXX*"),
        seed=rng.randint(0, 2**31),
    )
    if form == "941":
        month = rng.choice([3, 6, 9, 12])  # the quarter's last day
        n.tax_period_end = dt.date(tax_year + month // 12, month % 12 + 1, 1) - busdays.DAY
    elif business:
        n.tax_period_end = dt.date(tax_year, 12, 31)
    _amounts(rng, n, size)
    # payment date
    if ntype in BILLS:
        for _ in range(50):
            n.pay_by = busdays.pay_by(n.notice_date, n.amount_due)
            if _unambiguous_window(n.notice_date, n.pay_by):
                break
            n.notice_date = _weekday(rng, year)
    elif ntype == "CP2000":
        n.pay_by = n.notice_date + dt.timedelta(days=30)
    if ntype == "LT11":
        n.hearing_date = n.notice_date + dt.timedelta(days=30)
    if rng.random() < 0.72:
        n.caller_id = str(rng.randint(10 ** (k := rng.choice([4, 5, 6, 6])) // 10, 10**k - 1))
    n.phone = {
        "CP161": "1-800-829-0115",
        "CP504": "1-800-829-8374",
        "LT11": "1-800-829-7650",
        "CP2000": "1-800-829-0592",
        "CP11": "1-800-829-0922",
    }.get(ntype, rng.choice(["1-800-829-0922", "1-800-829-8374", "1-800-829-0922"]))
    if rng.random() < 0.35:  # a unit line on no published list
        n.phone = (
            f"1-{rng.choice(['866', '877', '888', '855'])}-{rng.randint(200, 989)}-"
            f"{rng.randint(1000, 9999)}"
        )
    extras = rng.sample(PHONE_UNITS, rng.randint(0, 3))
    if rng.random() < 0.4:
        extras.append(
            (
                rng.choice(
                    ["Automated Collection System", "Installment agreements", "Collection Support"]
                ),
                f"1-{rng.choice(['866', '877', '888'])}-{rng.randint(200, 989)}-"
                f"{rng.randint(1000, 9999)}",
            )
        )
    n.extra_phones = extras
    n.today = n.notice_date + dt.timedelta(days=rng.randint(2, 45))
    n.check_arithmetic()
    return n
