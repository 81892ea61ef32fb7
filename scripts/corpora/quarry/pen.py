"""Drawing helpers over a ReportLab canvas: fonts, wrapped paragraphs, dotted leaders."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation")]
# Only faces of Debian's fonts-dejavu-core and fonts-liberation (scripts/system-deps.sh).
TTF = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "DejaVuSerif-Bold.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
    "DejaVuSansMono-Bold": "DejaVuSansMono-Bold.ttf",
    "LiberationSans": "LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "LiberationSans-Bold.ttf",
    "LiberationSerif": "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationMono": "LiberationMono-Regular.ttf",
    "LiberationMono-Bold": "LiberationMono-Bold.ttf",
    "LiberationSansNarrow": "LiberationSansNarrow-Regular.ttf",
    "LiberationSansNarrow-Bold": "LiberationSansNarrow-Bold.ttf",
}
FAMILIES = {
    "helvetica": ("Helvetica", "Helvetica-Bold"),
    "times": ("Times-Roman", "Times-Bold"),
    "courier": ("Courier", "Courier-Bold"),
    "dejavu_sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "dejavu_serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
    "dejavu_mono": ("DejaVuSansMono", "DejaVuSansMono-Bold"),
    "lib_sans": ("LiberationSans", "LiberationSans-Bold"),
    "lib_serif": ("LiberationSerif", "LiberationSerif-Bold"),
    "lib_mono": ("LiberationMono", "LiberationMono-Bold"),
    "lib_narrow": ("LiberationSansNarrow", "LiberationSansNarrow-Bold"),
}
_registered = False


def ensure_fonts() -> None:
    global _registered
    if _registered:
        return
    for name, filename in TTF.items():
        for folder in FONT_DIRS:
            path = folder / filename
            if path.exists():
                pdfmetrics.registerFont(TTFont(name, str(path)))
                break
        else:
            raise SystemExit(
                f"font {filename} missing: install fonts-dejavu-core and "
                "fonts-liberation (scripts/system-deps.sh)"
            )
    _registered = True


class Pen:
    """Writes on one canvas with one font family; y grows upwards (ReportLab's origin)."""

    def __init__(self, canvas, family: str, gray: float = 0.0):
        ensure_fonts()
        self.c = canvas
        self.regular, self.bold = FAMILIES[family]
        self.family = family
        self.gray = gray

    def font(self, bold: bool = False, font: str | None = None) -> str:
        return font or (self.bold if bold else self.regular)

    def width(self, text: str, size: float, bold: bool = False, font: str | None = None) -> float:
        return pdfmetrics.stringWidth(text, self.font(bold, font), size)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 9,
        bold: bool = False,
        align: str = "left",
        font: str | None = None,
        gray: float | None = None,
    ) -> float:
        """Draw one line; returns its width."""
        name = self.font(bold, font)
        self.c.setFont(name, size)
        self.c.setFillGray(self.gray if gray is None else gray)
        w = pdfmetrics.stringWidth(text, name, size)
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        self.c.drawString(x, y, text)
        return w

    def wrap(
        self, text: str, width: float, size: float, bold: bool = False, font: str | None = None
    ) -> list[str]:
        lines: list[str] = []
        for chunk in text.split("\n"):
            line = ""
            for word in chunk.split():
                trial = f"{line} {word}" if line else word
                if line and self.width(trial, size, bold, font) > width:
                    lines.append(line)
                    line = word
                else:
                    line = trial
            lines.append(line)
        return lines

    def para(
        self,
        x: float,
        y: float,
        text: str,
        width: float,
        size: float = 9,
        leading: float | None = None,
        bold: bool = False,
        font: str | None = None,
        bullet: str | None = None,
        after: float = 0,
    ) -> float:
        """Draw a wrapped paragraph with its first baseline at y; returns the next baseline."""
        leading = leading or size * 1.25
        indent = 0.0
        if bullet:
            self.text(x, y, bullet, size, bold, font=font)
            indent = self.width(bullet + "  ", size, bold, font)
        for line in self.wrap(text, width - indent, size, bold, font):
            self.text(x + indent, y, line, size, bold, font=font)
            y -= leading
        return y - after

    def lines_needed(self, text: str, width: float, size: float, bold: bool = False) -> int:
        return len(self.wrap(text, width, size, bold))

    def leader(
        self,
        x1: float,
        x2: float,
        y: float,
        label: str,
        value: str,
        size: float = 9,
        bold: bool = False,
        dots: str = ".",
        vbold: bool | None = None,
    ) -> None:
        """`label ........ value` from x1 to x2 (value right-aligned at x2)."""
        lw = self.text(x1, y, label, size, bold)
        vw = self.width(value, size, bold if vbold is None else vbold)
        self.text(x2, y, value, size, bold if vbold is None else vbold, align="right")
        if dots:
            gap = (x2 - vw - 4) - (x1 + lw + 4)
            dw = self.width(dots + " " if dots == ". " else dots, size)
            if gap > dw * 2:
                count = int(gap / dw)
                dotted = (dots * count).rstrip()
                self.text(x2 - vw - 4, y, dotted, size, align="right")

    def hline(self, x1: float, x2: float, y: float, width: float = 0.6, gray: float = 0) -> None:
        self.c.setStrokeGray(gray)
        self.c.setLineWidth(width)
        self.c.line(x1, y, x2, y)

    def vline(self, x: float, y1: float, y2: float, width: float = 0.6, gray: float = 0) -> None:
        self.c.setStrokeGray(gray)
        self.c.setLineWidth(width)
        self.c.line(x, y1, x, y2)

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        width: float = 0.7,
        fill: float | None = None,
        stroke: bool = True,
    ) -> None:
        self.c.setLineWidth(width)
        self.c.setStrokeGray(0)
        if fill is not None:
            self.c.setFillGray(fill)
        self.c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
        self.c.setFillGray(self.gray)

    def scissors(self, y: float, x1: float, x2: float, label: str | None = None) -> None:
        """The dashed tear-off line above a payment stub."""
        self.c.setDash(4, 3)
        self.hline(x1, x2, y, 0.5)
        self.c.setDash()
        if label:
            self.text((x1 + x2) / 2, y + 3, label, 6.5, align="center")
