"""How wide a label is: advance widths for laying out SVG text before a browser draws it.

The charts place labels so that no two overlap, which needs each label's width before any browser
has drawn it. The widths below are DejaVu Sans's (Book and Bold), in thousandths of an em, as
Chromium measures them for the page's font stack on Debian, where `system-ui` resolves to DejaVu
Sans. It is one of the wider sans-serif faces, so on systems whose `system-ui` is narrower (San
Francisco, Segoe UI, Roboto) the estimate errs on the roomy side. Per-character sums leave out
kerning, which only narrows text. A character outside the table counts as a full em (CJK is about
that wide).
"""

from __future__ import annotations

import functools

# fmt: off
_ASCII = 32  # the first code point of the tables below: " "
_LATIN_1 = 160  # no-break space, the first of Latin-1's printable supplement
_REGULAR_ASCII = (
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656,
    557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613,
    635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
    592, 592, 525, 636, 337, 636, 838,
)
_BOLD_ASCII = (
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775,
    637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675,
    716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924,
    645, 652, 582, 712, 365, 712, 838,
)
_REGULAR_LATIN_1 = (
    318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 0, 1000, 500, 500, 838, 401, 401, 500, 636,
    636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684, 684, 974, 698, 632, 632, 632, 632,
    295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838, 787, 732, 732, 732, 732, 611, 605, 630, 613, 613,
    613, 613, 613, 613, 982, 550, 615, 615, 615, 615, 278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838,
    612, 634, 634, 634, 634, 592, 635, 592,
)
_BOLD_LATIN_1 = (
    348, 456, 696, 696, 636, 696, 365, 500, 500, 1000, 564, 646, 838, 0, 1000, 500, 500, 838, 438, 438, 500, 736,
    636, 380, 500, 438, 564, 646, 1035, 1035, 1035, 580, 774, 774, 774, 774, 774, 774, 1085, 734, 683, 683, 683,
    683, 372, 372, 372, 372, 838, 837, 850, 850, 850, 850, 850, 838, 850, 812, 812, 812, 812, 724, 738, 719, 675,
    675, 675, 675, 675, 675, 1048, 593, 678, 678, 678, 678, 343, 343, 343, 343, 687, 712, 687, 687, 687, 687, 687,
    838, 687, 712, 712, 712, 712, 652, 716, 652,
)
_EXTRA = {  # punctuation the records and the page use: dashes, quotes, ellipsis, arrow, bullet, minus
    "–": (500, 500), "—": (1000, 1000), "‘": (318, 380), "’": (318, 380), "“": (518, 657), "”": (518, 657), "…":
    (1000, 1000), "→": (838, 838), "•": (590, 639), "−": (838, 838),
}
# fmt: on
_UNKNOWN = 1000

ASCENT = 0.93
"""From the baseline up to the top of a line's box, in ems (DejaVu Sans: 0.928)."""
DESCENT = 0.24
"""From the baseline down to the bottom of a line's box, in ems (DejaVu Sans: 0.236)."""
SAFETY = 1.04
"""Headroom for rounding and for fonts a little wider than the table's."""


def _advance(char: str, bold: bool) -> int:
    code = ord(char)
    if _ASCII <= code < _ASCII + len(_REGULAR_ASCII):
        return (_BOLD_ASCII if bold else _REGULAR_ASCII)[code - _ASCII]
    if _LATIN_1 <= code < _LATIN_1 + len(_REGULAR_LATIN_1):
        return (_BOLD_LATIN_1 if bold else _REGULAR_LATIN_1)[code - _LATIN_1]
    widths = _EXTRA.get(char)
    if widths is not None:
        return widths[1] if bold else widths[0]
    return _UNKNOWN


@functools.lru_cache(maxsize=4096)  # label placement measures each label at every candidate spot
def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of `text` set in `size` px, a little more than a browser draws it."""
    return sum(_advance(char, bold) for char in text) * size / 1000 * SAFETY
