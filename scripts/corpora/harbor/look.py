"""Per-notice print choices (dates, money, labels) shared by every layout."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import dates, fmt
from .spec import PENALTY_KEYS, Notice

LABELS = {
    "plain": {
        "tax": ["Tax you owed", "Amount you owed", "Tax you owed when you filed your return",
                "Tax on return", "Tax you owed"],
        "payments_credits": ["Payments and credits", "Payments you made", "Payments & credits",
                             "Credits and payments", "Payments and credits"],
        "failure_to_file_penalty": ["Failure-to-file penalty", "Late filing penalty",
                                    "Failure-to-file penalty"],
        "failure_to_pay_penalty": ["Failure-to-pay penalty", "Late payment penalty",
                                   "Failure-to-pay penalty"],
        "estimated_tax_penalty": ["Failure-to-pay estimated tax penalty",
                                  "Estimated tax penalty",
                                  "Underpayment of estimated tax penalty"],
        "interest": ["Interest charges", "Interest", "Interest charges", "Interest through {d}"],
        "penalties_total": ["Penalties", "Penalty charges", "Total penalties"],
        "grouped_total": ["Total penalties", "Total penalties", "Penalties total"],
        "group_heading": ["Penalties", "Penalties", "Penalty charges"],
        "sub_failure_to_file_penalty": ["Filing late", "Filing your return late", "Late filing"],
        "sub_failure_to_pay_penalty": ["Paying late", "Paying your tax late", "Late payment"],
        "sub_estimated_tax_penalty": ["Underpaying estimated tax", "Estimated tax"],
    },
    "upper": {
        "tax": ["TAX ON RETURN", "TAX YOU OWED", "AMOUNT YOU OWED", "TAX PER RETURN"],
        "payments_credits": ["PAYMENTS/CREDITS", "PAYMENTS & CREDITS", "LESS PAYMENTS/CREDITS"],
        "failure_to_file_penalty": ["FTF PENALTY", "PENALTY - FTF", "FTF PEN"],
        "failure_to_pay_penalty": ["FTP PENALTY", "PENALTY - FTP", "FTP PEN"],
        "estimated_tax_penalty": ["ES PENALTY", "EST. TAX PENALTY", "EST TAX PEN"],
        "interest": ["INTEREST", "INTEREST CHARGES", "ACCRUED INTEREST"],
        "penalties_total": ["PENALTIES", "TOTAL PENALTIES"],
        "grouped_total": ["TOTAL PENALTIES"],
        "group_heading": ["PENALTIES:", "PENALTIES"],
        "sub_failure_to_file_penalty": ["FTF", "FILING LATE"],
        "sub_failure_to_pay_penalty": ["FTP", "PAYING LATE"],
        "sub_estimated_tax_penalty": ["ES", "EST. TAX"],
    },
}
CP2000_TAX = ["Proposed increase in tax", "Increase in tax", "Additional tax you owe"]
IRC = {"failure_to_file_penalty": "6651(a)(1)", "failure_to_pay_penalty": "6651(a)(2)",
       "estimated_tax_penalty": "6654", "interest": "6601", "tax": "", "payments_credits": ""}


@dataclass
class Look:
    n: Notice
    rng: random.Random
    date_style: str = "long"
    due_style: str = "long"
    money: fmt.MoneyStyle = field(default_factory=fmt.MoneyStyle)
    phone_style: str = "one"
    labels: str = "plain"
    code: str = ""  # the notice code as printed
    mask: str = ""
    picks: dict = field(default_factory=dict)

    def d(self, day) -> str:
        return dates.fmt_date(day, self.date_style)

    def due(self) -> str:
        return dates.fmt_date(self.n.pay_by, self.due_style) if self.n.pay_by else ""

    def m(self, value: Decimal, **kw) -> str:
        return self.money(value, **kw)

    def ph(self, number: str) -> str:
        return fmt.phone(number, self.phone_style)

    def pick(self, key: str, options: list[str]) -> str:
        """One choice per notice and key, so a label reads the same on every page."""
        if key not in self.picks:
            self.picks[key] = self.rng.choice(options)
        return self.picks[key]

    def label(self, key: str) -> str:
        if key == "tax" and self.n.notice_type == "CP2000":
            text = self.pick("cp2000_tax", CP2000_TAX)
        else:
            text = self.pick(key, LABELS[self.labels][key])
        if "{d}" in text:
            text = text.replace("{d}", self.d(self.n.notice_date))
        return text.upper() if self.labels == "upper" else text

    def total_label(self, *, with_date: bool = True) -> str:
        n = self.n
        if n.notice_type == "CP2000":
            opts = ["Proposed amount due", "Total proposed amount you owe", "Proposed balance due"]
        elif n.pay_by is None:
            opts = ["Amount due immediately", "Amount you owe", "Total amount due"]
        elif with_date:
            opts = ["Amount due by {due}", "Amount due by {due}", "Total amount due by {due}",
                    "Amount you owe by {due}"]
        else:
            opts = ["Amount due", "Amount you owe", "Total amount due", "Balance due"]
        text = self.pick(f"total{with_date}", opts).replace("{due}", self.due())
        return text.upper() if self.labels == "upper" else text

    def code_text(self) -> str:
        return self.code

    def table_rows(self) -> list[tuple[str, str, str, str]]:
        """(kind, label, amount text, IRC section) in print order.

        kind is row | heading | sub | subtotal. The amount-due row is not included.
        """
        n = self.n
        out: list[tuple[str, str, str, str]] = []
        style = n.penalty_style
        pens = n.penalties
        done_pens = False
        for key, value in n.rows:
            if key in PENALTY_KEYS and style in ("grouped", "total_only"):
                if done_pens:
                    continue
                done_pens = True
                if style == "total_only":
                    out.append(("row", self.label("penalties_total"), self.m(n.penalties_total),
                                "6651"))
                    continue
                out.append(("heading", self.label("group_heading"), "", ""))
                for pkey, pval in pens:
                    out.append(("sub", self.label("sub_" + pkey), self.m(pval), IRC[pkey]))
                out.append(("subtotal", self.label("grouped_total"),
                            self.m(n.penalties_total), ""))
                continue
            out.append(("row", self.label(key), self.m(value), IRC[key]))
        return out


def code_for(n: Notice, rng: random.Random) -> str:
    if n.notice_type == "LT11":
        return rng.choice(["LT11", "LTR 11", "LT11"])
    return n.notice_type


def make_look(n: Notice, rng: random.Random, *, date_styles: list[str],
              labels: str = "plain", usd: bool = False, phone_styles=None) -> Look:
    ds = rng.choice(date_styles)
    due = ds if rng.random() < 0.8 else rng.choice(date_styles)
    look = Look(n=n, rng=rng, date_style=ds, due_style=due, money=fmt.money_style(rng, usd=usd),
                phone_style=rng.choice(phone_styles or ["one", "plain", "paren", "one"]),
                labels=labels)
    look.code = code_for(n, rng)
    look.mask = (fmt.mask_ein(n.party.ssn_last4, rng) if n.business
                 else fmt.mask_ssn(n.party.ssn_last4, rng))
    return look
