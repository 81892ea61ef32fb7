"""Reference data the reader checks notices against, kept in one place.

These lists change (the IRS adds lines, renames notices); keep edits here, with the
source, so reviewers can see what the legitimacy verdict relies on.
Phone numbers: IRS "Let us help you" / notice pages and the numbers printed on CP14,
CP501-504, CP2000, LT11 notices (verify periodically).
"""

from __future__ import annotations

# Numbers printed on genuine IRS notices or published on IRS.gov contact pages.
IRS_PHONES: frozenset[str] = frozenset(
    {
        "800-829-1040",  # individuals
        "800-829-0922",  # balance-due notices (CP14, CP501, CP503)
        "800-829-8374",  # notices, individuals
        "800-829-0115",  # businesses, balance due
        "800-829-3903",  # collection (CP504)
        "800-829-7650",  # Automated Collection System, individuals
        "800-829-3676",  # forms and publications
        "800-829-4933",  # business and specialty tax
        "800-829-4059",  # TTY/TDD
        "800-829-0433",  # tax fraud / identity
        "800-829-7444",  # ACS, some LT11/L1058
        "800-829-3009",  # math-error notices (CP11, CP12)
        "800-908-4490",  # identity protection
        "800-366-4484",  # TIGTA (report impersonation)
        "866-681-4271",  # Automated Underreporter (CP2000)
        "866-897-0161",  # Automated Collection System
        "866-897-0177",  # ACS, businesses
        "877-777-4778",  # Taxpayer Advocate Service
        "888-841-4648",  # Automated Collection System
        "267-941-1000",  # international callers (not toll-free)
    }
)

TOLL_FREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")

# Notice families the workflow knows. The printed code may carry a suffix (CP14IA, CP71C).
NOTICE_FAMILIES = (
    "CP14",
    "CP501",
    "CP503",
    "CP504",
    "CP11",
    "CP12",
    "CP2000",
    "CP71",
    "LT11",
    "LTR1058",
    "CP90",
    "CP161",
)

# Families printed with a letter suffix that is still the same notice (CP14IA, CP71C ...).
SUFFIXED_FAMILIES = ("CP14", "CP71", "CP504", "CP90", "CP501", "CP503", "CP161")

# Families whose pay-by date is the notice-and-demand rule (21 days / 10 business days).
# Notices that are not bills: a CP2000 proposes, a CP12 refunds.
NO_BALANCE_FAMILIES = frozenset({"CP2000", "CP12"})

# CP161 is the business balance-due notice and demand, under the same rule.
PAY_BY_RULE_FAMILIES = frozenset({"CP14", "CP161"})

# Phrases that, in the absence of a printed code, suggest a type (low confidence).
HEADLINE_CUES: tuple[tuple[str, str], ...] = (
    ("notice of intent to seize", "CP504"),
    ("intent to levy and notice of your right to a hearing", "LT11"),
    ("final notice of intent to levy", "LT11"),
    ("annual reminder", "CP71"),
    ("proposed changes to your", "CP2000"),
    ("we changed your", "CP11"),
)

# IRS Consumer alerts: payment channels the IRS never demands.
SCAM_PAYMENT_CUES: tuple[tuple[str, str], ...] = (
    ("gift card", "asks for payment by gift card"),
    ("itunes", "asks for payment by gift card"),
    ("google play", "asks for payment by gift card"),
    ("steam card", "asks for payment by gift card"),
    ("prepaid card", "asks for payment by prepaid card"),
    ("prepaid debit", "asks for payment by prepaid card"),
    ("green dot", "asks for payment by prepaid card"),
    ("bitcoin", "asks for payment in cryptocurrency"),
    ("cryptocurrency", "asks for payment in cryptocurrency"),
    ("crypto wallet", "asks for payment in cryptocurrency"),
    ("crypto atm", "asks for payment in cryptocurrency"),
    ("wire transfer", "asks for payment by wire transfer"),
    ("wire the", "asks for payment by wire transfer"),
    ("western union", "asks for payment by wire transfer"),
    ("moneygram", "asks for payment by wire transfer"),
    ("zelle", "asks for payment through a payment app"),
    ("venmo", "asks for payment through a payment app"),
    ("cash app", "asks for payment through a payment app"),
    ("cashapp", "asks for payment through a payment app"),
    ("paypal", "asks for payment through a payment app"),
)

SCAM_THREAT_CUES: tuple[tuple[str, str], ...] = (
    ("arrest", "threatens arrest"),
    ("warrant", "threatens arrest"),
    ("police", "threatens arrest"),
    ("sheriff", "threatens arrest"),
    ("jail", "threatens arrest"),
    ("deport", "threatens deportation"),
    ("driver's license", "threatens licence revocation"),
    ("drivers license", "threatens licence revocation"),
    ("license will be revoked", "threatens licence revocation"),
    ("licence will be revoked", "threatens licence revocation"),
    ("revoke your license", "threatens licence revocation"),
    ("suspend your license", "threatens licence revocation"),
    ("no right to appeal", "denies the right to appeal"),
    ("cannot appeal", "denies the right to appeal"),
    ("do not contact a lawyer", "forbids contacting a representative"),
)

TREASURY_PAYEES = ("united states treasury", "u s treasury", "us treasury")

SENDER_CUES = ("internal revenue service", "department of the treasury")
