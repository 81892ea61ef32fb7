"""`fax`: a re-rendered copy, e-faxed by a preparer or printed from tax software. Monospace
or plain type, upper-case `LABEL: value` pairs several to a line, dates like `17-NOV-2026` or
`Sept. 24, 2021`, amounts ending in ` USD`, abbreviated penalty rows (FTF, FTP, EST. TAX
PENALTY), a `TOTAL AMOUNT DUE (PAY BY ...)` leader line, and a fax banner (or a software
"printed on" line) carrying its own, later date and a fax number."""

from __future__ import annotations

import datetime as dt

from .. import fmt
from ..base import H, Sheet, W, billing_rows

SENDERS = [
    "TRI-COUNTY TAX SERVICES",
    "BRIGHTLINE ACCOUNTING",
    "J MORALES CPA PLLC",
    "NORTHSIDE BOOKKEEPING",
    "OAKHAVEN TAX & PAYROLL",
    "SUMMIT ENROLLED AGENTS",
]
SOFTWARE = ["LedgerLine Tax Pro", "ClearReturn Practice", "TaxDesk Professional", "FormFlow Office"]


class Fax(Sheet):
    family_choices = ("courier", "lib_mono", "dejavu_mono", "courier", "lib_sans")
    margin = 42.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["dmy_upper", "abbr_dot", "abbr", "long_upper", "dmy_upper"])
        s["usd"] = r.random() < 0.7
        s["credit"] = r.choice(["minus", "minus", "paren"])
        s["dollar_rows"] = False
        s["size"] = 8.6 if s["family"] != "lib_sans" else 9
        s["upper_body"] = r.random() < 0.5
        s["software"] = r.random() < 0.3
        s["banner_style"] = r.randint(0, 2)
        s["sender"] = r.choice(SENDERS)
        s["fax_no"] = (
            f"({r.choice(['608', '312', '415', '720', '919', '503'])}) 555-01{r.randint(10, 99)}"
        )
        s["to_no"] = f"{r.choice(['212', '267', '801', '816'])}555{r.randint(1000, 1999)}"
        s["due_label"] = r.choice(["total", "owe", "total"])
        s["job"] = r.randint(1000, 9999)
        return s

    @property
    def fax_dt(self) -> dt.datetime:
        n = self.n
        if n.fax_date is None:
            days = (n.today - n.notice_date).days
            when = n.notice_date + dt.timedelta(days=max(1, days - self.rng.randint(0, 2)))
            hour, minute = 8 + n.seed % 9, n.seed % 60
            n.fax_date = dt.datetime(when.year, when.month, when.day, hour, minute)
        return n.fax_date

    def up(self, text: str) -> str:
        return text.upper() if self.style["upper_body"] else text

    def banner(self) -> float:
        p, s = self.pen, self.style
        top = H - 22
        f = self.fax_dt
        total = self.total or 0
        if s["software"]:
            stamp = f"{fmt.date(f.date(), 'abbr_dot')} {f:%I:%M %p}"
            line = (
                f"{self.rng_fixed(SOFTWARE)} {f.year} - client copy - printed {stamp}"
                f" - page {self.page} of {total or '?'}"
            )
        elif s["banner_style"] == 0:
            line = (
                f"{f:%m/%d/%Y %H:%M}  FROM: {s['sender']}  FAX {s['fax_no']}   "
                f"TO: {s['to_no']}   P.{self.page:03d}/{total:03d}"
            )
        elif s["banner_style"] == 1:
            line = (
                f"RECEIVED {fmt.date(f.date(), 'dmy_upper')} {f:%H:%M} | FROM {s['fax_no']} "
                f"| {s['sender']} | PAGE {self.page}/{total}"
            )
        else:
            line = (
                f"{fmt.date(f.date(), 'abbr_dot')} {f:%I:%M%p}   {s['sender']}   "
                f"{s['fax_no']}   #{s['job']} P.{self.page}"
            )
        p.text(self.x0 - 10, top, line, 7.2, font="Courier" if not s["software"] else None)
        p.hline(self.x0 - 10, W - self.margin + 10, top - 4, 0.5, gray=0.3)
        return top - 26

    def rng_fixed(self, items: list[str]) -> str:
        return items[self.n.seed % len(items)]

    def ref_lines(self, first: bool) -> list[str]:
        n = self.n
        period = (
            f"TAX PERIOD: {self.D(n.tax_period_end)}"
            if n.tax_form == "941"
            else f"TAX YEAR: {n.tax_year}"
        )
        idl = "EIN" if n.tp.business else "TAXPAYER ID"
        lines = [
            f"NOTICE: {n.printed_type}    NOTICE DATE: {self.D(n.notice_date)}    {period}"
            f"    FORM: {n.tax_form}"
        ]
        second = f"{idl}: {n.masked_number}"
        if first and n.caller_id:
            second += f"    CALLER ID: {n.caller_id}"
        second += f"    PAGE {self.page} OF {self.total or '?'}"
        lines.append(second)
        return lines

    def continuation_header(self) -> float:
        y = self.banner()
        for line in self.ref_lines(first=False):
            self.pen.text(self.x0, y, line, self.style["size"])
            y -= 12
        return y - 12

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        size = self.style["size"]
        y = self.banner()
        cx = W / 2
        for line in [
            "DEPARTMENT OF THE TREASURY",
            "INTERNAL REVENUE SERVICE",
            f"{n.center[0].upper().replace(',', '')} {n.center[1]}",
        ]:
            p.text(cx, y, line, size + 0.5, bold=True, align="center")
            y -= 11.5
        y -= 12
        for line in self.ref_lines(first=True):
            p.text(self.x0, y, line, size)
            y -= 12
        names = n.tp.name_lines
        p.text(self.x0, y, f"{'BUSINESS' if n.tp.business else 'NAME'}: {names[0]}", size)
        indent = p.width("NAME: ", size)
        for extra in names[1:]:
            y -= 12
            p.text(self.x0 + indent, y, extra, size)
        y -= 12
        p.text(self.x0, y, f"ADDRESS: {', '.join(n.tp.address)}", size)
        y -= 26
        self.y = y
        self.para(k.title.upper(), size=size + 1.5, bold=True, after=1)
        self.para(k.headline.upper(), size=size + 0.5, after=10)
        self.billing()
        for t in k.intro + k.threats:
            self.para(self.up(t))
        self.para(self.up(k.todo_heading) + ":", bold=True, after=2)
        for t in k.todo:
            self.para(self.up(t), bullet="*", indent=6)
        for head, paras in [("PAYMENT OPTIONS", k.pay), ("IF YOU DISAGREE", k.disagree)] + [
            (h.upper(), ps) for h, ps in k.sections
        ]:
            self.para(head + ":", bold=True, after=2)
            for t in paras:
                self.para(self.up(t))
        self.para("PHONE NUMBERS:", bold=True, after=2)
        for unit, number in k.phones:
            self.para(f"{unit.upper()}: {number}", after=0)
        self.y -= 8
        self.stub()

    def billing(self) -> None:
        n, p = self.n, self.pen
        size = self.style["size"]
        x1, x2 = self.x0, self.x0 + 400
        self.para("BILLING SUMMARY", bold=True, after=2)
        for row in billing_rows(n, self.rng, flavor="abbrev", upper=True):
            self.ensure(12)
            x = x1 + 14 * row.indent
            if row.value is None:
                p.text(x, self.y, row.label + ":", size)
            else:
                p.leader(x, x2, self.y, row.label, self.RA(row.value), size)
            self.y -= 12
        choice = self.style["due_label"]
        if n.pay_by is None:
            label = "AMOUNT DUE IMMEDIATELY" if n.ntype != "LT11" else "AMOUNT YOU OWE"
        elif n.ntype == "CP2000":
            label = f"PROPOSED AMOUNT DUE (RESPOND BY {self.D(n.pay_by).upper()})"
        elif choice == "total":
            label = f"TOTAL AMOUNT DUE (PAY BY {self.D(n.pay_by).upper()})"
        else:
            label = f"AMOUNT YOU OWE BY {self.D(n.pay_by).upper()}"
        self.ensure(14)
        p.leader(
            x1,
            x2,
            self.y,
            label,
            self.A(n.amount_due, dollar=not self.style["usd"]),
            size,
            bold=True,
        )
        self.y -= 22

    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        size = self.style["size"]
        h = 120
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.text(self.x0, top, "-" * int((W - 2 * self.margin) / p.width("-", size)), size)
        y = top - 16
        p.text(self.x0, y, f"PAYMENT VOUCHER - {n.printed_type}", size + 1, bold=True)
        y -= 14
        due = f"AMOUNT DUE: {self.A(n.amount_due, dollar=not self.style['usd'])}"
        if n.pay_by:
            due += f"    PAY BY: {self.D(n.pay_by)}"
        for line in [
            f"NOTICE DATE: {self.D(n.notice_date)}    "
            f"{'EIN' if n.tp.business else 'SSN'}: {n.masked_number}    "
            f"TAX YEAR: {n.tax_year}    FORM: {n.tax_form}",
            due,
            k.payee.upper(),
            f"MAIL TO: INTERNAL REVENUE SERVICE, {n.remit[0].upper()}, {n.remit[1].upper()}",
            "AMOUNT ENCLOSED: ______________",
        ]:
            parts = (
                [line]
                if p.width(line, size) <= W - 2 * self.margin
                else p.wrap(line, W - 2 * self.margin, size)
            )
            for part in parts:
                p.text(self.x0, y, part, size)
                y -= 12
