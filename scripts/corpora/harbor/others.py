"""Readable files that are not IRS notices: a receipt, a bank statement, a utility bill, a DMV
letter, a medical bill. Several carry dates, amounts due and even the word IRS on purpose."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from . import common, dates, people
from .common import esc


def _d(rng: random.Random) -> dt.date:
    return dt.date(2026, 1, 5) + dt.timedelta(days=rng.randint(0, 290))


def _m(cents: int) -> str:
    return f"{Decimal(cents) / 100:,.2f}"


def _page(css: str, body: str, size: str = "letter") -> str:
    return (f"<html><head><meta charset='utf-8'><style>{common.BASE_CSS}"
            f"@page {{ size: {size}; margin: 0.6in; }} {css}</style></head><body>{body}"
            "</body></html>")


def receipt(rng: random.Random) -> str:
    items = rng.sample([("MILK 2% GAL", 389), ("BREAD WHEAT", 299), ("EGGS LG DOZ", 412),
                        ("COFFEE 12OZ", 899), ("BANANAS 2.1LB", 126), ("PAPER TOWEL 6PK", 1149),
                        ("DISH SOAP", 349), ("CHICKEN THIGHS", 1087), ("RICE 5LB", 649),
                        ("APPLES GALA", 478), ("YOGURT 4PK", 379)], rng.randint(5, 9))
    sub = sum(c for _, c in items)
    tax = round(sub * 0.0625)
    day = _d(rng)
    lines = [f"<div class='row'><span>{esc(a)}</span><span>{_m(c)}</span></div>" for a, c in items]
    store = rng.choice(["GREENLEAF MARKET", "VALLEY FRESH FOODS", "CORNER HARDWARE & GROCERY"])
    street = f"{rng.randint(100, 9999)} {rng.choice(people.STREETS)}"
    tel = f"555-01{rng.randint(10, 99)}-{rng.randint(1000, 9999)}"
    when = f"{dates.fmt_date(day, 'numeric')} {rng.randint(8, 20):02d}:{rng.randint(0, 59):02d}"
    till = f"REG 0{rng.randint(1, 6)} TRN {rng.randint(1000, 9999)}"
    card = f"VISA ************{rng.randint(1000, 9999)}"
    body = f"""<div class='c b big'>{esc(store)}</div>
<div class='c'>{esc(street)}<br>TEL {tel}</div>
<div class='c'>{when} {till}</div>
<hr>{''.join(lines)}<hr>
<div class='row'><span>SUBTOTAL</span><span>{_m(sub)}</span></div>
<div class='row'><span>SALES TAX 6.25%</span><span>{_m(tax)}</span></div>
<div class='row b'><span>TOTAL</span><span>{_m(sub + tax)}</span></div>
<div class='row'><span>{card}</span><span>{_m(sub + tax)}</span></div>
<div class='c'>APPROVAL {rng.randint(100000, 999999)}</div><hr>
<div class='c'>ITEMS SOLD {len(items)}<br>THANK YOU FOR SHOPPING WITH US<br>
RETURNS WITHIN 30 DAYS WITH RECEIPT</div>"""
    css = ("body { font-family: 'DejaVu Sans Mono'; font-size: 9pt; line-height: 1.35; } "
           ".c { text-align: center; margin: 4px 0; } .big { font-size: 12pt; } "
           ".row { display: flex; justify-content: space-between; } hr { border: 0; "
           "border-top: 1px dashed #000; }")
    return _page(css, body, size="3.4in 8.5in")


def bank_statement(rng: random.Random) -> str:
    p = people.household(rng, business=False, joint=False)
    start = _d(rng).replace(day=1)
    bal = rng.randint(150000, 900000)
    rows = []
    day = start
    entries = [("DIRECT DEP PAYROLL ACME STAFFING", 1), ("POS PURCHASE GREENLEAF MARKET", -1),
               ("IRS TREAS 310 TAX REF", 1), ("ONLINE TRANSFER TO SAVINGS", -1),
               ("ACH RIVERBEND ELECTRIC COOP", -1), ("CHECK 1043", -1),
               ("ATM WITHDRAWAL 4410 MAIN", -1), ("MOBILE DEPOSIT", 1)]
    for label, sign in rng.sample(entries, 7):
        day += dt.timedelta(days=rng.randint(1, 4))
        amt = rng.randint(1500, 180000)
        bal += sign * amt
        rows.append(f"<tr><td>{dates.fmt_date(day, 'numeric')}</td><td>{esc(label)}</td>"
                    f"<td class='r'>{'' if sign > 0 else '-'}{_m(amt)}</td>"
                    f"<td class='r'>{_m(bal)}</td></tr>")
    bank = rng.choice(["Lakeshore Community Bank", "First Prairie Savings", "Harbor Trust Bank"])
    box = rng.randint(100, 9999)
    body = f"""<div class='hd'><div><b class='bank'>{esc(bank)}</b><br>PO Box {box}<br>
Member FDIC</div>
<div class='r'>Account statement<br>Account number ******{rng.randint(1000, 9999)}<br>
Statement period {dates.fmt_date(start, 'long')} - {dates.fmt_date(day, 'long')}</div></div>
<p>{'<br>'.join(esc(x) for x in p.printed_name_lines() + p.address)}</p>
<h2>Checking account summary</h2>
<table class='t'><tr><th>Date</th><th>Description</th><th>Amount</th><th>Balance</th></tr>
{''.join(rows)}</table>
<p>Ending balance: ${_m(bal)}</p>
<p class='small'>Questions? Call 1-800-555-0134. Report errors within 60 days.</p>"""
    css = ("body { font-family: 'Liberation Sans'; font-size: 10pt; } .hd { display: flex; "
           "justify-content: space-between; margin-bottom: 20px; } .bank { font-size: 15pt; } "
           ".t { width: 100%; } .t td, .t th { border-bottom: 1px solid #999; padding: 3px; "
           "text-align: left; } .t .r { text-align: right; } h2 { margin: 12px 0 6px; } "
           ".small { font-size: 8pt; }")
    return _page(css, body)


def utility_bill(rng: random.Random) -> str:
    p = people.household(rng, business=False, joint=False)
    issued = _d(rng)
    due = issued + dt.timedelta(days=21)
    kwh = rng.randint(380, 1400)
    amt = kwh * rng.randint(11, 17) + 1250
    bars = "".join(f"<div class='bar' style='height:{rng.randint(20, 90)}px'></div>"
                   for _ in range(12))
    utility = rng.choice(["Riverbend Electric Cooperative", "Tri-County Water & Power",
                          "Northgate Gas Company"])
    body = f"""<div class='hd'><b>{esc(utility)}</b>
<span>Account {rng.randint(10000000, 99999999)}</span></div>
<p>{'<br>'.join(esc(x) for x in p.printed_name_lines() + p.address)}</p>
<table class='t'><tr><th>Bill date</th><th>Amount due</th><th>Due date</th></tr>
<tr><td>{dates.fmt_date(issued, 'long')}</td><td>${_m(amt)}</td>
<td>{dates.fmt_date(due, 'long')}</td></tr></table>
<h3>Your usage</h3><p>This period you used {kwh} kWh.</p><div class='chart'>{bars}</div>
<p>A late fee of 1.5% applies to balances not paid by the due date. Pay online, by phone at
1-888-555-0190, or mail the stub below with your check payable to the cooperative.</p>
<div class='cut'>Return this portion with your payment</div>
<p>Amount due ${_m(amt)} by {dates.fmt_date(due, 'numeric')} &nbsp; Amount enclosed ______</p>"""
    css = ("body { font-family: 'DejaVu Sans'; font-size: 10pt; } .hd { display: flex; "
           "justify-content: space-between; font-size: 13pt; border-bottom: 3px solid #2a6; "
           "padding-bottom: 6px; margin-bottom: 14px; } .t td, .t th { border: 1px solid #000; "
           "padding: 4px 10px; } .chart { display: flex; align-items: flex-end; gap: 6px; "
           "height: 100px; margin: 10px 0; } .bar { width: 20px; background: #8c8; } "
           ".cut { border-top: 1px dashed #000; margin-top: 30px; font-size: 8pt; }")
    return _page(css, body)


def dmv_letter(rng: random.Random) -> str:
    p = people.household(rng, business=False, joint=False)
    state = rng.choice(["STATE OF OREGON", "COMMONWEALTH OF PENNSYLVANIA", "STATE OF KANSAS"])
    issued = _d(rng)
    plate = f"{rng.choice('ABCDEFGHJK')}{rng.choice('LMNPRSTUVW')}{rng.randint(1000, 9999)}"
    fee = rng.choice([4500, 6200, 8850, 11200])
    expires = dates.fmt_date(issued + dt.timedelta(days=45), "long")
    body = f"""<div class='c'><b>{state}</b><br>DEPARTMENT OF MOTOR VEHICLES<br>
Vehicle Registration Services</div>
<p class='r'>Notice date: {dates.fmt_date(issued, 'long')}</p>
<p>{'<br>'.join(esc(x) for x in p.printed_name_lines() + p.address)}</p>
<h2>Registration renewal notice</h2>
<p>The registration for your vehicle, plate {plate}, expires on
{expires}. Renew online, by mail, or at any field office.</p>
<table class='t'><tr><td>Registration fee</td><td>${_m(fee)}</td></tr>
<tr><td>Plate fee</td><td>$5.00</td></tr>
<tr><td><b>Total due</b></td><td><b>${_m(fee + 500)}</b></td></tr></table>
<p>An emissions test may be required before renewal. If you no longer own this vehicle,
notify us.</p>
<p>Questions: call 555-014-{rng.randint(1000, 9999)}.</p>"""
    css = ("body { font-family: 'Liberation Serif'; font-size: 11pt; } .c { text-align: center; "
           "margin-bottom: 20px; } .t td { padding: 3px 14px 3px 0; } h2 { margin: 14px 0; }")
    return _page(css, body)


def medical_bill(rng: random.Random) -> str:
    p = people.household(rng, business=False, joint=False)
    issued = _d(rng)
    charges = [("Office visit, established patient", rng.randint(12000, 26000)),
               ("Laboratory - comprehensive panel", rng.randint(4000, 19000)),
               ("X-ray, chest 2 views", rng.randint(9000, 31000))]
    ins = -round(sum(c for _, c in charges) * rng.uniform(0.5, 0.8))
    total = sum(c for _, c in charges) + ins
    rows = "".join(f"<tr><td>{esc(a)}</td><td class='r'>{_m(c)}</td></tr>" for a, c in charges)
    clinic = rng.choice(["St. Albans Regional Medical Center", "Lakeview Family Clinic",
                         "Mercy Ridge Hospital"])
    account = rng.randint(100000, 999999)
    pay_by = dates.fmt_date(issued + dt.timedelta(days=30), "abbr")
    body = f"""<div class='hd'><b>{esc(clinic)}</b><br>Patient billing office</div>
<p>Statement date: {dates.fmt_date(issued, 'abbr')} &nbsp; Account: {account}</p>
<p>Patient: {esc(p.names[0])}<br>{'<br>'.join(esc(x) for x in p.address)}</p>
<table class='t'>{rows}<tr><td>Insurance payment/adjustment</td><td class='r'>({_m(-ins)})</td></tr>
<tr><td><b>Patient balance due</b></td><td class='r'><b>${_m(total)}</b></td></tr></table>
<p>Please pay by {pay_by}. Payment plans are available. Call 1-866-555-0172.</p>"""
    css = ("body { font-family: 'DejaVu Sans'; font-size: 10pt; } .hd { font-size: 13pt; "
           "margin-bottom: 16px; } .t { width: 80%; } .t td { border-bottom: 1px solid #aaa; "
           "padding: 4px; } .t .r { text-align: right; }")
    return _page(css, body)


BUILDERS = {"receipt": receipt, "bank_statement": bank_statement, "utility_bill": utility_bill,
            "dmv_letter": dmv_letter, "medical_bill": medical_bill}
