"""Notice type from the printed code, with headline cues as a weak fallback.

The type drives deadlines and workflow (a CP2000 is never a bill), so the printed
code in the reference box or stub is trusted first; cues only fill a gap.
"""

from __future__ import annotations

from .irs_data import HEADLINE_CUES, NOTICE_FAMILIES, SUFFIXED_FAMILIES
from .layout import Layout
from .model import Evidence, Found


def family_of(code: str | None) -> str | None:
    """``CP14IA`` -> ``CP14``; ``CP21A`` (not a family we handle) -> None."""
    if not code:
        return None
    code = code.upper()
    if code in NOTICE_FAMILIES:
        return code
    for fam in SUFFIXED_FAMILIES:
        if code.startswith(fam) and code[len(fam) :].isalpha():
            return fam
    if code in ("LTR11", "LT1058"):
        return {"LTR11": "LT11", "LT1058": "LTR1058"}[code]
    return None


def classify(
    code_found: Found | None, layout: Layout
) -> tuple[str | None, str | None, Found | None]:
    """(notice_type as printed, family, evidence)."""
    if code_found is not None:
        code = str(code_found.value)
        fam = family_of(code)
        if fam is not None:
            return code, fam, code_found
    lines = layout.pages[0].lines if layout.pages else []
    for line in lines:
        norm = line.norm
        for phrase, fam in HEADLINE_CUES:
            if phrase in norm:
                words = line.words
                ev = Evidence(
                    0.4,
                    line.page,
                    (min(w.x0 for w in words), line.top, max(w.x1 for w in words), line.bottom),
                    confirmed=False,
                    why="no notice code printed; the type is guessed from the headline",
                    source="headline",
                )
                return fam, fam, Found(fam, ev)
    return None, None, None
