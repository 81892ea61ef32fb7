"""`sidebar`: the 2020-prototype look. A shaded "For your reference" sidebar with each label
stacked over its value; page 1 gives the amount and the pay-by date inside sentences (or in a
big amount line), and the billing summary, with penalty sub-rows under a "Penalties" heading,
is on page 2."""

from __future__ import annotations

from ..base import H, Sheet, W, billing_rows


class Sidebar(Sheet):
    family_choices = ("dejavu_sans", "lib_sans", "helvetica", "lib_narrow")
    margin = 44.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["numeric", "numeric", "long", "numeric_short", "abbr"])
        s["size"] = r.choice([9, 9.5, 10])
        s["big_amount"] = r.random() < 0.35
        s["sidebar_x"] = W - self.margin - r.choice([160, 172, 185])
        s["page_stacked"] = r.random() < 0.5
        return s

    def sidebar(self) -> None:
        n, p = self.n, self.pen
        x = self.style["sidebar_x"]
        top = H - self.margin
        p.rect(x - 10, top - 330, W - self.margin - x + 10, 340, width=0, fill=0.93, stroke=False)
        y = top - 8
        p.text(x, y, "For your reference", 10.5, bold=True)
        y -= 20
        items = [("Notice name", n.printed_type), ("Notice date", self.D(n.notice_date))]
        if n.tax_period_end is not None:
            items.append(("Tax period", self.D(n.tax_period_end)))
        else:
            items.append(("Tax year", str(n.tax_year)))
        items.append(("Your EIN" if n.tp.business else "Your SSN", n.masked_number))
        if n.caller_id:
            items.append(("Your caller ID", n.caller_id))
        for label, value in items:
            p.text(x, y, label, 7.8, gray=0.25)
            p.text(x, y - 11.5, value, 10, bold=True)
            y -= 27
        if self.style["page_stacked"]:
            p.text(x, y, "Page", 7.8, gray=0.25)
            p.text(x, y - 11.5, f"{self.page} of {self.total or '?'}", 10, bold=True)
            y -= 27
        else:
            p.text(x, y, self.page_label(), 9)
            y -= 20
        y -= 6
        p.text(x, y, "Contact information", 10.5, bold=True)
        y -= 18
        for label, value in [
            ("Phone", self.n.phone),
            ("Online", f"www.irs.gov/{n.ntype.lower()}"),
            *self.n.extra_phones[:2],
        ]:
            p.text(x, y, label, 7.8, gray=0.25)
            p.text(x, y - 11, value, 9)
            y -= 24

    def continuation_header(self) -> float:
        n, p = self.n, self.pen
        top = H - self.margin
        bits = [
            n.printed_type,
            f"Notice date {self.D(n.notice_date)}",
            f"{'EIN' if n.tp.business else 'SSN'} {n.masked_number}",
            self.page_label(),
        ]
        p.text(W - self.margin, top, "   |   ".join(bits), 8, align="right")
        p.hline(self.x0, W - self.margin, top - 6, 0.4, gray=0.4)
        return top - 28

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        top = H - self.margin
        p.rect(self.x0, top - 22, 30, 22, width=1.2)
        p.text(self.x0 + 15, top - 16, "IRS", 10, bold=True, align="center")
        p.text(self.x0 + 38, top - 8, "Department of the Treasury", 8.5)
        p.text(self.x0 + 38, top - 18, "Internal Revenue Service", 8.5)
        p.text(self.x0 + 38, top - 28, f"{n.center[0]} {n.center[1]}", 8.5)
        self.sidebar()
        y = top - 90
        for line in n.tp.name_lines + ([n.tp.extra_line] if n.tp.extra_line else []) + n.tp.address:
            p.text(self.x0, y, line, 9.5)
            y -= 11.5
        self.width = self.style["sidebar_x"] - 24 - self.x0
        self.y = y - 26
        self.para(k.headline, size=15, bold=True, after=6)
        if self.style["big_amount"]:
            self.para(f"{k.due_label}: {self.A(n.amount_due)}", size=13, bold=True, after=8)
        for t in k.intro + k.threats:
            self.para(t)
        self.heading(k.todo_heading)
        for t in k.todo:
            self.para(t, bullet="\u2022", indent=6)
        self.para(
            self.rng.choice(
                [
                    "Your billing summary is on page 2.",
                    "See page 2 for how we figured the amount due.",
                    "The billing details are on the next page.",
                ]
            ),
            after=8,
        )
        for t in k.pay:
            self.para(t)
        self.width = W - 2 * self.margin
        self.next_page()
        self.billing()
        self.heading("If you don't agree")
        for t in k.disagree:
            self.para(t)
        self.body_sections()
        for t in k.contact:
            self.para(t, after=1)
        self.stub()

    def billing(self) -> None:
        n, p = self.n, self.pen
        size = self.style["size"]
        lead = size * 1.55
        self.heading(
            self.rng.choice(
                ["Billing summary", "Billing Summary", "How we figured the amount due"]
            ),
            size=13,
        )
        x1, x2 = self.x0 + 6, self.x0 + 340
        for row in billing_rows(n, self.rng):
            x = x1 + 16 * row.indent
            p.text(x, self.y, row.label, size, bold=row.bold)
            if row.value is not None:
                p.text(x2, self.y, self.RA(row.value), size, align="right")
            self.y -= lead
        p.hline(x1, x2, self.y + lead * 0.75, 0.6)
        label = self.due_by_label
        p.text(x1, self.y, label, size + 0.5, bold=True)
        p.text(x2, self.y, self.A(n.amount_due), size + 0.5, bold=True, align="right")
        self.y -= lead * 2

    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        h = 170
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.scissors(top, self.x0, W - self.margin)
        y = top - 24
        p.text(self.x0, y, k.stub_title, 11, bold=True)
        y -= 26
        cols = [
            ("Notice name", n.printed_type),
            ("Notice date", self.D(n.notice_date)),
            ("Your EIN" if n.tp.business else "Your SSN", n.masked_number),
        ]
        x = self.x0
        for label, value in cols:
            p.text(x, y, label, 7.8, gray=0.25)
            p.text(x, y - 12, value, 10, bold=True)
            x += 110
        rx = W - self.margin
        due = self.due_by_label if n.pay_by else k.due_label
        p.text(rx, y, due, 8.5, align="right")
        p.text(rx, y - 14, self.A(n.amount_due), 13, bold=True, align="right")
        y -= 44
        p.text(self.x0, y, k.payee, 8.5)
        p.text(rx - 150, y - 20, "Amount enclosed", 8.5, align="right")
        p.rect(rx - 140, y - 26, 140, 18)
        y -= 42
        for line in ["Internal Revenue Service", n.remit[0], n.remit[1]]:
            p.text(self.x0 + 290, y, line, 9)
            y -= 11
        y += 33
        for line in n.tp.name_lines + n.tp.address:
            p.text(self.x0, y, line, 8.5)
            y -= 10.5
