"""Tables of official texts (classification-equivalence tables, definition tables): markdown pipe
tables and plain HTML tables, read into rows of cleaned cell texts.

A table becomes a unit of kind `table` and each row a unit of kind `table_row`, so that a record
can cite one row ("Nederland | Stg. ZEER GEHEIM | ..."). Separator rows ("|:---|") are layout, not
rows; every other row, a header row included, is numbered from 1 in the order printed, which is
the same in every language version.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from loaders.texts.scripts import SPACE, TAG

_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
"""A markdown link or image: its words are the text (in a table cell, and in running text: tokens.py)."""
_EMPHASIS = re.compile(r"(\*\*|__|\*)(.*?)\1")
CELL_SEPARATOR = " | "


@dataclass(frozen=True)
class Row:
    raw_start: int
    raw_end: int
    cells: tuple[str, ...]

    @property
    def text(self) -> str:
        return CELL_SEPARATOR.join(self.cells)


def _clean_cell(cell: str) -> str:
    # Footnote marks ("VS<sup>2)</sup>") are part of the cell's text; only the tags go. A link keeps its words.
    cell = TAG.sub("", LINK.sub(r"\1", cell))
    cell = _EMPHASIS.sub(r"\2", cell).replace("*", "")
    return SPACE.sub(" ", html.unescape(cell)).strip()


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return inner.split("|")


def is_separator_row(line: str) -> bool:
    cells = [c.strip() for c in _cells(line)]
    return bool(cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def markdown_row(line: str, raw_start: int, raw_end: int) -> Row:
    return Row(raw_start, raw_end, tuple(_clean_cell(c) for c in _cells(line)))


class _HtmlTable(HTMLParser):
    """Collects rows of cells, each with the (first, last) line numbers it spans."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, int, list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "tr" or (tag in ("td", "th") and not self.rows):
            self.rows.append((line, line, []))
        if tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            first, _, cells = self.rows[-1]
            cells.append(SPACE.sub(" ", "".join(self.cell)).strip())
            self.rows[-1] = (first, self.getpos()[0], cells)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def html_table_rows(lines: list[tuple[int, int, str]]) -> list[Row]:
    """Rows of an HTML table given as (raw_start, raw_end, line); a row spans the lines it is on."""
    parser = _HtmlTable()
    parser.feed("\n".join(line for _, _, line in lines))
    parser.close()
    return [
        Row(lines[first - 1][0], lines[last - 1][1], tuple(cells)) for first, last, cells in parser.rows if any(cells)
    ]
