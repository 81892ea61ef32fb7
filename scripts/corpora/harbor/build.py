"""The corpus plan (which items, on which layout, in which bucket) and the writer."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from . import (
    capture,
    common,
    layout_letter,
    layout_refax,
    layout_reference,
    layout_ruled,
    layout_sidebar,
    layout_split,
    others,
    scams,
    spec,
)

FAMILY = "harbor"
DEFAULT_SEED = 1010
LAYOUTS = {m.NAME: m for m in (layout_reference, layout_split, layout_ruled, layout_sidebar,
                               layout_refax, layout_letter)}
PAGE_GUESS = {"reference": 3, "split": 2, "ruled": 3, "sidebar": 3, "refax": 2, "letter": 2}
BUCKET_DIR = {"born_digital": "born_digital", "scanned": "scanned", "photo": "photo"}
SHORT = {"born_digital": "pdf", "scanned": "scan", "photo": "photo"}
# Per layout: the first six slots form the --quick subset (4 born-digital, 1 scan, 1 photo).
BD, SC, PH = "born_digital", "scanned", "photo"
SLOT_BUCKETS = [BD, BD, SC, BD, BD, PH,
                BD, BD, SC, BD, BD, SC, PH, BD, BD, BD, BD, PH, SC]
TYPE_CYCLE = ["CP14", "CP501", "CP14", "CP504", "CP14-biz", "LT11", "CP14", "CP503", "CP11",
              "CP2000", "CP161", "CP14", "CP14IA", "CP14", "CP501", "CP14C", "CP14", "CP14-biz",
              "CP14"]
CREDIT_OK = {"CP14", "CP501", "CP14-biz", "CP161", "CP503"}
SCAN_FORMATS = ["pdf", "pdf", "jpg", "pdf", "png", "pdf", "tiff", "pdf", "pdf", "pdf", "png",
                "pdf", "jpg", "pdf", "pdf", "tiff", "pdf", "pdf", "pdf", "pdf", "pdf", "pdf",
                "jpg", "pdf", "pdf", "pdf"]
OTHER_PLAN = [("receipt", "photo"), ("bank_statement", "born_digital"),
              ("dmv_letter", "born_digital"), ("desk", "photo"), ("receipt", "born_digital"),
              ("utility_bill", "scanned"), ("medical_bill", "born_digital"),
              ("dmv_letter", "photo")]
SCAM_BUCKETS = ["born_digital", "born_digital", "scanned", "photo"]


@dataclass
class Item:
    id: str
    kind: str
    layout: str
    bucket: str
    quick: bool
    params: dict = field(default_factory=dict)


def plan() -> list[Item]:
    items: list[Item] = []
    counter = 0
    scan_k = 0
    photo_k = 0
    for li, name in enumerate(LAYOUTS):
        types = TYPE_CYCLE[3 * li:] + TYPE_CYCLE[:3 * li]
        credit_slot = [0, 9, 13, 4, 17, 3][li]
        while types[credit_slot] not in CREDIT_OK:
            credit_slot = (credit_slot + 1) % len(types)
        for slot, (ntype, bucket) in enumerate(zip(types, SLOT_BUCKETS, strict=True)):
            counter += 1
            if slot == credit_slot:
                amount_class = "negative" if li % 2 == 0 else "zero"
            elif (slot + li) % 8 == 1:
                amount_class = "big"
            elif (slot + 2 * li) % 9 == 4:
                amount_class = "tiny"
            else:
                amount_class = "normal"
            params = {"ntype": ntype.replace("-biz", ""), "business": ntype.endswith("-biz")
                      or ntype == "CP161", "amount_class": amount_class,
                      # re-rendered copies abbreviate the estimated-tax penalty: print it often
                      "force_est": name == "refax" and slot % 2 == 0}
            if bucket == "scanned":
                params["format"] = SCAN_FORMATS[scan_k % len(SCAN_FORMATS)]
                scan_k += 1
            if bucket == "photo":
                params["png"] = photo_k % 6 == 4
                photo_k += 1
            tcode = ntype.lower().replace("-", "")
            items.append(Item(f"{FAMILY}-{name}-{tcode}-{counter:03d}-{SHORT[bucket]}",
                              "genuine", name, bucket, slot < 6, params))
    layout_names = list(LAYOUTS)
    for k, (style, signs) in enumerate(scams.recipes()):
        counter += 1
        bucket = SCAM_BUCKETS[k % len(SCAM_BUCKETS)]
        params = {"style": style, "signs": signs, "base": layout_names[k % len(layout_names)]}
        if bucket == "scanned":
            params["format"] = "pdf" if k % 3 else "jpg"
        layout = f"scam-{style}"
        items.append(Item(f"{FAMILY}-{layout}-{counter:03d}-{SHORT[bucket]}", "scam", layout,
                          bucket, k < 6, params))
    for k, (what, bucket) in enumerate(OTHER_PLAN):
        counter += 1
        layout = f"other-{what.replace('_', '-')}"
        params = {"what": what, "format": "pdf"}
        items.append(Item(f"{FAMILY}-{layout}-{counter:03d}-{SHORT[bucket]}", "not_notice",
                          layout, bucket, k < 4, params))
    return items


def _write(out: Path, bucket: str, files: list[tuple[str, bytes]]) -> list[str]:
    rel = []
    folder = out / BUCKET_DIR[bucket]
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files:
        (folder / name).write_bytes(data)
        rel.append(f"{BUCKET_DIR[bucket]}/{name}")
    return rel


def _capture(pdf: bytes, item: Item, rng: random.Random) -> list[tuple[str, bytes]]:
    stem = item.id
    if item.bucket == "born_digital":
        return [(f"{stem}.pdf", pdf)]
    if item.bucket == "scanned":
        dpi = rng.choice([150, 170, 200])
        pages = capture.rasterize(pdf, dpi, gray=rng.random() < 0.85)
        pages = [capture.scan_page(p, rng) for p in pages]
        return capture.save_scan(pages, stem, item.params.get("format", "pdf"), dpi)
    pages = capture.rasterize(pdf, rng.choice([170, 185, 200]), gray=False)
    pages = [capture.photo_page(p, rng) for p in pages]
    return capture.save_photos(pages, stem, rng, png=item.params.get("png", False))


def _household(rng: random.Random) -> list[str]:
    first = f"{rng.randint(1, 9999):04d}"
    return [first, f"{rng.randint(1, 9999):04d}"] if rng.random() < 0.4 else [first]


def _someday(rng: random.Random) -> str:
    return (dt.date(2026, 1, 12) + dt.timedelta(days=rng.randint(0, 300))).isoformat()


def make_item(item: Item, out: Path, seed: int) -> dict:
    rng = random.Random(f"{FAMILY}|{seed}|{item.id}")
    record = {"id": item.id, "family": FAMILY, "layout": item.layout, "bucket": item.bucket,
              "kind": item.kind}
    if item.kind == "genuine":
        p = item.params
        n = spec.make_notice(rng, ntype=p["ntype"], amount_class=p["amount_class"],
                             business=p["business"], force_est=p["force_est"])
        html = LAYOUTS[item.layout].build(n, rng)
        pdf = common.render_pdf(html, guess=PAGE_GUESS[item.layout])
        record["files"] = _write(out, item.bucket, _capture(pdf, item, rng))
        record["household_ssn_last4"] = n.household()
        record["today"] = n.today.isoformat()
        record["expected"] = n.golden()
        return record
    if item.kind == "scam":
        p = item.params
        if p["style"] == "mimic":
            html = scams.mimic(rng, p["signs"], LAYOUTS[p["base"]])
        else:
            html = scams.crude(rng, p["signs"])
        pdf = common.render_pdf(html)
        record["files"] = _write(out, item.bucket, _capture(pdf, item, rng))
        record["household_ssn_last4"] = _household(rng)
        record["today"] = _someday(rng)
        record["expected"] = {"ok": True, "legitimacy": "suspicious",
                              "scam_signs": list(p["signs"])}
        return record
    what = item.params["what"]
    if what == "desk":
        import io

        buf = io.BytesIO()
        capture.desk_photo(rng).save(buf, "JPEG", quality=85)
        files = [(f"{item.id}-p1.jpg", buf.getvalue())]
    else:
        pdf = common.render_pdf(others.BUILDERS[what](rng))
        files = _capture(pdf, item, rng)
    record["files"] = _write(out, item.bucket, files)
    record["household_ssn_last4"] = _household(rng)
    record["today"] = _someday(rng)
    record["expected"] = {"ok": False, "error_code": "not_irs_notice"}
    return record


def _job(args: tuple[Item, str, int]) -> dict:
    item, out, seed = args
    return make_item(item, Path(out), seed)


def generate(out: Path, *, seed: int = DEFAULT_SEED, quick: bool = False,
             jobs: int = 2) -> list[dict]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for sub in BUCKET_DIR.values():
        if (out / sub).is_dir():
            shutil.rmtree(out / sub)
    items = [it for it in plan() if it.quick or not quick]
    work = [(it, str(out), seed) for it in items]
    if jobs <= 1:
        records = [_job(w) for w in work]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            records = list(pool.map(_job, work, chunksize=1))
    (out / "manifest.json").write_text(json.dumps(records, indent=1) + "\n")
    return records


def summary(records: list[dict]) -> str:
    from collections import Counter

    lines = []
    for key in ("kind", "bucket", "layout"):
        counts = Counter(r[key] for r in records)
        lines.append(f"{key}: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    gen = Counter((r["bucket"]) for r in records if r["kind"] == "genuine")
    lines.append("genuine by bucket: " + ", ".join(f"{k}={v}" for k, v in sorted(gen.items())))
    types = Counter(r["expected"]["notice_type"] for r in records if r["kind"] == "genuine")
    lines.append("genuine by type: " + ", ".join(f"{k}={v}" for k, v in sorted(types.items())))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Write the harbor synthetic notice corpus.")
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--quick", action="store_true", help="about a third of the items")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    start = time.monotonic()
    records = generate(args.out, seed=args.seed, quick=args.quick, jobs=args.jobs)
    print(summary(records))
    print(f"{len(records)} items in {time.monotonic() - start:.1f} s -> {args.out}/manifest.json")
    return 0

