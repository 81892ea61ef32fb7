"""Score the notice reader against an independent corpus family (see README.md here).

Pure Python: the golden ``expected`` of each manifest record against the reader's JSON
for it. The reader's output is never compared with itself; only printed truth counts.
Used by ``scripts/reader_report.py`` and by the corpus tests.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

SCALARS = (
    "notice_type",
    "tax_year",
    "tax_form",
    "notice_date",
    "pay_by_date",
    "amount_due",
    "ssn_last4",
    "caller_id",
    "taxpayer_name",
)
VERDICTS = ("genuine", "suspicious", "unknown")


def norm_name(value: object) -> str | None:
    """Names compare upper-cased, ``&`` as ``AND``, punctuation and spacing ignored."""
    if not value:
        return None
    text = str(value).upper().replace("&", " AND ")
    text = re.sub(r"[.,]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_code(value: object) -> str | None:
    if not value:
        return None
    return re.sub(r"[\s-]", "", str(value).upper())


def _money(value: object) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(value))


def _same(name: str, want: object, have: object) -> bool:
    if name == "taxpayer_name":
        return norm_name(want) == norm_name(have)
    if name == "notice_type":
        return norm_code(want) == norm_code(have)
    if name == "amount_due":
        return _money(want) == _money(have)
    if name == "tax_form":
        return (str(want).upper() if want else None) == (str(have).upper() if have else None)
    return want == have


@dataclass
class Row:
    field: str
    want: object
    have: object
    right: bool


@dataclass
class ItemScore:
    record: dict
    got: dict
    rows: list[Row] = field(default_factory=list)

    @property
    def kind(self) -> str:
        return self.record.get("kind", "genuine")

    @property
    def verdict(self) -> str | None:
        leg = self.got.get("legitimacy") or {}
        return leg.get("verdict") if isinstance(leg, dict) else None

    def amount_shown_as_fact_but_wrong(self) -> bool:
        """A wrong amount due that the reader presents as confirmed."""
        exp = self.record["expected"]
        if self.kind != "genuine" or "amount_due" not in exp or not self.got.get("ok"):
            return False
        if _same("amount_due", exp["amount_due"], self.got.get("amount_due")):
            return False
        if self.got.get("amount_due") is None:
            return False
        return amount_confirmed(self.got)


def amount_confirmed(got: dict) -> bool:
    """Whether the reader vouches for its amount due.

    Readers that mark fields ``confirmed`` are taken at their word. Older output has no
    such flag: there, an amount counts as vouched for unless one of the reader's own
    amount checks failed.
    """
    f = (got.get("fields") or {}).get("amount_due") or {}
    if "confirmed" in f:
        return bool(f["confirmed"])
    failed = {c["name"] for c in got.get("checks", []) if c.get("passed") is False}
    return not failed & {"billing_lines_sum", "stub_matches_headline"}


def score_item(record: dict, got: dict) -> ItemScore:
    item = ItemScore(record, got)
    exp = record["expected"]
    kind = item.kind
    if kind == "not_notice":
        item.rows.append(Row("ok", False, got.get("ok"), got.get("ok") is False))
        code = got.get("error_code")
        item.rows.append(Row("error_code", exp["error_code"], code, code == exp["error_code"]))
        return item
    if kind == "scam":
        item.rows.append(
            Row("legitimacy", "suspicious", item.verdict, item.verdict == "suspicious")
        )
        return item
    item.rows.append(Row("ok", True, got.get("ok"), got.get("ok") is True))
    for name in SCALARS:
        if name in exp:
            have = got.get(name)
            item.rows.append(Row(name, exp[name], have, _same(name, exp[name], have)))
    want_b = exp.get("billing_summary") or {}
    have_b = got.get("billing_summary") or {}
    for key in sorted(set(want_b) | set(have_b)):
        w, h = _money(want_b.get(key)), _money(have_b.get(key))
        item.rows.append(Row(f"billing.{key}", want_b.get(key), have_b.get(key), w == h))
    item.rows.append(Row("legitimacy", "genuine", item.verdict, item.verdict == "genuine"))
    return item


@dataclass
class Report:
    items: list[ItemScore]

    def field_rows(self, *, bucket: str | None = None, layout: str | None = None):
        for it in self.items:
            if it.kind != "genuine":
                continue
            if bucket and it.record["bucket"] != bucket:
                continue
            if layout and it.record["layout"] != layout:
                continue
            yield from it.rows

    @staticmethod
    def _ratio(rows) -> tuple[int, int, float]:
        rows = list(rows)
        right = sum(1 for r in rows if r.right)
        return right, len(rows), (right / len(rows) if rows else 1.0)

    def by_bucket(self) -> dict[str, tuple[int, int, float]]:
        buckets = sorted({it.record["bucket"] for it in self.items if it.kind == "genuine"})
        return {b: self._ratio(self.field_rows(bucket=b)) for b in buckets}

    def by_layout(self) -> dict[str, tuple[int, int, float]]:
        layouts = sorted({it.record["layout"] for it in self.items if it.kind == "genuine"})
        return {lay: self._ratio(self.field_rows(layout=lay)) for lay in layouts}

    def by_field(self) -> dict[str, tuple[int, int, float]]:
        groups: dict[str, list[Row]] = defaultdict(list)
        for r in self.field_rows():
            groups["billing.*" if r.field.startswith("billing.") else r.field].append(r)
        return {k: self._ratio(v) for k, v in sorted(groups.items())}

    def notice_types(self) -> tuple[int, int, float]:
        return self._ratio(r for r in self.field_rows() if r.field == "notice_type")

    def confusion(self) -> dict[str, Counter]:
        """Expected (genuine / suspicious) by the reader's verdict."""
        out: dict[str, Counter] = {"genuine": Counter(), "suspicious": Counter()}
        for it in self.items:
            if it.kind == "genuine":
                out["genuine"][it.verdict or "none"] += 1
            elif it.kind == "scam":
                out["suspicious"][it.verdict or "none"] += 1
        return out

    def not_notices(self) -> tuple[int, int, float]:
        return self._ratio(
            Row("not_notice", True, it.rows[1].have, all(r.right for r in it.rows))
            for it in self.items
            if it.kind == "not_notice"
        )

    def wrong_amounts_unflagged(self) -> list[str]:
        return [it.record["id"] for it in self.items if it.amount_shown_as_fact_but_wrong()]

    def failures(self) -> list[tuple[str, str, object, object]]:
        return [
            (it.record["id"], r.field, r.want, r.have)
            for it in self.items
            for r in it.rows
            if not r.right
        ]

    def summary(self) -> dict:
        conf = self.confusion()
        return {
            "by_bucket": self.by_bucket(),
            "by_layout": self.by_layout(),
            "by_field": self.by_field(),
            "notice_types": self.notice_types(),
            "scam_recall": _frac(
                conf["suspicious"]["suspicious"], sum(conf["suspicious"].values())
            ),
            "genuine_flagged_suspicious": conf["genuine"]["suspicious"],
            "confusion": {k: dict(v) for k, v in conf.items()},
            "not_notices": self.not_notices(),
            "wrong_amounts_unflagged": len(self.wrong_amounts_unflagged()),
        }

    def text(self, title: str) -> str:
        s = self.summary()
        lines = [f"== {title}", "field accuracy by capture bucket (genuine notices):"]
        lines += [f"  {b:13s} {r:5d}/{n:<5d} {x:7.1%}" for b, (r, n, x) in s["by_bucket"].items()]
        lines.append("by layout:")
        lines += [f"  {b:13s} {r:5d}/{n:<5d} {x:7.1%}" for b, (r, n, x) in s["by_layout"].items()]
        lines.append("by field:")
        lines += [f"  {b:18s} {r:5d}/{n:<5d} {x:7.1%}" for b, (r, n, x) in s["by_field"].items()]
        r, n, x = s["notice_types"]
        lines.append(f"notice types: {r}/{n} ({x:.1%})")
        lines.append("legitimacy (rows: truth; columns: reader's verdict):")
        lines.append("  " + " " * 11 + "".join(f"{v:>12s}" for v in (*VERDICTS, "none")))
        for truth, counts in s["confusion"].items():
            cells = "".join(f"{counts.get(v, 0):12d}" for v in (*VERDICTS, "none"))
            lines.append(f"  {truth:11s}{cells}")
        sr = s["scam_recall"]
        lines.append(
            f"scam recall: {sr[0]}/{sr[1]}; genuine flagged suspicious: "
            f"{s['genuine_flagged_suspicious']}"
        )
        r, n, _ = s["not_notices"]
        lines.append(f"not-a-notice files refused as such: {r}/{n}")
        lines.append(f"wrong amounts due presented as confirmed: {s['wrong_amounts_unflagged']}")
        return "\n".join(lines)


def _frac(a: int, b: int) -> tuple[int, int]:
    return a, b


def score(records: list[dict], results: dict[str, dict]) -> Report:
    return Report([score_item(r, results[r["id"]]) for r in records])
