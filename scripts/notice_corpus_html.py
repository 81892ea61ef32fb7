"""HTML layouts for the synthetic notice corpus (see scripts/notice_corpus.py).

Four genuine-notice layouts (older reference box, newer "For your reference", a
letter-style key/value layout, and the held-out "bulletin" layout whose label
phrasings the extractor was NOT written against) plus scam letters. All names,
addresses and numbers are invented.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import escape

MONTHS_ABBR = {
    1: "Jan.",
    2: "Feb.",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "Aug.",
    9: "Sept.",
    10: "Oct.",
    11: "Nov.",
    12: "Dec.",
}


def fmt_date(d: date, style: str) -> str:
    if style == "long":
        return f"{d:%B} {d.day}, {d.year}"
    if style == "abbr":
        return f"{MONTHS_ABBR[d.month]} {d.day}, {d.year}"
    return f"{d:%m/%d/%Y}"


def fmt_amount(v: Decimal, neg: str = "minus", dollar: bool = True) -> str:
    body = f"{abs(v):,.2f}"
    if dollar:
        body = "$" + body
    if v < 0:
        return f"({body})" if neg == "paren" else f"-{body}"
    return body


BILLING_LABELS = {
    # DOMAIN.md phrasings, used by the classic / modern / letter layouts
    "tax": ["Tax you owed", "Amount you owed", "Tax you owed when you filed your return"],
    "payments_credits": ["Payments and credits", "Payments and credits"],
    "failure_to_file_penalty": ["Failure-to-file penalty", "Failure to file penalty"],
    "failure_to_pay_penalty": ["Failure-to-pay penalty", "Failure to pay penalty"],
    "estimated_tax_penalty": ["Failure-to-pay estimated tax penalty"],
    "penalties_total": ["Total penalties"],
    "interest": ["Interest charges", "Interest charges"],
}

HELDOUT_BILLING_LABELS = {
    "tax": "Tax assessed on your return",
    "payments_credits": "Minus payments and credits applied",
    "failure_to_file_penalty": "Penalty for filing late",
    "failure_to_pay_penalty": "Penalty for paying late",
    "estimated_tax_penalty": "Underpayment of estimated tax",
    "penalties_total": "All penalties",
    "interest": "Accrued interest",
}

BASE_CSS = """
@page { size: letter; margin: 0 }
body { margin: 0; font-family: '%(font)s'; font-size: %(size)spt; color: #111 }
.page { width: 8.5in; height: 11in; position: relative; box-sizing: border-box;
        page-break-after: always; overflow: hidden }
.page:last-child { page-break-after: auto }
.abs { position: absolute }
table { border-collapse: collapse }
td { padding: 1.5pt 4pt; vertical-align: top }
td.amt { text-align: right; white-space: nowrap }
h1 { font-size: 15pt; margin: 0 0 6pt 0 }
h2 { font-size: 12.5pt; margin: 8pt 0 4pt 0 }
p { margin: 0 0 6pt 0; line-height: 1.3 }
.stub { position: absolute; left: 0.6in; right: 0.6in; bottom: 0.5in; height: 3.1in;
        border-top: 1.2pt dashed #555; padding-top: 10pt }
.small { font-size: 8pt }
"""


def _rows(rows: list[tuple[str, str]], cls: str = "") -> str:
    return "".join(
        f"<tr><td>{escape(a)}</td><td class='{cls}'>{escape(b)}</td></tr>" for a, b in rows
    )


def _addr(lines: list[str]) -> str:
    return "<br>".join(escape(x) for x in lines)


def _body_paragraphs(s) -> str:
    form = s["form"]
    ty = s["tax_year"]
    return (
        f"<p>Our records show you have unpaid taxes on your {ty} Form {form}. "
        "If you already paid your balance in full within the past 14 days or made "
        "a payment plan, you do not need to reply.</p>"
        "<p>Payments made within two weeks of this date may not be included.</p>"
    )


def _stub(s, labels: dict, neg: str, dollar: bool) -> str:
    d = s["date_style"]
    pay_line = (
        f"<tr><td>{labels['stub_due']} {fmt_date(s['pay_by'], d)}</td>"
        f"<td class='amt'>{fmt_amount(s['stub_amount'], neg, dollar)}</td></tr>"
        if s.get("pay_by")
        else f"<tr><td>{labels['stub_due_now']}</td>"
        f"<td class='amt'>{fmt_amount(s['stub_amount'], neg, dollar)}</td></tr>"
    )
    payee = s.get("payee", "the United States Treasury")
    return f"""
<div class="stub">
  <p class="small">{labels["stub_cue"].format(payee=escape(payee))} Write your social security
  number ({escape(s["ssn_masked"])}), the tax year ({s["tax_year"]}) and the form number
  ({escape(s["form"])}) on your payment.</p>
  <table class="abs" style="left:0; top:0.75in; width:3.3in">
   {
        _rows(
            [
                (labels["stub_notice"], s["code"]),
                (labels["stub_date"], fmt_date(s["notice_date"], d)),
                (labels["stub_ssn"], s["ssn_masked"]),
            ]
        )
    }
  </table>
  <table class="abs" style="right:0; top:0.75in; width:3.4in">
   {pay_line}
   <tr><td>Amount enclosed</td><td class='amt'>______________</td></tr>
  </table>
  <div class="abs" style="left:0.2in; top:1.9in">{_addr(s["irs_reply"])}</div>
  <div class="abs" style="left:4in; top:1.9in">{_addr(s["names"] + s["address"])}</div>
</div>"""


def _billing_table(s, labels: dict, neg: str, dollar: bool, due_label: str) -> str:
    rows = []
    for key, value in s["billing"].items():
        rows.append(
            f"<tr><td style='width:4.6in'>{escape(labels['billing'][key])}</td>"
            f"<td class='amt'>{fmt_amount(value, neg, dollar)}</td></tr>"
        )
    rows.append(
        f"<tr><td><b>{escape(due_label)}</b></td>"
        f"<td class='amt'><b>{fmt_amount(s['amount_due'], neg, dollar)}</b></td></tr>"
    )
    return f"<table style='width:6.4in'>{''.join(rows)}</table>"


def _due_label(s, labels) -> str:
    if s.get("pay_by") and s["family"] in ("CP14", "CP501", "CP503", "CP11"):
        return f"{labels['due_by']} {fmt_date(s['pay_by'], s['date_style'])}"
    if s["family"] == "CP504":
        return "Amount due immediately"
    return labels["amount_due"]


def _extra_pages(s, header_html: str, n_pages: int, labels: dict) -> list[str]:
    pages = []
    phone = s["phone_printed"]
    for i in range(2, n_pages + 1):
        if i == 2:
            body = (
                "<h2>Billing Summary details</h2>"
                "<p>Penalties: we are required by law to charge penalties when you do not "
                "file or pay on time. You can find details at irs.gov/penalties.</p>"
                "<h2>Interest</h2>"
                "<p>We are required by law to charge interest when you do not pay your "
                "liability on time. Generally, we calculate interest from the due date of "
                "your return until you pay the amount you owe in full.</p>"
                f"<p>If you have questions, call {phone}.</p>"
            )
        else:
            body = (
                "<h2>Additional information</h2>"
                "<p>Visit irs.gov/cp14 for more about this notice. Keep this notice for "
                "your records. You can also contact the Taxpayer Advocate Service at "
                "1-877-777-4778.</p>"
            )
        stub = _stub(s, labels, s["neg"], s["dollar"]) if i == n_pages and s["stub"] else ""
        mark = f"Page {i} of {s['page_total']}"
        pages.append(
            f"<div class='page'>{header_html.replace('@@PAGE@@', mark)}"
            f"<div class='abs' style='left:0.6in; right:0.6in; top:2.2in'>{body}</div>{stub}</div>"
        )
    return pages


def _headline(s, labels) -> tuple[str, str]:
    fam = s["family"]
    ty = s["tax_year"]
    heads = {
        "CP14": f"You have a balance due for {ty}",
        "CP501": f"Reminder: you have a balance due for {ty}",
        "CP503": "Second reminder: we still show a balance due",
        "CP504": "Notice of intent to seize (levy) your property or rights to property",
        "CP11": f"Changes to your {ty} Form {s['form']}: amount due",
        "CP12": f"Changes to your {ty} Form {s['form']}: refund due",
        "CP2000": f"Proposed changes to your {ty} Form {s['form']}",
        "CP71": "Annual reminder: you have a balance due",
        "LT11": "Final notice of intent to levy and notice of your right to a hearing",
        "LTR1058": "Final notice of intent to levy and notice of your right to a hearing",
        "CP90": "Final notice of intent to levy and notice of your right to a hearing",
    }
    return heads[fam], labels["amount_due"]


def render_standard(s) -> str:
    """Classic, modern and letter layouts (label wording from DOMAIN.md)."""
    layout = s["layout"]
    labels = s["labels"]
    d = s["date_style"]
    neg, dollar = s["neg"], s["dollar"]
    ref = [(labels["code"], s["code"])]
    ref_rows = {
        "tax_year": (
            labels["tax_year"],
            str(s["tax_year"])
            if labels["tax_year"] != "Tax period"
            else fmt_date(date(s["tax_year"], 12, 31), d),
        ),
        "notice_date": (labels["notice_date"], fmt_date(s["notice_date"], d)),
        "ssn": (labels["ssn"], s["ssn_masked"]),
        "phone": (labels["phone"], s["phone_field"]),
        "caller": (labels["caller_id"], s["caller_id"]),
    }
    order = s["ref_order"]
    ref += [ref_rows[k] for k in order if k in ref_rows and (k != "caller" or s["caller_id"])]
    mark = f"Page 1 of {s['page_total']}"
    sender = _addr(["Department of the Treasury", "Internal Revenue Service"] + s["irs_sender"])
    if layout == "classic":
        refbox = (
            f"<table class='abs' style='right:0.6in; top:0.5in; width:3.4in'>"
            f"{_rows(ref)}<tr><td>@@PAGE@@</td><td></td></tr></table>"
        )
        top = f"<div class='abs' style='left:0.6in; top:0.5in'>{sender}</div>{refbox}"
    elif layout == "modern":
        refbox = (
            f"<div class='abs' style='right:0.6in; top:0.45in; width:3.3in'>"
            f"<b>For your reference</b><table style='width:3.3in'>{_rows(ref)}"
            f"<tr><td>@@PAGE@@</td><td></td></tr></table></div>"
        )
        top = f"<div class='abs' style='left:0.6in; top:0.5in'>{sender}</div>{refbox}"
    else:  # letter
        lines = "".join(f"<div>{escape(a)}: {escape(b)}</div>" for a, b in ref)
        top = (
            f"<div class='abs' style='left:0; right:0; top:0.4in; text-align:center'>"
            f"{_addr(['INTERNAL REVENUE SERVICE'] + [x.upper() for x in s['irs_sender']])}"
            f"</div><div class='abs' style='left:4.6in; top:1.2in; width:3.4in'>{lines}</div>"
            f"<div class='abs' style='left:0; right:0; bottom:0.25in; text-align:center'>"
            f"@@PAGE@@</div>"
        )
    head, _ = _headline(s, labels)
    names = s["names"]
    addr = (
        f"<div class='abs' style='left:0.9in; top:{s['addr_top']}in'>"
        f"{_addr(names + s['address'])}</div>"
    )
    body = f"<h1>{escape(head)}</h1>"
    if s["amount_due"] is not None:
        due = "Amount due immediately" if s["family"] == "CP504" else labels["amount_due"]
        body += f"<h2>{escape(due)}: {fmt_amount(s['amount_due'], neg, dollar)}</h2>"
    if s["family"] == "CP12":
        body += f"<h2>Refund due: {fmt_amount(s['refund'], neg, dollar)}</h2>"
    body += _body_paragraphs(s)
    if s["billing"]:
        body += "<h2>Billing Summary</h2>" + _billing_table(
            s, labels, neg, dollar, _due_label(s, labels)
        )
    if s.get("pay_by") and s["family"] in ("CP14", "CP501", "CP503", "CP11", "CP2000"):
        verb = labels["pay_by"]
        body += f"<h2>What you need to do</h2><p>{escape(verb)} {fmt_date(s['pay_by'], d)}</p>"
    if labels["phone_in_body"]:
        body += f"<p>{escape(labels['phone_in_body'])} {escape(s['phone_printed'])}.</p>"
    top_body = 3.5 if layout != "letter" else 3.9
    p1_stub = _stub(s, labels, neg, dollar) if s["page_total_render"] == 1 and s["stub"] else ""
    page1 = (
        f"<div class='page'>{top.replace('@@PAGE@@', mark)}{addr}"
        f"<div class='abs' style='left:0.6in; right:0.6in; top:{top_body}in'>{body}</div>"
        f"{p1_stub}</div>"
    )
    header = (
        f"<div class='abs small' style='right:0.6in; top:0.5in; width:3.4in'>"
        f"<table>{_rows(ref[:4])}<tr><td>@@PAGE@@</td><td></td></tr></table></div>"
    )
    if layout == "letter":
        header = (
            f"<div class='abs small' style='left:4.6in; top:0.5in'>"
            f"{escape(labels['code'])}: {escape(s['code'])}</div>"
            f"<div class='abs' style='left:0; right:0; bottom:0.25in; text-align:center'>"
            f"@@PAGE@@</div>"
        )
    pages = [page1, *_extra_pages(s, header, s["page_total_render"], labels)]
    css = BASE_CSS % {"font": s["font"], "size": s["font_size"]}
    return f"<html><head><style>{css}</style></head><body>{''.join(pages)}</body></html>"


def render_heldout(s) -> str:
    """The held-out 'bulletin' layout: label wording the extractor never saw."""
    d = s["date_style"]
    neg, dollar = s["neg"], s["dollar"]
    css = (
        BASE_CSS % {"font": s["font"], "size": s["font_size"]}
        + """
    .bar { background: #ddd; padding: 6pt 0.6in; font-weight: bold }
    .grid td { padding: 2pt 8pt 2pt 0 }
    """
    )
    info = _rows(
        [
            ("Reference", s["code"]),
            ("Mailed on", fmt_date(s["notice_date"], d)),
            ("Period covered", str(s["tax_year"])),
            ("TIN", s["ssn_masked"]),
            ("Call reference", s["caller_id"] or "-"),
        ]
    )
    rows = "".join(
        f"<tr><td style='width:4.4in'>{escape(HELDOUT_BILLING_LABELS[k])}</td>"
        f"<td class='amt'>{fmt_amount(v, neg, dollar)}</td></tr>"
        for k, v in s["billing"].items()
    )
    rows += (
        f"<tr><td><b>Balance owed now</b></td>"
        f"<td class='amt'><b>{fmt_amount(s['amount_due'], neg, dollar)}</b></td></tr>"
    )
    payee_cue = "Checks payable to: United States Treasury."
    page = f"""
<div class="page">
 <div class="bar">U.S. Department of the Treasury &#8212; Internal Revenue Service</div>
 <div class="abs" style="left:0.6in; top:0.7in">{_addr(s["irs_sender"])}</div>
 <table class="abs grid" style="right:0.6in; top:0.7in">{info}</table>
 <div class="abs" style="left:0.9in; top:2.1in">{_addr(s["names"] + s["address"])}</div>
 <div class="abs" style="left:0.6in; right:0.6in; top:3.4in">
  <h1>We have not received full payment of your {s["tax_year"]} taxes</h1>
  <p>This bill concerns your individual return, Form {escape(s["form"])}.</p>
  <table style="width:6.4in">{rows}</table>
  <p style="margin-top:8pt">Please pay in full by {fmt_date(s["pay_by"], d)} so that interest
  stops growing on the unpaid amount.</p>
  <p>Questions? {escape(s["phone_printed"])}</p>
  <p class="small">Sheet 1/1</p>
 </div>
 <div class="stub">
  <p class="small">Return this voucher with your payment. {payee_cue}</p>
  <table class="abs" style="left:0; top:0.6in">{
        _rows([("Reference", s["code"]), ("TIN", s["ssn_masked"])])
    }</table>
  <table class="abs" style="right:0; top:0.6in">{
        _rows([("Balance owed now", fmt_amount(s["stub_amount"], neg, dollar))])
    }</table>
  <div class="abs" style="left:0.2in; top:1.6in">{_addr(s["irs_reply"])}</div>
  <div class="abs" style="left:4in; top:1.6in">{_addr(s["names"] + s["address"])}</div>
 </div>
</div>"""
    return f"<html><head><style>{css}</style></head><body>{page}</body></html>"


def render_scam(s) -> str:
    css = BASE_CSS % {"font": s["font"], "size": s["font_size"]}
    paras = "".join(f"<p>{escape(p)}</p>" for p in s["scam_paragraphs"])
    ref = f"<p>Notice {escape(s['code'])}</p>" if s.get("code") else ""
    ssn = f"<p>SSN: {escape(s['ssn_masked'])}</p>" if s.get("ssn_masked") else ""
    page = f"""
<div class="page">
 <div class="abs" style="left:0.6in; top:0.5in">{_addr(s["letterhead"])}</div>
 <div class="abs" style="right:0.6in; top:0.5in; width:3in">{ref}{ssn}
   <p>Date: {fmt_date(s["notice_date"], "long")}</p></div>
 <div class="abs" style="left:0.9in; top:2in">{_addr(s["names"] + s["address"])}</div>
 <div class="abs" style="left:0.6in; right:0.6in; top:3.3in">
  <h1>{escape(s["scam_headline"])}</h1>
  <h2>Amount due: {fmt_amount(s["amount_due"])}</h2>
  {paras}
 </div>
</div>"""
    return f"<html><head><style>{css}</style></head><body>{page}</body></html>"


LEDGER_BILLING_LABELS = {
    "tax": "Balance from your return",
    "payments_credits": "Less: payments received",
    "failure_to_file_penalty": "Penalty \u2014 return filed after due date",
    "failure_to_pay_penalty": "Penalty \u2014 balance not paid on time",
    "estimated_tax_penalty": "Estimated tax underpayment penalty",
    "penalties_total": "Penalties combined",
    "interest": "Interest accrued to notice date",
}


def render_ledger(s) -> str:
    """Second held-out layout, written after the extractor's generic fallbacks: a ledger
    with a left info column, mixed-case names and its own wording for every label."""
    d = s["date_style"]
    neg, dollar = s["neg"], s["dollar"]
    css = BASE_CSS % {"font": s["font"], "size": s["font_size"]}
    info = _rows(
        [
            ("Our reference", s["code"]),
            ("Date printed", fmt_date(s["notice_date"], d)),
            ("Year of return", str(s["tax_year"])),
            ("Identifying number", s["ssn_masked"].replace("XXX-XX", "***-**")),
            ("Caller number", s["caller_id"] or "-"),
            ("Help line", f"{s['phone_printed']} (toll-free)"),
        ]
    )
    rows = "".join(
        f"<tr><td style='width:4.4in'>{escape(LEDGER_BILLING_LABELS[k])}</td>"
        f"<td class='amt'>{fmt_amount(v, neg, dollar)}</td></tr>"
        for k, v in s["billing"].items()
    )
    rows += (
        f"<tr><td><b>Total now due</b></td>"
        f"<td class='amt'><b>{fmt_amount(s['amount_due'], neg, dollar)}</b></td></tr>"
    )
    names = [n.title() for n in s["names"]]
    page = f"""
<div class="page">
 <div class="abs" style="left:0.6in; top:0.5in; width:2.6in">
  <b>Internal Revenue Service</b><br>{_addr(s["irs_sender"])}
  <table style="margin-top:14pt">{info}</table>
 </div>
 <div class="abs" style="left:4.4in; top:0.9in">{_addr(names + s["address"])}</div>
 <div class="abs" style="left:0.6in; right:0.6in; top:3.5in">
  <h1>Your {s["tax_year"]} income tax is not fully paid</h1>
  <p>This statement is about your Form {escape(s["form"])} return.</p>
  <table style="width:6.4in">{rows}</table>
  <p style="margin-top:8pt">Payment must reach us by {fmt_date(s["pay_by"], d)}.</p>
 </div>
 <div class="stub">
  <p class="small">Send this slip with your check, payable to United States Treasury.</p>
  <table class="abs" style="left:0; top:0.6in">{
        _rows([("Our reference", s["code"]), ("Identifying number", s["ssn_masked"])])
    }</table>
  <table class="abs" style="right:0; top:0.6in">{
        _rows([("Total now due", fmt_amount(s["stub_amount"], neg, dollar))])
    }</table>
  <div class="abs" style="left:0.2in; top:1.6in">{_addr(s["irs_reply"])}</div>
  <div class="abs" style="left:4in; top:1.6in">{_addr(names + s["address"])}</div>
 </div>
</div>"""
    return f"<html><head><style>{css}</style></head><body>{page}</body></html>"
