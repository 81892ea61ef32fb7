"""Lines of text -> account transcripts. Label-driven; both layouts of TRANSCRIPTS.md.

Older layout: upper-case labels, `TAX PERIOD: Dec. 31, 2023`, `ACCOUNT BALANCE: 3,572.50`,
`ACCRUED INTEREST: 12.34 AS OF: Jul. 29, 2024`. Newer web layout: `Report for Tax Period
Ending: 12-31-2023`, `Account balance: $3,572.50`, lower-case labels. Colons and `$` are
optional; a label may sit alone on a line with its value on the next.

A file is cut into blocks at each banner (`Account Transcript`, `This Product Contains
Sensitive Taxpayer Data`) and page start. A block whose header names another form, period,
TIN or tracking number starts a new transcript; a block with the same header (a page-break
reprint) or none continues the current one. Inside the TRANSACTIONS section a row is
`CODE EXPLANATION [CYCLE] DATE AMOUNT`; a line that is not a row continues the previous row's
explanation (a 971's wrapped text), and anything else is kept in `unparsed_lines`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from transcripts.reading.model import Page, TranscriptData, TranscriptError, TranscriptLine

MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}

AMOUNT = r"\(?-?\s?\$?\s?-?[0-9][0-9,]*\.[0-9]{2}\)?"
NUMERIC_DATE = r"[0-9]{2}[-/][0-9]{2}[-/][0-9]{4}"
LONG_DATE = r"[A-Za-z]{3,9}\.?\s+[0-9]{1,2},?\s+[0-9]{4}"
ANY_DATE = rf"(?:{NUMERIC_DATE}|{LONG_DATE})"
SEP = r"\s*(?::\s*)?(?:\|\s*)?"

BANNER = re.compile(
    r"^\s*(?:account\s+transcript\s*$|this\s+product\s+contains\s+sensitive\s+taxpayer\s+data)",
    re.I,
)
PAGE_FOOTER = re.compile(r"^\s*page\s+[0-9]+\s+of\s+[0-9]+\s*$", re.I)
COLUMN_HEADER = re.compile(
    r"^\s*code\s*\|?\s*explanation(?:\s+of\s+transaction)?\s*\|?\s*cycle\s*\|?\s*date\s*\|?\s*"
    r"amount\s*$",
    re.I,
)
TRANSACTIONS_HEADING = re.compile(r"^\s*transactions\s*$", re.I)
PENDING_HEADING = re.compile(r"^\s*pending\s+transactions?\b.*$", re.I)
CREDIT_NOTE = re.compile(r"any\s+minus\s+sign\s+shown\s+below\s+signifies", re.I)
NO_RETURN = re.compile(r"^\s*no\s+(?:tax\s+)?return\s+(?:has\s+been\s+)?filed", re.I)
ROW = re.compile(
    rf"^\s*(?P<code>[0-9]{{3}})\s*\|?\s+(?P<rest>.*?)\s*\|?\s*(?P<date>{NUMERIC_DATE})"
    rf"\s*\|?\s*(?P<amount>{AMOUNT})\s*\|?\s*$"
)
# The cycle column: 8 digits, or the word PENDING set off by a column gap (two spaces or a
# cell border), so an explanation that ends in "pending" is not taken for a pending row.
CYCLE_AT_END = re.compile(
    r"^(?P<expl>.*?)(?:\s+(?P<cycle>[0-9]{8})|(?:\s{2,}|\s*\|\s*)(?P<pending>pending))\s*$",
    re.I,
)
PENDING_MARK = re.compile(r"\s*\(pending\)\s*", re.I)
MASKED_TIN = r"(?:X{3}-?X{2}-?|X{2}-?X{3})([0-9]{4})"

HEADER_PATTERNS = {
    "request_date": re.compile(rf"request\s+date{SEP}({ANY_DATE})", re.I),
    "response_date": re.compile(rf"response\s+date{SEP}({ANY_DATE})", re.I),
    "tracking_number": re.compile(rf"tracking\s+number{SEP}([0-9][0-9-]{{5,}})", re.I),
    "form": re.compile(rf"form\s+number{SEP}([0-9]{{3,4}}[A-Z0-9-]*)", re.I),
    "tax_period": re.compile(
        rf"(?:report\s+for\s+)?tax\s+period(?:\s+ending)?{SEP}({ANY_DATE})", re.I
    ),
    "spouse_tin": re.compile(
        rf"spouse(?:'s)?\s+taxpayer\s+identification\s+number{SEP}{MASKED_TIN}", re.I
    ),
    "tin": re.compile(
        rf"(?<!spouse )(?<!spouse's )taxpayer\s+identification\s+number{SEP}{MASKED_TIN}", re.I
    ),
    "name_control": re.compile(rf"\bname\s+control{SEP}([A-Z]{{1,4}})\b", re.I),
}

BALANCE_PATTERNS = {
    "balance_plus_accruals": re.compile(
        rf"account\s+balance\s+plus\s+accruals(?:\s*\(this\s+is\s+not\s+a\s+payoff\s+amount\))?"
        rf"{SEP}({AMOUNT})",
        re.I,
    ),
    "account_balance": re.compile(rf"account\s+balance(?!\s+plus){SEP}({AMOUNT})", re.I),
    "accrued_interest": re.compile(
        rf"accrued\s+interest{SEP}({AMOUNT})(?:\s*,?\s*as\s+of{SEP}({ANY_DATE}))?", re.I
    ),
    "accrued_penalty": re.compile(
        rf"accrued\s+penalty{SEP}({AMOUNT})(?:\s*,?\s*as\s+of{SEP}({ANY_DATE}))?", re.I
    ),
}
AS_OF_ALONE = re.compile(rf"^\s*as\s+of{SEP}({ANY_DATE})\s*$", re.I)

RETURN_LABELS = {
    "exemptions": r"exemptions",
    "filing_status": r"filing\s+status",
    "adjusted_gross_income": r"adjusted\s+gross\s+income",
    "taxable_income": r"taxable\s+income",
    "tax_per_return": r"tax\s+per\s+return",
    "se_taxable_income_taxpayer": r"se\s+taxable\s+income\s+taxpayer",
    "se_taxable_income_spouse": r"se\s+taxable\s+income\s+spouse",
    "total_self_employment_tax": r"total\s+self[\s-]+employment\s+tax",
    "return_due_date": r"return\s+due\s+date(?:\s+or\s+return\s+received\s+date"
    r"\s*\(whichever\s+is\s+later\))?",
    "processing_date": r"processing\s+date",
}
RETURN_PATTERNS = {
    key: re.compile(rf"^\s*{label}{SEP}(.+?)\s*$", re.I) for key, label in RETURN_LABELS.items()
}
MONEY_FIGURES = {
    "adjusted_gross_income",
    "taxable_income",
    "tax_per_return",
    "se_taxable_income_taxpayer",
    "se_taxable_income_spouse",
    "total_self_employment_tax",
}
DATE_FIGURES = {"return_due_date", "processing_date"}

# Labels that may stand alone on a line with the value on the next line.
LONE_LABEL = re.compile(
    r"^\s*(?:request\s+date|response\s+date|tracking\s+number|form\s+number|"
    r"(?:report\s+for\s+)?tax\s+period(?:\s+ending)?|"
    r"(?:spouse(?:'s)?\s+)?taxpayer\s+identification\s+number|"
    r"account\s+balance(?:\s+plus\s+accruals(?:\s*\(this\s+is\s+not\s+a\s+payoff\s+amount\))?)?|"
    r"accrued\s+interest|accrued\s+penalty|as\s+of|" + "|".join(RETURN_LABELS.values()) + r")"
    r"\s*:?\s*$",
    re.I,
)

RETURN_HEADING = re.compile(r"information\s+from\s+the\s+return", re.I)


def parse_date(text: str) -> date | None:
    text = text.strip()
    m = re.fullmatch(r"([0-9]{2})[-/]([0-9]{2})[-/]([0-9]{4})", text)
    try:
        if m:
            return date(int(m[3]), int(m[1]), int(m[2]))
        m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+([0-9]{1,2}),?\s+([0-9]{4})", text)
        if m and m[1].lower() in MONTHS:
            return date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))
    except ValueError:
        return None
    return None


def parse_amount(text: str) -> Decimal | None:
    raw = text.strip()
    negative = (raw.startswith("(") and raw.endswith(")")) or "-" in raw
    digits = re.sub(r"[^0-9.]", "", raw)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    return -value if negative and value else value


def _join_lone_labels(lines: list[str]) -> list[str]:
    """'Account balance' / '$3,572.50' on two lines -> one line (table cells, PDF columns)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if LONE_LABEL.match(line) and i + 1 < len(lines) and not LONE_LABEL.match(lines[i + 1]):
            nxt = lines[i + 1].strip()
            if nxt and not BANNER.match(nxt) and not ROW.match(nxt):
                out.append(f"{line.rstrip().rstrip(':')}: {nxt}")
                i += 2
                continue
        out.append(line)
        i += 1
    return out


class _Block:
    def __init__(self, page: int):
        self.page = page
        self.lines: list[str] = []


def _blocks(pages: Iterable[Page]) -> list[_Block]:
    blocks: list[_Block] = []
    for page in pages:
        current = _Block(page.number)
        blocks.append(current)
        for raw in page.lines:
            line = raw.replace("\u00a0", " ").rstrip()
            if not line.strip():
                continue
            if BANNER.match(line) and any(not BANNER.match(x) for x in current.lines):
                current = _Block(page.number)
                blocks.append(current)
            current.lines.append(line)
    return [b for b in blocks if b.lines]


def _identity(block_header: dict) -> dict:
    return {
        k: v
        for k, v in block_header.items()
        if k in ("form", "tax_period", "tin", "tracking_number") and v is not None
    }


def _scan_header(lines: list[str]) -> dict:
    found: dict = {}
    for line in lines:
        if ROW.match(line):
            break
        for key, pattern in HEADER_PATTERNS.items():
            if key in found:
                continue
            m = pattern.search(line)
            if m:
                found[key] = m.group(1)
    if "tax_period" in found:
        found["tax_period"] = parse_date(found["tax_period"])
    return found


def read_lines(pages: Iterable[Page]) -> list[TranscriptData]:
    """Every transcript in the pages, in order. Raises `TranscriptError` if there is none."""
    blocks = _blocks(pages)
    transcripts: list[TranscriptData] = []
    current: TranscriptData | None = None
    state: dict = {}
    current_identity: dict = {}
    for block in blocks:
        lines = _join_lone_labels(block.lines)
        identity = _identity(_scan_header(lines))
        conflict = any(
            key in current_identity and current_identity[key] != value
            for key, value in identity.items()
        )
        fresh_header = current is not None and _starts_fresh(lines, current)
        if current is None or conflict or fresh_header:
            current = TranscriptData()
            transcripts.append(current)
            state = {"section": "header", "pending": False}
            current_identity = {}
        current_identity.update(identity)
        if block.page not in current.pages:
            current.pages.append(block.page)
        for line in lines:
            _read_line(line, current, state, block.page)
    result = [t for t in transcripts if t.has_content]
    if not result:
        raise TranscriptError("not_a_transcript", "no transcript header, balance or transactions")
    return result


def _starts_fresh(lines: list[str], current: TranscriptData) -> bool:
    """A second copy with the same identity: a new balance block after transactions were read."""
    if not current.transactions:
        return False
    has_balance = any(BALANCE_PATTERNS["account_balance"].search(x) for x in lines[:40])
    has_request = any(HEADER_PATTERNS["tracking_number"].search(x) for x in lines[:20])
    return has_balance and has_request


def _read_line(line: str, t: TranscriptData, state: dict, page: int) -> None:
    if BANNER.match(line) or PAGE_FOOTER.match(line) or CREDIT_NOTE.search(line):
        return
    if COLUMN_HEADER.match(line):
        state["section"] = "transactions"
        return
    if TRANSACTIONS_HEADING.match(line):
        state["section"] = "transactions"
        state["pending"] = False
        return
    if PENDING_HEADING.match(line):
        state["section"] = "transactions"
        state["pending"] = True
        return
    if NO_RETURN.match(line):
        t.no_return_filed = True
        return
    row = ROW.match(line)
    if row:
        state["section"] = "transactions"
        _add_row(row, t, state, page)
        return
    if state.get("section") == "transactions":
        if _header_or_balance(line, t):
            return
        if t.transactions and _is_continuation(line):
            last = t.transactions[-1]
            last.explanation = f"{last.explanation} {line.strip()}".strip()
            return
        t.unparsed_lines.append(line.strip())
        return
    if RETURN_HEADING.search(line):
        state["section"] = "return"
        return
    _header_or_balance(line, t)


def _header_or_balance(line: str, t: TranscriptData) -> bool:
    """Header, balance and return-figure labels; True when the line was one of them."""
    used = False
    for key, pattern in HEADER_PATTERNS.items():
        m = pattern.search(line)
        if not m:
            continue
        used = True
        value = m.group(1)
        if key == "tax_period":
            t.tax_period = t.tax_period or parse_date(value)
        elif key in ("request_date", "response_date"):
            if getattr(t, key) is None:
                setattr(t, key, parse_date(value))
        elif key == "tin":
            t.tin_last4 = t.tin_last4 or value
        elif key == "spouse_tin":
            t.spouse_tin_last4 = t.spouse_tin_last4 or value
        elif key == "form":
            t.form = t.form or value.upper()
        elif key == "tracking_number":
            t.tracking_number = t.tracking_number or value
        elif key == "name_control":
            t.name_control = t.name_control or value.upper()
    for key, pattern in BALANCE_PATTERNS.items():
        m = pattern.search(line)
        if not m:
            continue
        used = True
        if getattr(t, key) is None:
            setattr(t, key, parse_amount(m.group(1)))
        if m.lastindex and m.lastindex >= 2 and m.group(2) and t.accruals_as_of is None:
            t.accruals_as_of = parse_date(m.group(2))
    m = AS_OF_ALONE.match(line)
    if m:
        used = True
        t.accruals_as_of = t.accruals_as_of or parse_date(m.group(1))
    for key, pattern in RETURN_PATTERNS.items():
        m = pattern.match(line)
        if not m or key in t.return_figures:
            continue
        if key == "taxable_income" and re.match(r"^\s*se\s", line, re.I):
            continue
        used = True
        value = m.group(1).strip()
        if key in MONEY_FIGURES:
            amount = parse_amount(value)
            value = f"{amount:.2f}" if amount is not None else value
        elif key in DATE_FIGURES:
            day = parse_date(value)
            value = day.isoformat() if day else value
        t.return_figures[key] = value
    return used


def _is_continuation(line: str) -> bool:
    """Wrapped explanation text: words without a date or an amount of their own."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80:
        return False
    if re.search(NUMERIC_DATE, stripped) or re.search(r"[0-9],?[0-9]{3}\.[0-9]{2}", stripped):
        return False
    return not LONE_LABEL.match(stripped)


def _add_row(m: re.Match, t: TranscriptData, state: dict, page: int) -> None:
    line = m.string
    pending = state.get("pending", False)
    cycle = None
    if line.count("|") >= 3:  # a table row: cells are unambiguous
        cells = [c.strip() for c in line.split("|")]
        rest = cells[1] if len(cells) >= 2 else ""
        middle = cells[2:-2]
        marker = next((c for c in middle if c), "")
        if re.fullmatch(r"[0-9]{8}", marker):
            cycle = marker
        elif marker.lower() == "pending":
            pending = True
        elif marker:
            rest = f"{rest} {marker}"
    else:
        rest = m.group("rest").strip()
        c = CYCLE_AT_END.match(rest)
        if c:
            rest = c.group("expl").strip()
            if c.group("cycle"):
                cycle = c.group("cycle")
            else:
                pending = True
    if PENDING_MARK.search(rest):
        pending = True
        rest = PENDING_MARK.sub(" ", rest)
    amount = parse_amount(m.group("amount"))
    t.transactions.append(
        TranscriptLine(
            code=m.group("code"),
            explanation=re.sub(r"\s+", " ", rest.replace("|", " ")).strip(),
            cycle=cycle,
            date=parse_date(m.group("date")),
            amount=amount if amount is not None else Decimal("0"),
            pending=pending,
            page=page,
        )
    )
