"""Unit headings in every language of the library: "Article 2", "Artikel 2", "ARTICLE 7", "Section 3",
"HOOFDSTUK V", "Annex I", "Bijlage", "Appendix A", "Nr. II", "第四条 秘密指定", "제 3 조", and headings
that are only a number ("### 4").

A heading line is only the word and the number, optionally with a short caption after a dash or
colon (or, in Japanese and Korean, after a space); "Article 5. This Agreement enters into force
..." is body text, not a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Heading word -> (kind of unit it opens, languages that use the word). "Article" is English and
# French alike, "Artikel" Dutch and German; "Nr." and "No." head notes in English texts too, so
# they say nothing about the language.
HEADING_WORDS: dict[str, tuple[str, frozenset[str]]] = {
    "article": ("article", frozenset({"en", "fr"})),
    "artikel": ("article", frozenset({"nl", "de"})),
    "annex": ("annex", frozenset({"en"})),
    "annexe": ("annex", frozenset({"fr"})),
    "bijlage": ("annex", frozenset({"nl"})),
    "anhang": ("annex", frozenset({"de"})),
    "anlage": ("annex", frozenset({"de"})),
    "schedule": ("annex", frozenset({"en"})),
    "appendix": ("appendix", frozenset({"en"})),
    "appendice": ("appendix", frozenset({"fr"})),
    "aanhangsel": ("appendix", frozenset({"nl"})),
    "attachment": ("attachment", frozenset({"en"})),
    "chapter": ("chapter", frozenset({"en"})),
    "chapitre": ("chapter", frozenset({"fr"})),
    "hoofdstuk": ("chapter", frozenset({"nl"})),
    "kapitel": ("chapter", frozenset({"de"})),
    "part": ("part", frozenset({"en"})),
    "partie": ("part", frozenset({"fr"})),
    "deel": ("part", frozenset({"nl"})),
    "section": ("section", frozenset({"en", "fr"})),
    "afdeling": ("section", frozenset({"nl"})),
    "abschnitt": ("section", frozenset({"de"})),
    "no": ("note", frozenset()),
    "nr": ("note", frozenset()),
    "n°": ("note", frozenset()),
}
# Kinds whose heading must carry a number; annexes and appendices may stand alone ("Bijlage").
_NUMBERED = {"article", "chapter", "part", "section", "note"}

_NUMBER = r"\d{1,3}[a-z]?|[ivxlc]{1,7}|[a-z]|1er|premier|unique"
_LATIN = re.compile(
    r"(?P<word>article|artikel|annexe?|bijlage|anhang|anlage|schedule|appendix|appendice|aanhangsel|attachment"
    r"|chapter|chapitre|hoofdstuk|kapitel|part|partie|deel|section|afdeling|abschnitt|no|nr|n°)\.?"
    rf"(?:\s+(?P<num>{_NUMBER})(?:\s+(?P<suffix>bis|ter|quater))?)?"
    r"\s*(?:[.:–—-]\s*(?P<caption>[^.;:]{0,150}))?",
    re.I,
)
_KANJI = "〇一二三四五六七八九十百千"
_JAPANESE = re.compile(
    rf"(?P<word>第)(?P<num>[{_KANJI}\d０-９]{{1,6}})(?P<unit>[条章])(?:[ \u3000]+(?P<caption>.{{1,80}}))?"
)
_KOREAN = re.compile(r"(?P<word>제)\s*(?P<num>\d{1,3})\s*(?P<unit>[조장])(?:\s+(?P<caption>.{1,80}))?")
# A markdown heading that is only a number ("###1", "### IV") heads a numbered section.
_BARE_NUMBER = re.compile(r"(?P<num>\d{1,3}|[IVXLC]{1,7})\.?")
_NOTE_NUMBER = re.compile(r"[ivx]{1,4}|\d", re.I)


@dataclass(frozen=True)
class Heading:
    kind: str
    """article | annex | appendix | attachment | chapter | part | section | note"""
    number: str | None
    """The number as written ("1", "IV", "A", "四"), None for an unnumbered annex."""
    label: str
    """Word and number as printed, whitespace normalised: "Article 2", "Nr. II", "第四条", "4"."""
    caption: str | None
    languages: frozenset[str]
    """Languages whose heading word this is; empty when the word says nothing about the language."""


def parse_heading(text: str, *, markdown: bool = False) -> Heading | None:
    """The heading `text` (one cleaned line) is, or None. Bare numbers count only as markdown headings."""
    latin = _LATIN.fullmatch(text)
    if latin:
        word = latin["word"].lower()
        kind, languages = HEADING_WORDS[word]
        number = latin["num"]
        if number is None and kind in _NUMBERED:
            return None
        if kind == "note" and not (number and _NOTE_NUMBER.fullmatch(number)):
            return None
        if number and latin["suffix"]:
            number = f"{number} {latin['suffix']}"
        label_end = latin.end("suffix") if latin["suffix"] else latin.end("num") if number else latin.end("word")
        label = " ".join(text[:label_end].split())
        caption = (latin["caption"] or "").strip() or None
        return Heading(kind, number, label, caption, languages)
    for pattern, language in ((_JAPANESE, "ja"), (_KOREAN, "ko")):
        cjk = pattern.fullmatch(text)
        if cjk:
            kind = "article" if cjk["unit"] in "条조" else "chapter"
            label = " ".join(text[: cjk.end("unit")].split())
            caption = (cjk["caption"] or "").strip() or None
            return Heading(kind, cjk["num"], label, caption, frozenset({language}))
    if markdown:
        bare = _BARE_NUMBER.fullmatch(text)
        if bare:
            return Heading("section", bare["num"], bare["num"], None, frozenset())
    return None
