"""`split`: the older (pre-2020) notice. A floated reference block (label column, value column),
instructions and billing summary in a two-column grid with one line height, and a payment stub
at the foot of page 1 built as rows: each row pairs a line of the left-hand instructions ("Make
your check or money order payable to" / "the United States Treasury.") with a right-hand label
and value on the same baseline."""

from __future__ import annotations

import random

from . import common, wording
from .common import PAGES, esc
from .look import make_look
from .spec import Notice

NAME = "split"


def build(n: Notice, rng: random.Random) -> str:
    lk = make_look(n, rng, date_styles=["long", "long", "abbr", "ap"])
    serif = rng.random() < 0.5
    font = rng.choice(common.FONTS_SERIF if serif else common.FONTS_SANS)
    size = rng.choice([9.5, 10, 10.5])
    lh = 1.3
    ty_label, ty_value = common.tax_year_pair(lk)
    ref_rows = [("Notice", lk.code), (ty_label, ty_value),
                ("Notice date", lk.d(n.notice_date)),
                (common.id_label(lk, rng), lk.mask),
                ("To contact us", "Phone " + lk.ph(n.phones[0][1]))]
    if n.caller_id:
        ref_rows.append(("Your caller ID", n.caller_id))
    ref_rows.append(("Page", f"1 of {PAGES}"))
    ref = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in ref_rows)
    heads = wording.headline(lk)

    rows = []
    for kind, label, amount, _irc in lk.table_rows():
        cls = {"heading": "ghead", "sub": "gsub", "subtotal": "gtot"}.get(kind, "")
        rows.append(f"<tr class='{cls}'><td>{esc(label)}</td><td class='r'>{esc(amount)}</td></tr>")
    rows.append(f"<tr class='due'><td>{esc(lk.total_label())}</td>"
                f"<td class='r'>{esc(lk.m(n.amount_due))}</td></tr>")
    summary = (f"<h3>{esc(rng.choice(['Billing Summary', 'Billing summary', 'Account summary']))}"
               f"</h3><table class='bill'>{''.join(rows)}</table>")
    todo = (f"<h3>{esc(rng.choice(['What you need to do immediately', 'What you need to do']))}"
            "</h3>" + common.paras(wording.todo(lk)) + common.paras(wording.consequences(lk)[:1]))
    intro_first = rng.random() < 0.4
    intro = common.paras(wording.intro(lk))
    grid = (f"<div class='grid'><div>{intro if intro_first else ''}{todo}</div>"
            f"<div>{summary}</div></div>")

    # The stub, row by row: left text lines beside right-hand values.
    left_lines = ["Make your check or money order payable to", "the United States Treasury.",
                  f"Write your {'EIN' if n.business else 'Social Security number'}, "
                  f"{'the tax period' if n.business else 'tax year ' + str(n.tax_year)},",
                  "and form number on your payment.", "", ""]
    if rng.random() < 0.3:
        left_lines = ["Please make your check or money order", "payable to the United States",
                      "Treasury. Don't send cash.", "", "", ""]
    stub_label = (lk.total_label() if n.pay_by is None
                  else rng.choice([lk.total_label(), f"Amount due by {lk.due()}"]))
    right_pairs = [(stub_label, lk.m(n.amount_due)), ("Notice", lk.code),
                   ("Notice date", lk.d(n.notice_date)),
                   (common.id_label(lk, rng), lk.mask), ("Amount enclosed", "$")]
    if n.caller_id and rng.random() < 0.5:
        right_pairs.insert(4, ("Caller ID", n.caller_id))
    stub_rows = []
    for i in range(max(len(left_lines), len(right_pairs))):
        lt = left_lines[i] if i < len(left_lines) else ""
        a, b = right_pairs[i] if i < len(right_pairs) else ("", "")
        vcls = "v box" if a == "Amount enclosed" else "v"
        stub_rows.append(f"<tr><td class='lt'>{esc(lt)}</td><td class='rl'>{esc(a)}</td>"
                         f"<td class='{vcls}'>{esc(b)}</td></tr>")
    lockbox = "<br>".join(esc(x) for x in ["Internal Revenue Service", *n.lockbox])
    names = "<br>".join(esc(x) for x in common.name_lines(lk) + n.party.address)
    stub = (common.cut_line("Return this part with your payment") +
            f"<div class='stub nobreak'><div class='stubtop'><b>{esc(lk.code)}</b> "
            f"&nbsp; Payment stub</div><table class='stubt'>{''.join(stub_rows)}</table>"
            f"<div class='stubaddrs'><div>{names}</div><div>{lockbox}</div></div></div>")

    contact = "".join(f"<p>{esc(a)}: {esc(b)}</p>" for a, b in wording.contact_lines(lk))
    title2 = rng.choice(["Billing Summary details", "What you need to know"])
    more = (f"<div class='pb'></div><h2>{esc(title2)}</h2>"
            + ("" if intro_first else intro)
            + common.paras(wording.consequences(lk)[1:])
            + "<h3>If you agree with the amount due</h3>"
            + common.bullets(wording.payment_options(lk))
            + "<h3>If you don't agree</h3>"
            + common.paras([f"Call us at {lk.ph(n.phones[0][1])} to review your account. "
                            "You can also write to us at the address on the stub; include "
                            "copies of any documents that support your position."])
            + (("<h3>Penalties</h3>" + common.paras(wording.penalties_text(lk)))
               if n.penalties else "")
            + "<h3>Interest</h3>" + common.paras(wording.interest_text(lk))
            + "<h3>Contact information</h3>" + contact)
    runhead = (f'<div class="runhead">{esc(lk.code)} &nbsp; {esc(ty_label)} {esc(ty_value)} '
               f'&nbsp; {esc(lk.d(n.notice_date))} &nbsp; {esc(lk.mask)}'
               '<span class="pn"></span></div>')
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.5in 0.55in 0.6in 0.55in;
  @top-left {{ content: element(runhead); }} }}
@page :first {{ @top-left {{ content: none; }} }}
body {{ font-family: {font}, serif; font-size: {size}pt; line-height: {lh}; }}
.runhead {{ position: running(runhead); font-size: 8pt; width: 7.4in; }}
.runhead .pn::after {{ content: "Page " counter(page) " of " counter(pages); float: right; }}
.refblk {{ float: right; width: 3.3in; font-size: 9pt; }}
.refblk td {{ padding: 0 6px 0 0; vertical-align: top; }}
.refblk td:first-child {{ width: 1.55in; }}
.sender {{ font-size: 9pt; }} .logo {{ display: none; }}
.addressee {{ margin-top: 0.75in; clear: both; font-size: 10pt; }}
h1 {{ font-size: {size + 6}pt; margin-top: 0.2in; }}
h2 {{ font-size: {size + 3}pt; margin-bottom: 0.06in; }}
h3 {{ font-size: {size + 0.5}pt; margin: 0.08in 0 0.03in; }}
.grid {{ display: grid; grid-template-columns: 3.7in 1fr; column-gap: 0.3in; margin-top: 0.1in;
  font-size: {size}pt; line-height: {lh}; }}
.bill {{ width: 100%; }} .bill td {{ padding: 0; }}
.bill tr.due td {{ font-weight: bold; border-top: 1px solid #000; }}
.bill tr.ghead td {{ font-weight: bold; }} .bill tr.gsub td:first-child {{ padding-left: 1em; }}
.cut {{ font-size: 8pt; text-align: center; margin: 0.2in 0 0.05in; }}
.stubtop {{ margin-bottom: 4px; }}
.stubt {{ width: 100%; font-size: {size}pt; line-height: {lh}; }}
.stubt td {{ padding: 0; vertical-align: baseline; }}
.stubt td.lt {{ width: 3.6in; }} .stubt td.v {{ text-align: right; font-weight: bold; }}
.box {{ border-bottom: 1px solid #000; }}
.stubaddrs {{ display: flex; justify-content: space-between; margin-top: 0.12in; }}
"""
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
{runhead}
<div class="refblk"><table>{ref}</table></div>
{common.sender(lk, logo=False)}
{common.addressee(lk)}
<h1>{esc(heads[0])}</h1>{"".join(f"<h3>{esc(h)}</h3>" for h in heads[1:])}
{grid}
{stub}
{more}
</body></html>"""
