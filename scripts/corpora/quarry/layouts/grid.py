"""`grid`: ruled tables. A header table with the labels in one row and the values in the row
below; the billing summary as a ruled grid (sometimes with an IRC-section column, sometimes
with "Late filing" / "Late payment" rows that only the section column names as penalties);
credits in parentheses or with an en dash; a ruled stub."""

from __future__ import annotations

from reportlab.platypus import Table, TableStyle

from ..base import IRC, H, Sheet, W, billing_rows


class Grid(Sheet):
    family_choices = ("times", "lib_serif", "dejavu_serif", "helvetica")
    margin = 48.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["long", "abbr", "numeric", "abbr_dot"])
        s["credit"] = r.choice(["paren", "paren", "endash", "minus"])
        s["irc"] = r.random() < 0.5
        s["size"] = r.choice([9, 9.5, 10])
        s["shade"] = r.choice([None, 0.9, 0.85])
        return s

    def table(
        self,
        data,
        widths,
        x: float,
        y: float,
        *,
        header_rows: int = 1,
        size: float | None = None,
        bold_last: bool = False,
        align_right=(),
    ) -> float:
        """Draw a ruled table with its top at y; returns its bottom."""
        size = size or self.style["size"]
        t = Table(data, colWidths=widths)
        cmds = [
            ("GRID", (0, 0), (-1, -1), 0.6, (0, 0, 0)),
            ("FONT", (0, 0), (-1, -1), self.pen.regular, size),
            ("FONT", (0, 0), (-1, header_rows - 1), self.pen.bold, size - 0.5),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
        if self.style["shade"] and header_rows:
            g = self.style["shade"]
            cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), (g, g, g)))
        for col in align_right:
            cmds.append(("ALIGN", (col, 0), (col, -1), "RIGHT"))
        if bold_last:
            cmds.append(("FONT", (0, -1), (-1, -1), self.pen.bold, size))
        t.setStyle(TableStyle(cmds))
        _, h = t.wrapOn(self.c, sum(widths), 1000)
        t.drawOn(self.c, x, y - h)
        return y - h

    def header_table(self, y: float, first: bool) -> float:
        n = self.n
        labels = [
            "Notice",
            "Notice date",
            "Tax year" if n.tax_period_end is None or n.tax_form != "941" else "Tax period",
            "Form",
            "Employer ID number" if n.tp.business else "Taxpayer ID number",
        ]
        values = [
            n.printed_type,
            self.D(n.notice_date),
            str(n.tax_year)
            if n.tax_period_end is None or n.tax_form != "941"
            else self.D(n.tax_period_end),
            n.tax_form,
            n.masked_number,
        ]
        if n.caller_id and first:
            labels.append("Caller ID")
            values.append(n.caller_id)
        labels.append("Page")
        values.append(f"{self.page} of {self.total or '?'}")
        widths = [
            self.pen.width(max(a, b, key=len), 9, True) + 14
            for a, b in zip(labels, values, strict=True)
        ]
        scale = self.width / sum(widths)
        widths = [w * scale for w in widths]
        return self.table([labels, values], widths, self.x0, y, size=9)

    def continuation_header(self) -> float:
        return self.header_table(H - self.margin, first=False) - 22

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        top = H - self.margin
        p.text(self.x0, top - 8, "Department of the Treasury", 9.5, bold=True)
        p.text(self.x0, top - 20, "Internal Revenue Service", 9.5)
        p.text(self.x0, top - 32, f"{n.center[0]} {n.center[1]}", 9)
        p.rect(W - self.margin - 92, top - 36, 92, 36, width=1.5)
        p.text(W - self.margin - 46, top - 25, n.printed_type, 17, bold=True, align="center")
        y = self.header_table(top - 52, first=True) - 26
        for line in n.tp.name_lines + ([n.tp.extra_line] if n.tp.extra_line else []) + n.tp.address:
            p.text(self.x0 + 12, y, line, 9.5)
            y -= 11.5
        self.y = y - 22
        self.para(
            k.title.upper() if self.rng.random() < 0.5 else k.title, size=12.5, bold=True, after=2
        )
        self.para(k.headline, size=11, after=8)
        for t in k.intro + k.threats:
            self.para(t)
        self.billing()
        self.heading(k.todo_heading)
        for t in k.todo:
            self.para(t, bullet="\u2013", indent=4)
        self.heading(self.rng.choice(["Payment options", "How to pay"]))
        for t in k.pay:
            self.para(t)
        self.heading("If you disagree")
        for t in k.disagree:
            self.para(t)
        self.body_sections()
        self.heading("Telephone numbers")
        rows = [["Purpose", "Number"]] + [[u, num] for u, num in k.phones]
        self.ensure(16 * len(rows) + 10)
        self.y = self.table(rows, [220, 140], self.x0, self.y + 6) - 16
        self.stub()

    def billing(self) -> None:
        n = self.n
        irc = self.style["irc"]
        rows = billing_rows(n, self.rng)
        if irc and n.penalty_style not in ("grouped", "grouped_nt") and self.rng.random() < 0.6:
            # section-only wording: the IRC column says which penalty each row is
            words = {
                "failure_to_file_penalty": "Late filing",
                "failure_to_pay_penalty": "Late payment",
                "estimated_tax_penalty": "Estimated tax underpayment",
            }
            for r in rows:
                if r.key in words:
                    r.label = words[r.key]
        head = ["Description", "IRC section", "Amount"] if irc else ["Description", "Amount"]
        data = [head]
        for r in rows:
            label = ("    " * r.indent) + r.label
            value = "" if r.value is None else self.RA(r.value)
            data.append([label, IRC.get(r.key or "", ""), value] if irc else [label, value])
        due = self.due_by_label
        data.append([due, "", self.A(n.amount_due)] if irc else [due, self.A(n.amount_due)])
        widths = [250, 90, 110] if irc else [300, 120]
        height = 19 * len(data) + 30
        self.ensure(height)
        self.para(
            self.rng.choice(["Billing summary", "Account summary", "BILLING SUMMARY"]),
            bold=True,
            after=0,
        )
        self.y = (
            self.table(
                data, widths, self.x0, self.y + 4, bold_last=True, align_right=(len(head) - 1,)
            )
            - 18
        )

    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        h = 190
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.scissors(top, self.x0, W - self.margin, "Cut along this line and return with payment")
        y = top - 18
        p.text(self.x0, y, f"{k.stub_title}  \u2013  {n.printed_type}", 11, bold=True)
        y -= 8
        labels = [
            "Notice",
            "Notice date",
            "Employer ID number" if n.tp.business else "SSN",
            "Tax year",
            "Form",
            self.due_by_label if n.pay_by else k.due_label,
        ]
        values = [
            n.printed_type,
            self.D(n.notice_date),
            n.masked_number,
            str(n.tax_year),
            n.tax_form,
            self.A(n.amount_due),
        ]
        widths = [52, 88, 84, 48, 50, 194]
        y = self.table([labels, values], widths, self.x0, y, size=8.5, align_right=(5,)) - 16
        p.text(self.x0, y, k.payee, 8.5)
        p.text(self.x0 + 330, y - 18, "Amount enclosed  $", 9)
        p.rect(self.x0 + 415, y - 24, 100, 18)
        y -= 40
        for line in n.tp.name_lines + n.tp.address:
            p.text(self.x0, y, line, 8.5)
            y -= 10.5
        y = top - 132
        for line in ["INTERNAL REVENUE SERVICE", n.remit[0].upper(), n.remit[1].upper()]:
            p.text(self.x0 + 300, y, line, 9)
            y -= 11
