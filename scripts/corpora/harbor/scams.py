"""Scam letters: crude ones, and close imitations of a genuine notice with the payment demand
changed. Each recipe returns (html, scam_signs); the signs list exactly what the letter says."""

from __future__ import annotations

import random
from decimal import Decimal

from . import common, people, spec
from .common import esc

FAKE_PAYEES = ["IRS Payment Processing Center LLC", "Federal Tax Settlement Services",
               "US Tax Recovery Agency", "Treasury Collections Group Inc",
               "National Tax Relief Bureau"]
AGENTS = ["Officer Daniel Brooks", "Agent Mark Wilson", "Senior Agent Lisa Carter",
          "Revenue Officer James Miller", "Supervisor Kevin Hart"]


def _who(rng: random.Random) -> people.Party:
    return people.household(rng, business=False, joint=rng.random() < 0.2)


def _phone(rng: random.Random) -> str:
    return f"({rng.choice(['202', '415', '646', '213', '305'])}) 555-01{rng.randint(10, 99)}"


def _amount(rng: random.Random) -> str:
    return f"${Decimal(rng.randint(80000, 980000)) / 100:,.2f}"


def _page(css: str, body: str) -> str:
    return (f"<html><head><meta charset='utf-8'><style>{common.BASE_CSS}"
            f"@page {{ size: letter; margin: 0.7in; }} {css}</style></head><body>{body}"
            "</body></html>")


def _addr(p: people.Party) -> str:
    return "<br>".join(esc(x) for x in p.printed_name_lines() + p.address)


PAY_TEXT = {
    "gift_card": ["Payment must be made with Google Play, Apple or Target gift cards. Buy the "
                  "cards at any store, scratch the back and read the card numbers to the agent.",
                  "Purchase iTunes or Steam gift cards in the amount due and send photos of the "
                  "front and back of each card."],
    "prepaid_card": ["Load the full amount onto a Green Dot or Vanilla prepaid debit card and "
                     "call us with the card number and PIN.",
                     "Payment is accepted only by reloadable prepaid card (MoneyPak). Keep the "
                     "receipt and give the agent the 14-digit number."],
    "crypto": ["Deposit the amount at any Bitcoin ATM using the wallet address (QR code) below. "
               "Wallet: bc1q7h3x9tf0kq2m8v4l6d5s0pxy3n2w8c4r5e6t7u",
               "Payment must be sent in Bitcoin or USDT cryptocurrency to the secure "
               "government wallet provided by your agent."],
    "wire": ["Send the payment by wire transfer to account 004417820195, routing number "
             "021000089, reference your case number.",
             "Pay by Western Union or MoneyGram wire transfer to the receiving agent named "
             "below."],
    "payment_app": ["Pay instantly with Zelle to payments@irs-taxdesk.com or Cash App "
                    "$IRSTaxDesk.",
                    "Send your payment through Venmo (@IRS-Collections) or PayPal Friends and "
                    "Family to irs.collect.desk@gmail.com."],
}
THREAT_TEXT = {
    "threat_arrest": ["If you fail to pay, a warrant for your arrest will be issued today.",
                      "Failure to respond will result in your immediate arrest."],
    "threat_police": ["Local police officers will be sent to your home and place of work.",
                      "We will ask the sheriff's department and local police to come to your "
                      "address."],
    "threat_deportation": ["Your immigration status will be revoked and you will be deported.",
                           "Non-payment will be reported to immigration authorities for "
                           "deportation proceedings."],
    "threat_licence": ["Your driver's license and professional licenses will be suspended.",
                       "We will revoke your driver's license and your business license."],
}


def crude(rng: random.Random, signs: list[str]) -> str:
    p = _who(rng)
    pays = [rng.choice(PAY_TEXT[s]) for s in signs if s in PAY_TEXT]
    threats = [rng.choice(THREAT_TEXT[s]) for s in signs if s in THREAT_TEXT]
    if "payee_not_treasury" in signs:
        pays.append(f"Make your check or money order payable to {rng.choice(FAKE_PAYEES)} and "
                    "send it by overnight mail.")
    code = "" if "no_notice_code" in signs else (
        f"<p class='code'>Notice {rng.choice(['CP14', 'CP501', 'CP503', 'CP2000'])}</p>")
    title = rng.choice(["FINAL WARNING - TAX DEBT", "URGENT: IRS LEGAL ACTION NOTICE",
                        "NOTICE OF TAX VIOLATION", "LAST ATTEMPT BEFORE LEGAL ACTION",
                        "IMMEDIATE PAYMENT REQUIRED"])
    agency = rng.choice(["INTERNAL REVENUE SERVICE - TAX ENFORCEMENT DIVISION",
                         "Internal Revenue Services, Dept. of Tax Debt",
                         "I.R.S. FEDERAL TAX CRIMES UNIT", "U.S. Tax Collection Bureau (IRS)"])
    font = rng.choice(["'DejaVu Sans'", "'Liberation Serif'", "'DejaVu Sans Condensed'"])
    color = rng.choice(["#b00000", "#000", "#8a0000"])
    body = f"""
<div class='agency'>{esc(agency)}</div>{code}
<p class='date'>Date: {esc(rng.choice(['Immediately', 'TODAY', 'Within 24 hours']))}</p>
<p>{_addr(p)}</p>
<h1>{esc(title)}</h1>
<p>Our records indicate that you owe {_amount(rng)} in unpaid federal taxes and penalties. This
is your final notice before legal action is taken against you.</p>
{''.join(f'<p class="pay">{esc(x)}</p>' for x in pays)}
{''.join(f'<p class="threat">{esc(x)}</p>' for x in threats)}
<p>Call {esc(rng.choice(AGENTS))} immediately at {_phone(rng)}. Do not discuss this matter with
anyone. This case will be closed only after payment is confirmed.</p>
<p class='sig'>{esc(rng.choice(AGENTS))}<br>
Tax Enforcement Officer, Badge #{rng.randint(1000, 9999)}</p>
"""
    css = (f"body {{ font-family: {font}; font-size: 11.5pt; line-height: 1.4; }} "
           f".agency {{ font-weight: bold; font-size: 13pt; color: {color}; "
           "border-bottom: 3px double #000; padding-bottom: 4px; }} "
           f"h1 {{ color: {color}; font-size: 19pt; margin: 14px 0; text-decoration: underline; }} "
           ".threat {{ font-weight: bold; text-transform: none; }} .pay {{ font-weight: bold; }} "
           ".code {{ text-align: right; font-weight: bold; }} .sig {{ margin-top: 24px; }}")
    return _page(css.replace("{{", "{").replace("}}", "}"), body)


def mimic(rng: random.Random, signs: list[str], layout_module) -> str:
    """A genuine-looking notice from one of our layouts, with the payment demand swapped."""
    n = spec.make_notice(rng, ntype=rng.choice(["CP14", "CP501", "CP503", "CP504"]),
                         amount_class="normal", business=False)
    html = layout_module.build(n, rng)
    if "payee_not_treasury" in signs:
        payee = rng.choice(FAKE_PAYEES)
        html = html.replace("the United States Treasury", payee)
        html = html.replace("United States Treasury", payee)
        html = html.replace("UNITED STATES TREASURY", payee.upper())
        html = html.replace("payable to the United States", "payable to " + payee)
        html = html.replace("payable to the United", "payable to " + payee)
        html = html.replace("States Treasury.", "")
        html = html.replace("Treasury. Don't send cash.", "Don't send cash.")
    extra = [rng.choice(PAY_TEXT[s]) for s in signs if s in PAY_TEXT]
    extra += [rng.choice(THREAT_TEXT[s]) for s in signs if s in THREAT_TEXT]
    if extra:
        block = ("<div style='border: 2px solid #000; padding: 6px; margin: 8px 0; "
                 "font-weight: bold'>" + "".join(f"<p>{esc(x)}</p>" for x in extra) + "</div>")
        if "</h1>" in html:
            html = html.replace("</h1>", "</h1>" + block, 1)
        else:
            html = html.replace("</body>", block + "</body>")
    return html


def recipes() -> list[tuple[str, list[str]]]:
    """(style, signs) for the scam items, in plan order."""
    return [
        ("crude", ["gift_card", "threat_arrest", "no_notice_code"]),
        ("mimic", ["payee_not_treasury"]),
        ("crude", ["crypto", "threat_arrest", "no_notice_code"]),
        ("mimic", ["payment_app"]),
        ("crude", ["prepaid_card", "threat_police", "no_notice_code"]),
        ("crude", ["wire", "payee_not_treasury"]),
        ("mimic", ["gift_card"]),
        ("crude", ["threat_deportation", "payee_not_treasury", "no_notice_code"]),
        ("crude", ["payment_app", "threat_licence"]),
        ("mimic", ["crypto", "threat_police"]),
        ("crude", ["wire", "threat_licence", "no_notice_code"]),
        ("mimic", ["threat_arrest"]),
        ("crude", ["gift_card", "prepaid_card"]),
        ("mimic", ["wire", "payee_not_treasury"]),
        ("crude", ["payment_app", "threat_deportation", "no_notice_code"]),
        ("mimic", ["threat_licence", "payment_app"]),
        ("crude", ["crypto", "no_notice_code"]),
    ]
