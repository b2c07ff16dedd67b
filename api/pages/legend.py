"""A chart's legend: headings and items laid out left to right, wrapping at the chart's width.

An item is a swatch (what the chart draws for it: a glyph, a band, a line; the chart's template
knows how) and a label. The layout only places them: (x, y) is where the swatch starts, its
vertical centre; the label's baseline is `y + 4`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

import msgspec

from api.pages.placement import Box, text_box
from api.pages.text_metrics import text_width

SIZE = 12.0
"""The legend's font size, px (the charts' default)."""
LINE = 20.0
SWATCH_GAP = 6.0
ITEM_GAP = 18.0
HEADING_GAP = 14.0

SwatchT = TypeVar("SwatchT")


class LegendEntry(msgspec.Struct, Generic[SwatchT], frozen=True, kw_only=True):
    label: str
    x: float
    y: float
    text_x: float
    heading: bool = False
    swatch: SwatchT | None = None
    swatch_width: float = 0.0

    @property
    def baseline(self) -> float:
        return self.y + 4


class Legend(Generic[SwatchT]):
    """Flows entries from (x0, y) across `width`."""

    def __init__(self, x0: float, width: float, y: float) -> None:
        self.x0, self.width = x0, width
        self.x, self.y = x0, y
        self.entries: list[LegendEntry[SwatchT]] = []

    def heading(self, label: str) -> None:
        if self.x > self.x0:
            self._newline()
        self.entries.append(LegendEntry(label=label, x=self.x, y=self.y, text_x=self.x, heading=True))
        self.x += text_width(label, SIZE, bold=True) + HEADING_GAP

    def item(self, swatch: Callable[[float, float], SwatchT], label: str, swatch_width: float = 18.0) -> None:
        """An item whose swatch, drawn from (x, y) on (its left end, its vertical centre), is `swatch(x, y)`."""
        needed = swatch_width + SWATCH_GAP + text_width(label, SIZE)
        if self.x > self.x0 and self.x + needed > self.x0 + self.width:
            self._newline()
        self.entries.append(
            LegendEntry(
                label=label,
                x=self.x,
                y=self.y,
                text_x=self.x + swatch_width + SWATCH_GAP,
                swatch=swatch(self.x, self.y),
                swatch_width=swatch_width,
            )
        )
        self.x += needed + ITEM_GAP

    def _newline(self) -> None:
        self.x = self.x0
        self.y += LINE

    @property
    def bottom(self) -> float:
        return self.y + LINE / 2

    def boxes(self) -> list[Box]:
        """The space the entries take, swatch and label (for charts that place labels around the legend)."""
        boxes = []
        for e in self.entries:
            label = text_box(e.text_x, e.baseline, [e.label], SIZE, bold=e.heading)
            boxes.append(
                Box(left=e.x, top=min(label.top, e.y - 8), right=label.right, bottom=max(label.bottom, e.y + 8))
            )
        return boxes
