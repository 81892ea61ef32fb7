"""Self-checks of the `harbor` corpus family (scripts/corpora/harbor.py).

A --quick corpus is generated once into a temporary folder. The checks below re-derive what
the goldens must be with their own calendar and date formats (nothing from the generator's
helpers, nothing from `notices`): the manifest contract, the billing arithmetic, the pay-by
rule, every golden value printed in the raw text layer of the born-digital files, every
layout in every capture bucket, scans without a text layer, photos one file per page.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "scripts" / "corpora" / "harbor.py"
LAYOUTS = {"reference", "split", "ruled", "sidebar", "refax", "letter"}
BUCKETS = {"born_digital", "scanned", "photo"}
GENUINE_KEYS = {"ok", "notice_type", "tax_year", "tax_form", "notice_date", "pay_by_date",
                "amount_due", "ssn_last4", "caller_id", "taxpayer_name", "billing_summary",
                "legitimacy"}
VOCABULARY = {"tax", "payments_credits", "failure_to_file_penalty", "failure_to_pay_penalty",
              "estimated_tax_penalty", "penalties_total", "interest"}
PENALTIES = {"failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty"}
SIGNS = {"gift_card", "prepaid_card", "crypto", "wire", "payment_app", "payee_not_treasury",
         "threat_arrest", "threat_police", "threat_deportation", "threat_licence",
         "no_notice_code"}
# What each scam sign looks like in print (lower-cased text).
SIGN_WORDS = {
    "gift_card": r"gift card", "prepaid_card": r"prepaid", "crypto": r"bitcoin|cryptocurrency",
    "wire": r"wire transfer", "payment_app": r"zelle|cash app|venmo|paypal",
    "threat_arrest": r"arrest", "threat_police": r"police", "threat_deportation": r"deport",
    "threat_licence": r"license",
}
AMOUNT = re.compile(r"-?\d+\.\d{2}")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
NOTICE_CODE = re.compile(r"\b(CP\s?\d{2,4}[A-Z]{0,2}|LTR? ?\d{1,4})\b")


# ---- an independent calendar ---------------------------------------------------------------
def _holidays(year: int) -> set[dt.date]:
    def nth(month, weekday, n):
        days = [dt.date(year, month, d) for d in range(1, 32) if _valid(year, month, d)]
        hits = [d for d in days if d.weekday() == weekday]
        return hits[n] if n >= 0 else hits[-1]

    def observed(d):
        return d + dt.timedelta(days={5: -1, 6: 1}.get(d.weekday(), 0))

    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)] + ([(6, 19)] if year >= 2021 else [])
    out = {observed(dt.date(year, m, d)) for m, d in fixed}
    out |= {nth(1, 0, 2), nth(2, 0, 2), nth(5, 0, -1), nth(9, 0, 0), nth(10, 0, 1),
            nth(11, 3, 3)}
    if dt.date(year + 1, 1, 1).weekday() == 5:
        out.add(dt.date(year, 12, 31))
    return {d for d in out if d.year == year}


def _valid(y, m, d) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _business(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in _holidays(d.year)


def expected_pay_by(notice_type: str, notice_date: dt.date, amount: Decimal):
    if notice_type in ("CP504", "LT11"):
        return None
    if notice_type == "CP2000":
        return notice_date + dt.timedelta(days=30)
    if amount >= 100000:
        d, left = notice_date, 10
        while left:
            d += dt.timedelta(days=1)
            left -= _business(d)
        return d
    return notice_date + dt.timedelta(days=21)


def date_spellings(d: dt.date) -> set[str]:
    name = MONTHS[d.month - 1]
    short = name[:3]
    dotted = {"May": "May", "June": "June", "July": "July", "March": "March",
              "April": "April", "September": "Sept."}.get(name, short + ".")
    return {f"{name} {d.day}, {d.year}", f"{name.upper()} {d.day}, {d.year}",
            f"{dotted} {d.day}, {d.year}", f"{short}. {d.day}, {d.year}",
            f"Sept. {d.day}, {d.year}" if d.month == 9 else "@",
            f"{short} {d.day}, {d.year}", f"{d.month:02d}/{d.day:02d}/{d.year}",
            f"{d.month}/{d.day}/{d.year}", f"{d.day:02d}-{short.upper()}-{d.year}"}


def money_in(text: str, value: str) -> bool:
    amount = Decimal(value)
    body = f"{abs(amount):,.2f}"
    if amount >= 0:
        return re.search(rf"(?<![\d,.\-\u2013(]){re.escape(body)}(?!\d)", text) is not None \
            or re.search(rf"\${re.escape(body)}(?!\d)", text) is not None
    signed = [f"-{body}", f"({body})", f"\u2013{body}", f"-${body}", f"(${body})",
              f"\u2013${body}", f"$-{body}"]
    return any(s in text for s in signed)


# ---- the corpus ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A fresh --quick corpus, or, with HARBOR_CORPUS_DIR set, one already written (e.g. the
    full corpus: `HARBOR_CORPUS_DIR=/tmp/harbor pytest tests/corpora/test_harbor.py`)."""
    given = os.environ.get("HARBOR_CORPUS_DIR")
    if given:
        return Path(given), json.loads((Path(given) / "manifest.json").read_text())
    out = tmp_path_factory.mktemp("harbor")
    subprocess.run([sys.executable, str(GENERATOR), str(out), "--quick", "--jobs", "2"],
                   check=True, capture_output=True, timeout=600)
    records = json.loads((out / "manifest.json").read_text())
    return out, records


@pytest.fixture(scope="module")
def born_digital_text(corpus):
    out, records = corpus
    texts = {}
    for r in records:
        if r["bucket"] != "born_digital":
            continue
        with pdfplumber.open(out / r["files"][0]) as pdf:
            pages = []
            for page in pdf.pages:
                pages.append(page.extract_text() or "")
                page.close()
        texts[r["id"]] = pages
    return texts


def test_manifest_follows_the_contract(corpus):
    out, records = corpus
    assert len({r["id"] for r in records}) == len(records)
    for r in records:
        assert r["family"] == "harbor"
        assert r["bucket"] in BUCKETS and r["kind"] in {"genuine", "scam", "not_notice"}
        assert r["files"], r["id"]
        for f in r["files"]:
            assert f.startswith(r["bucket"] + "/") and (out / f).stat().st_size > 1000, f
        assert all(re.fullmatch(r"\d{4}", x) for x in r["household_ssn_last4"])
        dt.date.fromisoformat(r["today"])
        e = r["expected"]
        if r["kind"] == "genuine":
            assert set(e) == GENUINE_KEYS, r["id"]
            assert e["ok"] is True and e["legitimacy"] == "genuine"
            assert isinstance(e["tax_year"], int)
            assert re.fullmatch(r"\d{3,4}(-[A-Z]{1,2})?", e["tax_form"])
            assert AMOUNT.fullmatch(e["amount_due"])
            assert re.fullmatch(r"\d{4}", e["ssn_last4"])
            assert e["ssn_last4"] in r["household_ssn_last4"]
            assert e["caller_id"] is None or re.fullmatch(r"\d{4,6}", e["caller_id"])
            assert e["taxpayer_name"] == e["taxpayer_name"].upper()
            assert " & " not in e["taxpayer_name"]
            assert set(e["billing_summary"]) <= VOCABULARY
            assert all(AMOUNT.fullmatch(v) for v in e["billing_summary"].values())
            assert re.fullmatch(r"CP\d{2,4}[A-Z]{0,2}|LT11", e["notice_type"])
        elif r["kind"] == "scam":
            assert e["ok"] is True and e["legitimacy"] == "suspicious"
            assert e["scam_signs"] and set(e["scam_signs"]) <= SIGNS
        else:
            assert e == {"ok": False, "error_code": "not_irs_notice"}


def test_billing_rows_obey_the_notice_arithmetic(corpus):
    _, _records = corpus
    for r in (r for r in corpus[1] if r["kind"] == "genuine"):
        e = r["expected"]
        rows = {k: Decimal(v) for k, v in e["billing_summary"].items()}
        assert rows, r["id"]
        individual = [k for k in rows if k in PENALTIES]
        if "penalties_total" in rows and individual:
            assert rows["penalties_total"] == sum(rows[k] for k in individual), r["id"]
            rows.pop("penalties_total")
        assert sum(rows.values()) == Decimal(e["amount_due"]), r["id"]
        assert rows["tax"] > 0
        assert rows.get("payments_credits", Decimal("-1")) < 0


def test_dates_follow_the_pay_by_rule(corpus):
    for r in (r for r in corpus[1] if r["kind"] == "genuine"):
        e = r["expected"]
        notice = dt.date.fromisoformat(e["notice_date"])
        assert _business(notice), r["id"]
        assert e["tax_year"] < notice.year
        assert dt.date.fromisoformat(r["today"]) >= notice
        want = expected_pay_by(e["notice_type"], notice, Decimal(e["amount_due"]))
        assert e["pay_by_date"] == (want.isoformat() if want else None), r["id"]


def test_every_golden_value_is_printed_in_the_text_layer(corpus, born_digital_text):
    _, records = corpus
    checked = 0
    for r in records:
        if r["kind"] != "genuine" or r["bucket"] != "born_digital":
            continue
        pages = born_digital_text[r["id"]]
        text = "\n".join(pages)
        lower = text.lower()
        e = r["expected"]
        where = r["id"]
        if e["notice_type"] == "LT11":
            assert "LT11" in text or "LTR 11" in text, where
        else:
            assert re.search(rf"\b{e['notice_type']}\b", text), where
        assert str(e["tax_year"]) in text, where
        assert re.search(rf"(?<![\d-]){re.escape(e['tax_form'])}(?![\d-])", text), where
        for key in ("notice_date", "pay_by_date"):
            if e[key]:
                spellings = date_spellings(dt.date.fromisoformat(e[key]))
                assert any(s in text for s in spellings), (where, key, e[key])
        assert money_in(text, e["amount_due"]), (where, e["amount_due"])
        for key, value in e["billing_summary"].items():
            assert money_in(text, value), (where, key, value)
        assert re.search(rf"(XXX-XX-|\*\*\*-\*\*-|xxx-xx-|XX-XXX){e['ssn_last4']}\b", text), where
        if e["caller_id"]:
            assert e["caller_id"] in text, where
        else:
            assert "caller id" not in lower, where
        name = e["taxpayer_name"]
        lines = [ln.strip() for ln in text.splitlines()]
        printed = (name in text or name.replace(" AND ", " & ") in text
                   or all(any(ln.startswith(part) for ln in lines) for part in name.split(" AND ")))
        assert printed, (where, name)
        # Page N of M is complete.
        totals = set(re.findall(r"(?:Page|PAGE|P\.) ?\d+ ?(?:of|OF|/) ?(\d+)", text))
        assert totals == {str(len(pages))}, (where, totals, len(pages))
        checked += 1
    assert checked >= 20


def test_genuine_notices_carry_no_scam_language(corpus, born_digital_text):
    for r in corpus[1]:
        if r["bucket"] != "born_digital" or r["kind"] != "genuine":
            continue
        lower = "\n".join(born_digital_text[r["id"]]).lower()
        for sign, pattern in SIGN_WORDS.items():
            assert not re.search(pattern, lower), (r["id"], sign)
        assert "united states treasury" in lower.replace("\n", " "), r["id"]


def test_scam_letters_print_their_signs(corpus, born_digital_text):
    scams = [r for r in corpus[1] if r["kind"] == "scam" and r["bucket"] == "born_digital"]
    assert scams
    for r in scams:
        text = "\n".join(born_digital_text[r["id"]])
        lower = text.lower()
        signs = set(r["expected"]["scam_signs"])
        for sign, pattern in SIGN_WORDS.items():
            assert bool(re.search(pattern, lower)) == (sign in signs), (r["id"], sign)
        assert (NOTICE_CODE.search(text) is None) == ("no_notice_code" in signs), r["id"]
        if "payee_not_treasury" in signs:
            assert "united states treasury" not in lower, r["id"]


def test_not_notices_are_not_from_the_irs(corpus, born_digital_text):
    others = [r for r in corpus[1] if r["kind"] == "not_notice"]
    assert {r["bucket"] for r in others} >= {"born_digital", "photo"}
    for r in others:
        if r["bucket"] == "born_digital":
            text = "\n".join(born_digital_text[r["id"]])
            assert "Internal Revenue Service" not in text and not NOTICE_CODE.search(text)


def test_every_layout_in_every_bucket(corpus):
    _, records = corpus
    seen = Counter((r["layout"], r["bucket"]) for r in records if r["kind"] == "genuine")
    for layout in LAYOUTS:
        for bucket in BUCKETS:
            assert seen[(layout, bucket)] >= 1, (layout, bucket)
    kinds = Counter(r["kind"] for r in records)
    assert kinds["scam"] >= 4 and kinds["not_notice"] >= 3
    genuine = [r["expected"] for r in records if r["kind"] == "genuine"]
    types = Counter(e["notice_type"] for e in genuine)
    assert types["CP14"] == max(types.values())
    assert {"CP501", "CP503", "CP504", "CP11", "CP2000", "LT11", "CP161"} <= set(types)
    amounts = [Decimal(e["amount_due"]) for e in genuine]
    assert any(a >= 100000 for a in amounts) and any(a < 0 for a in amounts)
    assert any(a == 0 for a in amounts) and any(0 < a < 50 for a in amounts)
    assert any(" AND " in e["taxpayer_name"] for e in genuine)
    assert any(e["caller_id"] is None for e in genuine)


def test_scans_are_image_only(corpus):
    out, records = corpus
    for r in records:
        if r["bucket"] != "scanned":
            continue
        for f in r["files"]:
            if f.endswith(".pdf"):
                with pdfplumber.open(out / f) as pdf:
                    for page in pdf.pages:
                        assert not page.chars and page.images, f
                        page.close()
            else:
                with Image.open(out / f) as img:
                    assert 1250 <= img.width <= 1850, (f, img.size)


def test_photos_are_one_image_per_page(corpus):
    out, records = corpus
    photos = [r for r in records if r["bucket"] == "photo"]
    for r in photos:
        names = [Path(f).name for f in r["files"]]
        assert names == [f"{r['id']}-p{i}{Path(n).suffix}" for i, n in enumerate(names, 1)]
        for f in r["files"]:
            with Image.open(out / f) as img:
                assert img.format in ("JPEG", "PNG")
                assert img.width >= (1000 if r["kind"] == "genuine" else 400), f
        if r["kind"] == "genuine":
            assert len(names) >= 2, r["id"]


def test_loading_the_entry_point_by_path_exposes_generate():
    spec = importlib.util.spec_from_file_location("harbor_entry", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.generate)
    plan = module.plan()
    assert len(plan) > 3 * sum(1 for it in plan if it.quick) * 0.8


def test_deterministic_for_a_seed(tmp_path):
    spec = importlib.util.spec_from_file_location("harbor_entry", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    build = sys.modules[type(module.plan()[0]).__module__]
    item = next(it for it in module.plan() if it.bucket == "scanned")
    a = build.make_item(item, tmp_path / "a", 7)
    b = build.make_item(item, tmp_path / "b", 7)
    c = build.make_item(item, tmp_path / "c", 8)
    assert a == b and a["expected"] != c["expected"]
    assert [(tmp_path / "a" / f).read_bytes() for f in a["files"]] == \
        [(tmp_path / "b" / f).read_bytes() for f in b["files"]]
