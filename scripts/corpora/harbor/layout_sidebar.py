"""`sidebar`: a CSS-grid page with a shaded sidebar that stacks each label over its value. Page 1
gives the amount and the pay-by date only inside sentences; the billing summary is on page 2.
The stub stacks its labels over values too."""

from __future__ import annotations

import random

from . import common, wording
from .common import PAGES, esc
from .look import make_look
from .spec import Notice

NAME = "sidebar"


def _stack(pairs: list[tuple[str, str]]) -> str:
    return "".join(f"<div class='sl'>{esc(a)}</div><div class='sv'>{esc(b)}</div>"
                   for a, b in pairs)


def build(n: Notice, rng: random.Random) -> str:
    lk = make_look(n, rng, date_styles=["long", "abbr", "ap", "numeric"])
    font = rng.choice([*common.FONTS_SANS, "'DejaVu Serif'"])
    size = rng.choice([9.5, 10, 10.5])
    shade = rng.choice(["#ececec", "#e3e9f2", "#f0f0f0", "#ffffff"])
    ty_label, ty_value = common.tax_year_pair(lk)
    side = [("Notice", lk.code), ("Notice date", lk.d(n.notice_date)), (ty_label, ty_value),
            (rng.choice(["Form", "Tax form"]), n.tax_form),
            (common.id_label(lk, rng), lk.mask)]
    if n.caller_id:
        side.append(("Your caller ID", n.caller_id))
    side.append((rng.choice(["Questions? Call", "Contact us", "Phone"]), lk.ph(n.phones[0][1])))
    side.append(("Page", f"1 of {PAGES}"))
    heads = wording.headline(lk)
    title = [h for h in heads if "$" not in h]
    sentences = wording.amount_sentences(lk)
    main1 = (common.addressee(lk)
             + "".join(f"<h{1 if i == 0 else 2}>{esc(h)}</h{1 if i == 0 else 2}>"
                       for i, h in enumerate(title))
             + common.paras(wording.intro(lk)[:1])
             + f"<p class='lead'>{esc(' '.join(sentences))}</p>"
             + common.paras(wording.intro(lk)[1:])
             + f"<h3>{esc(rng.choice(['What you need to do', 'Next steps']))}</h3>"
             + common.bullets(wording.todo(lk)[1:])
             + common.paras(wording.consequences(lk))
             + "<p>" + esc(rng.choice(["Your billing summary is on page 2.",
                                        "See page 2 for a summary of your account.",
                                        "The details of your balance are on the next page."]))
             + "</p>")
    leaders = rng.random() < 0.5
    rows = []
    for kind, label, amount, _irc in lk.table_rows():
        cls = {"heading": "gh", "sub": "gs", "subtotal": "gt"}.get(kind, "")
        if leaders and kind != "heading":
            rows.append(f"<div class='ld {cls}' data-v=' {esc(amount)}'>{esc(label)}</div>")
        elif leaders:
            rows.append(f"<div class='ld {cls}'>{esc(label)}</div>")
        else:
            rows.append(f"<tr class='{cls}'><td>{esc(label)}</td>"
                        f"<td class='r'>{esc(amount)}</td></tr>")
    total_label, total_amt = lk.total_label(), lk.m(n.amount_due)
    if leaders:
        summary = ("".join(rows) + f"<div class='ld tot' data-v=' {esc(total_amt)}'>"
                   f"{esc(total_label)}</div>")
    else:
        summary = (f"<table class='bill'>{''.join(rows)}<tr class='tot'><td>{esc(total_label)}"
                   f"</td><td class='r'>{esc(total_amt)}</td></tr></table>")
    contact = "".join(f"<p>{esc(a)}<br><b>{esc(b)}</b></p>" for a, b in wording.contact_lines(lk))
    stub_pairs = [("Notice", lk.code), ("Notice date", lk.d(n.notice_date)),
                  (common.id_label(lk, rng), lk.mask),
                  (lk.total_label(with_date=False) if n.pay_by else lk.total_label(),
                   lk.m(n.amount_due))]
    if n.pay_by:
        stub_pairs.append(("Pay by" if n.notice_type != "CP2000" else "Respond by", lk.due()))
    stub_pairs.append(("Amount enclosed", "$ ______________"))
    stub = (common.cut_line() + "<div class='stubgrid nobreak'><div>"
            + f"<p>{esc(wording.stub_payee(lk))}</p><p>"
            + "<br>".join(esc(x) for x in common.name_lines(lk) + n.party.address)
            + "</p><p>" + "<br>".join(esc(x) for x in ["Internal Revenue Service", *n.lockbox])
            + "</p></div><div class='side'>" + _stack(stub_pairs) + "</div></div>")
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.5in 0.55in 0.6in 0.55in;
  @top-right {{ content: element(runhead); }} }}
@page :first {{ @top-right {{ content: none; }} }}
body {{ font-family: {font}, sans-serif; font-size: {size}pt; line-height: 1.32; }}
.runhead {{ position: running(runhead); font-size: 8pt; text-align: right; }}
.pn::after {{ content: " | Page " counter(page) " of " counter(pages); }}
.layout {{ display: grid; grid-template-columns: 1.95in 1fr; column-gap: 0.28in; }}
.side {{ background: {shade}; padding: 8px 10px; border-left: 3px solid #333; }}
.sl {{ font-size: {size - 1.5}pt; color: #333; margin-top: 6px; }}
.sv {{ font-weight: bold; font-size: {size + 0.5}pt; }}
.sender {{ font-size: 9pt; margin-bottom: 10px; }} .logo {{ font: bold 14pt 'DejaVu Serif'; }}
.addressee {{ margin: 0.1in 0 0.25in; }}
h1 {{ font-size: {size + 5}pt; margin-bottom: 4px; }} h2 {{ font-size: {size + 2}pt; }}
h3 {{ font-size: {size + 1}pt; margin: 0.1in 0 0.04in; }}
.lead {{ font-weight: bold; }}
.ld {{ padding: 1px 0; }} .ld[data-v]::after {{ content: leader('. ') attr(data-v); }}
.gh {{ font-weight: bold; }} .gs {{ padding-left: 1.2em; }}
.tot {{ font-weight: bold; border-top: 1px solid #000; margin-top: 3px; }}
.bill {{ width: 100%; }} .bill td {{ padding: 2px 0; border-bottom: 0.5px solid #999; }}
.bill tr.gs td:first-child {{ padding-left: 1.2em; }}
.cut {{ font-size: 8pt; text-align: center; margin: 0.25in 0 0.1in; }}
.stubgrid {{ display: grid; grid-template-columns: 1fr 2.4in; column-gap: 0.3in; }}
.contacts {{ columns: 2; }}
.sumwrap {{ width: {rng.choice(["4.6in", "5.2in", "5.8in"])}; margin: 0.05in 0 0.1in; }}
"""
    runhead = (f"<div class='runhead'>{esc(lk.code)} &nbsp; {esc(lk.d(n.notice_date))} &nbsp; "
               f"{esc(lk.mask)}<span class='pn'></span></div>")
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
{runhead}
<div class="layout"><div class="side">{common.sender(lk)}{_stack(side)}</div>
<div>{main1}</div></div>
<div class="pb"></div>
<h2>{esc(rng.choice(["Billing summary", "Billing Summary", "Your account summary"]))}</h2>
<div class="sumwrap">{summary}</div>
<h3>{esc(rng.choice(["Ways to pay", "Payment options"]))}</h3>
{common.bullets(wording.payment_options(lk))}
{("<h3>Penalties</h3>" + common.paras(wording.penalties_text(lk))) if n.penalties else ""}
<h3>Interest</h3>{common.paras(wording.interest_text(lk))}
<h3>Contact information</h3><div class="contacts">{contact}</div>
<div class="{rng.choice(['pb', 'nobreak'])}">{stub}</div>
</body></html>"""
