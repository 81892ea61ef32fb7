"""How values are printed: money, masked numbers, phones. Choices are made per notice."""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from decimal import Decimal

EN_DASH = "\u2013"


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def group(value: Decimal) -> str:
    return f"{abs(value):,.2f}"


@dataclass
class MoneyStyle:
    dollar: bool = True  # $1,234.56
    credit: str = "minus"  # minus | paren | endash | minus_after_dollar
    usd: bool = False  # 1,234.56 USD

    def __call__(self, value: Decimal, *, dollar: bool | None = None) -> str:
        sign = "$" if (self.dollar if dollar is None else dollar) else ""
        body = group(value)
        if value < 0:
            match self.credit:
                case "paren":
                    text = f"({sign}{body})"
                case "endash":
                    text = f"{EN_DASH}{sign}{body}"
                case "minus_after_dollar":
                    text = f"{sign}-{body}" if sign else f"-{body}"
                case _:
                    text = f"-{sign}{body}"
        else:
            text = f"{sign}{body}"
        return text + (" USD" if self.usd else "")


def money_style(rng: random.Random, *, usd: bool = False) -> MoneyStyle:
    return MoneyStyle(dollar=rng.random() < 0.75,
                      credit=rng.choice(["minus", "paren", "endash", "minus", "paren",
                                         "minus_after_dollar"]),
                      usd=usd)


def mask_ssn(last4: str, rng: random.Random) -> str:
    return rng.choice(["XXX-XX-", "XXX-XX-", "***-**-", "xxx-xx-"]) + last4


def mask_ein(last4: str, rng: random.Random) -> str:
    return "XX-XXX" + last4


def phone(number: str, style: str) -> str:
    a, b, c = number.split("-")
    match style:
        case "one":
            return f"1-{a}-{b}-{c}"
        case "paren":
            return f"({a}) {b}-{c}"
        case "dots":
            return f"{a}.{b}.{c}"
    return number
