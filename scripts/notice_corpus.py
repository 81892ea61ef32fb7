"""Build the synthetic IRS-notice corpus with golden expected JSON.

    .venv/bin/python scripts/notice_corpus.py OUT_DIR [--quick] [--seed N] [--jobs N]

Everything is invented (names, addresses, masked SSNs XXX-XX-nnnn only) and
deterministic for a seed. Buckets: born_digital, heldout (a layout whose label wording
the extractor was not written against), scanned, photo (one file per page), other_types,
scam and broken. Each item is ``<bucket>/<id>.*`` plus ``<id>.expected.json``; a
``manifest.json`` lists them all. Golden values are computed here independently of the
reader (its own holiday table, its own sums).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import struct
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from notice_corpus_html import (
    BILLING_LABELS,
    render_heldout,
    render_ledger,
    render_scam,
    render_standard,
)

TODAY = date(2026, 1, 15)  # the "today" the corpus goldens assume

# Observed federal holidays, typed in from OPM's tables (independent of the reader).
_HOLIDAY_TEXT = """
2018-01-01 2018-01-15 2018-02-19 2018-05-28 2018-07-04 2018-09-03 2018-10-08 2018-11-12
2018-11-22 2018-12-25 2019-01-01 2019-01-21 2019-02-18 2019-05-27 2019-07-04 2019-09-02
2019-10-14 2019-11-11 2019-11-28 2019-12-25 2020-01-01 2020-01-20 2020-02-17 2020-05-25
2020-07-03 2020-09-07 2020-10-12 2020-11-11 2020-11-26 2020-12-25 2021-01-01 2021-01-18
2021-02-15 2021-05-31 2021-06-18 2021-07-05 2021-09-06 2021-10-11 2021-11-11 2021-11-25
2021-12-24 2021-12-31 2022-01-17 2022-02-21 2022-05-30 2022-06-20 2022-07-04 2022-09-05
2022-10-10 2022-11-11 2022-11-24 2022-12-26 2023-01-02 2023-01-16 2023-02-20 2023-05-29
2023-06-19 2023-07-04 2023-09-04 2023-10-09 2023-11-10 2023-11-23 2023-12-25 2024-01-01
2024-01-15 2024-02-19 2024-05-27 2024-06-19 2024-07-04 2024-09-02 2024-10-14 2024-11-11
2024-11-28 2024-12-25 2025-01-01 2025-01-20 2025-02-17 2025-05-26 2025-06-19 2025-07-04
2025-09-01 2025-10-13 2025-11-11 2025-11-27 2025-12-25
"""
HOLIDAYS = {date.fromisoformat(x) for x in _HOLIDAY_TEXT.split()}

FIRST = [
    "AVERY",
    "JORDAN",
    "MORGAN",
    "CASEY",
    "RILEY",
    "QUINN",
    "ROWAN",
    "SAGE",
    "DAKOTA",
    "EMERSON",
    "HARPER",
    "LOGAN",
    "PARKER",
    "REESE",
    "SKYLER",
    "TATUM",
    "BLAIR",
    "ELLIS",
]
LAST = [
    "BRANDT",
    "CALLOWAY",
    "DUNMORE",
    "ELSWORTH",
    "FAIRCLOUGH",
    "GARRITY",
    "HOLLOWAY",
    "IVERSEN",
    "JANSKY",
    "KETTERING",
    "LANGLEY",
    "MERRIWEATHER",
    "NORCROSS",
    "OAKHURST",
]
STREETS = [
    "MAPLE ST",
    "BIRCHWOOD AVE",
    "HARBOR VIEW DR",
    "OLD MILL RD",
    "CEDAR LN",
    "SUMMIT BLVD",
    "WILLOW CT",
    "FOUNDRY WAY",
]
CITIES = [
    ("SPRINGDALE", "OH", "45246"),
    ("RIVERTON", "WY", "82501"),
    ("FAIRVIEW", "TN", "37062"),
    ("LAKEWOOD", "CO", "80226"),
    ("GREENVILLE", "SC", "29601"),
    ("MILTON", "VT", "05468"),
    ("SALEM", "OR", "97301"),
    ("CLINTON", "IA", "52732"),
]
IRS_SENDERS = [
    ["Kansas City, MO 64999-0025"],
    ["Austin, TX 73301-0023"],
    ["Holtsville, NY 00501-9999"],
    ["Ogden, UT 84201-0030"],
]
IRS_REPLY = [
    ["Internal Revenue Service", "P.O. Box 931000", "Louisville, KY 40293-1000"],
    ["Internal Revenue Service", "P.O. Box 37910", "Hartford, CT 06176-7910"],
    ["Internal Revenue Service", "P.O. Box 219236", "Kansas City, MO 64121-9236"],
]
PHONES = ["800-829-0922", "800-829-1040", "800-829-8374", "800-829-3903"]
FONTS = [
    ("DejaVu Sans", 9.5),
    ("DejaVu Serif", 9.5),
    ("Liberation Sans", 10.5),
    ("Liberation Serif", 11),
    ("DejaVu Sans Condensed", 10),
]
FORMS = ["1040", "1040", "1040", "1040-SR", "1040-NR", "1040"]

LABELS = {
    "classic": dict(
        code="Notice",
        tax_year="Tax year",
        notice_date="Notice date",
        ssn="Social security number",
        phone="To contact us",
        caller_id="Your caller ID",
        amount_due="Amount due",
        due_by="Amount due by",
        pay_by="Pay the amount due by",
        phone_in_body="",
        stub_due="Amount due by",
        stub_due_now="Amount due immediately",
        stub_cue="Make your check or money order payable to {payee}.",
        stub_notice="Notice",
        stub_date="Notice date",
        stub_ssn="Social security number",
    ),
    "modern": dict(
        code="Notice name",
        tax_year="Tax year",
        notice_date="Notice date",
        ssn="Your SSN",
        phone="Phone",
        caller_id="Your caller ID",
        amount_due="Amount due",
        due_by="Amount due by",
        pay_by="Pay by",
        phone_in_body="If you have questions, call us at",
        stub_due="Amount due by",
        stub_due_now="Amount due",
        stub_cue="Make your check or money order payable to {payee}.",
        stub_notice="Notice name",
        stub_date="Notice date",
        stub_ssn="Your SSN",
    ),
    "letter": dict(
        code="Notice number",
        tax_year="Tax period",
        notice_date="Date of this notice",
        ssn="Taxpayer identification number",
        phone="Telephone",
        caller_id="Caller ID",
        amount_due="Total amount due",
        due_by="Amount due by",
        pay_by="Please pay by",
        phone_in_body="",
        stub_due="Amount due by",
        stub_due_now="Total amount due",
        stub_cue="Detach and return this part. Make payable to {payee}.",
        stub_notice="Notice number",
        stub_date="Date of this notice",
        stub_ssn="Taxpayer identification number",
    ),
}


# -- golden arithmetic (independent of the reader) ------------------------------------------


def business_days_after(d: date, n: int) -> date:
    while n:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in HOLIDAYS:
            n -= 1
    return d


def pay_by_for(notice_date: date, amount: Decimal) -> date:
    if amount >= Decimal("100000"):
        return business_days_after(notice_date, 10)
    return notice_date + timedelta(days=21)


def money(rng: random.Random, lo: float, hi: float) -> Decimal:
    return Decimal(f"{rng.uniform(lo, hi):.2f}")


def make_billing(rng: random.Random, shape: str) -> dict[str, Decimal]:
    if shape == "tiny":
        tax = money(rng, 200, 900)
        pay = -(tax - money(rng, 3, 15))
        return {"tax": tax, "payments_credits": pay, "interest": money(rng, 0.5, 9)}
    tax = money(rng, 120000, 380000) if shape == "large" else money(rng, 900, 24000)
    if shape == "overpaid":
        pay = -(tax + money(rng, 10, 300))
    else:
        pay = -(tax * Decimal(str(rng.choice([0, 0.2, 0.5, 0.8, 0.9])))).quantize(Decimal("0.01"))
    b: dict[str, Decimal] = {"tax": tax}
    if pay or rng.random() < 0.3:
        b["payments_credits"] = pay
    unpaid = tax + pay if tax + pay > 0 else tax * Decimal("0.3")
    if rng.random() < 0.6 or shape == "overpaid":
        b["failure_to_file_penalty"] = (unpaid * Decimal("0.15")).quantize(Decimal("0.01"))
    if rng.random() < 0.8 or shape == "overpaid":
        b["failure_to_pay_penalty"] = (unpaid * Decimal("0.025")).quantize(Decimal("0.01"))
    if rng.random() < 0.3:
        b["estimated_tax_penalty"] = money(rng, 20, 400)
    if rng.random() < 0.85 or shape == "overpaid":
        b["interest"] = (unpaid * Decimal("0.04")).quantize(Decimal("0.01")) + Decimal("1.00")
    return b


def masked(last4: str) -> str:
    return f"XXX-XX-{last4}"


def make_spec(
    rng: random.Random,
    ident: str,
    *,
    layout: str,
    family: str = "CP14",
    code: str | None = None,
    shape: str = "normal",
    pages: int = 1,
    tamper: str | None = None,
) -> dict:
    tax_year = rng.randint(2017, 2023)
    nd = date(tax_year + 1, rng.randint(2, 12), rng.randint(1, 28))
    if shape == "large" and rng.random() < 0.7:  # land the 10 days across a holiday
        hol = sorted(h for h in HOLIDAYS if h.year == tax_year + 1 and h.month >= 2)
        nd = rng.choice(hol) - timedelta(days=rng.randint(1, 8))
    while nd.weekday() >= 5:
        nd += timedelta(days=1)
    billing = (
        make_billing(rng, shape)
        if family in ("CP14", "CP501", "CP503", "CP504", "CP11", "CP71", "LT11", "LTR1058", "CP90")
        else {}
    )
    if (
        layout == "classic"
        and len([k for k in billing if k.endswith("_penalty")]) >= 2
        and rng.random() < 0.5
    ):
        billing_with_total = {}
        for k, v in billing.items():
            billing_with_total[k] = v
        pens = sum(v for k, v in billing.items() if k.endswith("_penalty"))
        items = list(billing_with_total.items())
        idx = max(i for i, (k, _) in enumerate(items) if k.endswith("_penalty")) + 1
        items.insert(idx, ("penalties_total", pens))
        billing = dict(items)
    amount = sum((v for k, v in billing.items() if k != "penalties_total"), Decimal("0"))
    if family == "CP2000":
        amount = money(rng, 300, 9000)
    if family == "CP12":
        amount = None
    if family in ("CP14", "CP501", "CP503", "CP11"):
        pay_by = pay_by_for(nd, amount)
    elif family == "CP2000":
        pay_by = nd + timedelta(days=30)
    else:
        pay_by = None
    names_style = rng.choice(["single", "single", "joint1", "joint2"])
    f1, f2, last = rng.choice(FIRST), rng.choice(FIRST), rng.choice(LAST)
    if names_style == "single":
        names = [f"{f1} {rng.choice('ABCDEFGHJKLM')} {last}"]
    elif names_style == "joint1":
        names = [f"{f1} AND {f2} {last}"]
    else:
        names = [f"{f1} {last}", f"{f2} {rng.choice(LAST)}"]
    city, st, z = rng.choice(CITIES)
    street = f"{rng.randint(10, 9999)} {rng.choice(STREETS)}"
    if rng.random() < 0.3:
        street += f" APT {rng.randint(1, 40)}"
    address = [street, f"{city}, {st} {z}-{rng.randint(1000, 9999)}"]
    last4 = f"{rng.randint(0, 9999):04d}"
    phone = rng.choice(PHONES)
    font, size = rng.choice(FONTS)
    labels = dict(LABELS.get(layout, LABELS["classic"]))
    labels["billing"] = {k: rng.choice(v) for k, v in BILLING_LABELS.items()}
    if layout == "classic" and rng.random() < 0.5:
        labels["billing"]["tax"] = "Amount you owed"
    if layout == "modern":
        labels["phone"] = rng.choice(["Phone", "Call us at"])
    phone_field = phone if layout != "classic" else f"Phone 1-{phone}"
    date_style = {
        "classic": rng.choice(["long", "abbr"]),
        "modern": "numeric",
        "letter": rng.choice(["abbr", "long", "numeric"]),
        "heldout": rng.choice(["long", "numeric"]),
        "ledger": rng.choice(["long", "abbr", "numeric"]),
    }[layout]
    code = code or family
    spec = dict(
        id=ident,
        layout=layout,
        family=family,
        code=code,
        tax_year=tax_year,
        form=rng.choice(FORMS),
        notice_date=nd,
        pay_by=pay_by,
        amount_due=amount,
        stub_amount=amount,
        billing=billing,
        names=names,
        address=address,
        ssn_masked=masked(last4),
        last4=last4,
        caller_id=str(rng.randint(1000, 999999)) if rng.random() < 0.85 else "",
        phone_printed=f"1-{phone}",
        phone=phone,
        phone_field=phone_field,
        font=font,
        font_size=size,
        labels=labels,
        date_style=date_style,
        neg=rng.choice(["minus", "paren"]),
        dollar=rng.random() < 0.6,
        irs_sender=rng.choice(IRS_SENDERS),
        irs_reply=rng.choice(IRS_REPLY),
        stub=True,
        page_total=pages,
        page_total_render=pages,
        ref_order=rng.choice(
            [
                ["tax_year", "notice_date", "ssn", "phone", "caller"],
                ["notice_date", "tax_year", "caller", "ssn", "phone"],
            ]
        ),
        addr_top=rng.choice([1.9, 2.05, 2.2]),
        refund=money(rng, 50, 900),
        tamper=tamper,
    )
    if family == "CP12":
        spec["stub"] = False
    if tamper == "stub":
        spec["stub_amount"] = amount + Decimal("100.00")
    if tamper == "missing_page":
        spec["page_total_render"] = pages - 1
    if tamper == "sum":
        k = "interest" if "interest" in billing else "tax"
        spec["billing"] = dict(billing)
        spec["billing"][k] = billing[k] + Decimal("10.00")
    return spec


def golden(spec: dict, *, ocr: bool) -> dict:
    fam = spec["family"]
    amount = spec["amount_due"]
    billing = {k: str(v) for k, v in spec["billing"].items()}
    checks = {
        "billing_lines_sum": (spec["tamper"] != "sum") if spec["billing"] else None,
        "stub_matches_headline": (spec["tamper"] != "stub") if spec["stub"] else None,
        "pay_by_date_rule": True if fam == "CP14" else None,
        "all_pages_present": (spec["tamper"] != "missing_page")
        if spec["layout"] not in ("heldout", "ledger")
        else None,
        "ssn_matches_household": True,
        "tax_year_plausible": True,
    }
    caller = spec["caller_id"] or None
    return {
        "ok": True,
        "error_code": None,
        "notice_type": spec["code"],
        "tax_year": spec["tax_year"],
        "tax_form": spec["form"],
        "notice_date": spec["notice_date"].isoformat(),
        "pay_by_date": spec["pay_by"].isoformat() if spec["pay_by"] else None,
        "amount_due": str(amount) if amount is not None else None,
        "ssn_last4": spec["last4"],
        "caller_id": caller,
        "irs_phone": spec["phone"],
        "taxpayer_name": " AND ".join(
            n.title() if spec["layout"] == "ledger" else n for n in spec["names"]
        ),
        "billing_summary": billing,
        "mailing_address": spec["address"],
        "irs_reply_address": spec["irs_reply"] if spec["stub"] else [],
        "page_total_printed": (
            spec["page_total"] if spec["layout"] not in ("heldout", "ledger") else None
        ),
        "legitimacy": "genuine",
        "checks": checks,
        "ocr": ocr,
    }


# -- scams ----------------------------------------------------------------------------------

SCAM_VARIANTS = [
    (
        "gift",
        "FINAL WARNING: Unpaid federal tax",
        [
            "To avoid immediate action, purchase Google Play gift cards in the amount due and call "
            "us with the card numbers at (202) 555-0147."
        ],
        None,
        True,
    ),
    (
        "crypto",
        "Tax debt settlement notice",
        [
            "Payment must be made in Bitcoin to the crypto wallet below within 24 hours.",
            "Call 1-888-555-0199 for wallet instructions.",
        ],
        None,
        False,
    ),
    (
        "arrest",
        "Legal action pending: arrest warrant",
        [
            "A warrant for your arrest will be issued and local police notified unless payment is "
            "received today. Call 1-877-555-0123."
        ],
        None,
        True,
    ),
    (
        "wire",
        "Notice of overdue balance",
        [
            "Send the payment by wire transfer through Western Union to our processing agent.",
            "Make your check payable to IRS Processing Center LLC.",
        ],
        "CP14",
        True,
    ),
    (
        "apps",
        "Balance due: immediate payment required",
        [
            "Pay now using Zelle, Venmo or Cash App to taxsettle@example.com.",
            "If you do not pay, your driver's license will be revoked.",
        ],
        None,
        False,
    ),
    (
        "payee",
        "You have a balance due",
        [
            "Make your check or money order payable to National Tax Relief Services.",
            "Call us at 1-866-555-0110 to set up payment.",
        ],
        "CP14",
        True,
    ),
    (
        "phone_only",
        "You have a balance due",
        [
            "Our records show a balance on your account. Call 1-844-555-0166 today to resolve it.",
            "Make your check or money order payable to the United States Treasury.",
        ],
        "CP501",
        True,
    ),
    (
        "nocode",
        "Important tax notice",
        [
            "Our records show an unpaid balance. Make your check or money order payable to the "
            "United States Treasury."
        ],
        None,
        True,
    ),
]


def scam_spec(rng: random.Random, ident: str, variant) -> dict:
    key, headline, paras, code, with_ssn = variant
    spec = make_spec(rng, ident, layout="classic")
    spec.update(
        scam=key,
        scam_headline=headline,
        scam_paragraphs=paras,
        code=code,
        letterhead=rng.choice(
            [
                ["Internal Revenue Service", "Tax Enforcement Division"],
                ["IRS Collections Department", "Washington, DC"],
                ["Department of Tax Resolution", "Federal Processing Unit"],
            ]
        ),
        ssn_masked=spec["ssn_masked"] if with_ssn else "",
    )
    return spec


# -- rendering and degradation ---------------------------------------------------------------


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def rasterise(pdf: bytes, dpi: int):
    import pypdfium2

    doc = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for i in range(len(doc)):
            page = doc[i]
            out.append(page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            page.close()
        return out
    finally:
        doc.close()


def degrade_scan(img, rng: random.Random, rotation: int):
    """Scanner look: slight skew (or a page fed upside down / sideways), blur, speckle, JPEG."""
    from PIL import Image, ImageChops, ImageFilter

    angle = rng.uniform(-2.0, 2.0)
    img = img.rotate(angle + rotation, expand=True, fillcolor=255, resample=Image.BICUBIC)
    if rng.random() < 0.6:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    sigma = rng.uniform(20, 40)
    speckle = Image.effect_noise(img.size, sigma).point(
        lambda v: 0 if v > 128 + 2.6 * sigma else 255
    )
    img = ImageChops.darker(img, speckle)
    grain = Image.effect_noise(img.size, 12).point(lambda v: max(0, min(255, 255 - abs(v - 128))))
    img = ImageChops.multiply(img, grain)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=rng.randint(55, 80))
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def photo_effect(img, rng: random.Random):
    """Phone-photo look: margins on a darker desk, uneven light, slight tilt, soft focus."""
    from PIL import Image, ImageChops, ImageFilter

    w, h = img.size
    pad = int(w * rng.uniform(0.05, 0.1))
    canvas = Image.new("L", (w + 2 * pad, h + 2 * pad), rng.randint(60, 110))
    canvas.paste(img, (pad, pad))
    canvas = canvas.rotate(rng.uniform(-3, 3), resample=Image.BICUBIC, fillcolor=80)
    depth = rng.uniform(0.25, 0.4)
    grad = Image.linear_gradient("L").resize(canvas.size).rotate(rng.choice([0, 90, 180, 270]))
    grad = grad.point(lambda v: 255 - int(v * depth))
    canvas = ImageChops.multiply(canvas, grad)
    return canvas.filter(ImageFilter.GaussianBlur(0.6))


def image_pdf(images, dpi: int) -> bytes:
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return buf.getvalue()


# -- broken files ----------------------------------------------------------------------------


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def encrypted_pdf(user_pw: bytes = b"secret", owner_pw: bytes = b"owner") -> bytes:
    """A one-page PDF under the standard security handler (RC4 40-bit, R2)."""
    file_id = hashlib.md5(b"taxhauz-corpus", usedforsecurity=False).digest()
    o_key = hashlib.md5((owner_pw + _PAD)[:32], usedforsecurity=False).digest()[:5]
    o_value = _rc4(o_key, (user_pw + _PAD)[:32])
    p_value = -44
    key = hashlib.md5(
        (user_pw + _PAD)[:32] + o_value + struct.pack("<i", p_value) + file_id,
        usedforsecurity=False,
    ).digest()[:5]
    u_value = _rc4(key, _PAD)

    def obj_key(num: int) -> bytes:
        return hashlib.md5(
            key + struct.pack("<i", num)[:3] + b"\0\0", usedforsecurity=False
        ).digest()[:10]

    content = _rc4(obj_key(4), b"BT /F1 12 Tf 72 720 Td (Notice CP14 Amount due: $1,075.21) Tj ET")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <"
        + o_value.hex().encode()
        + b"> /U <"
        + u_value.hex().encode()
        + b"> /P "
        + str(p_value).encode()
        + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _assemble_pdf(
        objs,
        trailer_extra=b"/Encrypt 5 0 R /ID [<"
        + file_id.hex().encode()
        + b"> <"
        + file_id.hex().encode()
        + b">]",
    )


def _assemble_pdf(objs: list[bytes], trailer_extra: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (
        b"trailer\n<< /Size "
        + str(len(objs) + 1).encode()
        + b" /Root 1 0 R "
        + trailer_extra
        + b" >>\nstartxref\n"
        + str(xref).encode()
        + b"\n%%EOF\n"
    )
    return bytes(out)


def many_pages_pdf(n: int) -> bytes:
    kids = " ".join(f"{3 + i} 0 R" for i in range(n))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode(),
    ]
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"] * n
    return _assemble_pdf(objs)


def png_bomb(side: int = 30000) -> bytes:
    """A small PNG that declares side x side 1-bit pixels (all zero)."""
    row = b"\0" + b"\0" * ((side + 7) // 8)
    comp = zlib.compressobj(9)
    data = bytearray()
    chunk = row * 1000
    for _ in range(side // 1000):
        data += comp.compress(chunk)
    data += comp.flush()

    def chunk_bytes(kind: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload))
            + kind
            + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk_bytes(b"IHDR", ihdr)
        + chunk_bytes(b"IDAT", bytes(data))
        + chunk_bytes(b"IEND", b"")
    )


def blank_photo(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter

    img = Image.linear_gradient("L").resize((1200, 1600)).point(lambda v: 120 + v // 3)
    d = ImageDraw.Draw(img)
    for _ in range(5):
        x, y, r = rng.randint(100, 1100), rng.randint(100, 1500), rng.randint(40, 200)
        d.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(60, 200))
    img = img.filter(ImageFilter.GaussianBlur(8))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=80)
    return buf.getvalue()


# -- the plan --------------------------------------------------------------------------------


def plan(seed: int, quick: bool) -> list[dict]:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducible on purpose
    items: list[dict] = []
    layouts = ["classic", "modern", "letter"]
    shapes = ["normal", "normal", "tiny", "large", "overpaid", "normal"]
    n_born = 18 if quick else 36
    for i in range(n_born):
        layout = layouts[i % 3]
        shape = shapes[i % len(shapes)]
        pages = [1, 2, 3][(i // 3) % 3]
        tamper = {7: "stub", 13: "sum", 17: "missing_page"}.get(i)
        if tamper == "missing_page":
            pages = 3
        code = "CP14IA" if i == 10 else None
        spec = make_spec(
            rng, f"bd{i:02d}", layout=layout, shape=shape, pages=pages, tamper=tamper, code=code
        )
        items.append({"bucket": "born_digital", "spec": spec, "kind": "pdf"})
    for i in range(3 if quick else 6):
        spec = make_spec(rng, f"ho{i:02d}", layout="heldout", shape=shapes[i % len(shapes)])
        items.append({"bucket": "heldout", "spec": spec, "kind": "pdf"})
    for i in range(3 if quick else 6):
        spec = make_spec(rng, f"lg{i:02d}", layout="ledger", shape=shapes[(i + 2) % len(shapes)])
        items.append({"bucket": "heldout2", "spec": spec, "kind": "pdf"})
    n_scan = 6 if quick else 12
    for i in range(n_scan):
        spec = make_spec(
            rng, f"sc{i:02d}", layout=layouts[i % 3], shape=shapes[i % 6], pages=1 + (i % 2)
        )
        rotation = {4: 180, 9: 90}.get(i, 0)
        items.append(
            {
                "bucket": "scanned",
                "spec": spec,
                "kind": "scan",
                "dpi": rng.choice([200, 240, 300]),
                "rotation": rotation,
            }
        )
    n_photo = 3 if quick else 6
    for i in range(n_photo):
        spec = make_spec(
            rng,
            f"ph{i:02d}",
            layout=layouts[i % 3],
            shape=shapes[i % 6],
            pages=2 if i % 2 == 0 else 1,
        )
        items.append(
            {
                "bucket": "photo",
                "spec": spec,
                "kind": "photo",
                "formats": ["jpeg", "png", "heic"][i % 3],
            }
        )
    fams = [
        ("CP501", None),
        ("CP503", None),
        ("CP504", None),
        ("CP11", None),
        ("CP12", None),
        ("CP2000", None),
        ("CP71", "CP71C"),
        ("LT11", None),
        ("LTR1058", "LTR1058"),
        ("CP90", None),
        ("CP14", "CP14IA"),
        ("CP504", None),
    ]
    for i, (fam, code) in enumerate(fams[: 6 if quick else 12]):
        spec = make_spec(rng, f"ot{i:02d}", layout=layouts[i % 3], family=fam, code=code)
        if fam == "LTR1058" and spec["layout"] != "letter":
            spec["code"] = "LTR1058"
        items.append({"bucket": "other_types", "spec": spec, "kind": "pdf"})
    for i, variant in enumerate(SCAM_VARIANTS[: 4 if quick else 8]):
        spec = scam_spec(rng, f"sm{i:02d}", variant)
        items.append({"bucket": "scam", "spec": spec, "kind": "scam"})
    for name in [
        "empty",
        "truncated",
        "encrypted",
        "html_as_pdf",
        "zip_as_pdf",
        "no_text",
        "too_many_pages",
        "png_bomb",
        "garbage_pdf",
    ]:
        items.append({"bucket": "broken", "spec": {"id": f"br_{name}"}, "kind": name})
    return items


def build_item(item: dict, out: Path, seed: int) -> dict:
    rng = random.Random(f"{seed}-{item['spec']['id']}")  # noqa: S311 - reproducible
    bucket, spec, kind = item["bucket"], item["spec"], item["kind"]
    folder = out / bucket
    folder.mkdir(parents=True, exist_ok=True)
    ident = spec["id"]
    files: list[str] = []

    def write(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        files.append(f"{bucket}/{name}")

    expected: dict
    if kind in ("pdf", "scan", "photo"):
        render = {"heldout": render_heldout, "ledger": render_ledger}.get(
            spec["layout"], render_standard
        )
        html = render(spec)
        pdf = render_pdf(html)
        expected = golden(spec, ocr=kind != "pdf")
        if kind == "pdf":
            write(f"{ident}.pdf", pdf)
        elif kind == "scan":
            pages = rasterise(pdf, item["dpi"])
            pages = [degrade_scan(p, rng, item["rotation"]) for p in pages]
            write(f"{ident}.pdf", image_pdf(pages, item["dpi"]))
        else:
            pages = rasterise(pdf, 170)
            for n, page in enumerate(pages, start=1):
                img = photo_effect(page, rng)
                fmt = item["formats"]
                buf = io.BytesIO()
                if fmt == "heic":
                    import pillow_heif

                    pillow_heif.register_heif_opener()
                    img.convert("RGB").save(buf, "HEIF", quality=80)
                    ext = "heic"
                elif fmt == "png":
                    img.save(buf, "PNG")
                    ext = "png"
                else:
                    img.convert("RGB").save(buf, "JPEG", quality=82)
                    ext = "jpg"
                write(f"{ident}_p{n}.{ext}", buf.getvalue())
    elif kind == "scam":
        write(f"{ident}.pdf", render_pdf(render_scam(spec)))
        expected = {
            "ok": True,
            "error_code": None,
            "notice_type": spec.get("code"),
            # An unlisted phone number is a weak sign only (DOMAIN.md section 7, issue 10):
            # a letter whose one sign it is goes to staff as "unknown", not "scam".
            "legitimacy": "unknown" if spec["scam"] == "phone_only" else "suspicious",
            "ocr": False,
        }
    else:
        expected = {"ok": False, "error_code": None}
        if kind == "empty":
            write(f"{ident}.pdf", b"")
            expected["error_code"] = "empty"
        elif kind == "truncated":
            spec2 = make_spec(rng, ident, layout="classic")
            pdf = render_pdf(render_standard(spec2))
            write(f"{ident}.pdf", pdf[: len(pdf) // 2])
            expected["error_code"] = "truncated"
        elif kind == "encrypted":
            write(f"{ident}.pdf", encrypted_pdf())
            expected["error_code"] = "encrypted"
        elif kind == "html_as_pdf":
            write(f"{ident}.pdf", b"<!DOCTYPE html><html><body>Notice CP14</body></html>")
            expected["error_code"] = "not_a_notice_file"
        elif kind == "zip_as_pdf":
            buf = io.BytesIO()
            import zipfile

            with zipfile.ZipFile(buf, "w") as zf:
                zf.writestr("notice.txt", "Notice CP14")
            write(f"{ident}.pdf", buf.getvalue())
            expected["error_code"] = "not_a_notice_file"
        elif kind == "no_text":
            write(f"{ident}.jpg", blank_photo(rng))
            expected["error_code"] = "no_text"
        elif kind == "too_many_pages":
            write(f"{ident}.pdf", many_pages_pdf(75))
            expected["error_code"] = "too_many_pages"
        elif kind == "png_bomb":
            write(f"{ident}.png", png_bomb())
            expected["error_code"] = "decompression_bomb"
        elif kind == "garbage_pdf":
            write(
                f"{ident}.pdf",
                b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(3000)) + b"\n%%EOF\n",
            )
            expected["error_code"] = "damaged"
    record = {
        "id": ident,
        "bucket": bucket,
        "files": files,
        "household_ssn_last4": [spec["last4"], "9999"] if "last4" in spec else [],
        "today": TODAY.isoformat(),
        "expected": expected,
    }
    (folder / f"{ident}.expected.json").write_text(json.dumps(record, indent=1, sort_keys=True))
    return record


def _build(args):
    return build_item(*args)


def generate(out: Path, *, seed: int = 1040, quick: bool = False, jobs: int = 2) -> list[dict]:
    """Write the corpus under ``out``; returns the manifest records."""
    out.mkdir(parents=True, exist_ok=True)
    items = plan(seed, quick)
    work = [(it, out, seed) for it in items]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            records = list(pool.map(_build, work, chunksize=2))
    else:
        records = [_build(w) for w in work]
    (out / "manifest.json").write_text(json.dumps(records, indent=1, sort_keys=True))
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1040)
    ap.add_argument("--quick", action="store_true", help="about half the items")
    ap.add_argument("--jobs", type=int, default=2)
    ns = ap.parse_args(argv)
    records = generate(ns.out, seed=ns.seed, quick=ns.quick, jobs=ns.jobs)
    by_bucket: dict[str, int] = {}
    for r in records:
        by_bucket[r["bucket"]] = by_bucket.get(r["bucket"], 0) + 1
    print(f"{len(records)} items in {ns.out}: {by_bucket}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
