"""Where a label may go: boxes, and a record of the space already taken in a chart.

Both charts place their labels one by one, each at the first of its candidate positions that
overlaps nothing placed before (nodes, other labels, the legend). The boxes of text are estimated
from `text_metrics`; the browser test measures the drawn ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

import msgspec

from api.pages.text_metrics import ASCENT, DESCENT, text_width

Anchor = Literal["start", "middle", "end"]


class Box(msgspec.Struct, frozen=True, kw_only=True):
    """An axis-aligned rectangle in the chart's coordinates."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """True when the boxes come closer than `gap` in both directions."""
        return (
            self.left < other.right + gap
            and other.left < self.right + gap
            and self.top < other.bottom + gap
            and other.top < self.bottom + gap
        )

    def inside(self, frame: Box) -> bool:
        return (
            frame.left <= self.left
            and self.right <= frame.right
            and frame.top <= self.top
            and self.bottom <= frame.bottom
        )


def box_around(cx: float, cy: float, half_width: float, half_height: float) -> Box:
    return Box(left=cx - half_width, top=cy - half_height, right=cx + half_width, bottom=cy + half_height)


def text_box(
    x: float,
    baseline: float,
    lines: Iterable[str],
    size: float,
    *,
    bold: bool = False,
    anchor: Anchor = "start",
    line_height: float | None = None,
) -> Box:
    """The box of text drawn at (x, baseline) with `text-anchor` = `anchor`, one or more lines."""
    lines = list(lines) or [""]
    step = size * 1.15 if line_height is None else line_height
    width = max(text_width(line, size, bold=bold) for line in lines)
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return Box(
        left=left,
        top=baseline - ASCENT * size,
        right=left + width,
        bottom=baseline + (len(lines) - 1) * step + DESCENT * size,
    )


class Occupancy:
    """The boxes taken so far in one chart, filed in a grid of CELL-px squares so that a candidate is
    checked against its neighbours only."""

    CELL = 64.0

    def __init__(self, gap: float = 2.0) -> None:
        self.gap = gap
        self.boxes: list[Box] = []
        self._grid: dict[tuple[int, int], list[Box]] = {}

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        return [
            (i, j)
            for i in range(math.floor((box.left - self.gap) / c), math.floor((box.right + self.gap) / c) + 1)
            for j in range(math.floor((box.top - self.gap) / c), math.floor((box.bottom + self.gap) / c) + 1)
        ]

    def take(self, box: Box) -> Box:
        self.boxes.append(box)
        for cell in self._cells(box):
            self._grid.setdefault(cell, []).append(box)
        return box

    def mark(self) -> int:
        """A point to `rollback` to: boxes taken after it are given back."""
        return len(self.boxes)

    def rollback(self, mark: int) -> None:
        while len(self.boxes) > mark:
            box = self.boxes.pop()
            for cell in self._cells(box):
                self._grid[cell].pop()  # the newest box of every cell it is in: taken last, given back first

    def is_free(self, box: Box) -> bool:
        return not any(box.overlaps(taken, self.gap) for cell in self._cells(box) for taken in self._grid.get(cell, ()))

    def first_free(self, candidates: Iterable[Box], frame: Box | None = None) -> Box | None:
        """The first candidate (inside `frame`, when given) that overlaps nothing taken; it is taken."""
        for box in candidates:
            if (frame is None or box.inside(frame)) and self.is_free(box):
                return self.take(box)
        return None
