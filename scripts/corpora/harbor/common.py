"""HTML pieces and the WeasyPrint call shared by the layouts."""

from __future__ import annotations

import random

from .fmt import esc
from .look import Look

FONTS_SANS = ["'Liberation Sans'", "'DejaVu Sans'", "'Liberation Sans Narrow'",
              "'DejaVu Sans Condensed'"]
FONTS_SERIF = ["'Liberation Serif'", "'DejaVu Serif'", "'DejaVu Serif Condensed'"]
FONTS_MONO = ["'Liberation Mono'", "'DejaVu Sans Mono'"]
PAGES = "__PAGES__"

BASE_CSS = """
* { box-sizing: border-box; }
html { font-variant-ligatures: none; font-kerning: normal; }
body { margin: 0; }
p { margin: 0 0 0.55em 0; }
h1, h2, h3 { margin: 0; font-weight: bold; }
table { border-collapse: collapse; }
.pb { page-break-before: always; }
.nobreak { page-break-inside: avoid; }
.r { text-align: right; white-space: nowrap; }
td.v, .flexrow > span:last-child { white-space: nowrap; }
.b { font-weight: bold; }
ul { margin: 0.2em 0 0.6em 0; padding-left: 1.3em; }
li { margin-bottom: 0.25em; }
"""


def render_pdf(html: str, guess: int = 3) -> bytes:
    """Render, then print the real page count wherever the layout wrote PAGES.

    The first pass prints `guess`; only when the document has another length is it laid out
    again with the real count (digits have one width in these fonts, so it settles at once).
    """
    import weasyprint

    pages = guess
    text = html.replace(PAGES, str(guess))
    for _ in range(4):
        doc = weasyprint.HTML(string=text).render()
        if len(doc.pages) == pages:
            return doc.write_pdf()
        pages = len(doc.pages)
        text = html.replace(PAGES, str(pages))
    raise RuntimeError("page count does not settle")


def sender(lk: Look, *, upper: bool = False, logo: bool = True) -> str:
    lines = ["Department of the Treasury", "Internal Revenue Service", lk.n.center]
    if upper:
        lines = [x.upper() for x in lines]
    logo_html = ('<div class="logo">IRS</div>' if logo else "")
    return (f'<div class="sender">{logo_html}<div class="sender-lines">'
            + "<br>".join(esc(x) for x in lines) + "</div></div>")


def name_lines(lk: Look) -> list[str]:
    return lk.n.party.printed_name_lines()


def addressee(lk: Look, *, cls: str = "addressee") -> str:
    lines = name_lines(lk) + lk.n.party.address
    return f'<div class="{cls}">' + "<br>".join(esc(x) for x in lines) + "</div>"


def paras(items: list[str], tag: str = "p") -> str:
    return "".join(f"<{tag}>{esc(x)}</{tag}>" for x in items)


def bullets(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in items) + "</ul>"


def id_label(lk: Look, rng: random.Random, *, upper: bool = False) -> str:
    if lk.n.business:
        text = rng.choice(["Employer ID number", "Employer identification number", "Your EIN",
                           "EIN"])
    else:
        text = rng.choice(["Social Security number", "Your SSN", "SSN",
                           "Social security number"])
    return text.upper() if upper else text


def tax_year_pair(lk: Look, *, upper: bool = False) -> tuple[str, str]:
    """('Tax year', '2023') or, for a quarterly form, ('Tax period', 'March 31, 2023')."""
    n = lk.n
    period = n.period_end and lk.pick("period", ["period", "year"]) == "period"
    if n.period_end and (n.tax_form == "941" or period):
        pair = ("Tax period", lk.d(n.period_end))
    else:
        pair = ("Tax year", str(n.tax_year))
    return (pair[0].upper(), pair[1]) if upper else pair


def cut_line(text: str = "Detach here and return this part with your payment") -> str:
    return (f'<div class="cut">&#x2702; - - - - - - - - - - - {esc(text)} '
            '- - - - - - - - - - -</div>')
