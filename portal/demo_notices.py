"""Synthetic IRS notices for the demo practice, drawn with the test corpus generator.

Demo only: nothing here runs in production. Each household gets a notice dated relative to
today, so the demo always has something due soon, something overdue and a CP2000.
"""

import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@dataclass(frozen=True)
class DemoNotice:
    household: str
    family: str
    days_ago: int
    billing: dict[str, Decimal]
    names: tuple[str, ...]
    address: tuple[str, str]
    last4: str
    tax_year: int


def _generator():
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    import notice_corpus
    import notice_corpus_html

    return notice_corpus, notice_corpus_html


def demo_notice_specs(today: date) -> list[DemoNotice]:
    year = today.year - 2
    return [
        DemoNotice(
            "rivera",
            "CP14",
            16,
            {
                "tax": Decimal("3183.00"),
                "payments_credits": Decimal("-3328.00"),
                "failure_to_file_penalty": Decimal("318.30"),
                "failure_to_pay_penalty": Decimal("633.30"),
                "estimated_tax_penalty": Decimal("145.00"),
                "interest": Decimal("123.61"),
            },
            ("ALEX RIVERA",),
            ("118 MAPLE ST", "SPRINGFIELD, IL 62704-1234"),
            "4821",
            year,
        ),
        DemoNotice(
            "lee",
            "CP501",
            30,
            {
                "tax": Decimal("6420.00"),
                "payments_credits": Decimal("-4000.00"),
                "failure_to_pay_penalty": Decimal("96.80"),
                "interest": Decimal("141.27"),
            },
            ("JORDAN AND CASEY LEE",),
            ("42 HARBOR VIEW RD APT 3B", "PORTLAND, ME 04101-4401"),
            "7310",
            year,
        ),
        DemoNotice(
            "patel",
            "CP2000",
            5,
            {},
            ("MORGAN PATEL",),
            ("9 ORCHARD LN", "AUSTIN, TX 78701-2201"),
            "5566",
            year,
        ),
    ]


def demo_notice_pdf(spec: DemoNotice, today: date) -> bytes:
    """Render one demo notice as a born-digital PDF with the corpus generator's layouts."""
    corpus, html = _generator()
    rng = random.Random(f"demo-{spec.household}")
    doc = corpus.make_spec(rng, f"demo-{spec.household}", layout="modern", family=spec.family)
    notice_date = today - timedelta(days=spec.days_ago)
    while notice_date.weekday() >= 5:
        notice_date -= timedelta(days=1)
    amount = sum(spec.billing.values(), Decimal("0")) if spec.billing else Decimal("2418.00")
    doc.update(
        tax_year=spec.tax_year,
        form="1040",
        notice_date=notice_date,
        pay_by=notice_date + timedelta(days=21 if spec.family != "CP2000" else 30),
        amount_due=amount,
        stub_amount=amount,
        billing=dict(spec.billing),
        names=list(spec.names),
        address=list(spec.address),
        ssn_masked=f"XXX-XX-{spec.last4}",
        last4=spec.last4,
    )
    return corpus.render_pdf(html.render_standard(doc))
