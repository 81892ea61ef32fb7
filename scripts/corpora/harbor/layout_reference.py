"""`reference`: the 2020-redesign look. A reference box positioned at the top right, a headline
with the amount, then two flex columns on the same baselines: instructions on the left, the
billing summary with dotted leaders on the right. The stub repeats the amount in a two-column
block whose left side splits "payable to / the United States Treasury" over lines."""

from __future__ import annotations

import random

from . import common, wording
from .common import PAGES, esc
from .look import Look, make_look
from .spec import Notice

NAME = "reference"


def _refbox(lk: Look, rng: random.Random) -> str:
    n = lk.n
    new_style = rng.random() < 0.55
    rows: list[tuple[str, str]] = []
    ty_label, ty_value = common.tax_year_pair(lk)
    if new_style:
        rows.append(("Notice name" if rng.random() < 0.6 else "Notice", lk.code))
        rows.append(("Notice date", lk.d(n.notice_date)))
        rows.append((ty_label, ty_value))
        if rng.random() < 0.5:
            rows.append(("Tax form", n.tax_form))
        if n.caller_id:
            rows.append(("Your caller ID", n.caller_id))
        rows.append((common.id_label(lk, rng), lk.mask))
    else:
        rows.append(("Notice", lk.code))
        rows.append((ty_label, ty_value))
        rows.append(("Notice date", lk.d(n.notice_date)))
        rows.append((common.id_label(lk, rng), lk.mask))
        rows.append(("To contact us", lk.ph(n.phones[0][1])))
        if n.caller_id:
            rows.append(("Your caller ID", n.caller_id))
    rows.append(("Page", f"1 of {PAGES}"))
    head = '<div class="refhead">For your reference</div>' if new_style else ""
    body = "".join(f"<tr><td>{esc(a)}</td><td class='v'>{esc(b)}</td></tr>" for a, b in rows)
    return f'<div class="refbox">{head}<table>{body}</table></div>'


def _summary(lk: Look, leaders: bool) -> str:
    n = lk.n
    out = ['<div class="bs"><h3>Billing summary</h3>']
    for kind, label, amount, _irc in lk.table_rows():
        cls = {"heading": "lr head", "sub": "lr sub", "subtotal": "lr subtotal"}.get(kind, "lr")
        if kind == "heading":
            out.append(f'<div class="{cls}">{esc(label)}</div>')
        elif leaders:
            out.append(f'<div class="{cls} lead" data-v=" {esc(amount)}">{esc(label)}</div>')
        else:
            out.append(f'<div class="{cls} flexrow"><span>{esc(label)}</span>'
                       f'<span>{esc(amount)}</span></div>')
    total = lk.total_label()
    amt = esc(lk.m(n.amount_due))
    if leaders:
        out.append(f'<div class="lr lead total" data-v=" {amt}">{esc(total)}</div>')
    else:
        out.append(f'<div class="lr flexrow total"><span>{esc(total)}</span>'
                   f'<span>{amt}</span></div>')
    out.append("</div>")
    return "".join(out)


def _stub(lk: Look, rng: random.Random) -> str:
    n = lk.n
    left = ["<b>Payment</b>"]
    if rng.random() < 0.6:
        left.append(esc("Make your check or money order payable to") + "<br>"
                    + esc("the United States Treasury."))
    else:
        left.append(esc("Make your check or money order payable to the United States Treasury."))
    left.append(esc(f"Write your {'EIN' if n.business else 'Social Security number'} ("
                    f"{lk.mask}), {n.tax_year}, and Form {n.tax_form} on your payment."))
    left.append(esc("Don't send cash. Mail this stub with your payment."))
    right_rows = [("Notice", lk.code), ("Notice date", lk.d(n.notice_date)),
                  (common.id_label(lk, rng), lk.mask)]
    amount_label = lk.total_label(with_date=False) if n.pay_by else lk.total_label()
    rr = "".join(f"<tr><td>{esc(a)}</td><td class='v'>{esc(b)}</td></tr>" for a, b in right_rows)
    due = (f"<tr class='amt'><td>{esc(amount_label)}"
           + (f"<br>by {esc(lk.due())}" if n.pay_by else "")
           + f"</td><td class='v'>{esc(lk.m(n.amount_due))}</td></tr>")
    lockbox = "<br>".join(esc(x) for x in ["Internal Revenue Service", *n.lockbox])
    return (common.cut_line() + '<div class="stub">'
            f'<div class="sl">{"<p>".join(left)}<div class="stubaddr">'
            + common.addressee(lk, cls="stubname") + '</div></div>'
            f'<div class="sr"><table>{rr}{due}<tr><td>Amount enclosed</td>'
            f'<td class="v box">$</td></tr></table><div class="lockbox">{lockbox}</div></div>'
            "</div>")


def build(n: Notice, rng: random.Random) -> str:
    lk = make_look(n, rng, date_styles=["long", "long", "numeric", "abbr", "abbr_nodot"])
    font = rng.choice(common.FONTS_SANS)
    size = rng.choice([9.5, 10, 10, 10.5])
    lh = rng.choice([1.25, 1.3, 1.35])
    accent = rng.choice(["#000", "#123a6b", "#1d1d1d", "#24406e"])
    leaders = rng.random() < 0.7
    stub_pos = rng.choice(["p1", "after", "own", "own"])
    ref = _refbox(lk, rng)
    heads = wording.headline(lk)
    runhead = (f'<div class="runhead">{esc(lk.code)} &nbsp; {esc(lk.d(n.notice_date))} &nbsp; '
               f'{esc(common.tax_year_pair(lk)[0])} {esc(common.tax_year_pair(lk)[1])} &nbsp; '
               f'{esc(lk.mask)} &nbsp; <span class="pn"></span></div>')
    todo_head = rng.choice(["What you need to do immediately", "What you need to do",
                            "Your next steps"])
    left = (f"<h3>{esc(todo_head)}</h3>" + common.paras(wording.intro(lk))
            + common.bullets(wording.todo(lk))
            + common.paras(wording.consequences(lk)[:1]))
    right = _summary(lk, leaders)
    if rng.random() < 0.3:
        left, right = right, left
        colclass = "cols swap"
    else:
        colclass = "cols"
    contact = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td></tr>"
                      for a, b in wording.contact_lines(lk))
    title2 = rng.choice(["What you need to know", "Additional information"])
    page2 = (f'<h2 class="pb">{esc(title2)}</h2>'
             + common.paras(wording.consequences(lk)[1:])
             + "<h3>Payment options</h3>" + common.bullets(wording.payment_options(lk))
             + (("<h3>Penalties</h3>" + common.paras(wording.penalties_text(lk)))
                if n.penalties else "")
             + "<h3>Interest charges</h3>" + common.paras(wording.interest_text(lk))
             + f"<h3>Contact information</h3><table class='contact'>{contact}</table>")
    stub = _stub(lk, rng)
    stub_block = (f'<div class="pb stubwrap">{stub}</div>' if stub_pos == "own"
                  else f'<div class="nobreak stubwrap">{stub}</div>')
    if stub_pos == "p1":
        first, last = stub_block, page2
    else:
        first, last = "", page2 + stub_block
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.55in 0.6in 0.6in 0.6in;
  @top-right {{ content: element(runhead); vertical-align: bottom; }} }}
@page :first {{ @top-right {{ content: none; }} }}
body {{ font-family: {font}, sans-serif; font-size: {size}pt; line-height: {lh}; }}
.runhead {{ position: running(runhead); font-size: 8pt; text-align: right; }}
.pn::after {{ content: "Page " counter(page) " of " counter(pages); }}
.page1 {{ position: relative; min-height: 2.4in; }}
.refbox {{ position: absolute; top: 0; right: 0; width: 3.25in; font-size: 8.8pt;
  border: 1px solid #444; padding: 5px 8px; }}
.refbox td {{ padding: 0.5px 3px; vertical-align: top; }} .refbox td.v {{ font-weight: bold; }}
.refhead {{ font-weight: bold; border-bottom: 1px solid #444; margin-bottom: 3px; }}
.sender {{ display: flex; gap: 8px; align-items: flex-start; font-size: 9pt; }}
.logo {{ font: bold 16pt 'DejaVu Serif'; border: 2px solid {accent}; color: {accent};
  padding: 0 5px; }}
.addressee {{ position: absolute; top: 1.3in; left: 0.4in; font-size: 10pt; line-height: 1.25; }}
h1 {{ font-size: {size + 7}pt; color: {accent}; margin-top: 0.15in; }}
h2 {{ font-size: {size + 3}pt; color: {accent}; margin: 0.08in 0; }}
h3 {{ font-size: {size + 1}pt; margin: 0.1in 0 0.05in; color: {accent}; }}
.cols {{ display: flex; gap: 0.3in; margin-top: 0.12in; }}
.cols > div {{ flex: 1; }}
.bs {{ border-top: 2px solid {accent}; }}
.lr {{ padding: 1px 0; }}
.lead::after {{ content: leader('.') attr(data-v); }}
.flexrow {{ display: flex; justify-content: space-between; }}
.sub {{ padding-left: 1.2em; }}
.head {{ font-weight: bold; }}
.total {{ font-weight: bold; border-top: 1px solid #000; margin-top: 3px; padding-top: 3px; }}
.contact td {{ padding: 1px 10px 1px 0; }}
.cut {{ font-size: 8pt; text-align: center; margin: 0.25in 0 0.1in; }}
.stub {{ display: flex; gap: 0.3in; font-size: {size}pt; }}
.stub .sl {{ flex: 1; }} .stub .sr {{ flex: 1.05; }}
.stub td {{ padding: 1px 4px; }} .stub td.v {{ text-align: right; font-weight: bold; }}
.stub tr.amt td {{ font-size: {size + 1.5}pt; font-weight: bold; border-top: 1px solid #000; }}
.box {{ border: 1px solid #000; min-width: 1.3in; }}
.lockbox {{ margin-top: 0.15in; margin-left: 0.2in; }}
.stubaddr {{ margin-top: 0.1in; }}
"""
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
{runhead}
<div class="page1">{common.sender(lk)}{ref}{common.addressee(lk)}</div>
<h1>{esc(heads[0])}</h1>{"".join(f"<h2>{esc(h)}</h2>" for h in heads[1:])}
<div class="{colclass}"><div>{left}</div><div>{right}</div></div>
{first}
{last}
</body></html>"""
