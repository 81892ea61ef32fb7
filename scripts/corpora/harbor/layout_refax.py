"""`refax`: a notice re-rendered by tax software or passed through an e-fax service. Monospace,
upper-case labels (`TAXPAYER ID:`, `FORM: 1040`), several `LABEL: value` pairs on one line,
dates such as `17-NOV-2026` or `Sept. 24, 2021`, amounts ending in ` USD`, penalty rows
abbreviated (FTF, FTP, ES, EST. TAX PENALTY), a `TOTAL AMOUNT DUE (PAY BY ...)` line, and a fax
banner or software header on every page carrying its own, later date."""

from __future__ import annotations

import datetime as dt
import random

from . import common, dates, wording
from .common import PAGES, esc
from .look import make_look
from .spec import Notice

NAME = "refax"
FAX_SENDERS = ["LAKESIDE TAX SERVICES", "J. OKAFOR CPA", "PRAIRIE BOOKKEEPING", "HOME OFFICE",
               "SHIP N PRINT 4471", "MARSH & CO ACCOUNTING", "COPY CORNER 2093"]
SOFTWARE = ["TaxDesk Pro", "LedgerLine Practice", "ClientVault", "NoticeScan 5"]


def _pad(label: str, value: str, width: int) -> str:
    dots = max(3, width - len(label) - len(value) - 2)
    return f"{label} {'.' * dots} {value}"


def build(n: Notice, rng: random.Random) -> str:
    if n.penalties and rng.random() < 0.5:
        n.penalty_style = ("separate" if len(n.penalties) == 1
                           else rng.choice(["grouped", "separate"]))
    usd = rng.random() < 0.6
    lk = make_look(n, rng, date_styles=["dmy_upper", "dmy_upper", "ap", "abbr", "abbr_nodot",
                                        "numeric"],
                   labels="upper", usd=usd, phone_styles=["plain", "dots", "one"])
    lk.money.dollar = rng.random() < 0.3
    font = rng.choice(common.FONTS_MONO)
    size = rng.choice([9, 9.5, 10])
    width = rng.choice([64, 68, 72])
    shout = rng.random() < 0.5  # body text upper-cased too
    fax = rng.random() < 0.6
    span = (n.today - n.notice_date).days
    stamp = n.notice_date + dt.timedelta(days=rng.randint(1, max(1, span)))
    stamp_time = f"{rng.randint(7, 19):02d}:{rng.randint(0, 59):02d}"
    if fax:
        banner = (f"{dates.fmt_date(stamp, rng.choice(['numeric', 'dmy_upper']))} {stamp_time} "
                  f"FROM: {rng.choice(FAX_SENDERS)} FAX: (555) 01{rng.randint(0, 9)}-"
                  f"{rng.randint(1000, 9999)} "
                  f"TO: 555-01{rng.randint(0, 9)}-{rng.randint(1000, 9999)}")
        run_cls = "fax"
    else:
        banner = (f"{rng.choice(SOFTWARE)} - client document copy - printed "
                  f"{dates.fmt_date(stamp, 'dmy_upper')} {stamp_time}")
        run_cls = "soft"

    def up(text: str) -> str:
        return text.upper() if shout else text

    ty_label, ty_value = common.tax_year_pair(lk, upper=True)
    id_label = "EIN" if n.business and rng.random() < 0.5 else "TAXPAYER ID"
    line1 = [f"NOTICE: {lk.code}", f"NOTICE DATE: {lk.d(n.notice_date)}",
             f"{ty_label}: {ty_value}", f"FORM: {n.tax_form}"]
    line2 = [f"{id_label}: {lk.mask}"]
    if n.caller_id:
        line2.append(f"CALLER ID: {n.caller_id}")
    line2.append(f"PAGE 1 OF {PAGES}")
    if rng.random() < 0.4:
        line1, line2 = line1[:2] + line2[:1], line1[2:] + line2[1:]
    gap = " " * rng.choice([3, 4, 5])
    header = f"<div class='pre'>{esc(gap.join(line1))}\n{esc(gap.join(line2))}</div>"

    css_leaders = rng.random() < 0.4
    lines = []
    for kind, label, amount, _irc in lk.table_rows():
        indent = "  " if kind == "sub" else ""
        if kind == "heading":
            lines.append(esc(label))
        elif css_leaders:
            lines.append(f"<span class='ld' data-v=' {esc(amount)}'>{esc(indent + label)}</span>")
        else:
            lines.append(esc(_pad(indent + label, amount, width)))
    if n.pay_by:
        key = "RESPOND BY" if n.notice_type == "CP2000" else "PAY BY"
        total = f"TOTAL AMOUNT DUE ({key} {lk.due()})"
        if n.notice_type == "CP2000":
            total = f"PROPOSED AMOUNT DUE ({key} {lk.due()})"
    else:
        total = "TOTAL AMOUNT DUE (DUE IMMEDIATELY)"
    rule = "-" * width
    amt = lk.m(n.amount_due)
    if css_leaders:
        lines += [rule, f"<span class='ld b' data-v=' {esc(amt)}'>{esc(total)}</span>"]
        body_rows = "".join(f"<div>{x}</div>" for x in lines)
        summary = f"<div class='sum'>{body_rows}</div>"
    else:
        lines += [rule, f"<b>{esc(_pad(total, amt, width))}</b>"]
        summary = "<div class='pre'>" + "\n".join(lines) + "</div>"

    heads = [h.upper() for h in wording.headline(lk) if "$" not in h]
    intro = [up(x) for x in wording.intro(lk)]
    todo = [up(x) for x in wording.todo(lk)]
    conseq = [up(x) for x in wording.consequences(lk)]
    stub_items = [f"NOTICE: {lk.code}", f"NOTICE DATE: {lk.d(n.notice_date)}",
                  f"{id_label}: {lk.mask}", f"AMOUNT DUE: {amt}"]
    if n.pay_by:
        stub_items.append(f"{'RESPOND' if n.notice_type == 'CP2000' else 'PAY'} BY: {lk.due()}")
    stub_lines = [gap.join(stub_items[:3]), gap.join(stub_items[3:]),
                  "MAKE CHECK OR MONEY ORDER PAYABLE TO: UNITED STATES TREASURY"
                  if rng.random() < 0.5 else
                  "Make your check or money order payable to the United States Treasury.",
                  "AMOUNT ENCLOSED: $____________"]
    contact = "\n".join(f"{a.upper()}: {b}" for a, b in wording.contact_lines(lk))
    addr = "\n".join(["DEPARTMENT OF THE TREASURY", "INTERNAL REVENUE SERVICE",
                      n.center.upper()])
    who = "\n".join(common.name_lines(lk) + n.party.address)
    lockbox = "\n".join(["INTERNAL REVENUE SERVICE", *[x.upper() for x in n.lockbox]])
    penalties = ("<h3>" + up("Penalties") + "</h3>"
                 + common.paras([up(x) for x in wording.penalties_text(lk)])) if n.penalties else ""
    cut = f"{'-' * 30} {up('Detach and return with payment')} {'-' * 30}"
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.75in 0.6in 0.6in 0.6in;
  @top-left {{ content: element(banner); }} }}
body {{ font-family: {font}, monospace; font-size: {size}pt; line-height: 1.25; }}
.banner {{ position: running(banner); font-size: 8pt; width: 7.3in; }}
.fax {{ border-bottom: 1px solid #000; }}
.banner .pn::after {{ content: "P." counter(page) "/" counter(pages); float: right; }}
.pre {{ white-space: pre-wrap; margin: 0.12in 0; }}
.sum {{ width: {width * 0.6 * size / 72:.2f}in; margin: 0.12in 0; }}
.ld::after {{ content: leader('.') attr(data-v); }}
h1 {{ font-size: {size + 2}pt; margin-top: 0.15in; }}
h3 {{ font-size: {size}pt; margin-top: 0.12in; }}
.cut {{ margin: 0.3in 0 0.1in; }}
"""
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
<div class="banner {run_cls}">{esc(banner)}<span class="pn"></span></div>
<div class="pre">{esc(addr)}</div>
{header}
<div class="pre">{esc(who)}</div>
{"".join(f"<h1>{esc(h)}</h1>" for h in heads[:1])}{"".join(f"<h3>{esc(h)}</h3>" for h in heads[1:])}
{common.paras(intro)}
<h3>BILLING SUMMARY</h3>
{summary}
<h3>{up("What you need to do")}</h3>
{common.paras(todo)}
{common.paras(conseq)}
<div class="pb"></div>
<h3>{up("Payment options")}</h3>
{common.paras([up(x) for x in wording.payment_options(lk)])}
{penalties}
<h3>{up("Interest")}</h3>{common.paras([up(x) for x in wording.interest_text(lk)])}
<h3>{up("Phone numbers")}</h3><div class="pre">{esc(contact)}</div>
<div class="nobreak"><div class="cut">{cut}</div>
<div class="pre">{esc(chr(10).join(stub_lines))}</div>
<div class="pre">{esc(who)}</div><div class="pre">{esc(lockbox)}</div></div>
</body></html>"""
