"""Self-checks of the held-back `quarry` corpus (scripts/corpora/quarry.py).

A --quick corpus is generated once into a temporary folder; the checks read only the
manifest, the files, and the raw text layer (pdfplumber), never the project's reader.
The helpers are plain functions so the same checks can run on a full corpus:
    .venv/bin/python -c "from tests.corpora.test_quarry import check_corpus; check_corpus('OUT')"
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "corpora" / "quarry.py"

GENUINE_KEYS = {
    "ok",
    "notice_type",
    "tax_year",
    "tax_form",
    "notice_date",
    "pay_by_date",
    "amount_due",
    "ssn_last4",
    "caller_id",
    "taxpayer_name",
    "billing_summary",
    "legitimacy",
}
VOCAB = {
    "tax",
    "payments_credits",
    "failure_to_file_penalty",
    "failure_to_pay_penalty",
    "estimated_tax_penalty",
    "penalties_total",
    "interest",
}
PENALTIES = ("failure_to_file_penalty", "failure_to_pay_penalty", "estimated_tax_penalty")
SIGNS = {
    "gift_card",
    "prepaid_card",
    "crypto",
    "wire",
    "payment_app",
    "payee_not_treasury",
    "threat_arrest",
    "threat_police",
    "threat_deportation",
    "threat_licence",
    "no_notice_code",
}
# words a scam letter prints for each sign (checked in the text of born-digital scams)
SIGN_WORDS = {
    "gift_card": ["gift card"],
    "prepaid_card": ["prepaid"],
    "crypto": ["bitcoin"],
    "wire": ["wire transfer"],
    "payment_app": ["zelle", "cash app", "venmo"],
    "payee_not_treasury": ["payable to"],
    "threat_arrest": ["arrest"],
    "threat_police": ["police", "sheriff"],
    "threat_deportation": ["deportation"],
    "threat_licence": ["license"],
    "no_notice_code": [],
}
SCAM_WORDS = [
    "gift card",
    "bitcoin",
    "zelle",
    "cash app",
    "venmo",
    "arrest",
    "deport",
    "wire transfer",
    "prepaid",
]
TYPES = {"CP14", "CP14C", "CP501", "CP503", "CP504", "CP11", "CP2000", "LT11", "CP161"}
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")
LAYOUTS = {"ledger", "sidebar", "grid", "fax", "letter", "banded"}
BUCKETS = {"born_digital", "scanned", "photo"}


# -- an independent calendar (not the generator's) ------------------------------------------
def _holidays(year: int) -> set[dt.date]:
    def nth(month: int, weekday: int, n: int) -> dt.date:
        days = [dt.date(year, month, d) for d in range(1, 32) if _valid(year, month, d)]
        hits = [d for d in days if d.weekday() == weekday]
        return hits[n] if n >= 0 else hits[-1]

    def observed(d: dt.date) -> dt.date:
        return d + dt.timedelta(days={5: -1, 6: 1}.get(d.weekday(), 0))

    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)] + ([(6, 19)] if year >= 2021 else [])
    out = {observed(dt.date(year, m, d)) for m, d in fixed}
    out.add(observed(dt.date(year + 1, 1, 1)))  # may land on Dec 31 of this year
    out |= {nth(1, 0, 2), nth(2, 0, 2), nth(5, 0, -1), nth(9, 0, 0), nth(10, 0, 1), nth(11, 3, 3)}
    return {d for d in out if d.year == year}


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def ten_business_days(start: dt.date) -> dt.date:
    day, left = start, 10
    while left:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in _holidays(day.year):
            left -= 1
    return day


# -- how a value may be printed ---------------------------------------------------------------
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


def date_forms(d: dt.date) -> list[str]:
    full = MONTHS[d.month - 1]
    short = full[:3]
    dotted = {
        "Sep": "Sept.",
        "May": "May",
        "Jun": "June",
        "Jul": "July",
        "Mar": "March",
        "Apr": "April",
    }.get(short, short + ".")
    forms = [
        f"{full} {d.day}, {d.year}",
        f"{short} {d.day}, {d.year}",
        f"{dotted} {d.day}, {d.year}",
        f"{d.month:02d}/{d.day:02d}/{d.year}",
        f"{d.month}/{d.day}/{d.year}",
        f"{d.day:02d}-{short}-{d.year}",
    ]
    return [f.lower() for f in forms]


def amount_text(value: str) -> str:
    return f"{abs(Decimal(value)):,.2f}"


def credit_printed(text: str, value: str) -> bool:
    body = re.escape(amount_text(value))
    return re.search(rf"(-|\u2013|\()\$?{body}", text) is not None


# -- loading ----------------------------------------------------------------------------------
def load_generator():
    spec = importlib.util.spec_from_file_location("quarry_corpus_entry", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pdf_text(path: Path) -> str:
    parts = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            page.close()
    return "\n".join(parts)


def pdf_chars_and_images(path: Path) -> tuple[int, int, int]:
    with pdfplumber.open(path) as pdf:
        chars = images = 0
        for page in pdf.pages:
            chars += len(page.chars)
            images += len(page.images)
            page.close()
        return chars, images, len(pdf.pages)


# -- the checks -------------------------------------------------------------------------------
def check_record_shape(rec: dict, out: Path) -> None:
    assert set(rec) >= {
        "id",
        "family",
        "layout",
        "bucket",
        "kind",
        "files",
        "household_ssn_last4",
        "today",
        "expected",
    }, rec["id"]
    assert rec["family"] == "quarry"
    assert rec["bucket"] in BUCKETS and rec["kind"] in {"genuine", "scam", "not_notice"}
    assert rec["files"], rec["id"]
    for f in rec["files"]:
        assert (out / f).is_file(), f
    dt.date.fromisoformat(rec["today"])
    assert all(re.fullmatch(r"\d{4}", s) for s in rec["household_ssn_last4"])
    exp = rec["expected"]
    if rec["kind"] == "genuine":
        assert set(exp) == GENUINE_KEYS, rec["id"]
        assert exp["ok"] is True and exp["legitimacy"] == "genuine"
        assert exp["notice_type"] in TYPES
        assert rec["layout"] in LAYOUTS
        notice = dt.date.fromisoformat(exp["notice_date"])
        assert notice.weekday() < 5, rec["id"]
        assert isinstance(exp["tax_year"], int) and exp["tax_year"] < notice.year
        assert exp["tax_form"] == exp["tax_form"].upper()
        assert AMOUNT.match(exp["amount_due"])
        assert re.fullmatch(r"\d{4}", exp["ssn_last4"])
        assert exp["ssn_last4"] in rec["household_ssn_last4"]
        assert exp["caller_id"] is None or exp["caller_id"].isdigit()
        assert exp["taxpayer_name"] == exp["taxpayer_name"].upper()
        assert "&" not in exp["taxpayer_name"]
        assert set(exp["billing_summary"]) <= VOCAB
        assert all(AMOUNT.match(v) for v in exp["billing_summary"].values())
        assert dt.date.fromisoformat(rec["today"]) >= notice
    elif rec["kind"] == "scam":
        assert exp["ok"] is True and exp["legitimacy"] == "suspicious"
        assert exp["scam_signs"] and set(exp["scam_signs"]) <= SIGNS
    else:
        assert exp == {"ok": False, "error_code": "not_irs_notice"}


def check_arithmetic(exp: dict) -> None:
    rows = {k: Decimal(v) for k, v in exp["billing_summary"].items()}
    if not rows:
        return
    individual = [k for k in PENALTIES if k in rows]
    if individual and "penalties_total" in rows:
        assert rows["penalties_total"] == sum(rows[k] for k in individual)
    total = sum(v for k, v in rows.items() if not (k == "penalties_total" and individual))
    assert total == Decimal(exp["amount_due"]), exp
    if "payments_credits" in rows:
        assert rows["payments_credits"] <= 0


def check_pay_by(exp: dict) -> None:
    notice = dt.date.fromisoformat(exp["notice_date"])
    kind = exp["notice_type"]
    if kind in ("CP504", "LT11"):
        assert exp["pay_by_date"] is None
        return
    pay_by = dt.date.fromisoformat(exp["pay_by_date"])
    if kind == "CP2000":
        assert pay_by == notice + dt.timedelta(days=30)
    elif Decimal(exp["amount_due"]) >= 100_000:
        assert pay_by == ten_business_days(notice), exp
    else:
        assert pay_by == notice + dt.timedelta(days=21)


def check_golden_in_text(rec: dict, text: str) -> list[str]:
    """Every golden value of a born-digital genuine notice is in its text layer."""
    exp = rec["expected"]
    low = text.lower()
    missing = []

    def need(ok: bool, what: str) -> None:
        if not ok:
            missing.append(what)

    t = exp["notice_type"]
    forms = ["LT11", "LTR 11"] if t == "LT11" else [t]
    need(any(re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text) for f in forms), "type")
    need(re.search(rf"\b{exp['tax_year']}\b", text) is not None, "tax_year")
    need(
        re.search(rf"(?<![\w-]){re.escape(exp['tax_form'])}(?![\w-])", text) is not None, "tax_form"
    )
    for key in ("notice_date", "pay_by_date"):
        if exp[key]:
            d = dt.date.fromisoformat(exp[key])
            need(any(f in low for f in date_forms(d)), key)
    need(amount_text(exp["amount_due"]) in text, "amount_due")
    if Decimal(exp["amount_due"]) < 0:
        need(credit_printed(text, exp["amount_due"]), "amount_due sign")
    last4 = exp["ssn_last4"]
    need(
        re.search(rf"(XXX-XX-|\*\*\*-\*\*-|XX-XXX|\*\*-\*\*\*){last4}\b", text) is not None,
        "ssn_last4",
    )
    if exp["caller_id"]:
        need(re.search(rf"\b{exp['caller_id']}\b", text) is not None, "caller_id")
    for person in exp["taxpayer_name"].split(" AND "):
        need(person in text, f"name {person}")
    for key, value in exp["billing_summary"].items():
        need(amount_text(value) in text, f"billing {key}")
        if Decimal(value) < 0:
            need(credit_printed(text, value), f"billing {key} sign")
    for word in SCAM_WORDS:
        need(word not in low, f"scam word {word!r} on a genuine notice")
    return missing


def check_scan(rec: dict, out: Path) -> None:
    for f in rec["files"]:
        path = out / f
        if path.suffix == ".pdf":
            chars, images, pages = pdf_chars_and_images(path)
            assert chars == 0, f"{f} has a text layer"
            assert images >= pages >= 1
            with pdfplumber.open(path) as pdf:
                page = pdf.pages[0]
                img = page.images[0]
                dpi = img["srcsize"][0] / (float(page.width) / 72)
                page.close()
        else:
            with Image.open(path) as img:
                img.load()
                dpi = img.width / 8.5
        assert 145 <= dpi <= 205, (f, dpi)


def _patch(img: Image.Image, x: int, y: int) -> int:
    """Mean grey of a small square at (x, y)."""
    w, h = img.size
    return img.crop((x, y, x + w // 30, y + h // 30)).resize((1, 1)).getpixel((0, 0))


def check_photo(rec: dict, out: Path) -> None:
    names = [Path(f).name for f in rec["files"]]
    if rec["kind"] != "not_notice" or len(names) > 1 or "-p1." in names[0]:
        expected = [re.sub(r"-p\d+\.", f"-p{i}.", names[0]) for i in range(1, len(names) + 1)]
        assert names == expected, names
    for f in rec["files"]:
        if rec["layout"] == "desk_photo":  # a desk with no sheet on it
            continue
        with Image.open(out / f) as img:
            gray = img.convert("L")
        w, h = gray.size
        corner = _patch(gray, 0, 0)
        middle = max(_patch(gray, w // 2, h * k // 10) for k in range(2, 9))
        assert corner < middle - 20, f"{f}: no background margin around the sheet"


def check_corpus(out, *, quick: bool = False) -> list[dict]:
    out = Path(out)
    records = json.loads((out / "manifest.json").read_text())
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    problems = []
    for rec in records:
        check_record_shape(rec, out)
        if rec["kind"] == "genuine":
            check_arithmetic(rec["expected"])
            check_pay_by(rec["expected"])
        if rec["bucket"] == "born_digital":
            text = pdf_text(out / rec["files"][0])
            if rec["kind"] == "genuine":
                missing = check_golden_in_text(rec, text)
                if missing:
                    problems.append((rec["id"], missing))
            elif rec["kind"] == "scam":
                for sign in rec["expected"]["scam_signs"]:
                    words = SIGN_WORDS[sign]
                    assert not words or any(w in text.lower() for w in words), (rec["id"], sign)
                if "no_notice_code" in rec["expected"]["scam_signs"]:
                    assert not re.search(r"\b(CP|LTR?) ?\d", text), rec["id"]
            else:
                assert "internal revenue service" not in text.lower(), rec["id"]
        elif rec["bucket"] == "scanned":
            check_scan(rec, out)
        else:
            check_photo(rec, out)
    assert not problems, problems
    genuine = [r for r in records if r["kind"] == "genuine"]
    cover = {(r["layout"], r["bucket"]) for r in genuine}
    assert cover == {(lay, b) for lay in LAYOUTS for b in BUCKETS}, cover
    scams = [r for r in records if r["kind"] == "scam"]
    assert {s for r in scams for s in r["expected"]["scam_signs"]} == SIGNS
    assert {r["bucket"] for r in scams} == BUCKETS
    others = [r for r in records if r["kind"] == "not_notice"]
    assert len(others) >= 6 and {"born_digital", "photo"} <= {r["bucket"] for r in others}
    assert {r["expected"]["notice_type"] for r in genuine} == TYPES
    if not quick:
        by = {b: sum(r["bucket"] == b for r in genuine) for b in BUCKETS}
        assert by["born_digital"] >= 60 and by["scanned"] >= 20 and by["photo"] >= 15, by
        assert len(scams) >= 14
    return records


# -- the tests --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("quarry")
    records = load_generator().generate(out, seed=7, quick=True, jobs=2)
    return out, records


def test_quick_corpus_meets_the_contract(corpus):
    out, records = corpus
    assert json.loads((out / "manifest.json").read_text()) == records
    check_corpus(out, quick=True)


def test_corpus_covers_the_variation_classes(corpus):
    _, records = corpus
    genuine = [r["expected"] for r in records if r["kind"] == "genuine"]
    assert any(" AND " in e["taxpayer_name"] for e in genuine)
    assert any(Decimal(e["amount_due"]) >= 100_000 for e in genuine)
    assert any(Decimal(e["amount_due"]) <= 0 for e in genuine)
    assert any(e["pay_by_date"] is None for e in genuine)
    assert any(e["caller_id"] is None for e in genuine)
    assert any(e["caller_id"] for e in genuine)
    assert any("penalties_total" in e["billing_summary"] for e in genuine)


def test_a_wrong_golden_is_caught(corpus):
    """The text check really compares: a golden amount off by a cent is reported missing."""
    out, records = corpus
    rec = next(r for r in records if r["kind"] == "genuine" and r["bucket"] == "born_digital")
    text = pdf_text(out / rec["files"][0])
    assert check_golden_in_text(rec, text) == []
    broken = json.loads(json.dumps(rec))
    broken["expected"]["amount_due"] = str(Decimal(rec["expected"]["amount_due"]) + 1)
    assert "amount_due" in check_golden_in_text(broken, text)
    with pytest.raises(AssertionError):
        check_arithmetic(broken["expected"])


def test_same_seed_same_corpus(tmp_path):
    gen = load_generator()
    import quarry.build as build  # the package the entry point put on sys.path

    items = build.plan(11, True)
    picked = [
        next(i for i in items if i["bucket"] == b) for b in ("born_digital", "scanned", "photo")
    ]
    first = [build.produce(i, tmp_path / "a") for i in picked]
    second = [
        build.produce(i, tmp_path / "b")
        for i in build.plan(11, True)
        if i["id"] in {p["id"] for p in picked}
    ]
    assert first == second
    for rec in first:
        for f in rec["files"]:
            assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
    assert gen.DEFAULT_SEED
