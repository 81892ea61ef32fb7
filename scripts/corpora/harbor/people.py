"""Invented taxpayers, businesses, addresses, and the IRS's own return addresses and lines."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

FIRST_M = ["JAMES", "DAVID", "ROBERT", "MIGUEL", "ANTHONY", "KEVIN", "TERRENCE", "HOWARD",
           "DWAYNE", "OLIVER", "RAFAEL", "CURTIS", "MARCUS", "LEONARD", "VICTOR", "WESLEY",
           "THANH", "RAJESH", "GREGORY", "FRANKLIN", "NATHAN", "EMMETT", "DOUGLAS", "SAMUEL"]
FIRST_F = ["MARIA", "JANET", "LINDA", "PRIYA", "ROSA", "DENISE", "KAREN", "HEATHER", "NADIA",
           "GLORIA", "TAMIKA", "BEATRIZ", "ELAINE", "JOAN", "SHARON", "MEI", "LORRAINE",
           "YOLANDA", "CLAIRE", "ANNETTE", "VERONICA", "IRENE", "HANNAH", "DOLORES"]
LAST = ["LOPEZ", "HALVORSEN", "OKAFOR", "BRANNIGAN", "WHITFIELD", "DELACROIX", "NGUYEN",
        "KOWALCZYK", "ABERNATHY", "MCALLISTER", "FONTAINE", "PETRAKIS", "RAMIREZ", "STROUD",
        "OYELARAN", "LINDQVIST", "CASTELLANO", "HOLLOWAY", "VASQUEZ", "TREMBLAY", "GALLAGHER",
        "IBARRA", "PENNINGTON", "SATO", "MARSH", "CALDERON", "WINSLOW", "BURKE", "QUINTERO",
        "HADDAD", "MORROW", "ELLSWORTH"]
SUFFIXES = ["JR", "SR", "III", "II"]
STREETS = ["MAPLE RIDGE DR", "W ORCHARD AVE", "LANTERN HILL RD", "S PRAIRIE ST", "CEDAR BLUFF CT",
           "OLD MILL LN", "N HARBOR WAY", "ASPEN GLEN CIR", "E LINCOLNSHIRE BLVD",
           "QUARRY POINT RD", "WILLOW BEND PKWY", "SUMMIT VIEW TER", "BRIARWOOD PL",
           "COPPER CANYON TRL", "FAIRHAVEN AVE", "DOGWOOD HOLLOW LN", "STATION SQ"]
UNITS = ["APT 4B", "UNIT 210", "APT 12", "STE 300", "# 7"]
CITIES = [("SPRINGFIELD", "IL", "627"), ("TACOMA", "WA", "984"), ("DULUTH", "MN", "558"),
          ("MACON", "GA", "312"), ("FLAGSTAFF", "AZ", "860"), ("ERIE", "PA", "165"),
          ("LUBBOCK", "TX", "794"), ("SALEM", "OR", "973"), ("BANGOR", "ME", "044"),
          ("TOLEDO", "OH", "436"), ("FRESNO", "CA", "937"), ("WICHITA", "KS", "672"),
          ("ASHEVILLE", "NC", "288"), ("PROVO", "UT", "846"), ("MOBILE", "AL", "366"),
          ("ALBANY", "NY", "122"), ("BOISE", "ID", "837"), ("LAFAYETTE", "LA", "705")]
BIZ_A = ["NORTHWIND", "BLUE HERON", "IRONGATE", "SILVERLEAF", "REDSTONE", "CLEARWATER",
         "TALLGRASS", "HARBORVIEW", "SUMMIT RIDGE", "COPPERLINE", "OAK HOLLOW", "BRIGHTWATER"]
BIZ_B = ["PAVING", "DENTAL GROUP", "LOGISTICS", "ROOFING", "BAKERY", "AUTO REPAIR",
         "LANDSCAPING", "CONSULTING", "MACHINE WORKS", "PHYSICAL THERAPY", "CATERING",
         "ELECTRIC"]
BIZ_C = ["LLC", "INC", "CORP", "PC", "CO", "LTD"]

# (city line of the service center that sends the notice)
IRS_CENTERS = ["Kansas City, MO 64999-0023", "Austin, TX 73301-0023", "Ogden, UT 84201-0039",
               "Fresno, CA 93888-0025", "Cincinnati, OH 45999-0023",
               "Holtsville, NY 00501-0002", "Philadelphia, PA 19255-0023",
               "Memphis, TN 37501-0023", "Andover, MA 01810-0023", "Atlanta, GA 39901-0023"]
# Payment lockboxes printed on the stub.
LOCKBOXES = [("P.O. Box 931000", "Louisville, KY 40293-1000"),
             ("P.O. Box 1214", "Charlotte, NC 28201-1214"),
             ("P.O. Box 802501", "Cincinnati, OH 45280-2501"),
             ("P.O. Box 7704", "San Francisco, CA 94120-7704"),
             ("P.O. Box 37910", "Hartford, CT 06176-7910"),
             ("P.O. Box 219236", "Kansas City, MO 64121-9236")]

# IRS lines by purpose. Some are widely published, some are on no list at all: on a genuine
# notice an unknown 800/866/877/888 number is normal.
PHONES = {
    "main": ["800-829-0922", "800-829-1040", "800-829-8374"],
    "business": ["800-829-0115", "800-829-4933"],
    "collection": ["800-829-7650", "800-829-3903", "866-681-4271", "888-912-1227"],
    "exam": ["800-829-3009", "866-897-0177", "877-571-4712"],
    "plans": ["800-829-1040", "866-255-0654", "888-321-1427"],
    "advocate": ["877-777-4778"],
    "tty": ["800-829-4059"],
    "abroad": ["267-941-1000"],
}
PHONE_LABELS = {
    "main": ["To contact us", "Questions about your bill", "Call us", "Customer service"],
    "business": ["Business and specialty tax line", "Questions about this notice"],
    "collection": ["Automated collection", "Balance due unit", "Collection questions"],
    "exam": ["Automated underreporter unit", "Questions about this change"],
    "plans": ["Payment plans", "Installment agreements"],
    "advocate": ["Taxpayer Advocate Service"],
    "tty": ["TTY/TDD"],
    "abroad": ["Outside the U.S."],
}


@dataclass
class Party:
    names: list[str]  # one or two people, or one business name
    name_style: str  # single | amp | and | two_lines | shared | business
    address: list[str]
    business: bool = False
    ssn_last4: str = ""
    spouse_last4: str | None = None
    extra_lines: list[str] = field(default_factory=list)

    def printed_name_lines(self) -> list[str]:
        if self.name_style == "two_lines":
            return list(self.names)
        return [self.joined_printed()]

    def joined_printed(self) -> str:
        if len(self.names) == 1:
            return self.names[0]
        if self.name_style == "amp":
            return f"{self.names[0]} & {self.names[1]}"
        if self.name_style == "shared":  # JOHN AND MARY SMITH
            first_a = self.names[0].split()[0]
            return f"{first_a} AND {self.names[1]}"
        return f"{self.names[0]} AND {self.names[1]}"

    def golden_name(self) -> str:
        if self.name_style == "shared":
            return self.joined_printed()
        return " AND ".join(self.names)


def _last4(rng: random.Random) -> str:
    return f"{rng.randint(1, 9999):04d}"


def person(rng: random.Random, *, female: bool, last: str | None = None,
           suffix_ok: bool = True) -> str:
    first = rng.choice(FIRST_F if female else FIRST_M)
    parts = [first]
    if rng.random() < 0.55:
        parts.append(rng.choice("ABCDEFGHJKLMNPRSTW"))
    parts.append(last or rng.choice(LAST))
    if suffix_ok and not female and rng.random() < 0.22:
        parts.append(rng.choice(SUFFIXES))
    return " ".join(parts)


def address(rng: random.Random) -> list[str]:
    street = f"{rng.randint(12, 9870)} {rng.choice(STREETS)}"
    if rng.random() < 0.25:
        street += f" {rng.choice(UNITS)}"
    city, state, zip3 = rng.choice(CITIES)
    zipc = f"{zip3}{rng.randint(1, 99):02d}"
    if rng.random() < 0.5:
        zipc += f"-{rng.randint(1000, 9999)}"
    return [street, f"{city} {state} {zipc}"]


def household(rng: random.Random, *, business: bool, joint: bool | None = None) -> Party:
    if business:
        name = f"{rng.choice(BIZ_A)} {rng.choice(BIZ_B)} {rng.choice(BIZ_C)}"
        return Party([name], "business", address(rng), business=True, ssn_last4=_last4(rng))
    if joint is None:
        joint = rng.random() < 0.4
    if not joint:
        return Party([person(rng, female=rng.random() < 0.5)], "single", address(rng),
                     ssn_last4=_last4(rng))
    last = rng.choice(LAST)
    style = rng.choice(["amp", "and", "two_lines", "two_lines", "amp", "shared"])
    a = person(rng, female=False, last=last if rng.random() < 0.8 else None,
               suffix_ok=style != "shared")
    b = person(rng, female=True, last=last, suffix_ok=False)
    if style == "shared":
        a = a.split()[0] + " " + last
        b = b.split()[0] + " " + last
    names = [a, b] if rng.random() < 0.6 else [b, a]
    if style == "shared":
        names = [a, b]
    return Party(names, style, address(rng), ssn_last4=_last4(rng), spouse_last4=_last4(rng))
