"""Reading an official text line by line into tokens: titles, unit headings, paragraphs, tables and
cuts, each with its raw span; furniture is dropped.

Furniture is what the publisher or the copy added around the text: HTML lines, heading marks and
link targets (link text is kept), notes of the Dutch treaty database ("Treedt in werking per ..."),
illustrations, Wikisource page furniture ("Page:...pdf/4", "This page has been validated."), a
blog's post stamp and a collector's bracketed note. A cut is where the copy is incomplete: an
"[... excerpt ends here ...]" line, a jump in page numbers, or the first page not being page 1.

Hard-wrapped lines are joined into one paragraph (a marker always starts a new one). Japanese
and Korean copies keep one paragraph per line unless a line is visibly wrapped (long and with no
closing punctuation); wrapped Japanese lines join without a space.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from loaders.texts.headings import Heading, parse_heading
from loaders.texts.numbering import parse_marker
from loaders.texts.scripts import CJK, HAN, KANA, LETTER, SPACE, TAG
from loaders.texts.tables import LINK, Row, html_table_rows, is_separator_row, markdown_row

_HTML_LINE = re.compile(r"^(?:<[^>]*>\s*)+$")
_MD_HEADING = re.compile(r"^#{1,6}\s*(.*?)(?:\s+#+)?$")
_EMPHASIS = re.compile(r"(\*\*|__|\*)(.+?)\1")
_LONE_EMPHASIS = re.compile(r"(?<!\w)\*+(?!\w)|^\*+|\*+$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")

_DATABASE_NOTE = re.compile(
    r"(?:Treedt in werking|Wordt voorlopig toegepast|Vervalt|Is vervallen|Geldt)\b[^.]{0,60}"
    r"(?:per \d{2}-\d{2}-\d{4}|op een nader te bepalen tijdstip)",
    re.I,
)
_ILLUSTRATION = re.compile(r"^(?:!\[[^\]]*\]\([^)]*\)\s*)+$")
_PAGE = re.compile(r"^Page:.+?/(?P<page>\d+)$")
_PAGE_FURNITURE = re.compile(
    r"^(?:This page has been (?:validated|proofread)\.?|提供:\s*Wikisource|このページは検証済みです)$"
)
_CUT = re.compile(r"^\[\.\.\.\s*excerpt ends here\b.*\]$", re.I)
_COLLECTOR_NOTE = re.compile(r"^\[[^\]]*\]$")
_SOURCE_SEPARATOR = re.compile(r"^-{3}\s.+\s-{3}$")
# A document-sharing site appends its recommendations after the text: they end the text.
_SITE_TAIL = re.compile(r"^Similar documents$")
_POST_STAMP = re.compile(r"(?<=\S)\d{4}/\d{1,2}/\d{1,2}\s+\d+$")

_CJK_CHAR = re.compile(f"[{CJK}]")
_JAPANESE_CHAR = re.compile(f"[{KANA}{HAN}]")
_CLOSING = tuple(".。．:：;；,，、!?！？」』)）")
# The opening words of a final clause, in every language of the library; such a line starts a paragraph.
FINAL_CLAUSE = re.compile(
    r"(IN WITNESS WHEREOF|TEN BLIJKE WAARVAN|TEN BLIJKE|EN FOI DE QUOI|ZU URKUND DESSEN|DONE(?:,)? (?:at|in)\b"
    r"|DONE,|GEDAAN te\b|FAIT à\b|GESCHEHEN zu\b|ONDERTEKEND te\b|SIGNED at\b|以上の証拠として|이상의 증거로)",
    re.I,
)
CJK_TITLE_END = re.compile(r"(?:協定|条約|取決め|議定書|협정|조약|약정|의정서)$")


@dataclass
class Token:
    """A title, a unit heading, a paragraph, a table or a cut, with its raw span."""

    kind: str  # "title" | "heading" | "block" | "table" | "cut"
    raw_start: int
    raw_end: int
    text: str  # cleaned
    lines: int = 1
    heading: Heading | None = None
    markdown: bool = False  # a markdown heading line
    rows: list[Row] = field(default_factory=list)
    last_line: str = ""


def clean_inline(text: str) -> str:
    text = LINK.sub(r"\1", text)
    text = TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = _LONE_EMPHASIS.sub("", text)
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    return SPACE.sub(" ", text).strip()


def is_cjk(text: str) -> bool:
    """Whether most letters of `text` are Japanese or Korean (judged on its first 200 characters)."""
    head = text[:200]
    letters = len(LETTER.findall(head))
    return bool(letters) and len(_CJK_CHAR.findall(head)) * 2 >= letters


def _joins(previous: str, line: str) -> bool:
    """Whether `line` continues the paragraph whose last line is `previous` (Japanese and Korean)."""
    if previous.endswith(_CLOSING) or CJK_TITLE_END.search(previous):
        return False
    return len(previous) >= 30 or CJK_TITLE_END.search(line) is not None


def tokenize(raw: str) -> Iterator[Token]:
    position = 0
    block: Token | None = None
    table: Token | None = None
    html_table: list[tuple[int, int, str]] | None = None
    last_page: int | None = None
    skipping = False  # inside a document-sharing site's tail

    def flush() -> Iterator[Token]:
        nonlocal block, table
        if block:
            yield block
        if table:
            yield table
        block = table = None

    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        start = position + len(line) - len(line.lstrip())
        end = start + len(stripped)
        position += len(line)
        if html_table is not None:
            html_table.append((start, end, stripped))
            if "</table" in stripped.lower():
                rows = html_table_rows(html_table)
                first, last = html_table[0][0], html_table[-1][1]
                html_table = None
                if rows:
                    yield Token("table", first, last, "", rows=rows)
            continue
        if not stripped:
            yield from flush()
            continue
        if _SOURCE_SEPARATOR.match(stripped):
            yield from flush()
            skipping = False
            continue
        if skipping:
            continue
        if stripped.startswith("|"):
            if block:
                yield block
                block = None
            if not is_separator_row(stripped):
                table = table or Token("table", start, end, "")
                table.rows.append(markdown_row(stripped, start, end))
                table.raw_end = end
            continue
        if table:
            yield table
            table = None
        if stripped.lower().startswith("<table"):
            yield from flush()
            html_table = [(start, end, stripped)]
            if "</table" in stripped.lower():
                rows = html_table_rows(html_table)
                html_table = None
                if rows:
                    yield Token("table", start, end, "", rows=rows)
            continue
        page = _PAGE.match(stripped)
        if page:
            yield from flush()
            number = int(page["page"])
            if (last_page is None and number > 1) or (last_page is not None and number != last_page + 1):
                yield Token("cut", start, end, "")
            last_page = number
            continue
        if _CUT.match(stripped) or _SITE_TAIL.match(stripped):
            yield from flush()
            yield Token("cut", start, end, "")
            skipping = _SITE_TAIL.match(stripped) is not None
            continue
        if (
            _HTML_LINE.match(stripped)
            or _ILLUSTRATION.match(stripped)
            or _PAGE_FURNITURE.match(stripped)
            or _COLLECTOR_NOTE.match(stripped)
            or _DATABASE_NOTE.fullmatch(stripped)
        ):
            yield from flush()
            continue
        heading_mark = _MD_HEADING.fullmatch(stripped)
        text = clean_inline(heading_mark.group(1) if heading_mark else _POST_STAMP.sub("", stripped))
        if not text:
            yield from flush()
            continue
        unit = parse_heading(text, markdown=heading_mark is not None)
        if heading_mark or unit:
            yield from flush()
            kind = "heading" if unit else "title"
            yield Token(kind, start, end, text, heading=unit, markdown=heading_mark is not None)
            continue
        cjk = is_cjk(text)
        # "DONE at ..." opens the final clause even right under the last paragraph; "done at" mid-sentence does not.
        opens = parse_marker(text, cjk=cjk) or (FINAL_CLAUSE.match(text) and not text[0].islower())
        if block and not opens and (not cjk or _joins(block.last_line, text)):
            # A hard-wrapped line continues its paragraph; wrapped Japanese joins without a space.
            glue = "" if _JAPANESE_CHAR.match(block.text[-1]) and _JAPANESE_CHAR.match(text[0]) else " "
            block.raw_end, block.text, block.lines = end, f"{block.text}{glue}{text}", block.lines + 1
            block.last_line = text
            continue
        if block:
            yield block
        block = Token("block", start, end, text, last_line=text)
    if html_table:
        rows = html_table_rows(html_table)
        if rows:
            yield Token("table", html_table[0][0], html_table[-1][1], "", rows=rows)
    yield from flush()
