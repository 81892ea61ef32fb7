"""OCR digit slips, mended by the notice's own arithmetic.

OCR confuses a few digits (a dotted or slashed zero read as 8 or 6, 5 as 6, 1 as 7). When
a page's billing rows miss the amount due that the notice prints in two places, the
smallest set of such slips (at most three) that makes the rows add up exactly is the
reading, provided exactly one such set exists. Anything else is left as read and stays
unconfirmed: the mending never guesses between two ways.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

# A digit as read -> what it may really be, with how unlikely the slip is (a dotted or
# slashed zero read as 8 or 6 is the commonest; the others cost more).
CONFUSABLE: dict[str, dict[str, int]] = {
    "8": {"0": 1, "3": 2, "6": 2},
    "6": {"0": 1, "5": 2, "8": 2},
    "0": {"8": 2, "6": 2},
    "5": {"6": 2},
    "3": {"8": 2},
    "7": {"1": 2},
    "1": {"7": 2},
    "9": {"8": 2},
}
MAX_CHANGES = 3


def _variants(value: Decimal) -> list[tuple[int, Decimal, int]]:
    """(digit position, value, cost) for every single confusable digit changed."""
    text = f"{abs(value):.2f}"
    sign = -1 if value < 0 else 1
    out = []
    for i, ch in enumerate(text):
        for alt, cost in CONFUSABLE.get(ch, {}).items():
            if i == 0 and alt == "0" and len(text) > 4:
                continue  # no leading zeros
            out.append((i, sign * Decimal(text[:i] + alt + text[i + 1 :]), cost))
    return out


def mend(
    rows: dict[str, Decimal],
    target: Decimal,
    total: Callable[[dict[str, Decimal]], Decimal | None],
) -> tuple[dict[str, Decimal], list[str]] | None:
    """The rows with the one smallest set of digit slips mended so ``total(rows) == target``.

    Returns the mended rows and the keys changed, or None when no set (or more than one
    set of the same size) works.
    """
    if total(rows) == target:
        return dict(rows), []
    changes = [
        (key, pos, value, cost) for key, v in rows.items() for pos, value, cost in _variants(v)
    ]
    for size in range(1, MAX_CHANGES + 1):
        found: list[tuple[int, dict[str, Decimal]]] = []
        for combo in itertools.combinations(changes, size):
            if len({k for k, _, _, _ in combo}) < size:
                continue  # one slip per row: the slips are in different numbers
            trial = dict(rows)
            for key, _pos, value, _cost in combo:
                trial[key] = value
            if total(trial) == target:
                found.append((sum(c for _, _, _, c in combo), trial))
        if found:
            found.sort(key=lambda f: f[0])
            if len(found) > 1 and found[1][0] == found[0][0]:
                return None  # two equally likely ways to make it add up: do not guess
            best = found[0][1]
            return best, [k for k in rows if best[k] != rows[k]]
        if len(changes) ** (size + 1) > 2_000_000:
            return None  # too many rows and digits to search further cheaply
    return None
