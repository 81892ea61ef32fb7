"""How amounts and dates are printed. Each layout picks styles; the golden never depends on them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

CENT = Decimal("0.01")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# The abbreviations printed with a period (AP style keeps May, June, July whole; Sept. is common).
ABBR_DOT = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

DATE_STYLES = ("long", "abbr_dot", "abbr", "numeric", "dmy_upper", "long_upper", "numeric_short")


def date(d: dt.date, style: str) -> str:
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "long_upper":
        return f"{MONTHS[d.month - 1].upper()} {d.day}, {d.year}"
    if style == "abbr_dot":
        return f"{ABBR_DOT[d.month - 1]} {d.day}, {d.year}"
    if style == "abbr":
        return f"{ABBR[d.month - 1]} {d.day}, {d.year}"
    if style == "numeric":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "numeric_short":  # 3/6/2023
        return f"{d.month}/{d.day}/{d.year}"
    if style == "dmy_upper":
        return f"{d.day:02d}-{ABBR[d.month - 1].upper()}-{d.year}"
    raise ValueError(style)


def _grouped(value: Decimal) -> str:
    return f"{abs(value).quantize(CENT):,.2f}"


def amount(
    value: Decimal,
    *,
    dollar: bool = True,
    credit: str = "minus",
    usd: bool = False,
    plus: bool = False,
) -> str:
    """`credit`: how a negative prints: minus (-$1.00), paren (($1.00)), endash (\u2013$1.00).
    `usd` prints `1,234.56 USD` (no dollar sign), as tax software and fax re-renders do."""
    body = _grouped(value)
    if dollar and not usd:
        body = "$" + body
    if value < 0:
        if credit == "paren":
            body = f"({body})"
        elif credit == "endash":
            body = "\u2013" + body
        else:
            body = "-" + body
    elif plus and value > 0:
        body = "+" + body
    return body + " USD" if usd else body


def money(value: Decimal) -> str:
    """The golden form: two decimals, '-' for credits."""
    return f"{value.quantize(CENT):.2f}"
