"""Synthetic taxpayers: invented names, street addresses and masked numbers."""

from __future__ import annotations

from dataclasses import dataclass, field

FIRST_M = [
    "JAMES",
    "ROBERT",
    "DAVID",
    "MICHAEL",
    "CARLOS",
    "ANTHONY",
    "KEVIN",
    "ERIC",
    "TREVOR",
    "DESMOND",
    "WESLEY",
    "HUGO",
    "MARCUS",
    "NATHAN",
    "OWEN",
    "RAFAEL",
    "SAMUEL",
    "VICTOR",
    "LUIS",
    "DWAYNE",
    "GORDON",
    "IVAN",
    "PATRICK",
    "TOMAS",
    "ELLIOT",
    "BRANDON",
]
FIRST_F = [
    "MARIA",
    "JENNIFER",
    "LINDA",
    "PATRICIA",
    "ANGELA",
    "DIANA",
    "ROSA",
    "KEISHA",
    "MEREDITH",
    "YOLANDA",
    "FIONA",
    "GRETA",
    "HANNAH",
    "IRENE",
    "JOANNA",
    "LORRAINE",
    "NADIA",
    "PRIYA",
    "RUTH",
    "SOFIA",
    "TAMARA",
    "VERONICA",
    "WENDY",
    "ALMA",
    "BEATRIZ",
]
LAST = [
    "LOPEZ",
    "HALVORSEN",
    "OKAFOR",
    "BRENNAN",
    "DUCHARME",
    "WASHINGTON",
    "NGUYEN",
    "PETROV",
    "CASTELLANOS",
    "MCALLISTER",
    "ABERNATHY",
    "QUINTERO",
    "STRAND",
    "FAIRWEATHER",
    "KOWALCZYK",
    "OYELARAN",
    "DELACROIX",
    "PEMBERTON",
    "RASMUSSEN",
    "TAKAHASHI",
    "VILLANUEVA",
    "HOLLOWAY",
    "LINDQVIST",
    "ESPINOZA",
    "GALLAGHER",
    "HUTCHINS",
    "MBEKI",
    "SORENSEN",
    "TRAN",
    "WHITAKER",
    "YARBROUGH",
    "ZIMMERLY",
    "ACHTERBERG",
    "BONAVENTURE",
    "CRANDALL",
    "DRISCOLL",
]
SUFFIXES = ["JR", "SR", "II", "III", "IV"]
STREETS = [
    "MAPLE RIDGE RD",
    "W OLIVE AVE",
    "LARKSPUR LN",
    "N CANAL ST",
    "QUARRY HILL DR",
    "HAWTHORNE CT",
    "E 41ST ST",
    "BIRCHWOOD TER",
    "OLD MILL PIKE",
    "SUMMIT VIEW BLVD",
    "CEDAR HOLLOW WAY",
    "S FREMONT AVE",
    "WILLOW BEND CIR",
    "HARBOR POINT RD",
    "PRAIRIE DOG TRL",
    "KINGSLEY PL",
    "BLUE HERON LOOP",
    "SYCAMORE ST",
    "FOUNDRY ROW",
]
CITIES = [
    ("SPRINGFIELD", "IL", "627"),
    ("ROCKFORD", "IL", "611"),
    ("AURORA", "CO", "800"),
    ("TACOMA", "WA", "984"),
    ("ALBANY", "NY", "122"),
    ("DAYTON", "OH", "454"),
    ("FRESNO", "CA", "937"),
    ("TUCSON", "AZ", "857"),
    ("MACON", "GA", "312"),
    ("BOISE", "ID", "837"),
    ("LOWELL", "MA", "018"),
    ("ERIE", "PA", "165"),
    ("SAVANNAH", "GA", "314"),
    ("WICHITA", "KS", "672"),
    ("RENO", "NV", "895"),
    ("BILLINGS", "MT", "591"),
    ("DULUTH", "MN", "558"),
    ("MOBILE", "AL", "366"),
    ("PROVO", "UT", "846"),
    ("LAREDO", "TX", "780"),
    ("SALEM", "OR", "973"),
    ("EUGENE", "OR", "974"),
    ("AKRON", "OH", "443"),
    ("TOPEKA", "KS", "666"),
]
BUSINESS_A = [
    "HARBOR LANE",
    "BLUE MESA",
    "NORTHGATE",
    "PINECREST",
    "COPPER KETTLE",
    "IRONWOOD",
    "SILVER CREEK",
    "RED OAK",
    "FOXGLOVE",
    "LAKESHORE",
    "TWIN PEAKS",
    "MILLBROOK",
]
BUSINESS_B = [
    "BAKERY LLC",
    "PLUMBING INC",
    "DENTAL GROUP PC",
    "LANDSCAPING LLC",
    "AUTO REPAIR INC",
    "CONSULTING LLC",
    "FLOORING CO",
    "CAFE LLC",
    "LOGISTICS INC",
    "PHYSICAL THERAPY PLLC",
    "BREWING CO",
    "ELECTRIC LLC",
]


@dataclass
class Taxpayer:
    people: list[str]  # one or two full names, upper case, as printed
    name_lines: list[str]  # the name as it is printed in the address block
    address: list[str]  # street, city line
    number_last4: str  # the SSN (or EIN) last four printed on the notice
    spouse_last4: str | None = None
    business: bool = False
    extra_line: str | None = None  # "% JANE DOE" care-of line for a business
    household: list[str] = field(default_factory=list)

    @property
    def golden_name(self) -> str:
        return " AND ".join(self.people)


def _person(
    rng, female: bool, *, middle: bool | None = None, suffix: bool = False, last: str | None = None
) -> str:
    first = rng.choice(FIRST_F if female else FIRST_M)
    parts = [first]
    if middle if middle is not None else rng.random() < 0.55:
        parts.append(rng.choice("ABCDEFGHJKLMNPRSTW"))
    parts.append(last or rng.choice(LAST))
    if suffix:
        parts.append(rng.choice(SUFFIXES))
    return " ".join(parts)


def _last4(rng) -> str:
    return f"{rng.randint(1, 9999):04d}"


def _address(rng) -> list[str]:
    city, state, zip3 = rng.choice(CITIES)
    num = rng.randint(12, 9870)
    street = f"{num} {rng.choice(STREETS)}"
    if rng.random() < 0.2:
        unit = rng.choice(["APT", "UNIT", "STE"])
        street += f" {unit} {rng.randint(1, 40)}{rng.choice(['', 'B'])}"
    zipc = f"{zip3}{rng.randint(10, 99)}"
    if rng.random() < 0.5:
        zipc += f"-{rng.randint(1000, 9999)}"
    return [street, f"{city} {state} {zipc}"]


def make_individual(rng, joint_style: str, *, suffix: bool = False) -> Taxpayer:
    """joint_style: single | amp | and | two_lines | same_last_two_lines."""
    ssn = _last4(rng)
    if joint_style == "single":
        name = _person(rng, not suffix and rng.random() < 0.5, suffix=suffix)
        return Taxpayer([name], [name], _address(rng), ssn, household=[ssn])
    spouse = _last4(rng)
    while spouse == ssn:
        spouse = _last4(rng)
    last = rng.choice(LAST)
    first_female = not suffix and rng.random() < 0.4
    a = _person(rng, first_female, suffix=suffix, last=last)
    b_last = last if rng.random() < 0.75 else rng.choice(LAST)
    b = _person(rng, not first_female, last=b_last)
    if joint_style == "amp":
        lines = [f"{a} & {b}"]
    elif joint_style == "and":
        lines = [f"{a} AND {b}"]
    else:
        lines = [a, b]
    return Taxpayer([a, b], lines, _address(rng), ssn, spouse, household=[ssn, spouse])


def make_business(rng, *, care_of: bool = False) -> Taxpayer:
    name = f"{rng.choice(BUSINESS_A)} {rng.choice(BUSINESS_B)}"
    ein = _last4(rng)
    tp = Taxpayer([name], [name], _address(rng), ein, business=True, household=[ein])
    if care_of:
        tp.extra_line = "% " + _person(rng, rng.random() < 0.5, middle=False)
    return tp
