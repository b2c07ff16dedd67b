"""Splitting an official agreement text into preamble, articles, paragraphs, items, final clause
and annexes, each with a stable id and offsets into both the raw and the clean text.

Official texts arrive as markdown (from treaty-database mirrors) or plain text, often with
several language versions in one file. Like `cleaning.py`, the splitter works line by line:
furniture (HTML lines, heading marks, link targets) is dropped, every kept paragraph remembers
its raw span, and units are runs of paragraphs, so a unit's raw and clean spans come for free.

Structure is read from what treaties share across languages: "Article/Artikel N" and
"Annex/Annexe/Bijlage N" headings, numbered paragraphs ("1."), roman items ("(i)", "i.") and
lettered items ("a)", "a).", "(a)", "a."). Ids depend on numbers only, never on words, so the
English and Dutch versions of an article get the same ids.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from loaders.quotes import NormalisedText
from schema.texts import OfficialText, TextUnit, UnitKind

# Furniture and inline markup. Link targets are dropped, link text is kept.
_HTML_LINE = re.compile(r"^(?:<[^>]*>\s*)+$")
_MD_HEADING = re.compile(r"^#{1,6}\s*(.*?)(?:\s+#+)?$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_SPACE = re.compile(r"\s+")

# Heading word -> (unit kind, languages that use it). "Article" is English and French alike.
_HEADING_WORDS = {
    "article": ("article", frozenset({"en", "fr"})),
    "artikel": ("article", frozenset({"nl"})),
    "annex": ("annex", frozenset({"en"})),
    "annexe": ("annex", frozenset({"fr"})),
    "bijlage": ("annex", frozenset({"nl"})),
}
_ROMAN = r"c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
# A heading line is only the word and number, optionally with a short caption after a dash or
# colon; "Article 5. This Agreement enters into force ..." is body text, not a heading.
_HEADING = re.compile(
    r"(?P<word>article|artikel|annexe?|bijlage)\s+(?P<num>\d+|1er|premier|[a-z]+)"
    r"\s*(?:[.:–—-]\s*(?P<caption>[^.;:]{0,150}))?",
    re.I,
)
# "(i) ", "(a) ", "1. ", "1) ", "a) ", "a). ", "i. " at the start of a line.
_MARKER = re.compile(r"\((?P<p>\d+|[a-z]+)\)\s+|(?P<b>\d+|[a-z]+)(?:\)\.?|\.)\s+")
_FINAL_CLAUSE = re.compile(
    r"(IN WITNESS WHEREOF|TEN BLIJKE WAARVAN|EN FOI DE QUOI|DONE (at|in)\b|GEDAAN te\b|FAIT à\b)", re.I
)
# Only used to recognise the title of a plain-text version (markdown titles are headings).
_TITLE_WORD = re.compile(
    r"(agreement|convention|treaty|protocol|memorandum|arrangement|exchange of|verdrag|overeenkomst"
    r"|accord|traité|protocole|échange de)\b",
    re.I,
)
# Frequent function words, to tell English from French when both use "Article" and no annex.
_STOPWORDS = {
    "en": {"the", "of", "and", "shall", "to", "by"},
    "fr": {"le", "la", "les", "des", "et", "du"},
    "nl": {"de", "het", "van", "een", "en", "door"},
}


def _roman_value(token: str) -> int | None:
    token = token.lower()
    if not token or not re.fullmatch(_ROMAN, token):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for char, following in zip(token, [*token[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


def _read_number(token: str, previous: tuple[str, int | str] | None) -> tuple[str, int | str] | None:
    """(family, value) of a number as written: ("num", 3), ("roman", 4) or ("letter", "c").

    "i", "v", "x", "l" and "c" are both letters and roman numerals: a token continuing the
    previous sibling's sequence (h -> i, iv -> v) keeps its family; otherwise "i" starts a roman
    list and the others are letters.
    """
    lower = token.lower()
    if lower.isdigit():
        return "num", int(lower)
    if lower in ("1er", "premier"):
        return "num", 1
    roman = _roman_value(lower)
    letter = lower if len(lower) == 1 and lower.isalpha() else None
    if letter and previous == ("letter", chr(ord(letter) - 1)):
        return "letter", letter
    if roman is not None and (lower == "i" or letter is None or previous == ("roman", roman - 1)):
        return "roman", roman
    return ("letter", letter) if letter else None


def _clean_inline(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = html.unescape(_ESCAPE.sub(r"\1", text))
    return _SPACE.sub(" ", text).strip()


def _follows(node: _Node, seq: tuple[str, int | str]) -> bool:
    """Whether `seq` is the number right after `node`'s in the same list (b after a, 3 after 2)."""
    if node.seq is None or node.seq[0] != seq[0]:
        return False
    previous, value = node.seq[1], seq[1]
    if isinstance(previous, int) and isinstance(value, int):
        return value == previous + 1
    if isinstance(previous, str) and isinstance(value, str) and len(previous) == len(value) == 1:
        return ord(value) == ord(previous) + 1
    return False


@dataclass
class _Token:
    """A title, a unit heading or a paragraph of body text, with its raw span."""

    kind: str  # "title" | "heading" | "block"
    raw_start: int
    raw_end: int
    text: str  # cleaned
    lines: int = 1
    word: str = ""  # heading word, lower-cased
    number: str = ""  # heading number as written


def _tokens(raw: str) -> Iterator[_Token]:
    position, block = 0, None
    for line in raw.splitlines(keepends=True):
        stripped = line.strip()
        start = position + len(line) - len(line.lstrip())
        end = start + len(stripped)
        position += len(line)
        heading = _MD_HEADING.fullmatch(stripped)
        text = _clean_inline(heading.group(1) if heading else stripped)
        unit = _HEADING.fullmatch(text)
        if not stripped or _HTML_LINE.match(stripped) or heading or unit:
            if block:
                yield block
            block = None
            if unit:
                yield _Token("heading", start, end, text, word=unit["word"].lower(), number=unit["num"])
            elif heading and text:
                yield _Token("title", start, end, text)
        elif block and not _MARKER.match(text):
            # A hard-wrapped line continues its paragraph; a marker always starts a new one.
            block.raw_end, block.text, block.lines = end, f"{block.text} {text}", block.lines + 1
        else:
            if block:
                yield block
            block = _Token("block", start, end, text)
    if block:
        yield block


def _looks_like_title(token: _Token) -> bool:
    return token.kind == "title" or (
        token.kind == "block"
        and token.lines == 1
        and len(token.text) <= 300
        and _TITLE_WORD.match(token.text) is not None
        and token.text[-1] not in ".;:,"
    )


def _split_versions(tokens: list[_Token]) -> list[list[_Token]]:
    """Cut the token stream where a new language version starts.

    A version starts where the heading language changes (Article -> Artikel) or the article
    numbering starts again. The cut goes before the first title after the previous unit's
    opening paragraph (so the new version keeps its title and preamble), or, with no title,
    right before the heading.
    """
    cuts, languages, last_article, last_heading = [0], None, 0, -1
    for i, token in enumerate(tokens):
        if token.kind != "heading":
            continue
        kind, candidates = _HEADING_WORDS[token.word]
        read = _read_number(token.number, None) if kind == "article" else None
        number = read[1] if read and read[0] != "letter" else None
        restart = isinstance(number, int) and 0 < number <= last_article
        if restart or (languages is not None and not languages & candidates):
            cut = next((j for j in range(last_heading + 2, i) if _looks_like_title(tokens[j])), i)
            cuts.append(cut)
            languages, last_article = candidates, 0
        else:
            languages = languages & candidates if languages else candidates
        if isinstance(number, int):
            last_article = number
        last_heading = i
    return [tokens[a:b] for a, b in zip(cuts, [*cuts[1:], len(tokens)], strict=True)]


@dataclass(eq=False)
class _Node:
    id: str
    kind: UnitKind
    number: str | None
    heading: str | None
    parent: _Node | None
    seq: tuple[str, int | str] | None = None  # (family, value) of a numbered unit: ("roman", 4)
    first: int = -1
    last: int = -1


class _Builder:
    """Places the paragraphs of one version into units, keeping a stack of open list levels."""

    def __init__(self) -> None:
        self.blocks: list[_Token] = []
        self.nodes: list[_Node] = []
        self.stack: list[_Node] = []  # stack[0] is the open top-level unit, if any
        self.tops: list[_Node] = []
        self.in_annex = False

    def _new(self, node: _Node) -> _Node:
        if any(n.id == node.id for n in self.nodes):
            raise ValueError(f"two units would get the id {node.id!r}; the numbering is not understood")
        self.nodes.append(node)
        if node.parent is None:
            self.tops.append(node)
        return node

    def _attach(self, block: _Token, node: _Node | None) -> None:
        self.blocks.append(block)
        while node is not None:
            node.first = len(self.blocks) - 1 if node.first < 0 else node.first
            node.last = len(self.blocks) - 1
            node = node.parent

    def heading(self, token: _Token) -> None:
        kind = _HEADING_WORDS[token.word][0]
        siblings = [n for n in self.tops if n.kind == kind]
        seq = _read_number(token.number, siblings[-1].seq if siblings else None)
        seq = seq or ("word", token.number.lower())  # "Article bis": kept as written
        prefix = "art" if kind == "article" else "annex"
        node = _Node(f"{prefix}_{seq[1]}", kind, token.number, token.text, None, seq)
        self.stack = [self._new(node)]
        self.in_annex = kind == "annex"
        self._attach(token, node)

    def section_title(self, token: _Token) -> None:
        # A heading that is no unit inside a version ("Chapter II"): kept in the clean text,
        # but it closes the open unit, and what follows it belongs to no unit until the next one.
        self.stack = []
        self._attach(token, None)

    def block(self, token: _Token) -> None:
        seen_article = any(n.kind == "article" for n in self.tops)
        if not self.tops:
            self.stack = [self._new(_Node("preamble", "preamble", None, None, None))]
        elif (
            seen_article
            and not self.in_annex
            and _FINAL_CLAUSE.match(token.text)
            and not any(n.kind == "final_clause" for n in self.tops)
        ):
            self.stack = [self._new(_Node("final_clause", "final_clause", None, None, None))]
        if not self.stack or self.stack[0].kind in ("preamble", "final_clause"):
            # Preamble and final clause have no inner structure; text after a section title has no unit.
            self._attach(token, self.stack[0] if self.stack else None)
            return
        marker = _MARKER.match(token.text)
        number, read = (marker["p"] or marker["b"]) if marker else "", None
        if marker:
            # Disambiguate "i"/"v"/"x"/"c" against the open lists that would expect them next.
            for node in self.stack[1:]:
                candidate = _read_number(number, node.seq)
                if candidate and node.seq and candidate[0] == node.seq[0]:
                    read = candidate
            read = read or _read_number(number, None)
        if read is None:
            # Unmarked text after a list closes its items (flush-out text belongs to the parent),
            # but stays inside a numbered paragraph, which runs until the next number.
            while len(self.stack) > 1 and (self.stack[-1].seq or ("",))[0] != "num":
                self.stack.pop()
            self._attach(token, self.stack[-1])
            return
        family, value = read
        # A sibling in the innermost open list this number continues (b after a), else in the
        # innermost list of its kind; a restart ("a", "1", "i") is a new nested list instead.
        same = [i for i, n in enumerate(self.stack) if i and n.seq and n.seq[0] == family]
        after = [i for i in same if _follows(self.stack[i], read)]
        level = (after or same or [None])[-1]
        if level is not None and value not in ("a", 1):
            del self.stack[level:]
        parent = self.stack[-1]
        if family == "num" and parent is self.stack[0]:
            kind: UnitKind = "paragraph"
        elif parent.kind in ("item", "subitem", "annex_item"):
            kind = "subitem"
        else:
            kind = "annex_item" if self.in_annex else "item"
        # Items keep their numeral as written ("item_iv"), lower-cased: that is how lawyers cite them.
        prefix, name = ("para", value) if kind == "paragraph" else ("item", number.lower())
        node = self._new(_Node(f"{parent.id}__{prefix}_{name}", kind, number, None, parent, read))
        self.stack.append(node)
        self._attach(token, node)


def _language(candidates: frozenset[str], clean: str) -> str:
    words = re.findall(r"\w+", clean.lower())
    pool = sorted(candidates or _STOPWORDS)
    return max(pool, key=lambda lang: sum(word in _STOPWORDS.get(lang, ()) for word in words))


def _build(tokens: list[_Token], raw_sha256: str) -> OfficialText | None:
    # The version's title is the last title before its first paragraph or heading.
    lead = 0
    while lead < len(tokens) and tokens[lead].kind == "title":
        lead += 1
    title = tokens[lead - 1] if lead else None
    rest = tokens[lead:]
    if title is None and len(rest) > 1 and rest[0].kind == "block" and _looks_like_title(rest[0]):
        # Plain text has no heading marks: a lone "Agreement between ..." line opens the version.
        title, rest = rest[0], rest[1:]
    builder = _Builder()
    candidates: frozenset[str] = frozenset()
    for token in rest:
        if token.kind == "heading":
            words = _HEADING_WORDS[token.word][1]
            candidates = words if not candidates else candidates & words or candidates
            builder.heading(token)
        elif token.kind == "title":
            builder.section_title(token)
        else:
            builder.block(token)
    if not builder.nodes:
        return None
    clean_parts, clean_spans, length = [], [], 0
    for block in builder.blocks:
        length += 2 if clean_parts else 0
        clean_parts.append(block.text)
        clean_spans.append((length, length + len(block.text)))
        length += len(block.text)
    clean = "\n\n".join(clean_parts)
    language = _language(candidates, clean)
    units = [
        TextUnit(
            id=node.id,
            kind=node.kind,
            number=node.number,
            heading=node.heading,
            parent=node.parent.id if node.parent else None,
            language=language,
            text=clean[clean_spans[node.first][0] : clean_spans[node.last][1]],
            raw_start=builder.blocks[node.first].raw_start,
            raw_end=builder.blocks[node.last].raw_end,
            clean_start=clean_spans[node.first][0],
            clean_end=clean_spans[node.last][1],
            order=order,
        )
        for order, node in enumerate(builder.nodes)
    ]
    return OfficialText(
        language=language,
        title=title.text if title else None,
        units=units,
        clean=clean,
        raw_sha256=raw_sha256,
        raw_start=title.raw_start if title else builder.blocks[0].raw_start,
        raw_end=builder.blocks[-1].raw_end,
    )


def split_official_text(raw: str) -> list[OfficialText]:
    """One `OfficialText` per language version found in `raw`, in the order they appear."""
    digest = hashlib.sha256(raw.encode()).hexdigest()
    versions = (_build(part, digest) for part in _split_versions(list(_tokens(raw))))
    return [version for version in versions if version is not None]


def unit_at(text: OfficialText, clean_start: int, clean_end: int) -> TextUnit | None:
    """The deepest unit whose clean span contains [clean_start, clean_end), or None."""
    # Units are in document order and parents precede children, so the last containing unit is
    # the deepest one.
    found = None
    for unit in text.units:
        if unit.clean_start <= clean_start and clean_end <= unit.clean_end:
            found = unit
    return found


def find_unit(text: OfficialText, quote: str, *, occurrence: int | None = None) -> TextUnit | None:
    """The deepest unit that contains the whole quote (matched up to whitespace in the clean text).

    A quote crossing two units gets their common parent (items (i) and (ii) -> the article);
    one crossing two top-level units (two articles) gets None, as does a quote not in the text.
    A quote found more than once needs `occurrence` (1 is the first), as in citations.
    """
    spans = NormalisedText(text.clean).find_all(quote)
    if occurrence is None:
        if len(spans) > 1:
            raise ValueError(f"the quote occurs {len(spans)} times in the {text.language} text; say which")
        occurrence = 1
    if occurrence > len(spans):
        return None
    return unit_at(text, *spans[occurrence - 1])
