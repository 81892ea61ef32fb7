"""Plan the corpus, draw every item (in parallel), write manifest.json."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import multiprocessing
import random
import sys
import time
from collections import Counter
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from . import capture, fmt, others, scams
from .base import render
from .layouts.banded import Banded
from .layouts.fax import Fax
from .layouts.grid import Grid
from .layouts.ledger import Ledger
from .layouts.letter import Letter
from .layouts.sidebar import Sidebar
from .people import make_individual
from .spec import make_notice

FAMILY = "quarry"
DEFAULT_SEED = 20261130
LAYOUTS = {
    "ledger": Ledger,
    "sidebar": Sidebar,
    "grid": Grid,
    "fax": Fax,
    "letter": Letter,
    "banded": Banded,
}
PENALTY_STYLES = {
    "ledger": ["full", "full", "full_total", "total_only", "grouped"],
    "sidebar": ["grouped", "grouped", "grouped_nt", "full"],
    "grid": ["full", "full", "total_only", "full_total", "grouped"],
    "fax": ["full", "full", "grouped", "full_total"],
    "letter": ["full", "full_total", "total_only"],
    "banded": ["full", "grouped", "total_only", "full"],
}
BD_TYPES = [
    "CP14",
    "CP14",
    "CP14",
    "CP14",
    "CP14",
    "CP14C",
    "CP501",
    "CP503",
    "CP504",
    "CP11",
    "CP2000",
    "LT11",
    "CP161",
    "CP161",
]
LETTER_TYPES = [
    "LT11",
    "LT11",
    "CP504",
    "CP504",
    "CP2000",
    "CP2000",
    "CP14",
    "CP14",
    "CP503",
    "CP11",
    "CP161",
    "CP14",
    "CP501",
    "CP14C",
]
CAPTURE_TYPES = ["CP14"] * 6 + [
    "CP14C",
    "CP501",
    "CP503",
    "CP504",
    "CP11",
    "CP2000",
    "LT11",
    "CP161",
    "CP161",
]
SIZE_CYCLE = [
    "normal",
    "large",
    "normal",
    "normal",
    "credit",
    "normal",
    "tiny",
    "normal",
    "normal",
    "zero",
    "normal",
    "edge",
    "normal",
    "normal",
    "large",
    "normal",
    "normal",
    "normal",
    "tiny",
    "normal",
]
SCAN_FORMATS = ["pdf", "pdf", "jpg", "pdf", "png", "pdf", "tiff", "pdf"]
COUNTS = {
    False: {"born_digital": 14, "scanned": 5, "photo": 4},
    True: {"born_digital": 5, "scanned": 2, "photo": 1},
}
# (style, bucket) of the scam letters
SCAMS = {
    False: [("crude", "born_digital")] * 5
    + [("crude", "scanned")] * 2
    + [("crude", "photo")] * 2
    + [("mimic", "born_digital")] * 7
    + [("mimic", "scanned"), ("mimic", "photo")],
    True: [
        ("crude", "born_digital"),
        ("crude", "photo"),
        ("crude", "scanned"),
        ("mimic", "born_digital"),
        ("mimic", "born_digital"),
        ("mimic", "scanned"),
    ],
}
OTHERS = {
    False: [
        ("receipt", "born_digital"),
        ("bank_statement", "born_digital"),
        ("utility_bill", "born_digital"),
        ("utility_bill", "photo"),
        ("dmv_letter", "born_digital"),
        ("dmv_letter", "scanned"),
        ("medical_bill", "photo"),
        ("desk_photo", "photo"),
    ],
    True: [
        ("receipt", "born_digital"),
        ("bank_statement", "born_digital"),
        ("utility_bill", "photo"),
        ("dmv_letter", "scanned"),
        ("medical_bill", "photo"),
        ("desk_photo", "photo"),
    ],
}
SUFFIX = {"born_digital": "", "scanned": "-scan", "photo": "-photo"}
ELIGIBLE = {
    "zero": {"CP14", "CP14C", "CP501", "CP503", "CP161"},
    "credit": {"CP14", "CP14C", "CP501", "CP503", "CP161"},
    "tiny": {"CP14", "CP14C", "CP501", "CP503", "CP161", "CP11"},
    "edge": {"CP14", "CP14C", "CP501", "CP503", "CP161", "CP11"},
}


def _joint(rng: random.Random) -> str:
    return rng.choices(["single", "amp", "and", "two_lines"], [50, 15, 12, 23])[0]


def plan(seed: int, quick: bool) -> list[dict]:
    rng = random.Random(seed)
    items: list[dict] = []
    counts = COUNTS[quick]
    size_i = 0
    per_bucket: Counter = Counter()
    deck: list[str] = []
    for layout in LAYOUTS:
        k = 0
        for bucket, count in counts.items():
            if bucket == "born_digital":
                types = list(LETTER_TYPES if layout == "letter" else BD_TYPES)
                rng.shuffle(types)
                if quick:  # keep a CP14 and some of the harder types in a small corpus
                    types = ["CP14", *rng.sample(types, count - 1)]
            else:
                types = [deck.pop() if deck else _refill(deck, rng) for _ in range(count)]
            for i in range(count):
                ntype = types[i % len(types)]
                size = SIZE_CYCLE[size_i % len(SIZE_CYCLE)]
                size_i += 1
                if size in ELIGIBLE and ntype not in ELIGIBLE[size]:
                    size = "normal"
                k += 1
                per_bucket[bucket] += 1
                nid = f"{FAMILY}-{layout}-{ntype.lower()}-{k:03d}{SUFFIX[bucket]}"
                printed = ntype
                if ntype == "LT11" and layout in ("letter", "fax") and rng.random() < 0.5:
                    printed = "LTR 11"
                n = make_notice(
                    rng,
                    nid=nid,
                    layout=layout,
                    bucket=bucket,
                    ntype=ntype,
                    size=size,
                    joint_style=_joint(rng),
                    suffix=rng.random() < 0.12,
                    penalty_style=rng.choice(PENALTY_STYLES[layout]),
                    printed_type=printed,
                    care_of=rng.random() < 0.3,
                )
                if layout == "letter" and ntype in ("LT11", "CP504") and rng.random() < 0.35:
                    n.billing_printed = False
                if layout == "grid" and k % 4 == 2:  # a software grid printing every row
                    n.zero_rows = True
                    n.penalty_style = "full"
                items.append(
                    {
                        "id": nid,
                        "layout": layout,
                        "bucket": bucket,
                        "kind": "genuine",
                        "notice": n,
                        "seed": rng.randint(0, 2**31),
                        "format": _format(bucket, per_bucket[bucket]),
                    }
                )
    for j, (style, bucket) in enumerate(SCAMS[quick]):
        items.append(_scam_item(rng, j, style, bucket))
    for j, (doc, bucket) in enumerate(OTHERS[quick]):
        nid = f"{FAMILY}-other-{doc.replace('_', '-')}-{j + 1:03d}{SUFFIX[bucket]}"
        tp = make_individual(rng, "single")
        items.append(
            {
                "id": nid,
                "layout": doc,
                "bucket": bucket,
                "kind": "not_notice",
                "doc": doc,
                "seed": rng.randint(0, 2**31),
                "household": tp.household,
                "today": _today(rng).isoformat(),
                "format": _format(bucket, j),
            }
        )
    return items


def _refill(deck: list[str], rng: random.Random) -> str:
    """Deal capture notice types from shuffled decks, so each type comes round in turn."""
    deck.extend(CAPTURE_TYPES)
    rng.shuffle(deck)
    return deck.pop()


def _today(rng: random.Random) -> dt.date:
    return dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 320))


def _format(bucket: str, k: int) -> str:
    if bucket == "scanned":
        return SCAN_FORMATS[k % len(SCAN_FORMATS)]
    if bucket == "photo":
        return "png" if k % 6 == 4 else "jpg"
    return "pdf"


def _scam_item(rng: random.Random, j: int, style: str, bucket: str) -> dict:
    item = {
        "bucket": bucket,
        "kind": "scam",
        "seed": rng.randint(0, 2**31),
        "format": _format(bucket, j),
    }
    if style == "mimic":
        layout = ["ledger", "sidebar", "grid", "banded", "letter", "fax", "ledger", "banded"][j % 8]
        ntype = rng.choice(["CP14", "CP14", "CP501", "CP503", "CP504"])
        nid = f"{FAMILY}-scam-mimic-{layout}-{j + 1:03d}{SUFFIX[bucket]}"
        n = make_notice(
            rng,
            nid=nid,
            layout=layout,
            bucket=bucket,
            ntype=ntype,
            size="normal",
            joint_style=_joint(rng),
            suffix=False,
            penalty_style="full",
        )
        recipe = scams.recipe(rng, j, fmt.amount(n.amount_due), mimic=True)
        item.update(
            id=nid,
            layout="scam_mimic",
            notice=n,
            recipe=recipe,
            signs=sorted(set(recipe.signs)),
            household=n.tp.household,
            today=n.today.isoformat(),
        )
    else:
        nid = f"{FAMILY}-scam-crude-{j + 1:03d}{SUFFIX[bucket]}"
        tp = make_individual(rng, rng.choice(["single", "single", "amp"]))
        amount = fmt.amount(fmt.CENT * rng.randint(90_000, 2_400_000))
        day = dt.date(rng.randint(2021, 2026), rng.randint(1, 12), rng.randint(1, 28))
        recipe = scams.recipe(rng, j, amount, mimic=False)
        letter_spec = scams.CrudeLetter(
            seed=rng.randint(0, 2**31),
            name=tp.name_lines[0],
            address=tp.address,
            amount=amount,
            date_text=fmt.date(day, rng.choice(["long", "numeric"])),
            recipe=recipe,
            ssn_last4=tp.number_last4,
        )
        item.update(
            id=nid,
            layout="scam_crude",
            crude=letter_spec,
            signs=sorted({*recipe.signs, "no_notice_code"}),
            household=tp.household,
            today=(day + dt.timedelta(days=rng.randint(1, 9))).isoformat(),
        )
    return item


# -- drawing ------------------------------------------------------------------------------
def _pdf_bytes(item: dict) -> bytes:
    buf = io.BytesIO()
    if item["kind"] == "genuine":
        n = item["notice"]
        render(LAYOUTS[n.layout], n, buf)
    elif item["kind"] == "scam" and "notice" in item:
        n = item["notice"]
        render(LAYOUTS[n.layout], n, buf, scam=scams.ScamOverlay(item["recipe"]))
    elif item["kind"] == "scam":
        c = Canvas(buf, pagesize=letter, invariant=1)
        scams.Crude(c, item["crude"]).draw()
        c.save()
    else:
        others.DOCS[item["doc"]](buf, random.Random(item["seed"]))
    return buf.getvalue()


def produce(item: dict, out: Path) -> dict:
    rng = random.Random(item["seed"])
    bucket, ident = item["bucket"], item["id"]
    folder = out / bucket
    folder.mkdir(parents=True, exist_ok=True)
    files: list[str] = []
    if item.get("doc") == "desk_photo":
        img = capture.camera(others.desk_photo(rng), rng)
        name = f"{ident}.jpg"
        img.save(folder / name, "JPEG", quality=86)
        files.append(f"{bucket}/{name}")
    else:
        pdf = _pdf_bytes(item)
        if bucket == "born_digital":
            (folder / f"{ident}.pdf").write_bytes(pdf)
            files.append(f"{bucket}/{ident}.pdf")
        elif bucket == "scanned":
            dpi = rng.choice([150, 170, 200])
            pages = [capture.scan_page(p, rng) for p in capture.rasterize(pdf, dpi)]
            fmt_ = item["format"]
            if fmt_ == "pdf":
                today = (
                    item["notice"].today
                    if "notice" in item
                    else dt.date.fromisoformat(item["today"])
                )
                when = dt.datetime.combine(
                    today, dt.time(9 + rng.randint(0, 7), rng.randint(0, 59))
                )
                capture.save_pdf(pages, folder / f"{ident}.pdf", dpi, when)
                files.append(f"{bucket}/{ident}.pdf")
            elif fmt_ == "tiff":
                pages[0].save(
                    folder / f"{ident}.tiff",
                    "TIFF",
                    save_all=True,
                    append_images=pages[1:],
                    compression="tiff_deflate",
                    dpi=(dpi, dpi),
                )
                files.append(f"{bucket}/{ident}.tiff")
            else:
                for i, page in enumerate(pages, 1):
                    name = f"{ident}-p{i}.{fmt_}"
                    if fmt_ == "jpg":
                        page.save(
                            folder / name, "JPEG", quality=rng.randint(70, 88), dpi=(dpi, dpi)
                        )
                    else:
                        page.save(folder / name, "PNG", dpi=(dpi, dpi))
                    files.append(f"{bucket}/{name}")
        else:
            dpi = rng.choice([170, 185, 200])
            for i, page in enumerate(capture.rasterize(pdf, dpi), 1):
                img = capture.photo_page(page, rng)
                name = f"{ident}-p{i}.{item['format']}"
                if item["format"] == "jpg":
                    img.save(folder / name, "JPEG", quality=rng.randint(78, 90))
                else:
                    img.save(folder / name, "PNG")
                files.append(f"{bucket}/{name}")
    return record(item, files)


def record(item: dict, files: list[str]) -> dict:
    rec = {
        "id": item["id"],
        "family": FAMILY,
        "layout": item["layout"],
        "bucket": item["bucket"],
        "kind": item["kind"],
        "files": files,
    }
    if item["kind"] == "genuine":
        n = item["notice"]
        rec.update(
            household_ssn_last4=list(n.tp.household),
            today=n.today.isoformat(),
            expected=n.expected(),
        )
    elif item["kind"] == "scam":
        rec.update(
            household_ssn_last4=list(item["household"]),
            today=item["today"],
            expected={"ok": True, "legitimacy": "suspicious", "scam_signs": item["signs"]},
        )
    else:
        rec.update(
            household_ssn_last4=list(item["household"]),
            today=item["today"],
            expected={"ok": False, "error_code": "not_irs_notice"},
        )
    return rec


_OUT: Path | None = None


def _work(item: dict) -> dict:
    assert _OUT is not None
    return produce(item, _OUT)


def generate(
    out: Path, *, seed: int = DEFAULT_SEED, quick: bool = False, jobs: int = 2
) -> list[dict]:
    global _OUT
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    items = plan(seed, quick)
    _OUT = out
    if jobs > 1:
        ctx = multiprocessing.get_context("fork")
        # the photos and scans are the slow items; hand them out first
        order = sorted(range(len(items)), key=lambda i: items[i]["bucket"] == "born_digital")
        with ctx.Pool(jobs) as pool:
            done = pool.map(_work, [items[i] for i in order], chunksize=1)
        records = [None] * len(items)
        for i, rec in zip(order, done, strict=True):
            records[i] = rec
    else:
        records = [_work(it) for it in items]
    (out / "manifest.json").write_text(json.dumps(records, indent=1) + "\n")
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate the quarry notice corpus (ReportLab).")
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    start = time.monotonic()
    records = generate(args.out, seed=args.seed, quick=args.quick, jobs=args.jobs)
    took = time.monotonic() - start
    kinds = Counter((r["kind"], r["bucket"]) for r in records)
    layouts = Counter(r["layout"] for r in records if r["kind"] == "genuine")
    print(f"{len(records)} items in {took:.1f} s -> {args.out}/manifest.json")
    for (kind, bucket), count in sorted(kinds.items()):
        print(f"  {kind:10s} {bucket:12s} {count}")
    print("  genuine by layout: " + ", ".join(f"{k} {v}" for k, v in sorted(layouts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
