"""Synthetic IRS account transcripts, family `teller`: HELD BACK from tuning the reader.

Written from ../shared/TRANSCRIPTS.md alone (its labels, formats, codes and edge-case list),
with its own accounts and its own renderer (ReportLab canvas drawing: text placed at fixed
column positions), so it measures how the reader does on transcripts it was not tuned on.
Rules: never look at this family's documents or per-item failures while tuning the reader;
read only the aggregate score, once before tuning and once at the end (docs/transcripts.md).

Renderings: `pdf` (canvas, one or several transcripts, header block reprinted at each page
break, "Page k of n"), `html` (labels and values in separate <div>s, the transactions in a
table), `text` (fixed-width print with page footers). Layouts: the newer web labels
(`Report for Tax Period Ending: 12-31-2023`, `Account balance: $3,572.50`) and the older
upper-case ones (`TAX PERIOD: Dec 31, 2023`). Pending rows say PENDING in the cycle column.

    .venv/bin/python scripts/corpora/transcripts_teller.py OUT_DIR [--seed N] [--quick]
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

FAMILY = "teller"
D = Decimal
GIVEN = ["ROWAN", "SKYLER", "DEVON", "HARPER", "ELLIS", "REESE", "SAGE", "EMERY"]
SURNAMES = ["OKONKWO", "ABERNATHY", "LINDQVIST", "FAIRWEATHER", "GUTIERREZ", "YAMAMOTO"]


def business(day: date) -> date:
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def cents(rng: random.Random, low: float, high: float) -> Decimal:
    return D(rng.randrange(int(low * 100), int(high * 100))) / 100


def make_cycle(day: date, rng: random.Random) -> str:
    return f"{day.year}{day.isocalendar()[1]:02d}{rng.choice(['01', '02', '03', '04', '05'])}"


def account(
    rng: random.Random, year: int, tin: str, spouse: str | None, request: date, kind: str
) -> dict:
    """One module as data: rows are dicts with the contract's keys plus `wrap`."""
    rows: list[dict] = []

    def add(code, text, day, amount, cyc="auto", pending=False, wrap=""):
        c = (
            None
            if pending
            else (make_cycle(day + timedelta(days=7), rng) if cyc == "auto" else cyc)
        )
        rows.append(
            {
                "code": code,
                "explanation": text,
                "cycle": c,
                "date": day,
                "amount": D(amount),
                "pending": pending,
                "wrap": wrap,
            }
        )

    due = business(date(year + 1, 4, 15))
    assessed = business(due + timedelta(days=rng.randint(20, 70)))
    tax = cents(rng, 1200, 60000)
    add("150", "Tax return filed", assessed, tax)
    add(
        "806",
        "W-2 or 1099 withholding",
        due,
        -(tax * D("0.7")).quantize(D("0.01")),
        cyc=None if rng.random() < 0.6 else "auto",
    )
    if rng.random() < 0.4:
        add("768", "Earned income credit", due, -cents(rng, 300, 3000))
    if rng.random() < 0.35:
        add("610", "Payment with return", due, -cents(rng, 200, 4000))
    if rng.random() < 0.3:
        add(
            "290",
            "Additional tax assessed",
            business(assessed + timedelta(days=90)),
            cents(rng, 100, 3000),
        )
    add("276", "Penalty for late payment of tax", assessed, cents(rng, 10, 900))
    add("196", "Interest charged for late payment", assessed, cents(rng, 5, 700))
    notice_day = business(assessed + timedelta(days=rng.randint(5, 25)))
    add("971", "Notice issued", notice_day, "0", wrap="CP 0014" if rng.random() < 0.8 else "")
    day = notice_day
    extra = rng.randint(40, 55) if kind == "long" else rng.randint(0, 5)
    for i in range(extra):
        day = business(day + timedelta(days=rng.randint(3, 35)))
        pick = rng.random()
        if pick < 0.6:
            amount = -cents(rng, 25, 2500)
            add("670", "Payment", day, amount)
            if rng.random() < 0.1:  # two identical payments the same day
                add("670", "Payment", day, amount)
        elif pick < 0.75:
            add("196", "Interest charged for late payment", day, cents(rng, 1, 300))
        elif pick < 0.85:
            add("276", "Penalty for late payment of tax", day, cents(rng, 1, 200))
        elif pick < 0.92:
            add("826", "Overpaid credit transferred to another account", day, cents(rng, 10, 500))
        else:
            add("971", "Notice issued", day, "0", wrap=rng.choice(["CP 0501", "CP 0503"]))
        if i % 9 == 8:
            add("971", "Notice issued", day, "0", cyc=None)
    if kind == "hold":
        day = business(day + timedelta(days=12))
        code, text, wrap = rng.choice(
            [
                ("520", "Bankruptcy or other legal action filed", ""),
                ("570", "Additional account action pending", ""),
                ("971", "Installment agreement established", ""),
                ("971", "Collection due process Notice of Intent to Levy -- issued", "Hearing req"),
                ("530", "Balance due account currently not collectible", ""),
            ]
        )
        add(code, text, day, "0", wrap=wrap)
    if kind in ("pending", "long") or rng.random() < 0.25:
        day = business(day + timedelta(days=rng.randint(1, 9)))
        add("670", "Payment", day, -cents(rng, 100, 3000), pending=True)
    balance = sum((r["amount"] for r in rows if not r["pending"]), D("0"))
    return {
        "form": rng.choice(["1040", "1040", "1040", "1040-SR"]),
        "year": year,
        "tin": tin,
        "spouse": spouse,
        "tracking": str(rng.randint(10**11, 10**12 - 1)),
        "request": request,
        "balance": balance,
        "interest": cents(rng, 0, 400),
        "penalty": cents(rng, 0, 150),
        "as_of": business(request + timedelta(days=rng.randint(10, 28))),
        "rows": rows,
        "agi": cents(rng, 25000, 300000),
        "tax": tax,
        "status": "Married filing jointly" if spouse else "Single",
    }


def expected(a: dict) -> dict:
    return {
        "form": a["form"],
        "tax_period": date(a["year"], 12, 31).isoformat(),
        "tin_last4": a["tin"],
        "spouse_tin_last4": a["spouse"],
        "account_balance": f"{a['balance']:.2f}",
        "accrued_interest": f"{a['interest']:.2f}",
        "accrued_penalty": f"{a['penalty']:.2f}",
        "accruals_as_of": a["as_of"].isoformat(),
        "transactions": [
            {
                "code": r["code"],
                "explanation": (r["explanation"] + " " + r["wrap"]).strip(),
                "cycle": r["cycle"],
                "date": r["date"].isoformat(),
                "amount": f"{r['amount']:.2f}",
                "pending": r["pending"],
            }
            for r in a["rows"]
        ],
    }


def fmt_money(x: Decimal, dollar: bool) -> str:
    return ("-" if x < 0 else "") + ("$" if dollar else "") + f"{abs(x):,.2f}"


def header_pairs(a: dict, style: str, dollar: bool) -> list[tuple[str, str]]:
    period = date(a["year"], 12, 31)
    as_of = a["as_of"]
    total = a["balance"] + a["interest"] + a["penalty"]
    if style == "web":
        pairs = [
            ("Request date", f"{a['request']:%m-%d-%Y}"),
            ("Response date", f"{a['request']:%m-%d-%Y}"),
            ("Tracking number", a["tracking"]),
            ("Form number", a["form"]),
            ("Report for Tax Period Ending", f"{period:%m-%d-%Y}"),
            ("Taxpayer identification number", f"XXX-XX-{a['tin']}"),
        ]
        if a["spouse"]:
            pairs.append(("Spouse taxpayer identification number", f"XXX-XX-{a['spouse']}"))
        pairs += [
            ("Account balance", fmt_money(a["balance"], dollar)),
            ("Accrued interest", fmt_money(a["interest"], dollar) + f" As of: {as_of:%m-%d-%Y}"),
            ("Accrued penalty", fmt_money(a["penalty"], dollar) + f" As of: {as_of:%m-%d-%Y}"),
            (
                "Account balance plus accruals (this is not a payoff amount)",
                fmt_money(total, dollar),
            ),
            ("Filing status", a["status"]),
            ("Adjusted gross income", fmt_money(a["agi"], dollar)),
            ("Tax per return", fmt_money(a["tax"], dollar)),
        ]
        return pairs
    pairs = [
        ("REQUEST DATE", f"{a['request']:%m-%d-%Y}"),
        ("RESPONSE DATE", f"{a['request']:%m-%d-%Y}"),
        ("TRACKING NUMBER", a["tracking"]),
        ("FORM NUMBER", a["form"]),
        ("TAX PERIOD", f"{period:%b} {period.day}, {period.year}"),
        ("TAXPAYER IDENTIFICATION NUMBER", f"XXX-XX-{a['tin']}"),
    ]
    if a["spouse"]:
        pairs.append(("SPOUSE TAXPAYER IDENTIFICATION NUMBER", f"XXX-XX-{a['spouse']}"))
    pairs += [
        ("ACCOUNT BALANCE", fmt_money(a["balance"], dollar)),
        (
            "ACCRUED INTEREST",
            fmt_money(a["interest"], dollar) + f" AS OF: {as_of:%b} {as_of.day}, {as_of.year}",
        ),
        (
            "ACCRUED PENALTY",
            fmt_money(a["penalty"], dollar) + f" AS OF: {as_of:%b} {as_of.day}, {as_of.year}",
        ),
        ("ACCOUNT BALANCE PLUS ACCRUALS (this is not a payoff amount)", fmt_money(total, dollar)),
        ("FILING STATUS", a["status"]),
        ("ADJUSTED GROSS INCOME", fmt_money(a["agi"], dollar)),
        ("TAX PER RETURN", fmt_money(a["tax"], dollar)),
    ]
    return pairs


def row_texts(r: dict, dollar: bool) -> list[str]:
    cyc = "PENDING" if r["pending"] else (r["cycle"] or "")
    return [
        r["code"],
        r["explanation"],
        cyc,
        f"{r['date']:%m-%d-%Y}",
        fmt_money(r["amount"], dollar),
    ]


def draw_pdf(path: Path, accounts: list[dict], style: str, dollar: bool) -> None:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    _width, height = letter
    cols = [40, 80, 330, 410, 480]
    for a in accounts:
        rows = a["rows"]
        per_page = 38
        first = 14
        chunks = [rows[:first]] + [
            rows[i : i + per_page] for i in range(first, len(rows), per_page)
        ]
        chunks = [ch for ch in chunks if ch] or [[]]
        for k, chunk in enumerate(chunks, start=1):
            y = height - 40
            c.setFont("Helvetica-Bold", 9)
            c.drawString(40, y, "This Product Contains Sensitive Taxpayer Data")
            y -= 16
            c.setFont("Helvetica-Bold", 12)
            c.drawString(230, y, "Account Transcript")
            y -= 18
            c.setFont("Helvetica", 8.5)
            pairs = header_pairs(a, style, dollar)
            if k > 1:  # the identity part of the header is reprinted on later pages
                pairs = pairs[3:6]
            for label, value in pairs:
                c.drawString(40, y, f"{label}:")
                c.drawString(330, y, value)
                y -= 12
            y -= 6
            c.setFont("Helvetica-Bold", 8.5)
            if k == 1:
                c.drawString(40, y, "TRANSACTIONS" if style != "web" else "Transactions")
                y -= 13
            for x, title in zip(
                cols, ["CODE", "EXPLANATION OF TRANSACTION", "CYCLE", "DATE", "AMOUNT"], strict=True
            ):
                c.drawString(x, y, title)
            y -= 12
            c.setFont("Helvetica", 8.5)
            for r in chunk:
                texts = row_texts(r, dollar)
                for x, text in zip(cols[:4], texts[:4], strict=True):
                    c.drawString(x, y, text)
                c.drawRightString(560, y, texts[4])
                y -= 11
                if r["wrap"]:
                    c.drawString(cols[1], y, r["wrap"])
                    y -= 11
            c.drawString(270, 30, f"Page {k} of {len(chunks)}")
            c.showPage()
    c.save()


def html_page(accounts: list[dict], style: str, dollar: bool) -> str:
    parts = ["<html><head><meta charset='utf-8'><style>.l{font-weight:bold}</style></head><body>"]
    for a in accounts:
        parts.append("<div>This Product Contains Sensitive Taxpayer Data</div>")
        parts.append("<div class='t'>Account Transcript</div>")
        for label, value in header_pairs(a, style, dollar):
            parts.append(
                f"<div class='l'>{html.escape(label)}</div>"
                f"<div class='v'>{html.escape(value)}</div>"
            )
        parts.append(
            "<div>Transactions</div><table><thead><tr><th>Code</th>"
            "<th>Explanation of transaction</th><th>Cycle</th><th>Date</th>"
            "<th>Amount</th></tr></thead><tbody>"
        )
        for r in a["rows"]:
            t = row_texts(r, dollar)
            expl = html.escape(t[1]) + (f"<br/>{html.escape(r['wrap'])}" if r["wrap"] else "")
            parts.append(
                f"<tr><td>{t[0]}</td><td>{expl}</td><td>{t[2]}</td><td>{t[3]}</td>"
                f"<td>{t[4]}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def text_page(accounts: list[dict], style: str, dollar: bool) -> str:
    out: list[str] = []
    for a in accounts:
        pages = [a["rows"][i : i + 30] for i in range(0, len(a["rows"]), 30)] or [[]]
        for k, chunk in enumerate(pages, start=1):
            out.append("This Product Contains Sensitive Taxpayer Data")
            out.append("                    Account Transcript")
            pairs = header_pairs(a, style, dollar) if k == 1 else []
            for label, value in pairs:
                out.append(f"{label + ':':<64}{value}")
            if k == 1:
                out.append("TRANSACTIONS")
            out.append(
                f"{'CODE':<6}{'EXPLANATION OF TRANSACTION':<48}{'CYCLE':<10}"
                f"{'DATE':<12}{'AMOUNT':>14}"
            )
            for r in chunk:
                t = row_texts(r, dollar)
                out.append(f"{t[0]:<6}{t[1]:<48}{t[2]:<10}{t[3]:<12}{t[4]:>14}")
                if r["wrap"]:
                    out.append(f"{'':<6}{r['wrap']}")
            out.append(f"{'':<30}Page {k} of {len(pages)}")
            out.append("")
    return "\n".join(out)


def generate(out: Path, *, seed: int = 7702, quick: bool = False, jobs: int = 1) -> list[dict]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    kinds = ["basic", "long", "pending", "hold", "two_years", "spouse_module"]
    records = []
    total = 12 if quick else 36
    for n in range(total):
        kind = kinds[n % len(kinds)]
        joint = kind == "spouse_module" or rng.random() < 0.5
        tin = f"{rng.randint(1, 9999):04d}"
        spouse = f"{rng.randint(1, 9999):04d}" if joint else None
        request = date(2025, rng.randint(1, 12), rng.randint(1, 28))
        year = rng.randint(2015, 2023)
        inner = kind if kind in ("long", "pending", "hold") else "basic"
        accounts = [account(rng, year, tin, spouse, request, inner)]
        if kind == "two_years":
            accounts.append(
                account(
                    rng, year - 1, tin, spouse, request, rng.choice(["basic", "hold", "pending"])
                )
            )
        if kind == "spouse_module":
            accounts.append(account(rng, year, spouse, None, request, "basic"))
        style = rng.choice(["web", "classic"])
        dollar = rng.random() < 0.5
        rendering = ["pdf", "html", "text"][(n // len(kinds) + n) % 3]
        suffix = {"pdf": "pdf", "html": "htm", "text": "txt"}[rendering]
        name = f"{FAMILY}-{n:03d}-{kind}.{suffix}"
        path = out / name
        if rendering == "pdf":
            draw_pdf(path, accounts, style, dollar)
        elif rendering == "html":
            path.write_text(html_page(accounts, style, dollar), encoding="utf-8")
        else:
            path.write_text(text_page(accounts, style, dollar), encoding="utf-8")
        records.append(
            {
                "id": path.stem,
                "family": FAMILY,
                "rendering": rendering,
                "flavor": f"{kind}/{style}",
                "file": path.name,
                "expected": [expected(a) for a in accounts],
            }
        )
    (out / "manifest.json").write_text(json.dumps(records, indent=1))
    return records


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7702)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    print(f"{len(generate(args.out, seed=args.seed, quick=args.quick))} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
