"""Splitting an official text file into its instruments and language versions, each split into units
with stable ids and offsets into both the raw and the clean text.

The pipeline: `tokens` reads lines into titles, headings, paragraphs, tables and cuts (dropping
furniture); `instruments` cuts the tokens into parts, one per instrument and language, and names
them; `languages` tells each part's language from its text; `tree` places each part's paragraphs
into units. A unit's raw span runs from its first paragraph to its last, and its clean text is
those paragraphs' cleaned text, so raw and clean spans come for free.
"""

from __future__ import annotations

import hashlib

from loaders.quotes import NormalisedText
from loaders.texts.instruments import Part, looks_like_title, name_instruments, self_kind, split_parts, title_kind
from loaders.texts.languages import guess_language
from loaders.texts.tokens import Token, is_cjk, tokenize
from loaders.texts.tree import Builder, Node
from schema.texts import OfficialText, TextUnit


def _lead(part: Part) -> tuple[Token | None, list[Token]]:
    """The part's title (the last title before its first paragraph or heading) and the rest."""
    lead = 0
    while lead < len(part.tokens) and part.tokens[lead].kind in ("title", "cut"):
        lead += 1
    head, rest = part.tokens[:lead], part.tokens[lead:]
    titles = [i for i, t in enumerate(head) if t.kind == "title"]
    # The title naming the instrument; section titles after it ("Specificatie betreffende artikel II")
    # belong to the text.
    named = [i for i in titles if title_kind(head[i].text)]
    chosen = named[-1] if named else titles[-1] if titles else None
    title = head[chosen] if chosen is not None else None
    cuts = [t for t in head if t.kind == "cut"]
    if chosen is not None and named:
        rest = [t for t in head[chosen + 1 :] if t.kind == "title"] + rest
    if title is None and part.kind != "note":
        # Plain text has no heading marks: an "Agreement between ..." line (or a Japanese or Korean
        # line ending in 協定 / 협정) opens the version; lines before it are a page header.
        for index, token in enumerate(rest[:3]):
            if token.kind != "block" or len(rest) <= index + 1:
                break
            if looks_like_title(token, cjk_only=is_cjk(token.text)) and (index == 0 or is_cjk(token.text)):
                end = index + 1
                while end + 1 < len(rest) and rest[end].kind == "block" and looks_like_title(rest[end], cjk_only=True):
                    end += 1  # a title printed twice (a page header, then the title)
                title, rest = rest[end - 1], rest[end:]
                break
    return title, cuts + rest


def _language(part: Part, body: list[Token], title: Token | None) -> str:
    # The first 20,000 characters tell the language as well as the whole text would.
    text = " ".join(t.text for t in body if t.kind == "block")[:20000] or (title.text if title else "")
    headed = [t for t in body if t.heading is not None and t.heading.languages]
    guess = guess_language(text)
    if guess.confident:
        for token in headed:
            assert token.heading is not None
            if guess.language not in token.heading.languages:
                languages = "/".join(sorted(token.heading.languages))
                raise ValueError(
                    f"the {part.kind or 'text'} version at offset {token.raw_start} is in {guess.language!r} but "
                    f"is filed under the heading {token.heading.label!r}, which is {languages}"
                )
        return guess.language or "und"
    allowed = [t.heading.languages for t in headed if t.heading is not None]
    common = frozenset.intersection(*allowed) if allowed else frozenset()
    if len(common) == 1:
        return next(iter(common))
    return guess.language or (sorted(common)[0] if common else "und")


def _units(builder: Builder, language: str) -> tuple[list[TextUnit], str]:
    clean_parts: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for block in builder.blocks:
        length += 2 if clean_parts else 0
        clean_parts.append(block.text)
        spans.append((length, length + len(block.text)))
        length += len(block.text)
    clean = "\n\n".join(clean_parts)
    nodes: list[Node] = [n for n in builder.nodes if n.first >= 0]
    units = [
        TextUnit(
            id=node.id,
            kind=node.kind,  # type: ignore[arg-type]
            number=node.number,
            heading=node.heading,
            parent=node.parent.id if node.parent else None,
            language=language,
            text=clean[spans[node.first][0] : spans[node.last][1]],
            raw_start=builder.blocks[node.first].raw_start,
            raw_end=builder.blocks[node.last].raw_end,
            clean_start=spans[node.first][0],
            clean_end=spans[node.last][1],
            order=order,
            label=node.label,
            caption=node.caption,
            fragment=node.fragment,
            cells=list(node.cells) if node.cells is not None else None,
        )
        for order, node in enumerate(nodes)
    ]
    return units, clean


def split_official_text(raw: str) -> list[OfficialText]:
    """One `OfficialText` per instrument and language version found in `raw`, in file order."""
    digest = hashlib.sha256(raw.encode()).hexdigest()
    parts = split_parts(list(tokenize(raw)))
    leads = []
    for part in parts:
        title, body = _lead(part)
        if part.kind is None:
            first = next((t.text for t in body if t.kind == "block"), "")
            part.kind = (title_kind(title.text) if title else None) or self_kind(first[:500])
        part.language = _language(part, body, title)
        leads.append((title, body))
    name_instruments(parts)
    texts = []
    for part, (title, body) in zip(parts, leads, strict=True):
        root = None
        if not part.main:
            root = Node(part.instrument, "instrument", part.number, title.text if title else None, None)
        builder = Builder(body, root=root)
        builder.run()
        if not builder.blocks:
            continue
        units, clean = _units(builder, part.language)
        top = root.id if root else None
        texts.append(
            OfficialText(
                language=part.language,
                title=title.text if title else None,
                units=units,
                clean=clean,
                raw_sha256=digest,
                raw_start=title.raw_start if title else builder.blocks[0].raw_start,
                raw_end=builder.blocks[-1].raw_end,
                instrument=part.instrument,
                instrument_kind=part.kind,  # type: ignore[arg-type]
                main=part.main,
                partial=builder.partial,
                holds=[u.id for u in units if (u.parent == top or u.kind == "article") and u.id != top]
                or ([top] if top else []),
            )
        )
    return texts


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
