"""Readable files that are not IRS notices: a receipt, a bank statement, a utility bill, a
state DMV letter, a medical bill, and a photo of a desk with no letter."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from . import fmt
from .pen import Pen

W, H = letter


def _d(rng) -> dt.date:
    return dt.date(rng.randint(2021, 2026), rng.randint(1, 12), rng.randint(1, 28))


def receipt(path_or_buf, rng: random.Random) -> None:
    items = [
        ("ORGANIC BANANAS", "1.89"),
        ("WHOLE MILK 1GAL", "4.29"),
        ("SOURDOUGH LOAF", "5.49"),
        ("CHEDDAR 8OZ", "3.99"),
        ("PAPER TOWELS 6PK", "9.79"),
        ("COFFEE BEANS 12OZ", "11.49"),
        ("EGGS LARGE DOZ", "3.68"),
        ("OLIVE OIL 500ML", "8.99"),
        ("TOMATOES VINE", "3.12"),
        ("DISH SOAP", "2.99"),
        ("OATMEAL", "4.59"),
        ("APPLES GALA 3LB", "5.97"),
    ]
    chosen = rng.sample(items, rng.randint(5, 10))
    height = 300 + 14 * len(chosen)
    c = Canvas(path_or_buf, pagesize=(230, height), invariant=1)
    p = Pen(c, rng.choice(["courier", "lib_mono", "dejavu_mono"]))
    y = height - 30
    store = rng.choice(["GREENLEAF MARKET #0412", "CORNER PANTRY FOODS", "VALLEY FRESH GROCERS"])
    for line in [store, "1180 W MAIN ST", "SPRINGFIELD IL 62704", "(217) 555-0148"]:
        p.text(115, y, line, 8, align="center")
        y -= 11
    y -= 10
    sub = Decimal("0")
    for name, price in chosen:
        p.text(15, y, name, 8)
        p.text(215, y, price, 8, align="right")
        sub += Decimal(price)
        y -= 12
    tax = (sub * Decimal("0.0625")).quantize(Decimal("0.01"))
    y -= 6
    for label, value in [("SUBTOTAL", sub), ("TAX 6.25%", tax), ("TOTAL", sub + tax)]:
        p.text(15, y, label, 8.5, bold=label == "TOTAL")
        p.text(215, y, f"{value:.2f}", 8.5, bold=label == "TOTAL", align="right")
        y -= 12
    d = _d(rng)
    for line in [
        f"VISA ************{rng.randint(1000, 9999)}",
        f"AUTH {rng.randint(100000, 999999)}",
        f"{d:%m/%d/%Y} {rng.randint(8, 20)}:{rng.randint(10, 59)}",
        f"ITEMS SOLD {len(chosen)}",
        "THANK YOU FOR SHOPPING WITH US",
    ]:
        y -= 4
        p.text(115, y, line, 8, align="center")
        y -= 10
    c.save()


def bank_statement(path_or_buf, rng: random.Random) -> None:
    c = Canvas(path_or_buf, pagesize=letter, invariant=1)
    p = Pen(c, rng.choice(["helvetica", "lib_sans", "dejavu_sans"]))
    bank = rng.choice(
        ["LAKESIDE COMMUNITY BANK", "PRAIRIE STATE CREDIT UNION", "BLUE RIVER SAVINGS BANK"]
    )
    y = H - 54
    p.text(50, y, bank, 15, bold=True)
    p.text(50, y - 14, "Member FDIC   |   www.example-bank.test   |   1-800-555-0199", 8)
    start = _d(rng)
    end = start + dt.timedelta(days=30)
    p.text(W - 50, y, "Statement of account", 11, bold=True, align="right")
    p.text(W - 50, y - 14, f"{fmt.date(start, 'long')} - {fmt.date(end, 'long')}", 9, align="right")
    p.text(W - 50, y - 27, f"Account number ******{rng.randint(1000, 9999)}", 9, align="right")
    y -= 70
    for line in ["DIANA R HOLLOWAY", "2214 LARKSPUR LN", "BOISE ID 83702"]:
        p.text(60, y, line, 10)
        y -= 12
    y -= 24
    bal = Decimal(rng.randint(80000, 900000)) / 100
    p.text(50, y, "Date", 9, bold=True)
    p.text(110, y, "Description", 9, bold=True)
    p.text(420, y, "Amount", 9, bold=True, align="right")
    p.text(W - 50, y, "Balance", 9, bold=True, align="right")
    y -= 6
    p.hline(50, W - 50, y, 0.6)
    y -= 14
    rows = [
        "PAYROLL DEP ACME STAFFING",
        "POS PURCHASE GREENLEAF MARKET",
        "ONLINE PMT CITY WATER",
        "ATM WITHDRAWAL 0412",
        "ACH DEBIT AUTO INSURANCE",
        "POS PURCHASE FUEL STOP 88",
        "MOBILE DEPOSIT",
        "RECURRING PMT STREAMING SVC",
        "IRS USATAXPYMT 270543",
        "TRANSFER TO SAVINGS",
        "CHECK 1043",
        "POS PURCHASE HARDWARE DEPOT",
    ]
    day = start
    for desc in rng.sample(rows, 10):
        day += dt.timedelta(days=rng.randint(1, 3))
        amt = Decimal(rng.randint(1200, 250000)) / 100
        if not desc.startswith(("PAYROLL", "MOBILE")):
            amt = -amt
        bal += amt
        p.text(50, y, f"{day:%m/%d}", 9)
        p.text(110, y, desc, 9)
        p.text(420, y, f"{amt:,.2f}", 9, align="right")
        p.text(W - 50, y, f"{bal:,.2f}", 9, align="right")
        y -= 15
    y -= 10
    p.hline(50, W - 50, y + 8, 0.6)
    p.text(50, y - 6, f"Ending balance on {fmt.date(end, 'long')}: ${bal:,.2f}", 10, bold=True)
    p.text(50, 60, "Please examine this statement promptly and report any error within 60 days.", 8)
    c.save()


def utility_bill(path_or_buf, rng: random.Random) -> None:
    c = Canvas(path_or_buf, pagesize=letter, invariant=1)
    p = Pen(c, rng.choice(["helvetica", "lib_narrow", "dejavu_sans"]))
    co = rng.choice(
        ["TRI-VALLEY ELECTRIC COOPERATIVE", "CITY OF RIVERBEND UTILITIES", "NORTHFIELD GAS & LIGHT"]
    )
    y = H - 56
    p.rect(40, y - 12, W - 80, 34, width=0, fill=0.85, stroke=False)
    p.text(50, y, co, 14, bold=True)
    y -= 50
    d = _d(rng)
    due = d + dt.timedelta(days=20)
    amt = Decimal(rng.randint(4000, 32000)) / 100
    for label, value in [
        ("Account number", f"{rng.randint(10, 99)}-{rng.randint(10000, 99999)}"),
        ("Bill date", fmt.date(d, "abbr")),
        ("Service address", "418 QUARRY HILL DR"),
        ("Amount due", f"${amt:,.2f}"),
        ("Due date", fmt.date(due, "abbr")),
    ]:
        p.text(50, y, label, 10)
        p.text(220, y, value, 10, bold=label == "Amount due")
        y -= 15
    y -= 20
    p.text(50, y, "Usage history (kWh)", 10, bold=True)
    y -= 90
    for i in range(12):
        h = rng.randint(20, 80)
        p.rect(60 + i * 32, y, 20, h, width=0.4, fill=0.55)
    y -= 30
    for line in [
        "Late payment charge of 1.5% applies to balances not paid by the due date.",
        "Pay online, by phone at 1-888-555-0142, or by mail with the stub below.",
        "Thank you for being a member-owner.",
    ]:
        p.text(50, y, line, 9)
        y -= 13
    p.scissors(150, 40, W - 40)
    p.text(50, 120, f"{co}   Amount due ${amt:,.2f}   Due {fmt.date(due, 'abbr')}", 10, bold=True)
    c.save()


def dmv_letter(path_or_buf, rng: random.Random) -> None:
    c = Canvas(path_or_buf, pagesize=letter, invariant=1)
    p = Pen(c, rng.choice(["times", "lib_serif", "helvetica"]))
    state = rng.choice(["OREGON", "NEVADA", "OHIO", "GEORGIA"])
    y = H - 60
    p.text(W / 2, y, f"STATE OF {state}", 13, bold=True, align="center")
    p.text(W / 2, y - 15, "Department of Motor Vehicles", 11, align="center")
    y -= 70
    d = _d(rng)
    p.text(60, y, fmt.date(d, "long"), 10)
    y -= 30
    for line in ["OWEN K STRAND", "91 BIRCHWOOD TER", f"SALEM {state[:2]} 97301"]:
        p.text(60, y, line, 10)
        y -= 12
    y -= 24
    p.text(60, y, "VEHICLE REGISTRATION RENEWAL NOTICE", 12, bold=True)
    y -= 22
    fee = Decimal(rng.randint(8000, 26000)) / 100
    exp = d + dt.timedelta(days=45)
    for para in [
        f"The registration for your vehicle, plate {rng.choice('ABCDEFGH')}"
        f"{rng.randint(100, 999)}{rng.choice('KLMNPR')}{rng.randint(10, 99)}, expires on "
        f"{fmt.date(exp, 'long')}. The renewal fee is ${fee:,.2f}.",
        "You may renew online, at a DMV office, or by mail with the form below. "
        "Proof of insurance is required.",
        "Driving with an expired registration may result in a citation.",
    ]:
        for line in p.wrap(para, W - 120, 10):
            p.text(60, y, line, 10)
            y -= 13
        y -= 8
    c.save()


def medical_bill(path_or_buf, rng: random.Random) -> None:
    c = Canvas(path_or_buf, pagesize=letter, invariant=1)
    p = Pen(c, rng.choice(["helvetica", "lib_sans"]))
    y = H - 56
    p.text(
        50, y, rng.choice(["RIVERSIDE FAMILY CLINIC", "MERCY VALLEY MEDICAL GROUP"]), 14, bold=True
    )
    p.text(50, y - 14, "Patient statement", 10)
    y -= 60
    d = _d(rng)
    charges = [
        ("Office visit, established patient", Decimal(rng.randint(12000, 26000)) / 100),
        ("Laboratory panel", Decimal(rng.randint(4000, 15000)) / 100),
    ]
    for label, value in [
        ("Statement date", fmt.date(d, "numeric")),
        ("Patient", "HANNAH P VILLANUEVA"),
        ("Account", f"{rng.randint(100000, 999999)}"),
    ]:
        p.text(50, y, label, 10)
        p.text(200, y, value, 10)
        y -= 14
    y -= 18
    total = Decimal("0")
    for label, value in charges:
        p.text(50, y, label, 10)
        p.text(450, y, f"{value:,.2f}", 10, align="right")
        total += value
        y -= 14
    adj = (total * Decimal("0.6")).quantize(Decimal("0.01"))
    p.text(50, y, "Insurance payment / adjustment", 10)
    p.text(450, y, f"-{adj:,.2f}", 10, align="right")
    y -= 20
    p.text(50, y, "Patient balance due", 11, bold=True)
    p.text(450, y, f"${total - adj:,.2f}", 11, bold=True, align="right")
    y -= 30
    p.text(50, y, "Please pay within 30 days. Questions about this bill? Call (541) 555-0163.", 9)
    c.save()


def desk_photo(rng: random.Random, size=(1600, 1200)):
    """A phone photo of a desk with no letter on it: wood, a mug, a pen, a plant, a notebook."""
    from PIL import Image, ImageDraw, ImageFilter

    w, h = size
    base = tuple(rng.randint(a, b) for a, b in ((120, 160), (80, 110), (45, 70)))
    img = Image.new("RGB", size, base)
    d = ImageDraw.Draw(img)
    for i in range(0, h, 6):  # wood grain
        shade = rng.randint(-18, 18)
        col = tuple(max(0, min(255, c + shade)) for c in base)
        d.line([(0, i), (w, i + rng.randint(-20, 20))], fill=col, width=rng.randint(2, 5))
    d.ellipse(
        [w * 0.62, h * 0.15, w * 0.82, h * 0.42],
        fill=(235, 235, 230),
        outline=(200, 200, 195),
        width=6,
    )
    d.ellipse([w * 0.65, h * 0.19, w * 0.79, h * 0.38], fill=(70, 45, 30))
    d.rounded_rectangle([w * 0.12, h * 0.3, w * 0.45, h * 0.85], radius=18, fill=(40, 70, 120))
    d.line([(w * 0.5, h * 0.75), (w * 0.75, h * 0.62)], fill=(20, 20, 20), width=12)
    d.ellipse([w * 0.08, h * 0.02, w * 0.3, h * 0.2], fill=(60, 120, 60))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    return img


DOCS = {
    "receipt": receipt,
    "bank_statement": bank_statement,
    "utility_bill": utility_bill,
    "dmv_letter": dmv_letter,
    "medical_bill": medical_bill,
}
