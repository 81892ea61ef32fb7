"""`banded`: a modern bill with a dark title band, several `Label: value` pairs on one line
under it, an amount box, and a two-column body: instructions on the left and the billing
summary on the right on the same baselines; the stub puts "payable to / the United States
Treasury" on two left-hand lines beside the right-hand values."""

from __future__ import annotations

from ..base import H, Sheet, W, billing_rows


class Banded(Sheet):
    family_choices = ("lib_narrow", "helvetica", "dejavu_sans", "lib_sans")
    margin = 40.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["abbr", "abbr", "long", "numeric", "abbr_dot"])
        s["size"] = r.choice([8.5, 9, 9.5])
        s["lead"] = s["size"] * r.choice([1.3, 1.4])
        s["band"] = r.choice([0.15, 0.25, 0.35])
        s["right_w"] = r.choice([200, 215, 230])
        s["total_line"] = r.random() < 0.4
        return s

    def band(self, first: bool) -> float:
        n, p = self.n, self.pen
        top = H - self.margin
        g = self.style["band"]
        p.rect(self.x0, top - 34, self.width, 34, width=0, fill=g, stroke=False)
        p.text(self.x0 + 10, top - 15, "Internal Revenue Service", 12, bold=True, gray=1)
        p.text(self.x0 + 10, top - 27, "Department of the Treasury", 8, gray=1)
        p.text(
            W - self.margin - 10,
            top - 23,
            f"Notice {n.printed_type}",
            16,
            bold=True,
            gray=1,
            align="right",
        )
        y = top - 50
        period = (
            f"Tax period: {self.D(n.tax_period_end)}"
            if n.tax_form == "941"
            else f"Tax year: {n.tax_year}"
        )
        idl = "EIN" if n.tp.business else "SSN"
        line1 = (
            f"Notice date: {self.D(n.notice_date)}     {period}     Tax form: "
            f"{n.tax_form}     {idl}: {n.masked_number}"
        )
        bits = []
        if first and n.caller_id:
            bits.append(f"Caller ID: {n.caller_id}")
        if first:
            bits.append(f"Questions? Call {n.phone}")
        bits.append(self.page_label())
        p.text(self.x0 + 4, y, line1, 9)
        p.text(self.x0 + 4, y - 12, "     ".join(bits), 9)
        p.hline(self.x0, W - self.margin, y - 19, 0.8)
        return y - 36

    def continuation_header(self) -> float:
        return self.band(first=False)

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        y = self.band(first=True)
        ay = y
        for line in n.tp.name_lines + ([n.tp.extra_line] if n.tp.extra_line else []) + n.tp.address:
            p.text(self.x0 + 8, y, line, 9.5)
            y -= 11.5
        bx = W - self.margin - 210
        p.rect(bx, ay - 44, 210, 52, width=1.2)
        p.text(bx + 10, ay - 8, k.due_label, 10)
        p.text(W - self.margin - 10, ay - 8, self.A(n.amount_due), 14, bold=True, align="right")
        p.text(
            bx + 10,
            ay - 34,
            f"Pay by {self.D(n.pay_by)}" if n.pay_by else "Pay immediately",
            10,
            bold=True,
        )
        y = min(y, ay - 50) - 24
        p.text(self.x0, y, k.headline, 13, bold=True)
        y -= 22
        size, lead = self.style["size"], self.style["lead"]
        rx1 = W - self.margin - self.style["right_w"]
        rx2 = W - self.margin
        lx2 = rx1 - 18
        ry = self.billing(rx1, rx2, y)
        left = (
            [(t, False) for t in k.intro + k.threats]
            + [(k.todo_heading, True)]
            + [(t, False) for t in k.todo]
            + [("Ways to pay", True)]
            + [(t, False) for t in k.pay]
        )
        rest = []
        ly = y
        for i, (text, bold) in enumerate(left):
            lines = p.wrap(text, lx2 - self.x0, size, bold)
            if ly - len(lines) * lead < self.bottom + 10:
                rest = left[i:]
                break
            for line in lines:
                p.text(self.x0, ly, line, size, bold)
                ly -= lead
            ly -= lead * 0.5
        self.y = min(ly, ry) - 8
        self.next_page()
        for text, bold in rest:
            self.heading(text) if bold else self.para(text)
        self.heading("If you disagree")
        for t in k.disagree:
            self.para(t)
        self.body_sections()
        self.heading("Phone numbers")
        for unit, number in k.phones:
            self.para(f"{unit}: {number}", after=1)
        self.y -= 6
        self.stub()

    def billing(self, x1: float, x2: float, y: float) -> float:
        n, p = self.n, self.pen
        size, lead = self.style["size"], self.style["lead"]
        p.rect(x1 - 6, y - lead * 0.4, x2 - x1 + 6, lead * 1.25, width=0, fill=0.88, stroke=False)
        p.text(x1, y, "Billing summary", size + 0.5, bold=True)
        y -= lead
        for row in billing_rows(n, self.rng):
            x = x1 + 10 * row.indent
            if row.value is not None:
                value = self.RA(row.value)
                label = self.fit(row.label, x2 - x - p.width(value, size) - 10, size)
                p.text(x2, y, value, size, align="right")
            else:
                label = row.label
            p.text(x, y, label, size, bold=row.bold)
            y -= lead
        p.hline(x1, x2, y + lead - 3, 0.7)
        if self.style["total_line"] and n.pay_by and n.ntype != "CP2000":
            label = f"TOTAL AMOUNT DUE (pay by {self.D(n.pay_by)})"
        else:
            label = self.due_by_label if n.pay_by else self.k.due_label
        value = self.A(n.amount_due)
        if p.width(label, size, True) + p.width(value, size, True) + 12 > x2 - x1:
            p.text(x1, y, label, size, bold=True)
            y -= lead
            p.text(x2, y, value, size, bold=True, align="right")
        else:
            p.leader(
                x1,
                x2,
                y,
                label,
                value,
                size,
                bold=True,
                dots="." if label.startswith("TOTAL") else "",
            )
        return y - lead

    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        h = 175
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.scissors(top, self.x0, W - self.margin, "Fold and tear here")
        size, lead = 9, 12.5
        y = top - 20
        p.text(self.x0, y, f"{k.stub_title}", 11, bold=True)
        y -= 20
        rx1, rx2 = self.x0 + self.width * 0.5, W - self.margin
        left = self.payee_lines(rx1 - self.x0 - 20, size)
        left += [
            f"Write your {'EIN' if n.tp.business else 'SSN'} and the tax year on it.",
            "Do not send cash.",
        ]
        right = [
            (f"Notice {n.printed_type}", self.D(n.notice_date), False),
            ("EIN" if n.tp.business else "SSN", n.masked_number, False),
            (self.due_by_label if n.pay_by else k.due_label, self.A(n.amount_due), True),
        ]
        y = self.side_by_side(left, right, rx1, rx2, y, size, lead)
        p.text(rx1, y - 6, "Amount enclosed", size)
        p.rect(rx2 - 110, y - 11, 110, 17)
        y -= lead * 2.5
        ny = y
        for line in n.tp.name_lines + n.tp.address:
            p.text(self.x0, ny, line, 9)
            ny -= 11
        for line in ["INTERNAL REVENUE SERVICE", n.remit[0].upper(), n.remit[1].upper()]:
            p.text(rx1, y, line, 9)
            y -= 11
