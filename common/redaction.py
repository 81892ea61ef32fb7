"""THE redaction of Social Security and Individual Taxpayer Identification numbers.

A full SSN or ITIN (nine digits as 3-2-4: 123-45-6789, 123 45 6789, 123.45.6789,
123456789, with any dash; ITINs such as 912-78-4321 have the same shape) is masked to
``XXX-XX-`` and its last four digits (``XXXXX6789`` when typed without separators, so the
masked text is never longer than what was typed), which are all the portal ever keeps.
Services apply ``redact`` at their boundary to free text, file names and JSON inputs
before anything is saved; the log filter and the error reporter apply it to what is
written or mailed.
"""

from __future__ import annotations

import re
from typing import Any

# A separator between the groups: a dash of any kind or a dot (spaces around it allowed), or
# a space. Either both gaps have one or neither does, so a ZIP+4 (62701-1234) is not a TIN.
_SEP = r"(?:[ \t\u00a0]*[-\u2010-\u2015.][ \t\u00a0]*|[ \t\u00a0])"
TIN = re.compile(
    rf"(?<!\d)(?:\d{{3}}{_SEP}\d{{2}}{_SEP}(?P<spaced>\d{{4}})|\d{{5}}(?P<plain>\d{{4}}))(?!\d)"
)


# Identifiers the portal makes (a UUID, a hex digest) are never taxpayer text, and a run of
# nine digits inside one is chance: such a value, as a whole, is left as it is.
_OPAQUE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
    r"|[0-9a-f]{16}|[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}"
)


def _mask(match: re.Match) -> str:
    # Never longer than what it replaces, so a masked value still fits its column.
    if match.group("plain"):
        return "XXXXX" + match.group("plain")
    return "XXX-XX-" + match.group("spaced")


def redact(value: Any) -> Any:
    """``value`` with every full SSN/ITIN masked: strings, and the strings inside dicts and
    lists (JSON), recursively; anything else unchanged."""
    if isinstance(value, str):
        return value if _OPAQUE.fullmatch(value) else TIN.sub(_mask, value)
    if isinstance(value, dict):
        return {key: redact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact(item) for item in value)
    return value


def contains_tin(text: str) -> bool:
    return TIN.search(text or "") is not None


def redact_model_text(obj, names=None) -> None:
    """Mask every text and JSON field of a model instance (or those in ``names``) in place,
    before it is saved: what an admin form or a generic edit typed. Passwords are hashes."""
    from django.db import models

    for field in obj._meta.concrete_fields:
        if names is not None and field.name not in names:
            continue
        if field.name == "password" or not isinstance(
            field, models.CharField | models.TextField | models.JSONField
        ):
            continue
        value = redact(getattr(obj, field.attname))
        if isinstance(value, str) and getattr(field, "max_length", None):
            value = value[: field.max_length]
        setattr(obj, field.attname, value)
