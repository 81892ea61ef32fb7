"""Choose each field's value from its candidates, jointly, under the notice's own rules.

A notice checks itself: the billing rows add up to the amount due, the stub repeats the
headline, the pay-by date is the notice date plus 21 days (10 business days at $100,000
or more), the tax year comes before the notice year, the masked SSN is the household's.
The resolver picks the assignment of candidates that satisfies these rules with the most
support. A value that no consistent assignment supports is kept but marked
**unconfirmed**, with the reason, so no page presents it as fact.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .businessdays import expected_pay_by, next_business_day
from .candidates import Candidate, Pool
from .classify import family_of
from .irs_data import PAY_BY_RULE_FAMILIES
from .labels import BILLING
from .model import Found
from .repair import mend

PENALTIES = ("failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty")
MAX_COMBOS = 6000


@dataclass(slots=True)
class Choice:
    """One value of a field and the candidates that offer it."""

    value: object
    cands: list[Candidate]
    support: float = 0.0

    @property
    def best(self) -> Candidate:
        return max(self.cands, key=lambda c: c.weight)

    @property
    def independent(self) -> int:
        """How many separate places on the notice print this value."""
        boxes: list[Candidate] = []
        for c in sorted(self.cands, key=lambda c: -c.weight):
            if not any(c.page == b.page and _same_box(c.bbox, b.bbox) for b in boxes):
                boxes.append(c)
        return len(boxes)

    @property
    def strong(self) -> bool:
        return self.best.score >= 0.8

    def found(self, *, confirmed: bool, why: str) -> Found:
        best = self.best
        return Found(self.value, best.evidence(confirmed=confirmed, why=why), best.region == "stub")


def _same_box(a, b) -> bool:
    ix = min(a[2], b[2]) - max(a[0], b[0])
    iy = min(a[3], b[3]) - max(a[1], b[1])
    return ix > 0 and iy > 0


def choices(cands: list[Candidate], *, region: str | None = None) -> list[Choice]:
    """Candidates grouped by value, strongest support first (noisy-or of their weights)."""
    groups: dict[object, list[Candidate]] = {}
    for c in cands:
        if region is None or c.region == region:
            groups.setdefault(c.value, []).append(c)
    out = []
    for value, cs in groups.items():
        miss = 1.0
        for c in _distinct(cs):
            miss *= 1.0 - min(0.95, c.weight)
        out.append(Choice(value, cs, 1.0 - miss))
    out.sort(key=lambda ch: -ch.support)
    return out


def _distinct(cs: list[Candidate]) -> list[Candidate]:
    kept: list[Candidate] = []
    for c in sorted(cs, key=lambda c: -c.weight):
        if not any(c.page == k.page and _same_box(c.bbox, k.bbox) for k in kept):
            kept.append(c)
    return kept


@dataclass(slots=True)
class Resolved:
    values: dict[str, Found] = field(default_factory=dict)
    billing: dict[str, Found] = field(default_factory=dict)
    stub: dict[str, Found] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _plain(ch: Choice, what: str, *, alone: bool) -> Found:
    """A value with no rule to check it: confirmed when the notice is unambiguous."""
    if ch.independent >= 2:
        return ch.found(confirmed=True, why=f"{what} printed in {ch.independent} places")
    if ch.strong:
        return ch.found(confirmed=True, why=f"{what} read next to its label")
    if alone and ch.support >= 0.5:
        return ch.found(confirmed=True, why=f"the only {what} printed on the notice")
    return ch.found(confirmed=False, why=f"{what} read without a clear label; please check")


def _pick(chs: list[Choice], what: str) -> tuple[Found | None, Choice | None]:
    if not chs:
        return None, None
    top = chs[0]
    found = _plain(top, what, alone=len(chs) == 1)
    strong_rivals = [c for c in chs[1:] if c.strong and c.support >= 0.6 * top.support]
    if found.evidence.confirmed and strong_rivals:
        found.evidence.confirmed = False
        found.evidence.why = (
            f"{what}: the notice also shows {strong_rivals[0].value} under a similar label"
        )
    return found, top


# -- amount and billing rows -----------------------------------------------------------------


def _rows_total(rows: dict[str, Decimal]) -> Decimal | None:
    indiv = [rows[k] for k in PENALTIES if k in rows]
    parts = {k: v for k, v in rows.items() if k != "penalties_total"}
    if "penalties_total" in rows:
        if indiv and sum(indiv) != rows["penalties_total"]:
            return None
        if not indiv:
            parts["penalties_total"] = rows["penalties_total"]
    return sum(parts.values(), Decimal("0"))


def _amount_and_billing(pool: Pool, out: Resolved) -> None:
    keys = [k for k in BILLING if pool.get(f"billing.{k}")]
    options = {k: choices(pool.get(f"billing.{k}"))[:3] for k in keys}
    amounts = [c for c in choices(pool.get("amount_due"), region="head")]
    stub_amounts = choices(pool.get("amount_due"), region="stub")
    printed = [c for c in amounts if c.best.source != "scan"]
    if stub_amounts and stub_amounts[0].best.source != "scan":
        out.stub["amount_due"] = stub_amounts[0].found(confirmed=True, why="on the stub")

    size = 1
    for k in keys:
        size *= len(options[k]) + 1
    if size > MAX_COMBOS:
        options = {k: v[:2] for k, v in options.items()}

    by_value: dict[Decimal, list[Choice]] = {}
    for ch in amounts + stub_amounts:
        by_value.setdefault(ch.value, []).append(ch)

    # The printed amount the notice labels as due, when there is one: arithmetic may pick
    # among candidates, never overrule a clearly labelled amount with a number it found
    # lying elsewhere on the page.
    labelled = [c for c in printed if c.strong and c.independent >= 2]
    best = None
    for combo in itertools.product(*[[None, *options[k]] for k in keys]):
        rows = {k: ch for k, ch in zip(keys, combo, strict=True) if ch is not None}
        if len(rows) < 2:
            continue
        total = _rows_total({k: ch.value for k, ch in rows.items()})
        if total is None or total not in by_value:
            continue
        if labelled and total != labelled[0].value:
            continue
        dropped_rows = [k for k in keys if k not in rows and options[k][0].strong]
        if len(dropped_rows) > 1:
            continue  # a sum that ignores several rows read clearly is a coincidence
        dropped = sum(options[k][0].support for k in keys if k not in rows)
        amount_support = max(ch.support for ch in by_value[total])
        score = sum(ch.support for ch in rows.values()) - dropped + 1.5 * amount_support
        if best is None or score > best[0]:
            best = (score, total, rows)

    if best is not None:
        _, total, rows = best
        head = [ch for ch in amounts if ch.value == total]
        ch = head[0] if head else by_value[total][0]
        why = "the billing rows add up to it"
        if out.stub.get("amount_due") is not None and out.stub["amount_due"].value == total:
            why += ", and the payment stub shows the same amount"
        out.values["amount_due"] = ch.found(confirmed=True, why=why)
        for k, rch in rows.items():
            out.billing[k] = rch.found(confirmed=True, why="the rows add up to the amount due")
        return

    if labelled and _mend(options, keys, labelled[0], out):
        return
    for k in keys:
        out.billing[k] = options[k][0].found(
            confirmed=False, why="the billing rows do not add up to the amount due"
        )
    if not printed:
        if out.stub.get("amount_due") is not None:
            stub = stub_amounts[0]
            out.values["amount_due"] = stub.found(
                confirmed=False, why="read only on the payment stub"
            )
        return
    top = printed[0]
    stub = out.stub.get("amount_due")
    rows_sum = _rows_total({k: f.value for k, f in out.billing.items()}) if out.billing else None
    if stub is not None and stub.value == top.value:
        found = top.found(confirmed=True, why="the payment stub shows the same amount")
    elif top.independent >= 2 and top.strong:
        found = top.found(confirmed=True, why=f"printed in {top.independent} places")
    elif rows_sum is not None and len(out.billing) >= 2:
        found = top.found(
            confirmed=False,
            why=f"the billing rows add up to {rows_sum}, not {top.value}",
        )
    else:
        found = top.found(
            confirmed=False, why="read in one place only; nothing on the notice confirms it"
        )
    if stub is not None and stub.value != top.value:
        found.evidence.confirmed = False
        found.evidence.why = f"the payment stub shows {stub.value}, not {top.value}"
    out.values["amount_due"] = found


def _mend(options: dict, keys: list[str], amount: Choice, out: Resolved) -> bool:
    """OCR digit slips in the rows, mended when exactly one small set makes them add up."""
    if len(keys) < 2 or all(options[k][0].best.conf >= 1.0 for k in keys):
        return False  # a text layer has no OCR slips to mend
    rows = {k: options[k][0].value for k in keys}
    mended = mend(rows, amount.value, _rows_total)
    if mended is None:
        return False
    values, changed = mended
    for k in keys:
        found = options[k][0].found(confirmed=True, why="the rows add up to the amount due")
        if k in changed:
            found.value = values[k]
            found.evidence.why = (
                f"read as {rows[k]}; the rows add up to the amount due only as {values[k]} "
                "(a digit the scan blurred)"
            )
        out.billing[k] = found
    out.values["amount_due"] = amount.found(
        confirmed=True, why="the billing rows add up to it once a blurred digit is mended"
    )
    return True


# -- dates -------------------------------------------------------------------------------------


def _rule_holds(notice: date, pay_by: date, amount: Decimal | None) -> bool:
    if amount is None:
        return pay_by in (notice + timedelta(days=21), next_business_day(notice + timedelta(21)))
    expected = expected_pay_by(notice, amount)
    return pay_by in (expected, next_business_day(expected))


def _dates(pool: Pool, out: Resolved, family: str | None, today: date) -> None:
    amount = out.values.get("amount_due")
    amount_v = amount.value if amount is not None else None
    nds = [c for c in choices(pool.get("notice_date")) if c.value <= today + timedelta(days=60)]
    pbs = choices(pool.get("pay_by_date"))
    stub_nd = choices(pool.get("notice_date"), region="stub")
    if stub_nd and stub_nd[0].strong:
        out.stub["notice_date"] = stub_nd[0].found(confirmed=True, why="on the stub")
    if family in PAY_BY_RULE_FAMILIES:
        pairs = [
            (n.support + p.support, n, p)
            for n in nds[:5]
            for p in pbs[:5]
            if _rule_holds(n.value, p.value, amount_v)
        ]
        if pairs:
            _, n, p = max(pairs, key=lambda t: t[0])
            rule = (
                "notice date + 10 business days"
                if (amount_v is not None and amount_v >= Decimal("100000"))
                else "notice date + 21 days"
            )
            out.values["notice_date"] = n.found(confirmed=True, why=f"pay-by date is the {rule}")
            out.values["pay_by_date"] = p.found(confirmed=True, why=f"it is the {rule}")
            return
    nd, nd_ch = _pick(nds, "notice date")
    if nd is not None:
        out.values["notice_date"] = nd
    if nd_ch is not None:
        later = [p for p in pbs if p.value > nd_ch.value]
        pbs = later or pbs
    pb, _ = _pick(pbs, "pay-by date")
    if pb is not None:
        if nd_ch is not None and pb.value <= nd_ch.value:
            pb.evidence.confirmed = False
            pb.evidence.why = "the pay-by date is not after the notice date"
        out.values["pay_by_date"] = pb


def _tax_year(pool: Pool, out: Resolved, today: date) -> None:
    nd = out.values.get("notice_date")
    ref = nd.value if nd is not None else today
    chs = [
        c
        for c in choices(pool.get("tax_year"))
        if ref.year - 20 <= c.value < ref.year + (0 if nd is not None else 1)
    ]
    found, _ = _pick(chs, "tax year")
    if found is not None:
        out.values["tax_year"] = found


def _ssn(pool: Pool, out: Resolved, household: tuple[str, ...]) -> None:
    chs = choices(pool.get("ssn_last4"))
    if not chs:
        return
    mine = [c for c in chs if c.value in household]
    if mine:
        out.values["ssn_last4"] = mine[0].found(
            confirmed=True, why="the number's last four digits are the household's"
        )
        return
    found, _ = _pick(chs, "taxpayer number")
    if found is not None and household:
        found.evidence.confirmed = False
        found.evidence.why = "the last four digits match no one in the household"
    out.values["ssn_last4"] = found


def _code(pool: Pool, out: Resolved) -> None:
    chs = choices(pool.get("notice_code"))
    known = [c for c in chs if family_of(str(c.value)) is not None]
    chs = known + [c for c in chs if c not in known]
    found, _ = _pick(chs, "notice code")
    if found is not None:
        out.values["notice_code"] = found
    stub = [c for c in choices(pool.get("notice_code"), region="stub") if c.strong]
    if stub:
        out.stub["notice_code"] = stub[0].found(confirmed=True, why="on the stub")


def resolve(pool: Pool, *, household: tuple[str, ...], today: date, family_hint=None) -> Resolved:
    out = Resolved()
    _code(pool, out)
    code = out.values.get("notice_code")
    family = family_of(str(code.value)) if code is not None else family_hint
    _amount_and_billing(pool, out)
    _dates(pool, out, family, today)
    _tax_year(pool, out, today)
    _ssn(pool, out, household)
    for name, what in (
        ("tax_form", "form"),
        ("caller_id", "caller id"),
        ("irs_phone", "IRS phone number"),
    ):
        cands = pool.get(name)
        if name == "caller_id":
            cands = [c for c in cands if c.source != "scan"]
        found, _ = _pick(choices(cands), what)
        if found is not None:
            out.values[name] = found
    return out
