"""Scam letters: crude typed demands with no notice code, and close imitations of a genuine
layout whose payment section and threats give them away. Each recipe lists the signs it
prints; the golden `scam_signs` is that list."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .base import H, W

AGENTS = [
    "Officer Daniel Brooks",
    "Agent Michael Harmon",
    "Senior Officer Linda Ross",
    "Revenue Officer Kevin Sloan",
    "Agent Maria Delgado",
    "Badge #40912 Officer Tate",
]
FAKE_PAYEES = [
    "National Tax Relief Group",
    "US Tax Recovery Services LLC",
    "IRS Collections Processing Center",
    "Federal Tax Settlement Bureau",
    "Treasury Resolution Partners Inc",
]


@dataclass
class Recipe:
    signs: list[str]
    pay: list[str]
    payee: str
    threats: list[str]
    todo: list[str] = field(default_factory=list)


def _phone(rng) -> str:
    return f"({rng.choice(['202', '415', '646', '213', '305'])}) 555-0{rng.randint(100, 199)}"


def _wallet(rng) -> str:
    alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
    return "bc1q" + "".join(rng.choice(alphabet) for _ in range(30))


def recipe(rng: random.Random, n: int, amount: str, *, mimic: bool) -> Recipe:
    """The n-th kind of scam (n cycles through all the signs)."""
    phone = _phone(rng)
    agent = rng.choice(AGENTS)
    payee = rng.choice(FAKE_PAYEES)
    kinds = [
        (
            "gift_card",
            ["gift_card", "threat_arrest"],
            [
                "Payment must be made today with Google Play or Apple gift cards totaling "
                f"{amount}. "
                f"Buy the cards at any store, scratch off the back, and call {agent} at {phone} "
                "to read us the card numbers."
            ],
            "Do not mail a check. Gift cards are the only accepted payment for this case.",
            [
                "If payment is not received within 24 hours, a warrant will be issued for your "
                "arrest and you will be taken into custody."
            ],
        ),
        (
            "crypto",
            ["crypto", "threat_deportation"],
            [
                f"Deposit {amount} in cash at any Bitcoin ATM and send it to the government wallet "
                f"below. Keep the receipt. Wallet address: {_wallet(rng)}"
            ],
            "Cryptocurrency payment is required to release the hold on your case.",
            [
                "Failure to pay will be reported to immigration authorities, your status will be "
                "revoked, and deportation proceedings will begin."
            ],
        ),
        (
            "wire",
            ["wire", "payee_not_treasury", "threat_licence"],
            [
                f"Wire transfer {amount} to {payee}, account number "
                f"4471{rng.randint(100000, 999999)}, "
                f"routing number 0210{rng.randint(10000, 99999)}, at Crescent Harbor Bank.",
                "Include your name in the wire memo. Checks are not accepted.",
            ],
            f"Make your payment payable to {payee}.",
            [
                "If you do not pay, your driver's license and any professional licenses will be "
                "suspended by the state."
            ],
        ),
        (
            "app",
            ["payment_app", "threat_police"],
            [
                f"Send {amount} through Zelle or Cash App to our payment agent at {phone}. You may "
                "also pay with Venmo or PayPal (friends and family). Call after sending so we can "
                "close your file."
            ],
            "Payment by app is required. Do not send a check.",
            [
                "Local police will be sent to your home and workplace if we do not hear from you "
                "today."
            ],
        ),
        (
            "prepaid",
            ["prepaid_card", "payee_not_treasury", "threat_arrest"],
            [
                f"Load {amount} onto Green Dot or Vanilla prepaid debit cards and mail the cards "
                f"to {payee}, 1800 Commerce Pkwy Ste 210, Newark DE 19702. Prepaid cards are "
                "processed the same day."
            ],
            f"Make all payments payable to {payee}.",
            ["This is your final warning before an arrest warrant is issued by the federal court."],
        ),
        (
            "payee",
            ["payee_not_treasury", "threat_arrest", "threat_police"],
            [
                f"Make your cashier's check for {amount} payable to {agent.split()[-1].upper()} "
                f"TAX SERVICES and send it overnight to our Collections Department, PO Box 6620, "
                "Miami FL 33101.",
                "Personal checks will be returned.",
            ],
            f"Make your check payable to {agent.split()[-1].upper()} TAX SERVICES.",
            [
                "If you ignore this letter, the sheriff's office will be notified to arrest you at "
                "your home."
            ],
        ),
    ]
    _, signs, pay, payee_line, threats = kinds[n % len(kinds)]
    signs = list(signs)
    todo = [
        f"Pay {amount} within 48 hours using the instructions below.",
        f"Call {phone} right away to confirm your payment.",
    ]
    return Recipe(signs=signs, pay=pay, payee=payee_line, threats=threats, todo=todo)


class ScamOverlay:
    """Applied to a genuine layout: replaces the payment section and adds threats."""

    def __init__(self, recipe: Recipe):
        self.recipe = recipe

    def apply(self, k, sheet) -> None:
        k.pay = list(self.recipe.pay)
        k.payee = self.recipe.payee
        k.threats = list(self.recipe.threats)
        k.todo = list(self.recipe.todo)


@dataclass
class CrudeLetter:
    seed: int
    name: str
    address: list[str]
    amount: str
    date_text: str
    recipe: Recipe
    ssn_last4: str | None


class Crude:
    """A typed demand with no notice code: letterhead, threats, payment instructions."""

    def __init__(self, c, s: CrudeLetter):
        self.c, self.s = c, s
        self.rng = random.Random(s.seed)

    def draw(self) -> None:
        from .pen import Pen

        r, s = self.rng, self.s
        p = Pen(self.c, r.choice(["helvetica", "times", "courier", "lib_sans", "dejavu_serif"]))
        x, y = 60, H - 60
        head = r.choice(
            [
                "INTERNAL REVENUE SERVICE",
                "IRS TAX ENFORCEMENT DIVISION",
                "U.S. TREASURY - TAX COLLECTIONS UNIT",
                "INTERNAL REVENUE SERVICE - CRIMINAL INVESTIGATIONS",
            ]
        )
        p.text(W / 2, y, head, 15, bold=True, align="center")
        y -= 16
        p.text(
            W / 2,
            y,
            r.choice(
                [
                    "Washington, DC 20224",
                    "Federal Building, Washington DC",
                    "Office of Tax Compliance",
                ]
            ),
            9.5,
            align="center",
        )
        y -= 34
        p.text(x, y, f"Date: {s.date_text}", 10)
        y -= 24
        for line in [s.name, *s.address]:
            p.text(x, y, line, 10)
            y -= 12.5
        y -= 16
        p.text(
            x,
            y,
            r.choice(
                [
                    "FINAL NOTICE - IMMEDIATE ACTION REQUIRED",
                    "URGENT: TAX LIABILITY DEMAND",
                    "RE: UNPAID FEDERAL TAXES - LAST WARNING",
                ]
            ),
            12,
            bold=True,
        )
        y -= 22
        body = [
            f"Our records show that you owe {s.amount} in back taxes, penalties and fees "
            "that must be paid immediately."
        ]
        if s.ssn_last4 and r.random() < 0.5:
            body.append(
                f"This case is filed under the social security number ending in {s.ssn_last4}."
            )
        body += s.recipe.threats + s.recipe.pay + [s.recipe.payee] + s.recipe.todo
        body.append(
            "Do not discuss this matter with anyone. This is a time-sensitive legal matter."
        )
        size = r.choice([10, 10.5, 11])
        for para in body:
            for line in p.wrap(para, W - 2 * x, size):
                p.text(x, y, line, size)
                y -= size * 1.3
            y -= 7
        y -= 14
        p.text(x, y, "Sincerely,", 10)
        p.text(x, y - 28, r.choice(AGENTS), 10, bold=True)
        p.text(
            x,
            y - 40,
            r.choice(["Tax Enforcement Division", "Collections Unit", "Case Resolution Office"]),
            10,
        )
