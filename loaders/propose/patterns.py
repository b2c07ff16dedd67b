"""Compiling a table's patterns: macros for clauses, numbers, periods and months, and `<word>` tokens that
match every inflection of a word the text holds (by its Snowball stem, PyStemmer).

Stems are resolved against the text being read: `<consent>` becomes the alternation of the words of that
text whose stem is the stem of "consent" ("consent", "consents", "consented"), so a match is always a
span of the text itself and its quote verbatim.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

import Stemmer

from loaders.propose.tables import LanguageTable

# One clause: no sentence end (". " before a capital), semicolon or paragraph break inside.
_CLAUSE_CHAR = r"(?:(?!\.\s*(?-i:[A-Z(])|;|\n)[\s\S])"
_GAP = re.compile(r"\{gap(?::(\d+))?\}")
_REST = re.compile(r"\{rest(?::(\d+))?\}")
_STEM_TOKEN = re.compile(r"(?<!\?P)<([^\W\d_][\w-]*)>")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
DEFAULT_GAP = 150


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@functools.cache
def stemmer(algorithm: str) -> Stemmer._Stemmer:
    return Stemmer.Stemmer(algorithm)


def expand_macros(pattern: str, table: LanguageTable) -> str:
    """The pattern with `{gap}`, `{number}`, `{unit}` and `{month}` written out (stem tokens stay)."""
    words = table.words
    text = _GAP.sub(lambda m: f"{_CLAUSE_CHAR}{{0,{m.group(1) or DEFAULT_GAP}}}?", pattern)
    # `{rest}` runs greedily to the clause's end: the words a `text` field reads.
    text = _REST.sub(lambda m: f"{_CLAUSE_CHAR}{{1,{m.group(1) or DEFAULT_GAP}}}", text)
    number = _alternation(words.numbers) if words.numbers else r"(?!)"
    text = text.replace("{number}", rf"(?:\b(?:\d{{1,4}}|{number})\b)")
    ordinal = _alternation(words.ordinals) if words.ordinals else r"(?!)"
    text = text.replace("{ordinal}", rf"(?:\b(?:\d{{1,2}}(?:st|nd|rd|th|e|ste|de)?|{ordinal})\b)")
    text = text.replace("{unit}", _alternation(words.units) if words.units else r"(?!)")
    return text.replace("{month}", _alternation(words.months) if words.months else r"(?!)")


class TextWords:
    """The words of one text by stem, to resolve `<word>` tokens against it."""

    def __init__(self, text: str, algorithm: str | None) -> None:
        self.algorithm = algorithm
        self.by_stem: dict[str, set[str]] = defaultdict(set)
        if algorithm is None:
            return
        stem = stemmer(algorithm)
        for word in {m.group() for m in _WORD.finditer(text)}:
            self.by_stem[stem.stemWord(word.lower())].add(word)

    def forms(self, word: str) -> set[str]:
        """The text's words with the stem of `word` (always including the word itself)."""
        if self.algorithm is None:
            return {word}
        key = stemmer(self.algorithm).stemWord(word.lower())
        return self.by_stem.get(key, set()) | {word}


class Compiler:
    """Compiles a language's patterns for one text, caching by the resolved stem tokens."""

    def __init__(self, table: LanguageTable, text: str, *, stemming: bool = True) -> None:
        self.table = table
        self.words = TextWords(text, table.stemmer if stemming else None)
        self._cache: dict[str, re.Pattern[str]] = {}

    def compile(self, pattern: str) -> re.Pattern[str]:
        found = self._cache.get(pattern)
        if found is not None:
            return found
        expanded = expand_macros(pattern, self.table)
        resolved = _STEM_TOKEN.sub(lambda m: rf"\b{_alternation(self.words.forms(m.group(1)))}\b", expanded)
        # Case is folded for words; the text's own case stays in the quote.
        compiled = re.compile(resolved, re.IGNORECASE)
        self._cache[pattern] = compiled
        return compiled


def number_value(word: str, table: LanguageTable) -> int | None:
    """ "thirty" -> 30, "30" -> 30, "één" -> 1; None when the word is no number this table knows."""
    word = word.strip().lower()
    digits = re.match(r"\d+", word)
    if digits:
        return int(digits.group())
    for name, value in (table.words.numbers | table.words.ordinals).items():
        if name.lower() == word:
            return value
    return None


def lookup(word: str, mapping: dict[str, str]) -> str | None:
    """A case-insensitive dictionary look-up (table keys are written in lower case or as printed)."""
    lowered = word.strip().lower()
    for key, value in mapping.items():
        if key.lower() == lowered:
            return value
    return None
