"""`ruled`: table-heavy notice. A bordered header table with the labels in one row and the values
in the row below, a ruled billing grid (sometimes with an IRC-section column, penalties as
sub-rows under a heading with a total), and a stub whose fields are again labels over values."""

from __future__ import annotations

import random

from . import common, wording
from .common import PAGES, esc
from .look import make_look
from .spec import Notice

NAME = "ruled"


def build(n: Notice, rng: random.Random) -> str:
    if len(n.penalties) >= 2 and rng.random() < 0.6:
        n.penalty_style = "grouped"
    lk = make_look(n, rng, date_styles=["long", "numeric", "abbr", "numeric_short", "ap"])
    font = rng.choice([*common.FONTS_SERIF, "'Liberation Sans'"])
    size = rng.choice([9.5, 10, 10.5])
    irc_col = rng.random() < 0.45
    grid_color = rng.choice(["#000", "#333", "#555"])
    ty_label, ty_value = common.tax_year_pair(lk)

    head_cells = [("Notice", lk.code), ("Notice date", lk.d(n.notice_date)),
                  (ty_label, ty_value), ("Form", n.tax_form),
                  (common.id_label(lk, rng), lk.mask)]
    if n.caller_id:
        head_cells.append(("Caller ID", n.caller_id))
    head_cells.append(("Page", f"1 of {PAGES}"))
    if rng.random() < 0.3:
        rng.shuffle(head_cells)
    header = ("<table class='hdr'><tr>" + "".join(f"<th>{esc(a)}</th>" for a, _ in head_cells)
              + "</tr><tr>" + "".join(f"<td>{esc(b)}</td>" for _, b in head_cells)
              + "</tr></table>")

    cols = ["Description", "IRC section", "Amount"] if irc_col else ["Description", "Amount"]
    body = []
    for kind, label, amount, irc in lk.table_rows():
        cls = {"heading": "ghead", "sub": "gsub", "subtotal": "gtot"}.get(kind, "")
        cells = [f"<td>{esc(label)}</td>"]
        if irc_col:
            cells.append(f"<td class='c'>{esc(irc)}</td>")
        cells.append(f"<td class='r'>{esc(amount)}</td>")
        body.append(f"<tr class='{cls}'>{''.join(cells)}</tr>")
    span = len(cols) - 1
    body.append(f"<tr class='due'><td colspan='{span}'>{esc(lk.total_label())}</td>"
                f"<td class='r'>{esc(lk.m(n.amount_due))}</td></tr>")
    grid = ("<table class='bill'><tr>" + "".join(f"<th>{c}</th>" for c in cols) + "</tr>"
            + "".join(body) + "</table>")

    heads = wording.headline(lk)
    contact = ("<table class='bill contact'>" + "".join(
        f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>" for a, b in wording.contact_lines(lk))
        + "</table>")
    stub_cells = [("Notice", lk.code), ("Notice date", lk.d(n.notice_date)),
                  (common.id_label(lk, rng), lk.mask)]
    stub_cells.append((lk.total_label(), lk.m(n.amount_due)))
    stub = (common.cut_line() + "<div class='nobreak'>"
            + "<table class='hdr stubt'><tr>" + "".join(f"<th>{esc(a)}</th>" for a, _ in stub_cells)
            + "<th>Amount enclosed</th></tr><tr>"
            + "".join(f"<td>{esc(b)}</td>" for _, b in stub_cells) + "<td>$</td></tr></table>"
            + f"<p class='payee'>{esc(wording.stub_payee(lk))}</p>"
            + "<div class='addrs'><div>" + "<br>".join(
                esc(x) for x in common.name_lines(lk) + n.party.address)
            + "</div><div>" + "<br>".join(esc(x) for x in ["Internal Revenue Service",
                                                           *n.lockbox])
            + "</div></div></div>")
    page1_tail = rng.random() < 0.5
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.6in 0.6in 0.65in 0.6in;
  @bottom-center {{ content: element(foot); }} }}
body {{ font-family: {font}, serif; font-size: {size}pt; line-height: 1.3; }}
.foot {{ position: running(foot); font-size: 8pt; }}
.foot .pn::after {{ content: " \u2014 Page " counter(page) " of " counter(pages); }}
.top {{ display: flex; justify-content: space-between; align-items: flex-start; }}
.sender {{ font-size: 9pt; }} .logo {{ font: bold 13pt 'DejaVu Serif'; }}
.code {{ font: bold 20pt {font}; border: 2px solid {grid_color}; padding: 2px 10px; }}
.hdr {{ width: 100%; margin: 0.15in 0; font-size: {size - 1}pt; }}
.hdr th, .hdr td {{ border: 1px solid {grid_color}; padding: 2px 4px; text-align: left; }}
.hdr th {{ background: #e6e6e6; font-weight: bold; }}
.addressee {{ margin: 0.1in 0 0.2in 0.3in; font-size: 10pt; }}
h1 {{ font-size: {size + 6}pt; }} h2 {{ font-size: {size + 2}pt; margin: 0.06in 0; }}
h3 {{ font-size: {size + 1}pt; margin: 0.12in 0 0.04in; }}
.bill {{ width: 100%; margin: 0.08in 0; }}
.bill th, .bill td {{ border: 1px solid {grid_color}; padding: 3px 6px; }}
.bill th {{ background: #e6e6e6; text-align: left; }}
.bill td.c {{ text-align: center; }}
.bill tr.ghead td {{ font-weight: bold; background: #f2f2f2; }}
.bill tr.gsub td:first-child {{ padding-left: 1.6em; }}
.bill tr.gtot td {{ font-style: italic; }}
.bill tr.due td {{ font-weight: bold; background: #e6e6e6; }}
.contact td {{ padding: 2px 6px; }}
.cut {{ font-size: 8pt; text-align: center; margin: 0.25in 0 0.1in; }}
.payee {{ margin-top: 0.08in; }}
.addrs {{ display: flex; justify-content: space-between; margin-top: 0.1in; }}
"""
    foot = (f"<div class='foot'>{esc(lk.code)} &nbsp; {esc(lk.mask)} &nbsp; "
            f"{esc(lk.d(n.notice_date))}<span class='pn'></span></div>")
    page2 = ("<h3>" + esc(rng.choice(["How to pay", "Payment options", "Ways to pay"])) + "</h3>"
             + common.bullets(wording.payment_options(lk))
             + common.paras(wording.consequences(lk)[1:])
             + (("<h3>About your penalties</h3>" + common.paras(wording.penalties_text(lk)))
                if n.penalties else "")
             + "<h3>About interest</h3>" + common.paras(wording.interest_text(lk))
             + "<h3>Contact us</h3>" + contact)
    first = (f"<h3>{esc(rng.choice(['What you need to do', 'What you must do now']))}</h3>"
             + common.bullets(wording.todo(lk)) + common.paras(wording.consequences(lk)[:1]))
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
{foot}
<div class="top">{common.sender(lk)}<div class="code">{esc(lk.code)}</div></div>
{header}
{common.addressee(lk)}
<h1>{esc(heads[0])}</h1>{"".join(f"<h2>{esc(h)}</h2>" for h in heads[1:])}
{common.paras(wording.intro(lk))}
<h3>{esc(rng.choice(["Billing summary", "Summary of your account", "Balance due details"]))}</h3>
{grid}
{first}
{"" if page1_tail else "<div class='pb'></div>"}
{page2}
<div class='pb'></div>
{stub}
</body></html>"""
