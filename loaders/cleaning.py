"""Cleaning a source page's text: keep the article, drop the page furniture, remember where
everything came from.

Sources arrive as text scraped from web pages: navigation lines, share and comment widgets,
repeated mastheads, "Other news" tails and photo captions sit among the paragraphs; government
releases add letterheads, datelines, view counters and site footers; the source library's files add
the collector's own notes (a paraphrase's header, the mark where a stored copy was cut off). The
cleaner classifies every line, keeps the article's lines as paragraphs, and records each kept
paragraph's offsets in both the raw and the cleaned text, so a citation can be shown against either.
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
    "curator_note",
    "repeated_line",
    "footer",
    "tail",
]

PARAGRAPH_SEPARATOR = "\n\n"

# Lines that end the article: everything from here on is a list of links to other stories.
_TAIL = re.compile(r"^(Other news|Also Read|Related (news|articles|stories)|More from .*)$", re.I)
_NAVIGATION = re.compile(
    r"^(Go to Contents\b.*|Home\s*>.*|print dictionary print|Skip to .*"
    # Korean skip links and menu buttons ("본문 바로가기" is "go to the main text").
    r"|\w{0,8} ?바로가기( 메뉴)?|(검색창|전체 ?메뉴|메뉴) (열기|닫기)"
    # A language switcher's label standing alone.
    r"|KOR|ENG|JPN|CHN|한국어|English|日本語|中文"
    # A site section's name above the article, and the link back to it (or to the top).
    r"|Policies|Press Releases?|News Releases?|Press Briefings?"
    r"|(Back|Return) to (the )?(top|home|[\w ]{0,40}\b(list|index|page|releases?|news))|.{1,20}へ戻る)$",
    re.I,
)
_WIDGET = re.compile(
    r"^(Log(ged)? in\b.*|To write comments.*|help-image.*|lock icon|Standards Board Policy.*|Send Feedback"
    r"|How can we improve\?|Thanks for your feedback!|Share (this|on) .*|Comments? \(\d+\)"
    # Advertisements and sign-up or feedback links.
    r"|.+ - Buy (it|them|one|now)( here| now)?!?|Advertisement|Sponsored"
    r"|(Join|Subscribe to|Sign up for) (the|our) (mailing list|newsletter)\b.*|[御ご]意見[・･]?[御ご]要望)$",
    re.I,
)
# A view counter is a label line followed by the count on a line of its own.
_COUNTER_LABEL = re.compile(r"^(hits?|views?|조회수?|閲覧数)$", re.I)
_COUNT = re.compile(r"^\d[\d,]*$")
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_BYLINE = re.compile(
    r"^(Our Bureau|By [A-Z][\w.' -]+|Staff Reporter|All Headlines \d{1,2}:\d{2} .*"
    r"|\d{1,2}:\d{2} ?(AM|PM), [A-Z][a-z]+ \d{1,2}, \d{4}"
    # Datelines standing alone, the label of a page's date field, and a release's release line.
    rf"|{_MONTH} \d{{1,2}}, \d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|((平成|令和|昭和)\d{{1,2}}|\d{{4}})年\d{{1,2}}月\d{{1,2}}日"
    r"|Date|Posted|Published|Updated|등록일|작성일|(FOR )?IMMEDIATE RELEASE\b.*"
    # Who classified a diplomatic cable.
    r"|Classified [Bb]y: .*)$"
)
# Letterheads: a release's issuing office, its kind and number; a cable's classification and routing lines.
_LETTERHEAD = re.compile(
    r"^(Office of the .+\(Public Affairs\)|News (Transcript|Release)|No\. ?\d+-\d{2}"
    r"|(C O N F I D E N T I A L|S E C R E T|U N C L A S S I F I E D|UNCLAS|LIMITED OFFICIAL USE)\b.*"
    r"|SIPDIS|E\.O\. \d+: .*|TAGS: .*)$"
)
# A copyright footer; "(C)" alone also marks a cable's confidential paragraphs, so it needs a year or
# a name in another script after it ("(C) 防衛省・自衛隊").
_FOOTER = re.compile(
    r"^(©.*|Copyright ?(\([Cc]\)|©|\d{4}).*|\([Cc]\) ?(\d{4}\b|[^\x00-\x7F]).*|.*\bAll rights reserved\.?)$"
)
_EDITOR_NOTE = re.compile(r"^\((ATTN|EDS|CORRECTS|UPDATES)\b.*\)$")
# The source library's collector marks a retelling with a header line, and a copy cut short with a
# closing mark; inside a retelling, a line wholly in brackets or parentheses is the collector's aside
# (what the outlet's segment was, a contrast with another report), not the retold report.
_PARAPHRASE_HEADER = re.compile(r"^\[PARAPHRASE\b[^\[\]]*\]$")
_CUT_MARK = re.compile(r"^\[(\.\.\.|…) [^\[\]]+ (\.\.\.|…)\]$")
_ASIDE = re.compile(r"^(\[[^\[\]]+\]|\([^()]+\))$")
# A first line that is a long sentence is the article's opening paragraph (the stored copy starts
# below the page's title), not a headline.
_SENTENCE = re.compile(r"[.。][\"'”’)\]]*$")
_HEADLINE_MAX = 100


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
    in_tail = in_paraphrase = False
    previous_kind: BlockKind | None = None
    previous_text = ""
    clean_parts: list[str] = []
    clean_length = 0
    for n, (start, end, text) in enumerate(_lines(raw)):
        kind: BlockKind
        if _PARAPHRASE_HEADER.match(text):
            in_paraphrase, kind = True, "curator_note"
        elif _CUT_MARK.match(text) or (in_paraphrase and _ASIDE.match(text)):
            kind = "curator_note"
        elif in_tail or _TAIL.match(text):
            in_tail, kind = True, "tail"
        elif _NAVIGATION.match(text):
            kind = "navigation"
        elif (
            _WIDGET.match(text)
            or _COUNTER_LABEL.match(text)
            or (previous_kind == "widget" and text[:1].islower())
            or (_COUNTER_LABEL.match(previous_text) and _COUNT.match(text))
        ):
            # A widget's text wrapped onto a second line starts lower-case ("with the ... Daily").
            kind = "widget"
        elif _EDITOR_NOTE.match(text):
            kind = "editor_note"
        elif _BYLINE.match(text):
            kind = "byline"
        elif _is_masthead(text, outlet) or _LETTERHEAD.match(text):
            kind = "masthead"
        elif _FOOTER.match(text):
            kind = "footer"
        elif any(text.startswith(prefix) for prefix in captions):
            kind = "caption"
        elif text in seen_kept:
            kind = "repeated_line"
        elif not seen_kept and not (len(text) > _HEADLINE_MAX and _SENTENCE.search(text)):
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
        previous_kind, previous_text = kind, text
    return CleanText(clean=PARAGRAPH_SEPARATOR.join(clean_parts), blocks=blocks)
