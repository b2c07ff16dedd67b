"""Cutting a file's tokens into parts, one per instrument and language version, and naming the
instruments so that their ids line up across languages.

A file of the treaty database may hold an agreement and its implementing procedure, exchanges of
notes ("No. I", "Nr. II"), agreed minutes, protocols, letters and declarations, each in one or more
languages. A new part starts at
- a note heading ("No. I", "Nr. II");
- a title naming an instrument ("Procedureregeling ...", "Overeengekomen Notulenverklaring",
  "Agreement between ...") after body text, or an untitled heading after which the text calls
  itself something else ("As used throughout this contract ...");
- a restart of the article numbering, or headings of another language (Article -> Artikel);
- a long paragraph in another language than the text so far (an English declaration after a
  Dutch agreement).

Instruments are named by kind (from their title, or from how their own text refers to itself) and
number: `note_1`, `procedure`, `minute`, `protocol_2`. The same instrument has the same name in
every language, since kinds are read from words in each language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.texts.headings import HEADING_WORDS
from loaders.texts.languages import guess_language
from loaders.texts.numbering import number_value, parse_marker
from loaders.texts.tokens import CJK_TITLE_END, Token

# Title opening words -> instrument kind. Longer phrases first.
_TITLE_KINDS: list[tuple[str, str]] = [
    ("agreed minute", "minute"),
    ("overeengekomen notulen", "minute"),
    ("procès-verbal", "minute"),
    ("notulen", "minute"),
    ("exchange of notes", "note"),
    ("exchange of letters", "letter"),
    ("notawisseling", "note"),
    ("briefwisseling", "letter"),
    ("échange de notes", "note"),
    ("échange de lettres", "letter"),
    ("begeleidend schrijven", "letter"),
    ("model contract", "contract"),
    ("modelcontract", "contract"),
    ("contract", "contract"),
    ("contrat", "contract"),
    ("memorandum", "memorandum"),
    ("mémorandum", "memorandum"),
    ("protocole", "protocol"),
    ("protocol", "protocol"),
    ("protokoll", "protocol"),
    ("procedureregeling", "procedure"),
    ("procedures", "procedure"),
    ("procedure", "procedure"),
    ("procédure", "procedure"),
    ("regels", "procedure"),
    ("règles", "procedure"),
    ("declaration", "declaration"),
    ("déclaration", "declaration"),
    ("gemeinsame erklärung", "declaration"),
    ("verklaring", "declaration"),
    ("letter", "letter"),
    ("lettre", "letter"),
    ("arrangement", "arrangement"),
    ("uitvoeringsregeling", "arrangement"),
    ("regeling", "arrangement"),
    ("kaderovereenkomst", "agreement"),
    ("overeenkomst", "agreement"),
    ("verdrag", "agreement"),
    ("akkoord", "agreement"),
    ("agreement", "agreement"),
    ("convention", "agreement"),
    ("treaty", "agreement"),
    ("accord", "agreement"),
    ("traité", "agreement"),
    ("abkommen", "agreement"),
    ("vertrag", "agreement"),
]
_CJK_KINDS = {"協定": "agreement", "条約": "agreement", "取決め": "arrangement", "議定書": "protocol"}
_CJK_KINDS |= {"협정": "agreement", "조약": "agreement", "약정": "arrangement", "의정서": "protocol"}
_TITLE_LEAD = re.compile(r"^[\s“„\"‘'*\[(]+")
# How a text names itself: "this contract", "deze Overeenkomst", "le présent Accord".
_SELF_REFERENCE = re.compile(
    r"\b(?:this|the present|deze|dit|le présent|la présente|ce|cet|cette)\s+"
    r"(contract|memorandum|agreement|protocol|arrangement|declaration|letter|overeenkomst|verdrag|protocol"
    r"|memorandum|regeling|verklaring|brief|contrat|accord|protocole|déclaration)\b",
    re.I,
)
_SELF_KINDS = {"overeenkomst": "agreement", "verdrag": "agreement", "accord": "agreement", "contrat": "contract"}
_SELF_KINDS |= {"regeling": "arrangement", "verklaring": "declaration", "brief": "letter"}
_SELF_KINDS |= {"protocole": "protocol", "déclaration": "declaration"}
_DECLARES = re.compile(r"\b(?:declare as follows|declare the following|verklaren het volgende|déclarent)\b", re.I)
_LONG_PARAGRAPH = 300
UNIT_HEADING_KINDS = {kind for kind, _ in HEADING_WORDS.values()} - {"note"}
TREATY_KINDS = ("agreement", "memorandum", "arrangement", "procedure", "protocol", "contract")


def title_kind(text: str) -> str | None:
    """The kind of instrument a title names by its opening words, or None."""
    lowered = _TITLE_LEAD.sub("", text).lower()
    for words, kind in _TITLE_KINDS:
        # Dutch compounds count too: "Procedureregeling", "Notulenverklaring".
        if lowered.startswith(words):
            return kind
    ending = CJK_TITLE_END.search(text.strip())
    return _CJK_KINDS[ending.group()] if ending else None


def self_kind(text: str) -> str | None:
    """The kind a text gives itself ("this contract" -> contract), or None."""
    if _DECLARES.search(text):
        return "declaration"
    found = _SELF_REFERENCE.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    return _SELF_KINDS.get(word, word)


def looks_like_title(token: Token, *, cjk_only: bool = False) -> bool:
    """A one-line paragraph that reads as an instrument's title ("ACCORD ENTRE ...", "...협정")."""
    if token.kind == "title":
        return True
    if token.kind != "block" or len(token.text) > 300 or token.text[-1] in ".;:,。":
        return False
    if CJK_TITLE_END.search(token.text):
        return True
    return not cjk_only and token.lines == 1 and title_kind(token.text) is not None


@dataclass
class Part:
    """The tokens of one instrument in one language, as they stand in the file."""

    tokens: list[Token] = field(default_factory=list)
    kind: str | None = None
    number: str | None = None  # of a note: "I"
    instrument: str = ""
    language: str = ""
    main: bool = False

    def has_body(self) -> bool:
        return any(t.kind in ("heading", "block", "table") for t in self.tokens)


def _article_number(token: Token) -> int | None:
    if token.kind != "heading" or token.heading is None or token.heading.kind != "article":
        return None
    return number_value(token.heading.number or "")


def _language_shift(token: Token, text_so_far: str, heading_languages: frozenset[str]) -> bool:
    """Whether a long unmarked paragraph is clearly in another language than the part so far (its text,
    or when that is too short to tell, its heading words)."""
    if token.kind != "block" or len(token.text) < _LONG_PARAGRAPH or parse_marker(token.text):
        return False
    now = guess_language(token.text)
    if not now.confident:
        return False
    before = guess_language(text_so_far)
    if before.confident:
        return before.language != now.language
    return bool(heading_languages) and now.language not in heading_languages


def split_parts(tokens: list[Token]) -> list[Part]:
    parts = [Part()]
    last_article, heading_languages, last_heading = 0, frozenset[str](), -1
    text_so_far: list[str] = []

    def start(index: int, kind: str | None = None, number: str | None = None) -> None:
        """Start a new part at tokens[index] of the current part's list (moving what follows it)."""
        nonlocal last_article, heading_languages, last_heading
        current = parts[-1]
        moved = current.tokens[index:]
        del current.tokens[index:]
        parts.append(Part(tokens=moved, kind=kind, number=number))
        last_article, heading_languages, last_heading = 0, frozenset(), -1
        text_so_far.clear()

    for i, token in enumerate(tokens):
        current = parts[-1]
        previous = current.tokens[-1] if current.tokens else None
        after_heading = previous is not None and (
            previous.kind == "heading" or (previous.kind == "title" and _follows_heading(current.tokens))
        )
        heading = token.heading
        if heading and heading.kind == "note":
            # Titles right before a note heading are the file's, not the note's.
            if not current.has_body():
                current.tokens = []
            parts.append(Part(kind="note", number=heading.number))
            last_article, heading_languages, last_heading = 0, frozenset(), -1
            text_so_far.clear()
        elif (
            (token.kind == "title" or (token.kind == "block" and _plain_title(token)))
            and not after_heading
            and current.has_body()
        ):
            kind = title_kind(token.text)
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if kind is None and following is not None and following.kind == "block" and looks_like_title(following):
                kind = title_kind(following.text)
                following.kind = "title"  # "11 november 1991" / "Overeengekomen Notulenverklaring"
            if kind is None:
                kind = _renamed(tokens, i, current.kind)
            if kind is not None:
                if token.kind == "block":
                    token.kind = "title"  # a plain-text title line: "Procedure for the implementation ..."
                parts.append(Part(kind=kind))
                last_article, heading_languages, last_heading = 0, frozenset(), -1
                text_so_far.clear()
        elif heading and heading.kind in UNIT_HEADING_KINDS:
            number = _article_number(token)
            restart = number is not None and 0 < number <= last_article
            foreign = bool(heading_languages and heading.languages and not heading_languages & heading.languages)
            if restart or foreign:
                titled = [
                    j for j in range(last_heading + 2, len(current.tokens)) if looks_like_title(current.tokens[j])
                ]
                start(titled[0] if titled else len(current.tokens))
            elif heading.languages:
                heading_languages = heading_languages & heading.languages or heading.languages
            if number is not None:
                last_article = number
            last_heading = len(parts[-1].tokens)
        elif _language_shift(token, " ".join(text_so_far[-12:])[-3000:], heading_languages):
            parts.append(Part(kind=self_kind(token.text)))
            last_article, heading_languages, last_heading = 0, frozenset(), -1
            text_so_far.clear()
        parts[-1].tokens.append(token)
        if token.kind == "block":
            text_so_far.append(token.text)
    return [part for part in parts if part.tokens]


def _plain_title(token: Token) -> bool:
    """A one-line plain-text title naming an instrument ("Procedure for the implementation of ...")."""
    return looks_like_title(token) and parse_marker(token.text) is None and not CJK_TITLE_END.search(token.text)


def _follows_heading(tokens: list[Token]) -> bool:
    """Whether the titles at the end of `tokens` directly follow a unit heading (they are its captions)."""
    for token in reversed(tokens):
        if token.kind == "heading":
            return True
        if token.kind != "title":
            return False
    return False


def _renamed(tokens: list[Token], index: int, current: str | None) -> str | None:
    """The kind an untitled section calls itself, when that differs from the instrument so far."""
    for token in tokens[index + 1 : index + 6]:
        if token.kind == "block":
            kind = self_kind(token.text)
            return kind if kind and kind != (current or "agreement") and kind in TREATY_KINDS else None
    return None


def name_instruments(parts: list[Part]) -> None:
    """Give every part its instrument id, the same for the same instrument in every language.

    Notes are named by their number (`note_1`); other instruments by kind, numbered from the second
    of a kind in one language (`protocol`, `protocol_2`). The first instrument that is not a note is
    the file's main instrument: its unit ids carry no prefix.
    """
    first_kind = next((p.kind for p in parts if p.kind and p.kind != "note"), "agreement")
    seen: dict[tuple[str, str], int] = {}
    for part in parts:
        if part.kind is None:
            part.kind = first_kind
        if part.kind == "note":
            value = number_value(part.number or "") or 1
            part.instrument = f"note_{value}"
            continue
        ordinal = seen[part.language, part.kind] = seen.get((part.language, part.kind), 0) + 1
        part.instrument = part.kind if ordinal == 1 else f"{part.kind}_{ordinal}"
    main = next((p.instrument for p in parts if p.kind != "note"), None)
    for part in parts:
        part.main = part.instrument == main
