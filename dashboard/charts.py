"""Bar-chart geometry for server-rendered SVG (pure Python, no Django).

The templates draw what these return: no JavaScript, no inline styles (CSP), every bar a
link with its own accessible title. Scaling is linear from zero; a zero maximum draws
empty bars rather than dividing by zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Bar", "Chart", "Item", "column_pairs", "horizontal_bars"]


@dataclass(frozen=True)
class Item:
    label: str
    value: int
    url: str
    css: str = ""
    title: str = ""  # what a screen reader says for the bar; defaults to "label: value"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    url: str
    css: str
    title: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    axis_labels: tuple[tuple[str, float, float], ...] = ()
    legend: tuple[tuple[str, str, float, float], ...] = ()  # text, css, x, y

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _scale(value: int, top: int, span: float) -> float:
    return 0.0 if top <= 0 else round(span * value / top, 1)


def horizontal_bars(
    items: Sequence[Item],
    *,
    width: int = 640,
    label_width: int = 190,
    row_height: int = 28,
    gap: int = 8,
) -> Chart:
    """One labelled row per item, bar length proportional to its value."""
    span = width - label_width - 60
    top = max((i.value for i in items), default=0)
    bars = []
    for index, item in enumerate(items):
        y = index * (row_height + gap)
        length = _scale(item.value, top, span)
        bars.append(
            Bar(
                label=item.label,
                value=item.value,
                url=item.url,
                css=item.css,
                title=item.title or f"{item.label}: {item.value}",
                x=label_width,
                y=y,
                width=length,
                height=row_height,
                label_x=label_width - 8,
                label_y=y + row_height * 0.65,
                value_x=label_width + length + 6,
                value_y=y + row_height * 0.65,
            )
        )
    height = max(1, len(items)) * (row_height + gap)
    return Chart(width=width, height=height, bars=tuple(bars))


def column_pairs(
    groups: Sequence[tuple[str, Item, Item]],
    *,
    width: int = 640,
    plot_height: int = 160,
    legend: tuple[str, str] = ("", ""),
) -> Chart:
    """Side-by-side columns per group (e.g. new vs resolved per week), labels beneath."""
    top_pad, bottom_pad = 28, 34
    count = max(1, len(groups))
    slot = width / count
    column = max(4.0, slot * 0.34)
    top = max((max(a.value, b.value) for _, a, b in groups), default=0)
    base = top_pad + plot_height
    bars: list[Bar] = []
    labels: list[tuple[str, float, float]] = []
    for index, (label, first, second) in enumerate(groups):
        left = index * slot + (slot - 2 * column) / 2
        for offset, item in ((0.0, first), (column, second)):
            h = _scale(item.value, top, plot_height)
            x = round(left + offset, 1)
            bars.append(
                Bar(
                    label=item.label,
                    value=item.value,
                    url=item.url,
                    css=item.css,
                    title=item.title or f"{item.label}: {item.value}",
                    x=x,
                    y=round(base - h, 1),
                    width=round(column - 1, 1),
                    height=h,
                    label_x=x,
                    label_y=base,
                    value_x=round(x + column / 2, 1),
                    value_y=round(base - h - 4, 1),
                )
            )
        labels.append((label, round(index * slot + slot / 2, 1), base + 18))
    legend_items = tuple(
        (text, css, 10 + n * 120, 14)
        for n, (text, css) in enumerate(zip(legend, ("series-a", "series-b"), strict=True))
        if text
    )
    return Chart(
        width=width,
        height=base + bottom_pad,
        bars=tuple(bars),
        axis_labels=tuple(labels),
        legend=legend_items,
    )
