"""`letter`: a typed letter (LTR 11, CP504, CP2000 and also CP14-type bills in letter form).
A right-hand block of `Label: value` lines, the amount and the pay-by date only inside
sentences on page 1, a small table of periods, and the billing summary on page 2 (or none)."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ..base import H, Sheet, W, billing_rows

CONTACTS = [
    "Ms. Ortega",
    "Mr. Lindqvist",
    "Ms. Achebe",
    "Mr. Pruitt",
    "Ms. Haldane",
    "Mr. Castellano",
]
SIGNERS = [
    "Operations Manager, Collection",
    "Field Director, Compliance Services",
    "Department Manager, Automated Collection System",
    "Operations Manager, AUR",
]


class Letter(Sheet):
    family_choices = ("times", "lib_serif", "dejavu_serif", "helvetica", "lib_sans")
    margin = 56.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["long", "long", "abbr", "abbr_dot"])
        s["size"] = r.choice([9.5, 10, 10.5])
        s["dollar_rows"] = True
        s["contact"] = r.choice(CONTACTS)
        s["employee"] = str(r.randint(1000000000, 1000999999))
        s["salutation"] = r.random() < 0.5
        s["ruled_periods"] = r.random() < 0.6
        return s

    def code_label(self) -> tuple[str, str]:
        n = self.n
        if n.printed_type.startswith("LT"):
            return "Letter number", n.printed_type
        return "Notice number", n.printed_type

    def right_block(self, y: float, first: bool) -> float:
        n, p = self.n, self.pen
        x = W - self.margin - 228
        period = (
            self.D(n.tax_period_end)
            if n.tax_period_end
            else f"December 31, {n.tax_year}"
            if self.style["date"] == "long"
            else str(n.tax_year)
        )
        pairs = [
            self.code_label(),
            (
                "Letter date" if n.printed_type.startswith("LT") else "Notice date",
                self.D(n.notice_date),
            ),
            ("Employer ID number" if n.tp.business else "Taxpayer ID number", n.masked_number),
        ]
        if first:
            pairs += [
                ("Tax form", n.tax_form),
                ("Tax period", period),
                ("Person to contact", self.style["contact"]),
                ("Employee ID", self.style["employee"]),
                ("Contact telephone number", n.phone),
            ]
            if n.caller_id:
                pairs.append(("Caller ID", n.caller_id))
        for label, value in pairs:
            p.text(x, y, f"{label}:", 8.8, bold=True)
            p.text(x + p.width(f"{label}: ", 8.8, True), y, value, 8.8)
            y -= 11.5
        p.text(x, y, self.page_label(), 8.8)
        return y - 11.5

    def continuation_header(self) -> float:
        return self.right_block(H - self.margin + 10, first=False) - 18

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        top = H - self.margin + 10
        p.text(self.x0, top, "Department of the Treasury", 10, bold=True)
        p.text(self.x0, top - 12, "Internal Revenue Service", 10, bold=True)
        p.text(self.x0, top - 24, f"{n.center[0]} {n.center[1]}", 9)
        yb = self.right_block(top, first=True)
        y = min(top - 100, yb - 10)
        for line in n.tp.name_lines + ([n.tp.extra_line] if n.tp.extra_line else []) + n.tp.address:
            p.text(self.x0, y, line, 10)
            y -= 12
        self.y = y - 24
        if self.style["salutation"]:
            self.para("Dear Taxpayer:", after=6)
        self.para(k.title, size=self.style["size"] + 2, bold=True, after=6)
        for t in k.intro + k.threats:
            self.para(t, after=7)
        self.periods()
        self.heading(k.todo_heading)
        for t in k.todo:
            self.para(t, bullet="\u2022", indent=8)
        self.heading("How to pay" if n.ntype != "CP2000" else "If you agree")
        for t in k.pay:
            self.para(t)
        self.next_page()
        if n.billing_printed:
            self.billing()
        self.heading("If you disagree" if n.ntype != "LT11" else "Your right to a hearing")
        for t in k.disagree:
            self.para(t)
        self.body_sections()
        for t in k.contact:
            self.para(t, after=1)
        self.y -= 10
        self.para("Sincerely,", after=16)
        self.para(self.rng.choice(SIGNERS), after=10)
        self.stub()

    def periods(self) -> None:
        n = self.n
        col = "Amount you owe" if n.ntype != "CP2000" else "Proposed amount due"
        period = (
            self.D(n.tax_period_end)
            if n.tax_period_end
            else self.D(n.notice_date.replace(year=n.tax_year, month=12, day=31))
        )
        data = [["Tax form", "Tax period", col], [n.tax_form, period, self.A(n.amount_due)]]
        t = Table(data, colWidths=[90, 130, 130])
        cmds = [
            ("FONT", (0, 0), (-1, -1), self.pen.regular, 9.5),
            ("FONT", (0, 0), (-1, 0), self.pen.bold, 9.5),
            ("ALIGN", (2, 0), (2, -1), "RIGHT"),
        ]
        if self.style["ruled_periods"]:
            cmds.append(("GRID", (0, 0), (-1, -1), 0.6, (0, 0, 0)))
        else:
            cmds.append(("LINEBELOW", (0, 0), (-1, 0), 0.6, (0, 0, 0)))
        t.setStyle(TableStyle(cmds))
        _, h = t.wrapOn(self.c, 350, 200)
        self.ensure(h + 10)
        t.drawOn(self.c, self.x0 + 20, self.y - h + 8)
        self.y -= h + 12

    def billing(self) -> None:
        n, p = self.n, self.pen
        size = self.style["size"]
        period = self.D(n.tax_period_end) if n.tax_period_end else str(n.tax_year)
        self.heading(
            self.rng.choice(
                [
                    f"Account summary for {period}",
                    f"Summary of your {n.tax_year} account",
                    "Billing summary",
                ]
            )
        )
        x1, x2 = self.x0 + 10, self.x0 + 360
        for row in billing_rows(n, self.rng):
            x = x1 + 14 * row.indent
            if row.value is None:
                p.text(x, self.y, row.label, size, bold=True)
            else:
                p.leader(x, x2, self.y, row.label, self.RA(row.value), size, dots=". ")
            self.y -= size * 1.45
        p.hline(x2 - 90, x2, self.y + size * 1.1, 0.6)
        p.leader(
            x1,
            x2,
            self.y,
            self.due_by_label if n.pay_by else self.k.due_label,
            self.A(n.amount_due),
            size,
            bold=True,
            dots="",
        )
        self.y -= size * 3

    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        h = 200
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.scissors(top, self.x0, W - self.margin)
        y = top - 20
        p.text(self.x0, y, k.stub_title, 11, bold=True)
        p.text(
            W - self.margin,
            y,
            f"{self.code_label()[1]}    {self.D(n.notice_date)}",
            10,
            bold=True,
            align="right",
        )
        y -= 18
        for line in n.tp.name_lines + n.tp.address:
            p.text(self.x0, y, line, 9)
            y -= 11
        p.text(self.x0, y - 4, f"{'EIN' if n.tp.business else 'SSN'}: {n.masked_number}", 9)
        y = top - 40
        rx = self.x0 + 270
        boxes = [
            "I am enclosing full payment.",
            "I want to set up a payment plan.",
            "I disagree; my explanation is attached.",
        ]
        if n.ntype == "CP2000":
            boxes = [
                "I agree with the proposed changes.",
                "I disagree; my statement and documents are attached.",
            ]
        for b in boxes:
            p.rect(rx, y - 1, 7, 7, width=0.6)
            p.text(rx + 12, y, b, 8.5)
            y -= 13
        y -= 6
        due = self.due_by_label if n.pay_by else k.due_label
        p.text(rx, y, f"{due}: {self.A(n.amount_due)}", 9.5, bold=True)
        y -= 14
        for part in p.wrap(k.payee, W - self.margin - rx, 8.5):
            p.text(rx, y, part, 8.5)
            y -= 10.5
        y -= 8
        for line in ["Internal Revenue Service", n.remit[0], n.remit[1]]:
            p.text(rx, y, line, 9)
            y -= 11
