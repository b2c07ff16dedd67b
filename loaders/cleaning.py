"""Cleaning a news page's text: keep the article, drop the page furniture, remember where
everything came from.

Sources arrive as text scraped from web pages: navigation lines, share and comment widgets,
repeated mastheads, "Other news" tails and photo captions sit among the paragraphs. The cleaner
classifies every line, keeps the article's lines as paragraphs, and records each kept paragraph's
offsets in both the raw and the cleaned text, so a citation can be shown against either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import msgspec

BlockKind = Literal[
    "headline",
    "paragraph",
    "caption",
    "navigation",
    "widget",
    "masthead",
    "byline",
    "editor_note",
    "repeated_line",
    "tail",
]

PARAGRAPH_SEPARATOR = "\n\n"

# Lines that end the article: everything from here on is a list of links to other stories.
_TAIL = re.compile(r"^(Other news|Also Read|Related (news|articles|stories)|More from .*)$", re.I)
_NAVIGATION = re.compile(r"^(Go to Contents\b.*|Home\s*>.*|print dictionary print|Skip to .*)$", re.I)
_WIDGET = re.compile(
    r"^(Log(ged)? in\b.*|To write comments.*|help-image.*|lock icon|Standards Board Policy.*|Send Feedback"
    r"|How can we improve\?|Thanks for your feedback!|Share (this|on) .*|Comments? \(\d+\))$",
    re.I,
)
_BYLINE = re.compile(
    r"^(Our Bureau|By [A-Z][\w.' -]+|Staff Reporter|All Headlines \d{1,2}:\d{2} .*"
    r"|\d{1,2}:\d{2} ?(AM|PM), [A-Z][a-z]+ \d{1,2}, \d{4})$"
)
_EDITOR_NOTE = re.compile(r"^\((ATTN|EDS|CORRECTS|UPDATES)\b.*\)$")


class Block(msgspec.Struct, frozen=True, kw_only=True):
    """One non-empty line of the raw text, classified. Kept blocks are the cleaned paragraphs."""

    n: int
    kind: BlockKind
    kept: bool
    text: str
    raw_start: int
    raw_end: int
    clean_start: int | None = None
    clean_end: int | None = None


class CleanText(msgspec.Struct, frozen=True, kw_only=True):
    clean: str
    blocks: list[Block]

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kept]

    def raw_offset(self, clean_offset: int) -> int:
        """Map an offset in the cleaned text back to the raw text."""
        for block in self.paragraphs:
            assert block.clean_start is not None
            assert block.clean_end is not None
            if block.clean_start <= clean_offset <= block.clean_end:
                return block.raw_start + (clean_offset - block.clean_start)
        raise ValueError(f"offset {clean_offset} falls between paragraphs of the cleaned text")


def _lines(raw: str) -> Iterable[tuple[int, int, str]]:
    """(start, end, stripped text) of every non-blank line."""
    position = 0
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = position + (len(line) - len(line.lstrip()))
            yield start, start + len(stripped), stripped
        position += len(line)


def _is_masthead(text: str, outlet: str | None) -> bool:
    if not outlet:
        return False
    return re.fullmatch(rf"(?:{re.escape(outlet)}\s*)+", text) is not None


def classify(raw: str, *, outlet: str | None, captions: Iterable[str] = ()) -> CleanText:
    """Classify every line of `raw` and build the cleaned text from the kept ones."""
    captions = tuple(captions)
    blocks: list[Block] = []
    seen_kept: set[str] = set()
    in_tail = False
    previous_kind: BlockKind | None = None
    clean_parts: list[str] = []
    clean_length = 0
    for n, (start, end, text) in enumerate(_lines(raw)):
        kind: BlockKind
        if in_tail or _TAIL.match(text):
            in_tail, kind = True, "tail"
        elif _NAVIGATION.match(text):
            kind = "navigation"
        elif _WIDGET.match(text) or (previous_kind == "widget" and text[:1].islower()):
            # A widget's text wrapped onto a second line starts lower-case ("with the ... Daily").
            kind = "widget"
        elif _EDITOR_NOTE.match(text):
            kind = "editor_note"
        elif _BYLINE.match(text):
            kind = "byline"
        elif _is_masthead(text, outlet):
            kind = "masthead"
        elif any(text.startswith(prefix) for prefix in captions):
            kind = "caption"
        elif text in seen_kept:
            kind = "repeated_line"
        elif not seen_kept:
            kind = "headline"
        else:
            kind = "paragraph"
        kept = kind in ("headline", "paragraph")
        clean_start = clean_end = None
        if kept:
            if clean_parts:
                clean_length += len(PARAGRAPH_SEPARATOR)
            clean_start, clean_end = clean_length, clean_length + len(text)
            clean_parts.append(text)
            clean_length = clean_end
            seen_kept.add(text)
        blocks.append(
            Block(
                n=n,
                kind=kind,
                kept=kept,
                text=text,
                raw_start=start,
                raw_end=end,
                clean_start=clean_start,
                clean_end=clean_end,
            )
        )
        previous_kind = kind
    return CleanText(clean=PARAGRAPH_SEPARATOR.join(clean_parts), blocks=blocks)
