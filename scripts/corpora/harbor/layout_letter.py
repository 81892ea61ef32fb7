"""`letter`: the formal IRS letter format (LTR style): a right-hand block of `Label: value` lines
(letter or notice number, date, taxpayer ID, person to contact, employee ID, contact hours), a
salutation, body paragraphs, a dotted-leader statement where the tax row is "Amount you owed"
and the total is "Amount you owe", a signature, enclosures, and a payment voucher. In some
letters the statement is on page 2 and page 1 states the amount only in a sentence."""

from __future__ import annotations

import random

from . import common, wording
from .common import PAGES, esc
from .look import make_look
from .spec import Notice

NAME = "letter"
SIGNERS = ["Rosalind K. Ferreira", "Thomas E. Whitcombe", "Angela Moreau-Banks",
           "Desmond Achterberg", "Patricia L. Oduya", "Gerald Fenwick"]
TITLES = ["Operations Manager, Collection Operations", "Field Director, Compliance Services",
          "Department Manager, Accounts Management", "Program Manager, Balance Due"]
LEADINS = ["Here is a summary of your account:", "Our records show:", "Account statement:"]
CONTACTS = ["Ms. Alvarado", "Mr. Kenworth", "Ms. Ibsen", "Mr. Tran", "Ms. Pruitt"]


def build(n: Notice, rng: random.Random) -> str:
    lk = make_look(n, rng, date_styles=["long", "long", "abbr", "ap"])
    if rng.random() < 0.65 and n.notice_type != "CP2000":
        lk.picks["tax"] = "Amount you owed"
        lk.picks["totalFalse"] = "Amount you owe"
        lk.picks["totalTrue"] = "Amount you owe"
    font = rng.choice([*common.FONTS_SERIF, "'Liberation Sans'"])
    size = rng.choice([10, 10.5, 11])
    is_letter = lk.code.startswith("LT")
    ty_label, ty_value = common.tax_year_pair(lk)
    block = [("Letter number" if is_letter else "Notice number", lk.code),
             ("Letter date" if is_letter else "Notice date", lk.d(n.notice_date)),
             (rng.choice(["Taxpayer ID number", "Taxpayer identification number"]), lk.mask),
             ("Form", n.tax_form), (ty_label, ty_value)]
    if n.caller_id:
        block.append(("Your caller ID", n.caller_id))
    if rng.random() < 0.6:
        block.append(("Person to contact", rng.choice(CONTACTS)))
        block.append(("Employee ID number", f"{rng.randint(1000000000, 1000999999)}"))
    block.append(("Contact telephone number", lk.ph(n.phones[0][1])))
    block.append(("Contact hours", rng.choice(["8 a.m. to 8 p.m. local time",
                                               "Monday - Friday, 7 a.m. - 7 p.m."])))
    block.append(("Page", f"1 of {PAGES}"))
    colon = rng.random() < 0.7
    blk = "".join(f"<div><span class='bl'>{esc(a)}{':' if colon else ''}</span> "
                  f"<span class='bv'>{esc(b)}</span></div>" for a, b in block)
    heads = wording.headline(lk)
    statement_p2 = rng.random() < 0.45
    rows = []
    for kind, label, amount, _irc in lk.table_rows():
        if kind == "heading":
            rows.append(f"<div class='st gh'>{esc(label)}</div>")
        else:
            cls = "st gs" if kind == "sub" else "st"
            rows.append(f"<div class='{cls}' data-v=' {esc(amount)}'>{esc(label)}</div>")
    rows.append(f"<div class='st tot' data-v=' {esc(lk.m(n.amount_due))}'>"
                f"{esc(lk.total_label())}</div>")
    statement = f"<div class='stmt'>{''.join(rows)}</div>"
    salutation = rng.choice(["Dear Taxpayer:", "Dear Taxpayer:",
                             f"Dear {common.name_lines(lk)[0]}:"])
    sentences = wording.amount_sentences(lk)
    body = (common.paras(wording.intro(lk))
            + (f"<p>{esc(' '.join(sentences))} "
               + esc(rng.choice(["The enclosed statement shows how we figured this amount.",
                                 "See page 2 for the details of your account."]))
               + "</p>" if statement_p2 else
               f"<p>{esc(rng.choice(LEADINS))}</p>"
               + statement)
            + f"<h3>{esc(rng.choice(['What you need to do', 'What you must do']))}</h3>"
            + common.paras(wording.todo(lk))
            + common.paras(wording.consequences(lk)))
    closing = (f"<p>{esc('If you have questions, call us at ' + lk.ph(n.phones[0][1]) + '.')}</p>"
               "<p>Thank you for your cooperation.</p><p class='sig'>Sincerely,</p><p>"
               f"{esc(rng.choice(SIGNERS))}<br>{esc(rng.choice(TITLES))}</p>"
               f"<p class='enc'>Enclosures:<br>Publication 594<br>"
               f"{'Form 12153<br>' if n.notice_type == 'LT11' else ''}Envelope</p>")
    phones = "".join(f"<li>{esc(a)}: {esc(b)}</li>" for a, b in wording.contact_lines(lk))
    page2 = ("<div class='pb'></div>"
             + (f"<h2>{esc(rng.choice(['Statement of account', 'Account statement']))}</h2>"
                + statement if statement_p2 else "")
             + "<h3>Ways to pay</h3>" + common.bullets(wording.payment_options(lk))
             + (("<h3>Penalties</h3>" + common.paras(wording.penalties_text(lk)))
                if n.penalties else "")
             + "<h3>Interest</h3>" + common.paras(wording.interest_text(lk))
             + f"<h3>Other numbers you can call</h3><ul>{phones}</ul>")
    voucher_pairs = [(("Letter" if is_letter else "Notice"), lk.code),
                     ("Date", lk.d(n.notice_date)), ("Taxpayer ID", lk.mask)]
    pairs_line = " &nbsp;&nbsp; ".join(f"{esc(a)}: {esc(b)}" for a, b in voucher_pairs)
    voucher = (common.cut_line("Payment voucher")
               + f"<div class='voucher nobreak'><div>{pairs_line}</div>"
               + f"<div class='vamt'>{esc(lk.total_label())}: {esc(lk.m(n.amount_due))}</div>"
               + f"<div>{esc(wording.stub_payee(lk))}</div>"
               + "<div class='vaddr'><div>" + "<br>".join(
                   esc(x) for x in common.name_lines(lk) + n.party.address)
               + "</div><div>" + "<br>".join(esc(x) for x in ["Internal Revenue Service",
                                                              *n.lockbox])
               + "</div></div></div>")
    css = common.BASE_CSS + f"""
@page {{ size: letter; margin: 0.6in 0.75in 0.7in 0.75in;
  @bottom-right {{ content: element(foot); }} }}
@page :first {{ @bottom-right {{ content: none; }} }}
body {{ font-family: {font}, serif; font-size: {size}pt; line-height: 1.35; }}
.foot {{ position: running(foot); font-size: 8.5pt; }}
.foot .pn::after {{ content: "Page " counter(page) " of " counter(pages); }}
.top {{ display: flex; justify-content: space-between; }}
.sender {{ font-size: 9.5pt; }} .logo {{ font: bold 12pt 'DejaVu Serif'; margin-bottom: 3px; }}
.blk {{ width: 3.5in; font-size: 9pt; line-height: 1.3; }}
.bv {{ font-weight: bold; margin-left: 0.3em; }}
.addressee {{ margin: 0.2in 0 0.25in 0.1in; }}
h1 {{ font-size: {size + 3}pt; margin: 0.1in 0 0.02in; }}
h2 {{ font-size: {size + 1}pt; margin: 0 0 0.1in; }}
h3 {{ font-size: {size}pt; margin: 0.1in 0 0.03in; }}
.stmt {{ width: 4.9in; margin: 0.05in 0 0.12in 0.3in; }}
.st[data-v]::after {{ content: leader('.') attr(data-v); }}
.gh {{ font-style: italic; }} .gs {{ padding-left: 1.2em; }}
.tot {{ font-weight: bold; margin-top: 3px; }}
.sig {{ margin-top: 0.15in; }} .enc {{ font-size: {size - 1}pt; }}
.cut {{ font-size: 8pt; text-align: center; margin: 0.3in 0 0.1in; }}
.voucher {{ border: 1px solid #000; padding: 8px 10px; }}
.vamt {{ font-weight: bold; font-size: {size + 1}pt; margin: 4px 0; }}
.vaddr {{ display: flex; justify-content: space-between; margin-top: 8px; }}
"""
    subheads = "".join(f"<h2>{esc(h)}</h2>" for h in heads[1:]
                       if not statement_p2 or "$" not in h)
    foot = (f"<div class='foot'>{esc(lk.code)} &nbsp; {esc(lk.mask)} &nbsp; "
            f"<span class='pn'></span></div>")
    return f"""<html><head><meta charset="utf-8"><style>{css}</style></head><body>
{foot}
<div class="top">{common.sender(lk)}<div class="blk">{blk}</div></div>
{common.addressee(lk)}
<p>{esc(salutation)}</p>
<h1>{esc(heads[0])}</h1>{subheads}
{body}
{closing}
{page2}
{voucher}
</body></html>"""
