"""Synthetic IRS account transcripts, family `ledger` (TUNING family for the transcript reader).

Written from ../shared/TRANSCRIPTS.md (labels, formats, codes, edge cases), not from the reader.
No real taxpayer data: every name, number and amount is drawn from a seeded generator.

Renderings of the same accounts:
  * `pdf`  : HTML laid out as the older upper-case TDS layout, printed by WeasyPrint, paginated
             by hand (banner, column header and "Page k of n" reprinted on every page), one or
             several transcripts per PDF;
  * `html` : the page a practitioner saves from the IRS site (newer web layout, tables);
  * `text` : the older layout copied as plain text, pages split by form feeds.
Variations: multi-page tables, several transcripts in one file (the spouse's module, other
years), pending transactions, spouse TIN, freezes and holds (520, 570, 971 AC 043/063, CDP),
a 971 whose text wraps onto a continuation line, blank cycles, `$` present or not, identical
670s, and "No tax return filed".

    .venv/bin/python scripts/corpora/transcripts_ledger.py OUT_DIR [--seed N] [--quick]

Writes OUT_DIR/manifest.json: one record per file, `expected` = a list of transcripts, each
with the `read_transcript --json` contract keys (without file/ok/error).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

FAMILY = "ledger"
D = Decimal
CENT = D("0.01")

FIRST = ["ALEX", "JORDAN", "CASEY", "MORGAN", "RILEY", "TAYLOR", "JAMIE", "AVERY", "QUINN"]
LAST = ["PRAXTON", "VELLAMY", "ORDWAY", "KINNEAR", "BASSETT", "MERRILL", "HOLLIS", "TRAMMEL"]
STREETS = ["MAPLEW", "HARBOR", "CEDARV", "LINDEN", "ORCHAR", "WILLOW"]


@dataclass
class Row:
    code: str
    explanation: str
    cycle: str | None
    day: date
    amount: Decimal
    pending: bool = False
    wrap: str = ""  # continuation text printed on the next line

    def expected(self) -> dict:
        text = f"{self.explanation} {self.wrap}".strip()
        return {
            "code": self.code,
            "explanation": text,
            "cycle": self.cycle,
            "date": self.day.isoformat(),
            "amount": f"{self.amount:.2f}",
            "pending": self.pending,
        }


@dataclass
class Module:
    form: str
    year: int
    tin4: str
    spouse4: str | None
    name: str
    street: str
    request: date
    tracking: str
    rows: list[Row] = field(default_factory=list)
    interest: Decimal = Decimal(0)
    penalty: Decimal = Decimal(0)
    as_of: date | None = None
    figures: dict = field(default_factory=dict)
    no_return: bool = False

    @property
    def period(self) -> date:
        return date(self.year, 12, 31)

    @property
    def balance(self) -> Decimal:
        return sum((r.amount for r in self.rows if not r.pending), D("0"))

    def expected(self) -> dict:
        return {
            "form": self.form,
            "tax_period": self.period.isoformat(),
            "tin_last4": self.tin4,
            "spouse_tin_last4": self.spouse4,
            "account_balance": f"{self.balance:.2f}",
            "accrued_interest": f"{self.interest:.2f}",
            "accrued_penalty": f"{self.penalty:.2f}",
            "accruals_as_of": self.as_of.isoformat() if self.as_of else None,
            "transactions": [r.expected() for r in self.rows],
        }


def cycle_of(day: date, rng: random.Random) -> str:
    return f"{day.year}{day.isocalendar()[1]:02d}{rng.randint(1, 5):02d}"


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return D(rng.randint(low * 100, high * 100)) / 100


def build_module(
    rng: random.Random,
    year: int,
    tin4: str,
    spouse4: str | None,
    name: str,
    street: str,
    request: date,
    *,
    flavor: str,
) -> Module:
    m = Module(
        "1040", year, tin4, spouse4, name, street, request, f"10{rng.randint(10**9, 10**10 - 1)}"
    )
    due = weekday_on_or_after(date(year + 1, 4, 15))
    if flavor == "no_return":
        m.no_return = True
        m.rows.append(
            Row(
                "460",
                "Extension of time to file ext. Date 10-15-" + str(year + 1),
                None,
                due,
                D("0"),
            )
        )
        m.as_of = request + timedelta(days=rng.randint(7, 30))
        return m
    tax = money(rng, 2500, 38000)
    filed = due + timedelta(days=rng.choice([-30, -10, 0, 20, 95, 150]))
    posted = weekday_on_or_after(filed + timedelta(days=rng.randint(14, 45)))
    cyc = cycle_of(posted, rng)
    withheld = (tax * D(rng.choice(["0.4", "0.6", "0.75", "0.9"]))).quantize(CENT)
    if filed > due + timedelta(days=2) and rng.random() < 0.7:
        m.rows.append(
            Row(
                "460",
                "Extension of time to file ext. Date 10-15-" + str(year + 1),
                None,
                weekday_on_or_after(due - timedelta(days=rng.randint(3, 20))),
                D("0"),
            )
        )
    m.rows.append(Row("150", "Tax return filed", cyc, posted, tax))
    m.rows.append(
        Row("806", "W-2 or 1099 withholding", None if rng.random() < 0.5 else cyc, due, -withheld)
    )
    if rng.random() < 0.3:
        m.rows.append(Row("766", "Credit to your account", cyc, due, -money(rng, 200, 2000)))
    if rng.random() < 0.5:
        m.rows.append(Row("610", "Payment with return", cyc, filed, -money(rng, 100, 1500)))
    notice = weekday_on_or_after(posted + timedelta(days=rng.randint(7, 21)))
    late = filed > due + timedelta(days=2)
    if late and rng.random() < 0.8:
        m.rows.append(
            Row("166", "Penalty for late filing of tax return", cyc, posted, money(rng, 100, 1500))
        )
    m.rows.append(Row("276", "Penalty for late payment of tax", cyc, posted, money(rng, 20, 600)))
    m.rows.append(Row("196", "Interest charged for late payment", cyc, posted, money(rng, 10, 500)))
    m.rows.append(
        Row(
            "971",
            "Notice issued",
            cyc,
            notice,
            D("0"),
            wrap="CP 0014" if rng.random() < 0.7 else "",
        )
    )
    extra = rng.randint(1, 4) if flavor != "long" else rng.randint(22, 34)
    day = notice
    last_payment = None
    for _ in range(extra):
        day = weekday_on_or_after(day + timedelta(days=rng.randint(5, 40)))
        kind = rng.random()
        if kind < 0.55:
            if last_payment is not None and rng.random() < 0.15:
                amount = last_payment.amount  # identical 670s are separate payments
                pay_day = last_payment.day
            else:
                amount, pay_day = -money(rng, 50, 3000), day
            last_payment = Row(
                "670", "Payment", cycle_of(pay_day + timedelta(days=10), rng), pay_day, amount
            )
            m.rows.append(last_payment)
        elif kind < 0.7:
            m.rows.append(
                Row(
                    "276",
                    "Penalty for late payment of tax",
                    cycle_of(day, rng),
                    day,
                    money(rng, 5, 200),
                )
            )
        elif kind < 0.85:
            m.rows.append(
                Row(
                    "196",
                    "Interest charged for late payment",
                    cycle_of(day, rng),
                    day,
                    money(rng, 5, 300),
                )
            )
        else:
            m.rows.append(
                Row(
                    "971",
                    "Notice issued",
                    cycle_of(day, rng),
                    day,
                    D("0"),
                    wrap=rng.choice(["CP 0501", "CP 0503", "CP 0504", ""]),
                )
            )
    if flavor == "freeze":
        day = weekday_on_or_after(day + timedelta(days=rng.randint(5, 30)))
        choice = rng.choice(["520", "570", "ia", "cdp", "oic"])
        if choice == "520":
            m.rows.append(
                Row(
                    "520", "Bankruptcy or other legal action filed", cycle_of(day, rng), day, D("0")
                )
            )
        elif choice == "570":
            m.rows.append(
                Row("570", "Additional account action pending", cycle_of(day, rng), day, D("0"))
            )
        elif choice == "ia":
            m.rows.append(
                Row("971", "Installment agreement established", cycle_of(day, rng), day, D("0"))
            )
        elif choice == "cdp":
            m.rows.append(
                Row(
                    "971",
                    "Collection due process Notice of Intent to Levy -- receipt",
                    cycle_of(day, rng),
                    day,
                    D("0"),
                    wrap="Hearing requested",
                )
            )
        else:
            m.rows.append(
                Row("480", "Offer in compromise pending", cycle_of(day, rng), day, D("0"))
            )
    if flavor in ("pending", "long") or rng.random() < 0.2:
        for _ in range(rng.randint(1, 2)):
            day = weekday_on_or_after(day + timedelta(days=rng.randint(2, 10)))
            m.rows.append(Row("670", "Payment", None, day, -money(rng, 50, 2000), pending=True))
    m.interest = money(rng, 0, 250)
    m.penalty = money(rng, 0, 120)
    m.as_of = weekday_on_or_after(request + timedelta(days=rng.randint(7, 30)))
    m.figures = {
        "FILING STATUS": "Married Filing Joint"
        if spouse4
        else rng.choice(["Single", "Head of Household"]),
        "ADJUSTED GROSS INCOME": money(rng, 40000, 250000),
        "TAXABLE INCOME": money(rng, 20000, 200000),
        "TAX PER RETURN": tax,
        "SE TAXABLE INCOME TAXPAYER": D("0"),
        "SE TAXABLE INCOME SPOUSE": D("0"),
        "TOTAL SELF EMPLOYMENT TAX": D("0"),
    }
    return m


# ---- renderings ------------------------------------------------------------------------


def amt(value: Decimal, dollar: bool) -> str:
    sign = "-" if value < 0 else ""
    return f"{sign}{'$' if dollar else ''}{abs(value):,.2f}"


def long_date(day: date) -> str:
    return day.strftime("%b. %d, %Y").replace("May.", "May")


def classic_header(m: Module, dollar: bool) -> list[str]:
    lines = [
        f"Request Date: {m.request:%m-%d-%Y}",
        f"Response Date: {m.request:%m-%d-%Y}",
        f"Tracking Number: {m.tracking}",
        f"FORM NUMBER: {m.form}",
        f"TAX PERIOD: {long_date(m.period)}",
        f"TAXPAYER IDENTIFICATION NUMBER: XXX-XX-{m.tin4}",
    ]
    if m.spouse4:
        lines.append(f"SPOUSE TAXPAYER IDENTIFICATION NUMBER: XXX-XX-{m.spouse4}")
    lines += [m.name, m.street, "--- ANY MINUS SIGN SHOWN BELOW SIGNIFIES A CREDIT AMOUNT ---"]
    assert m.as_of is not None
    plus = m.balance + m.interest + m.penalty
    lines += [
        f"ACCOUNT BALANCE: {amt(m.balance, dollar)}",
        f"ACCRUED INTEREST: {amt(m.interest, dollar)} AS OF: {long_date(m.as_of)}",
        f"ACCRUED PENALTY: {amt(m.penalty, dollar)} AS OF: {long_date(m.as_of)}",
        f"ACCOUNT BALANCE PLUS ACCRUALS (this is not a payoff amount): {amt(plus, dollar)}",
        "** INFORMATION FROM THE RETURN OR AS ADJUSTED **",
    ]
    if m.no_return:
        lines.append("No tax return filed")
    else:
        for label, value in m.figures.items():
            shown = amt(value, dollar) if isinstance(value, Decimal) else value
            lines.append(f"{label}: {shown}")
    return lines


def row_cells(r: Row, dollar: bool) -> tuple[str, str, str, str, str]:
    return (r.code, r.explanation, r.cycle or "", f"{r.day:%m-%d-%Y}", amt(r.amount, dollar))


def paginate(rows: list[Row], first: int, rest: int) -> list[list[Row]]:
    pages = [rows[:first]]
    rows = rows[first:]
    while rows:
        pages.append(rows[:rest])
        rows = rows[rest:]
    return pages


CSS = """
@page { size: letter; margin: 0.6in; }
body { font-family: 'DejaVu Sans Mono', monospace; font-size: 8.5pt; }
.page { page-break-after: always; }
.banner { font-weight: bold; }
.title { font-size: 12pt; font-weight: bold; margin: 4pt 0; }
table.tx { border-collapse: collapse; width: 100%; }
table.tx td, table.tx th { padding: 1pt 4pt; vertical-align: top; text-align: left; }
td.amt { text-align: right; }
p { margin: 1pt 0; }
"""


def pdf_html(modules: list[Module], rng: random.Random, dollar: bool) -> str:
    pages_html = []
    for m in modules:
        settled = [r for r in m.rows if not r.pending]
        pending = [r for r in m.rows if r.pending]
        chunks = paginate(settled, 16, 34)
        total = len(chunks) + (1 if pending else 0)
        for k, chunk in enumerate(chunks, start=1):
            parts = [
                '<div class="page">',
                '<p class="banner">This Product Contains Sensitive Taxpayer Data</p>',
            ]
            if k == 1:
                parts.append('<p class="title">Account Transcript</p>')
                parts += [f"<p>{html.escape(x)}</p>" for x in classic_header(m, dollar)]
                parts.append('<p class="title">TRANSACTIONS</p>')
            parts.append(table_html(chunk, dollar))
            parts.append(f"<p>Page {k} of {total}</p></div>")
            pages_html.append("".join(parts))
        if pending:
            parts = [
                '<div class="page">',
                '<p class="banner">This Product Contains Sensitive Taxpayer Data</p>',
                '<p class="title">PENDING TRANSACTIONS</p>',
                table_html(pending, dollar),
                f"<p>Page {total} of {total}</p></div>",
            ]
            pages_html.append("".join(parts))
    return f"<html><head><style>{CSS}</style></head><body>{''.join(pages_html)}</body></html>"


def table_html(rows: list[Row], dollar: bool) -> str:
    head = (
        "<tr><th>CODE</th><th>EXPLANATION OF TRANSACTION</th><th>CYCLE</th><th>DATE</th>"
        "<th>AMOUNT</th></tr>"
    )
    body = []
    for r in rows:
        code, text, cyc, day, money_text = row_cells(r, dollar)
        body.append(
            f"<tr><td>{code}</td><td>{html.escape(text)}</td><td>{cyc}</td><td>{day}</td>"
            f"<td class='amt'>{money_text}</td></tr>"
        )
        if r.wrap:
            body.append(
                f"<tr><td></td><td>{html.escape(r.wrap)}</td><td></td><td></td><td></td></tr>"
            )
    return f'<table class="tx">{head}{"".join(body)}</table>'


def web_html(modules: list[Module], dollar: bool) -> str:
    """The newer web layout as saved from a browser: lower-case labels in tables."""
    out = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Account Transcript</title>"
        "<style>td{padding:2px 6px}</style><script>var x = 1;</script></head><body>"
    ]
    for m in modules:
        assert m.as_of is not None
        plus = m.balance + m.interest + m.penalty
        out.append("<div class='banner'>This Product Contains Sensitive Taxpayer Data</div>")
        out.append("<h1>Account Transcript</h1>")
        head = [
            ("Request date", f"{m.request:%m-%d-%Y}"),
            ("Response date", f"{m.request:%m-%d-%Y}"),
            ("Tracking number", m.tracking),
            ("Form number", m.form),
            ("Report for Tax Period Ending", f"{m.period:%m-%d-%Y}"),
            ("Taxpayer identification number", f"XXX-XX-{m.tin4}"),
        ]
        if m.spouse4:
            head.append(("Spouse taxpayer identification number", f"XXX-XX-{m.spouse4}"))
        out.append(
            "<table>"
            + "".join(f"<tr><td>{a}:</td><td>{html.escape(b)}</td></tr>" for a, b in head)
            + "</table>"
        )
        out.append(f"<p>{html.escape(m.name)}<br>{m.street}</p>")
        out.append("<p>Any minus sign shown below signifies a credit amount</p>")
        bal = [
            ("Account balance", amt(m.balance, dollar)),
            ("Accrued interest", f"{amt(m.interest, dollar)} As of: {m.as_of:%m-%d-%Y}"),
            ("Accrued penalty", f"{amt(m.penalty, dollar)} As of: {m.as_of:%m-%d-%Y}"),
            ("Account balance plus accruals (this is not a payoff amount)", amt(plus, dollar)),
        ]
        out.append(
            "<table>"
            + "".join(f"<tr><td>{a}:</td><td>{html.escape(b)}</td></tr>" for a, b in bal)
            + "</table>"
        )
        out.append("<h2>Information from the return or as adjusted</h2>")
        if m.no_return:
            out.append("<p>No tax return filed</p>")
        else:
            out.append(
                "<table>"
                + "".join(
                    f"<tr><td>{a.capitalize()}:</td><td>"
                    f"{amt(v, dollar) if isinstance(v, Decimal) else v}</td></tr>"
                    for a, v in m.figures.items()
                )
                + "</table>"
            )
        out.append("<h2>Transactions</h2>")
        rows = []
        for r in m.rows:
            code, text, cyc, day, money_text = row_cells(r, dollar)
            text = f"{html.escape(text)}<br>{html.escape(r.wrap)}" if r.wrap else html.escape(text)
            if r.pending:
                cyc = "Pending"
            rows.append(
                f"<tr><td>{code}</td><td>{text}</td><td>{cyc}</td><td>{day}</td>"
                f"<td>{money_text}</td></tr>"
            )
        out.append(
            "<table><tr><th>Code</th><th>Explanation of transaction</th><th>Cycle</th>"
            "<th>Date</th><th>Amount</th></tr>" + "".join(rows) + "</table>"
        )
    out.append("</body></html>")
    return "".join(out)


def text_render(modules: list[Module], dollar: bool, rng: random.Random) -> str:
    pages = []
    for m in modules:
        lines = [
            "This Product Contains Sensitive Taxpayer Data",
            "Account Transcript",
            *classic_header(m, dollar),
            "TRANSACTIONS",
            "CODE EXPLANATION OF TRANSACTION CYCLE DATE AMOUNT",
        ]
        settled = [r for r in m.rows if not r.pending]
        pending = [r for r in m.rows if r.pending]
        for k, r in enumerate(settled):
            if k and k % 25 == 0:  # a printed page break with the header reprinted
                pages.append("\n".join(lines))
                lines = [
                    "This Product Contains Sensitive Taxpayer Data",
                    "CODE EXPLANATION OF TRANSACTION CYCLE DATE AMOUNT",
                ]
            code, text, cyc, day, money_text = row_cells(r, dollar)
            lines.append(f"{code:<5}{text:<46}  {cyc:<10}{day:<12}{money_text:>14}")
            if r.wrap:
                lines.append(f"{'':<5}{r.wrap}")
        if pending:
            lines.append("PENDING TRANSACTIONS")
            for r in pending:
                code, text, cyc, day, money_text = row_cells(r, dollar)
                lines.append(f"{code:<5}{text:<46}  {'':<10}{day:<12}{money_text:>14}")
        pages.append("\n".join(lines))
    return "\n\f".join(pages) + "\n"


# ---- the corpus ------------------------------------------------------------------------


def household(rng: random.Random):
    last = rng.choice(LAST)
    joint = rng.random() < 0.6
    a, b = rng.sample(FIRST, 2)
    name = f"{a} & {b} {last[:4]}" if joint else f"{a} {last[:4]}"
    tin4 = f"{rng.randint(0, 9999):04d}"
    spouse4 = f"{rng.randint(0, 9999):04d}" if joint else None
    return name, rng.choice(STREETS), tin4, spouse4


def documents(rng: random.Random, count: int):
    flavors = ["plain", "long", "pending", "freeze", "multi", "spouse", "no_return"]
    for n in range(count):
        flavor = flavors[n % len(flavors)]
        name, street, tin4, spouse4 = household(rng)
        if flavor == "spouse" and spouse4 is None:
            spouse4 = f"{rng.randint(0, 9999):04d}"
        request = date(2025, rng.randint(1, 11), rng.randint(1, 28))
        year = rng.randint(2016, 2023)
        inner = "plain" if flavor in ("multi", "spouse") else flavor
        modules = [build_module(rng, year, tin4, spouse4, name, street, request, flavor=inner)]
        if flavor == "multi":
            for other in rng.sample([y for y in range(2015, 2024) if y != year], 2):
                modules.append(
                    build_module(
                        rng,
                        other,
                        tin4,
                        spouse4,
                        name,
                        street,
                        request,
                        flavor=rng.choice(["plain", "pending", "freeze"]),
                    )
                )
        if flavor == "spouse":
            # The spouse's own-SSN module for the same year: no spouse TIN printed on it.
            modules.append(
                build_module(rng, year, spouse4, None, name, street, request, flavor="plain")
            )
        yield n, flavor, modules


def generate(out: Path, *, seed: int = 1301, quick: bool = False, jobs: int = 1) -> list[dict]:
    from weasyprint import HTML

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    records = []
    count = 14 if quick else 42
    for n, flavor, modules in documents(rng, count):
        dollar = rng.random() < 0.6
        rendering = ("pdf", "html", "text")[n % 3]
        stem = f"{FAMILY}-{n:03d}-{flavor}"
        if rendering == "pdf":
            path = out / f"{stem}.pdf"
            HTML(string=pdf_html(modules, rng, dollar)).write_pdf(path)
        elif rendering == "html":
            path = out / f"{stem}.html"
            path.write_text(web_html(modules, dollar), encoding="utf-8")
        else:
            path = out / f"{stem}.txt"
            path.write_text(text_render(modules, dollar, rng), encoding="utf-8")
        records.append(
            {
                "id": stem,
                "family": FAMILY,
                "rendering": rendering,
                "flavor": flavor,
                "file": path.name,
                "expected": [m.expected() for m in modules],
            }
        )
    (out / "manifest.json").write_text(json.dumps(records, indent=1))
    return records


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1301)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    records = generate(args.out, seed=args.seed, quick=args.quick)
    print(f"{len(records)} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
