"""How wide a label is: advance widths for laying out SVG text before a browser draws it.

The charts place labels so that no two overlap, which needs each label's width before any browser
has drawn it. The widths (data: dejavu_sans_widths.json beside this module) are DejaVu Sans's
(Book and Bold), in thousandths of an em, as Chromium measures them for the page's font stack on
Debian, where `system-ui` resolves to DejaVu Sans. It is one of the wider sans-serif faces, so on
systems whose `system-ui` is narrower (San Francisco, Segoe UI, Roboto) the estimate errs on the
roomy side. Per-character sums leave out kerning, which only narrows text. A character outside the
table counts as a full em (CJK is about that wide).
"""

from __future__ import annotations

import functools
from pathlib import Path

import msgspec


class _Widths(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    about: str
    ranges: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...]
    """Runs of consecutive code points: the first one, then each one's Book widths and its Bold widths."""
    extra: dict[str, tuple[int, int]]
    """Punctuation beyond Latin-1 that records and pages use (dashes, quotes, arrow, minus): Book, Bold."""


_TABLE = msgspec.json.decode((Path(__file__).parent / "dejavu_sans_widths.json").read_bytes(), type=_Widths)
_UNKNOWN = 1000

ASCENT = 0.93
"""From the baseline up to the top of a line's box, in ems (DejaVu Sans: 0.928)."""
DESCENT = 0.24
"""From the baseline down to the bottom of a line's box, in ems (DejaVu Sans: 0.236)."""
SAFETY = 1.04
"""Headroom for rounding and for fonts a little wider than the table's."""


def _advance(char: str, bold: bool) -> int:
    code = ord(char)
    for first, regular, heavy in _TABLE.ranges:
        if first <= code < first + len(regular):
            return (heavy if bold else regular)[code - first]
    pair = _TABLE.extra.get(char)
    if pair is not None:
        return pair[1] if bold else pair[0]
    return _UNKNOWN


@functools.lru_cache(maxsize=4096)  # label placement measures each label at every candidate spot
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set in `size` px, a little more than a browser draws it."""
    return sum(_advance(char, bold) for char in text) * size / 1000 * SAFETY
