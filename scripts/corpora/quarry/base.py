"""What every layout shares: the page flow, the billing rows in print order, row wording."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from . import content as content_mod
from . import fmt
from .pen import Pen
from .spec import PENALTY_KEYS, Notice

W, H = letter

# Row wording. "words" are the penalty sub-rows printed under a "Penalties" heading.
LABELS = {
    "plain": {
        "tax": [
            "Tax you owed",
            "Amount you owed",
            "Tax you owed when you filed your return",
            "Tax shown on your return",
        ],
        "payments_credits": [
            "Payments and credits",
            "Payments and other credits",
            "Payments you made",
            "Credits and payments",
        ],
        "failure_to_file_penalty": ["Failure-to-file penalty", "Late filing penalty"],
        "failure_to_pay_penalty": ["Failure-to-pay penalty", "Late payment penalty"],
        "estimated_tax_penalty": ["Estimated tax penalty", "Failure-to-pay estimated tax penalty"],
        "interest": ["Interest charges", "Interest"],
        "penalties_total": ["Total penalties", "Penalties, total"],
        "penalties_only": ["Penalties", "Penalty charges"],
        "heading": ["Penalties"],
    },
    "words": {
        "failure_to_file_penalty": ["Filing late", "Late filing", "Not filing on time"],
        "failure_to_pay_penalty": ["Paying late", "Late payment", "Not paying on time"],
        "estimated_tax_penalty": [
            "Underpaying estimated tax",
            "Estimated tax",
            "Not paying estimated tax",
        ],
    },
    "abbrev": {
        "tax": ["AMOUNT YOU OWED", "TAX PER RETURN", "TAX YOU OWED"],
        "payments_credits": ["PAYMENTS/CREDITS", "PAYMENTS AND CREDITS", "LESS PAYMENTS"],
        "failure_to_file_penalty": ["FTF PENALTY", "FTF"],
        "failure_to_pay_penalty": ["FTP PENALTY", "FTP"],
        "estimated_tax_penalty": ["EST. TAX PENALTY", "ES PENALTY"],
        "interest": ["INTEREST", "INTEREST CHARGES", "ACCRUED INTEREST"],
        "penalties_total": ["TOTAL PENALTIES"],
        "penalties_only": ["PENALTIES"],
        "heading": ["PENALTIES"],
    },
}
CP2000_TAX = ["Increase in tax", "Proposed increase in tax", "Additional tax"]
SHORTER = [
    (" when you filed your return", ""),
    ("Failure-to-pay estimated tax penalty", "Estimated tax penalty"),
    (" shown on your return", ""),
    ("Payments and other credits", "Payments and credits"),
    ("Underpaying estimated tax", "Estimated tax"),
    ("Not paying estimated tax", "Estimated tax"),
]
IRC = {
    "tax": "",
    "payments_credits": "",
    "failure_to_file_penalty": "6651(a)(1)",
    "failure_to_pay_penalty": "6651(a)(2)",
    "estimated_tax_penalty": "6654",
    "interest": "6601",
    "penalties_total": "",
}


@dataclass
class Row:
    key: str | None  # vocabulary key; None for a heading
    label: str
    value: Decimal | None
    indent: int = 0
    bold: bool = False


def billing_rows(
    n: Notice, rng: random.Random, flavor: str = "plain", upper: bool = False
) -> list[Row]:
    """The billing rows in print order, worded by `flavor` (plain or abbrev)."""
    lab = LABELS[flavor]

    def pick(key: str) -> str:
        return rng.choice(lab[key])

    rows: list[Row] = []
    for key, value, kind in n.row_plan():
        if kind == "heading":
            rows.append(Row(None, pick("heading"), None, bold=True))
        elif kind == "only":
            rows.append(Row(key, pick("penalties_only"), value))
        elif kind == "total":
            rows.append(Row(key, pick("penalties_total"), value))
        elif kind == "sub":
            label = rng.choice(LABELS["words"][key]) if flavor != "abbrev" else lab[key][-1]
            rows.append(Row(key, label, value, indent=1))
        elif key == "tax" and n.ntype == "CP2000":
            rows.append(Row(key, rng.choice(CP2000_TAX), value))
        elif flavor == "abbrev" and key in PENALTY_KEYS:
            rows.append(Row(key, lab[key][0], value))
        else:
            rows.append(Row(key, pick(key), value))
    if upper:
        for r in rows:
            r.label = r.label.upper()
    return rows


class Sheet:
    """One notice being drawn: the canvas, the pen, the page count, a y cursor."""

    family_choices: tuple[str, ...] = ("helvetica",)
    margin = 50.0

    def __init__(self, c: Canvas, n: Notice, total: int | None, scam=None):
        self.c = c
        self.n = n
        self.total = total
        self.page = 1
        self.rng = random.Random(n.seed)
        self.style = self.choose_style()
        self.pen = Pen(c, self.style["family"])
        self.k = content_mod.build(n, self.D, self.A, self.rng)
        if scam is not None:
            scam.apply(self.k, self)
        self.scam = scam
        self.y = H - self.margin
        self.bottom = self.margin
        self.x0 = self.margin
        self.width = W - 2 * self.margin

    # -- styles ---------------------------------------------------------------------
    def choose_style(self) -> dict:
        r = self.rng
        return {
            "family": r.choice(self.family_choices),
            "date": r.choice(["long", "long", "abbr", "numeric"]),
            "credit": r.choice(["minus", "paren", "endash"]),
            "dollar_rows": r.random() < 0.6,
            "size": r.choice([8.5, 9, 9, 9.5, 10]),
        }

    def D(self, d) -> str:
        return fmt.date(d, self.style["date"])

    def A(self, v: Decimal, *, dollar: bool = True) -> str:
        return fmt.amount(
            v, dollar=dollar, credit=self.style["credit"], usd=self.style.get("usd", False)
        )

    def RA(self, v: Decimal) -> str:
        """An amount in a billing row."""
        return self.A(v, dollar=self.style["dollar_rows"])

    def fit(self, label: str, avail: float, size: float, bold: bool = False) -> str:
        """A shorter synonym when a row label would run into its value."""
        for long, short in SHORTER:
            if self.pen.width(label, size, bold) <= avail:
                break
            label = label.replace(long, short)
        return label

    def payee_lines(self, width: float, size: float) -> list[str]:
        """The check sentence with "payable to" ending a line, as a narrow stub column prints it."""
        payee = self.k.payee
        cut = payee.find("payable to")
        if cut < 0:
            return self.pen.wrap(payee, width, size)
        cut += len("payable to")
        return [payee[:cut], *self.pen.wrap(payee[cut:].strip(), width, size)]

    def side_by_side(
        self,
        left: list[str],
        right: list[tuple[str, str, bool]],
        rx1: float,
        rx2: float,
        y: float,
        size: float,
        lead: float,
    ) -> float:
        """Left-column lines and right-column `label  value` rows on shared baselines."""
        for i in range(max(len(left), len(right))):
            if i < len(left):
                self.pen.text(self.x0, y, left[i], size)
            if i < len(right):
                label, value, bold = right[i]
                self.pen.leader(rx1, rx2, y, label, value, size, bold=bold, dots="")
            y -= lead
        return y

    def page_label(self, template: str = "Page {n} of {m}") -> str:
        return template.format(n=self.page, m=self.total if self.total else "?")

    @property
    def due_by_label(self) -> str:
        n = self.n
        if n.pay_by is None:
            return self.k.due_label
        if n.ntype == "CP2000":
            return f"Proposed amount due (respond by {self.D(n.pay_by)})"
        return f"Amount due by {self.D(n.pay_by)}"

    # -- flow -----------------------------------------------------------------------
    def next_page(self) -> None:
        self.c.showPage()
        self.page += 1
        self.y = self.continuation_header()

    def continuation_header(self) -> float:
        """Draw the running header of page 2+; returns the first body baseline."""
        return H - self.margin

    def ensure(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.next_page()

    def para(
        self,
        text: str,
        size: float | None = None,
        bold: bool = False,
        indent: float = 0,
        after: float = 5,
        bullet: str | None = None,
        x: float | None = None,
        width: float | None = None,
    ) -> None:
        size = size or self.style["size"]
        leading = size * 1.28
        x = (self.x0 if x is None else x) + indent
        width = (self.width if width is None else width) - indent
        bw = self.pen.width(bullet + "  ", size) if bullet else 0
        lines = self.pen.wrap(text, width - bw, size, bold)
        for i, line in enumerate(lines):
            self.ensure(leading)
            if bullet and i == 0:
                self.pen.text(x, self.y, bullet, size, bold)
            self.pen.text(x + bw, self.y, line, size, bold)
            self.y -= leading
        self.y -= after

    def heading(self, text: str, size: float | None = None, after: float = 3) -> None:
        size = size or self.style["size"] + 1.5
        self.ensure(size * 3)
        self.pen.text(self.x0, self.y, text, size, bold=True)
        self.y -= size * 1.3 + after

    def body_sections(self, sections=None, size: float | None = None) -> None:
        for head, paras in sections if sections is not None else self.k.sections:
            self.heading(head, size=(size or self.style["size"]) + 1)
            for p in paras:
                self.para(p, size=size)

    def draw(self) -> None:  # pragma: no cover - each layout draws
        raise NotImplementedError


def render(sheet_cls, n: Notice, path, scam=None) -> int:
    """Draw twice: once to count pages, once for real. Returns the page count."""
    probe = Canvas(io.BytesIO(), pagesize=letter)
    s = sheet_cls(probe, n, None, scam)
    s.draw()
    total = s.page
    c = Canvas(path if hasattr(path, "write") else str(path), pagesize=letter, invariant=1)
    c.setTitle(f"{n.printed_type} notice" if scam is None else "Notice")
    s = sheet_cls(c, n, total, scam)
    s.draw()
    c.save()
    assert s.page == total, (n.id, s.page, total)
    return total
