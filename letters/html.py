"""LetterContent -> HTML through the print templates, with autoescaping on.

Uses a standalone Django template ``Engine`` (no settings, no app registry) so the
worker and the tests can render letters without configuring Django; the templates
stay ordinary Django templates that the project's engine can also load. Nothing is
marked safe: names, findings and staff edits are escaped like any user input.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.template import Context, Engine

from letters.parts import LetterContent

__all__ = ["STATIC_DIR", "TEMPLATES_DIR", "render_letter_html"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"
CSS_HREF = "letters/letter.css"  # relative to STATIC_DIR, the render base_dir


@lru_cache(maxsize=4)
def _engine(templates_dir: Path) -> Engine:
    return Engine(
        dirs=[str(templates_dir)],
        autoescape=True,
        debug=False,
        string_if_invalid="",
    )


def render_letter_html(
    content: LetterContent,
    *,
    templates_dir: Path = TEMPLATES_DIR,
    css_href: str = CSS_HREF,
) -> str:
    """HTML for ``content`` using ``letters/<kind>.html``; pass to ``render_pdf``
    with ``base_dir=STATIC_DIR`` so the stylesheet link resolves."""
    template = _engine(templates_dir).get_template(f"letters/{content.kind.value}.html")
    # use_l10n/use_tz off: the content is pre-formatted, and localisation would
    # read Django settings, which this standalone engine does not have.
    context = Context(
        {"letter": content.as_context(), "css_href": css_href},
        autoescape=True,
        use_l10n=False,
        use_tz=False,
    )
    return template.render(context)
