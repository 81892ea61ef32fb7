"""`ledger`: the older CP14 look. Reference box of label/value pairs at the top right; the
instructions in a left column and the billing summary with dotted leaders in a right column,
on the same baselines; the stub splits "payable to / the United States Treasury" over two
left-column lines beside the right-column amounts."""

from __future__ import annotations

from ..base import H, Sheet, W, billing_rows


class Ledger(Sheet):
    family_choices = ("helvetica", "times", "lib_sans", "dejavu_sans", "lib_serif")
    margin = 46.0

    def choose_style(self) -> dict:
        s = super().choose_style()
        r = self.rng
        s["date"] = r.choice(["long", "long", "abbr_dot", "abbr", "numeric"])
        s["size"] = r.choice([8.5, 9, 9])
        s["lead"] = s["size"] + r.choice([2.6, 3.0, 3.4])
        s["dots"] = r.choice([".", ".", ". ", ""])
        s["due_row"] = r.choice(["by", "by", "owe", "total"])
        s["split"] = r.uniform(0.50, 0.56)
        return s

    # -- header ---------------------------------------------------------------------
    def sender(self, y: float) -> None:
        p = self.pen
        p.text(self.x0, y, "Department of the Treasury", 8.5, bold=True)
        p.text(self.x0, y - 10.5, "Internal Revenue Service", 8.5, bold=True)
        p.text(self.x0, y - 21, f"{self.n.center[0]} {self.n.center[1]}", 8.5)

    def ref_pairs(self, first: bool) -> list[tuple[str, str]]:
        n = self.n
        pairs = [("Notice", n.printed_type)]
        if n.tax_period_end is not None:
            pairs.append(("Tax period", self.D(n.tax_period_end)))
        else:
            pairs.append(("Tax year", str(n.tax_year)))
        pairs.append(("Notice date", self.D(n.notice_date)))
        pairs.append(
            ("Employer ID number" if n.tp.business else "Social security number", n.masked_number)
        )
        if first:
            pairs.append(("To contact us", f"Phone {n.phone}"))
            if n.caller_id:
                pairs.append(("Your caller ID", n.caller_id))
        return pairs

    def ref_box(self, y: float, first: bool) -> float:
        p = self.pen
        x = W - self.margin - 214
        lead = 11.2
        for label, value in self.ref_pairs(first):
            p.text(x, y, label, 8.5)
            p.text(x + 104, y, value, 8.5, bold=label == "Notice")
            y -= lead
        p.text(x, y, self.page_label(), 8.5)
        return y - lead

    def continuation_header(self) -> float:
        y = self.ref_box(H - self.margin, first=False)
        self.pen.hline(self.x0, W - self.margin, y + 2, 0.4)
        return y - 14

    # -- body -----------------------------------------------------------------------
    def col_para(
        self,
        x: float,
        width: float,
        text: str,
        y: float,
        bold: bool = False,
        bullet: str | None = None,
    ) -> float:
        size, lead = self.style["size"], self.style["lead"]
        bw = self.pen.width(bullet + " ", size) if bullet else 0
        for i, line in enumerate(self.pen.wrap(text, width - bw, size, bold)):
            if bullet and i == 0:
                self.pen.text(x, y, bullet, size)
            self.pen.text(x + bw, y, line, size, bold)
            y -= lead
        return y

    def billing(self, x1: float, x2: float, y: float) -> float:
        p, size, lead = self.pen, self.style["size"], self.style["lead"]
        n = self.n
        p.text(x1, y, "Billing Summary", size + 1.5, bold=True)
        p.hline(x1, x2, y - lead * 0.55, 0.5)
        y -= 2 * lead
        rows = billing_rows(n, self.rng)
        for row in rows:
            x = x1 + 10 * row.indent
            if row.value is None:
                p.text(x, y, row.label, size, bold=True)
            else:
                value = self.RA(row.value)
                label = row.label
                label = self.fit(label, x2 - x - p.width(value, size) - 10, size)
                p.leader(x, x2, y, label, value, size, dots=self.style["dots"])
            y -= lead
        due = self.style["due_row"]
        if n.pay_by is None or due == "by":
            label = self.due_by_label
        elif due == "owe":
            label = "Amount you owe"
        else:
            label = "Total amount due"
        if p.width(label, size, True) + 60 > x2 - x1:
            label = self.k.due_label
        p.hline(x1, x2, y + lead - 3, 0.5)
        p.leader(x1, x2, y, label, self.A(n.amount_due), size, bold=True, dots="")
        if due != "by" and n.pay_by is not None and label != self.due_by_label:
            y -= lead
            p.text(x1, y, f"Pay by {self.D(n.pay_by)}", size)
        return y - lead

    def draw(self) -> None:
        n, k, p = self.n, self.k, self.pen
        top = H - self.margin
        self.sender(top)
        self.ref_box(top, first=True)
        y = top - 92
        for line in n.tp.name_lines + ([n.tp.extra_line] if n.tp.extra_line else []) + n.tp.address:
            p.text(self.x0 + 18, y, line, 9.5)
            y -= 11.5
        y -= 18
        p.text(self.x0, y, k.headline, 14, bold=True)
        y -= 20
        lead = self.style["lead"]
        split = self.x0 + self.width * self.style["split"]
        lx2 = split - 16
        ly = ry = y
        p.text(self.x0, ly, f"{k.due_label}: {self.A(n.amount_due)}", 11.5, bold=True)
        ly -= lead * 2
        ry = self.billing(split, W - self.margin, ry)
        left = [(t, False, None) for t in k.intro + k.threats]
        left.append((k.todo_heading, True, None))
        left += [(t, False, "\u2022") for t in k.todo]
        left += [(t, False, None) for t in k.pay]
        left.append(("If you don't agree", True, None))
        left += [(t, False, None) for t in k.disagree]
        rest = []
        for i, (text, bold, bullet) in enumerate(left):
            need = p.lines_needed(text, lx2 - self.x0, self.style["size"], bold) * lead
            if ly - need < self.bottom + 10:
                rest = left[i:]
                break
            ly = self.col_para(self.x0, lx2 - self.x0, text, ly, bold, bullet) - lead * 0.5
        self.y = min(ly, ry) - 6
        self.next_page()
        for text, bold, bullet in rest:
            if bold:
                self.heading(text)
            else:
                self.para(text, bullet=bullet)
        self.body_sections()
        self.heading("Contact information")
        for t in k.contact:
            self.para(t, after=1)
        self.stub()

    # -- stub -----------------------------------------------------------------------
    def stub(self) -> None:
        n, k, p = self.n, self.k, self.pen
        h = 205
        if self.y - h < self.bottom:
            self.next_page()
        top = self.bottom + h
        p.scissors(
            top,
            self.x0,
            W - self.margin,
            self.rng.choice(
                [
                    "Detach and return this part with your payment",
                    "Please return this part with your payment",
                ]
            ),
        )
        size, lead = 9, 12.5
        y = top - 22
        p.text(self.x0, y, n.printed_type, 15, bold=True)
        p.text(self.x0 + 70, y, k.stub_title, 9)
        y -= lead * 1.6
        split = self.x0 + self.width * 0.5
        rx1, rx2 = split, W - self.margin
        left = self.payee_lines(split - self.x0 - 20, size)
        left += p.wrap(
            f"Write your {'EIN' if n.tp.business else 'SSN'}, {n.tax_year} and "
            f"Form {n.tax_form} on your payment.",
            split - self.x0 - 20,
            size,
        )
        right = [
            ("Notice date", self.D(n.notice_date), False),
            (
                "Employer ID number" if n.tp.business else "Social security number",
                n.masked_number,
                False,
            ),
            (self.due_by_label if n.pay_by else k.due_label, self.A(n.amount_due), True),
        ]
        y = self.side_by_side(left, right, rx1, rx2, y, size, lead)
        p.text(rx1, y - 4, "Amount enclosed", size)
        p.rect(rx2 - 110, y - 9, 110, 17)
        y -= lead * 2.4
        ny = y
        for line in [
            *n.tp.name_lines,
            *([n.tp.extra_line] if n.tp.extra_line else []),
            *n.tp.address,
        ]:
            p.text(self.x0 + 10, ny, line, 9)
            ny -= 11
        for line in ["INTERNAL REVENUE SERVICE", n.remit[0].upper(), n.remit[1].upper()]:
            p.text(rx1 + 10, y, line, 9)
            y -= 11
