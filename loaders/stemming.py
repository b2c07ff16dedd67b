"""How search reads words, per language: one analysis for the index (loaders/search_index.py) and for
queries (api/domain/search.py), so that a word is found in every form its language's stemmer joins.

Three indexes, by what a language's text needs:

- `porter`: English, stemmed by FTS5's own `porter` tokenizer (the index holds the original words);
- `stemmed`: every other language written with spaces between words, stemmed here with a Snowball
  stemmer (PyStemmer: the C libstemmer, bench/stemmers.py measures it against the pure-Python
  snowballstemmer) into tokens prefixed with the language, `nl` + `verdrag`, so that one FTS5 table
  holds every such language without one language's stems matching another's; languages without a
  stemmer here are indexed word for word (lower-cased), in the same table;
- `trigram`: Japanese, Korean and Chinese, which have no spaces between words: FTS5's `trigram`
  tokenizer matches any substring of three characters or more.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

import Stemmer

Index = Literal["porter", "stemmed", "trigram"]
INDEXES: tuple[Index, ...] = ("porter", "stemmed", "trigram")

SNOWBALL: dict[str, str] = {"nl": "dutch_porter", "fr": "french", "de": "german"}
"""Language -> Snowball algorithm. Dutch uses Kraaij-Pohlmann (`dutch_porter`): on plurals and inflected
adjectives of the treaty texts (verdrag/verdragen, maatregel/maatregelen) it joins more pairs than
Snowball's newer `dutch` (bench/stemmers.py)."""
TRIGRAM_LANGUAGES = frozenset({"ja", "ko", "zh"})
PORTER_LANGUAGES = frozenset({"en"})
PORTER_TOKENIZER = "porter unicode61 remove_diacritics 2"
WORD_TOKENIZER = "unicode61 remove_diacritics 2"
TRIGRAM_TOKENIZER = "trigram case_sensitive 0"

_WORD = re.compile(r"[^\W_]+")
_WORD_OR_GAP = re.compile(r"([^\W_]+)")
"""Letters and digits: the characters FTS5's unicode61 tokenizer keeps in a token."""


def index_of(language: str) -> Index:
    """Which index holds text in `language`."""
    if language in PORTER_LANGUAGES:
        return "porter"
    if language in TRIGRAM_LANGUAGES:
        return "trigram"
    return "stemmed"


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """The words of `text` (NFC), each with its start and end offsets."""
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        yield match.start(), match.end(), match.group()


def word_spans(text: str) -> list[tuple[int, int, str]]:
    """The words of a text already in NFC, each with its start and end offsets (`words` without the copy).

    Split into gaps and words, alternately, the offsets summed in C: about half the time of a match object per
    word, and a search makes this list for every hit on its page (api/domain/snippets.py)."""
    parts = _WORD_OR_GAP.split(text)
    ends = list(itertools.accumulate(map(len, parts)))
    return list(zip(ends[0:-1:2], ends[1::2], parts[1::2], strict=True))


def fold(word: str) -> str:
    """Lower case without diacritics, as FTS5's `remove_diacritics 2` compares words."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@functools.cache
def _stemmer(algorithm: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(algorithm)


@functools.lru_cache(maxsize=1 << 16)  # texts repeat their words; snippets stem every word of a hit
def stem_key(language: str, word: str) -> str:
    """The `stemmed` index's token for a word in `language`: the language, then the word's stem."""
    algorithm = SNOWBALL.get(language)
    lowered = word.lower()
    stem = _stemmer(algorithm).stemWord(lowered) if algorithm else lowered
    return f"{language}{fold(stem)}"


@functools.lru_cache(maxsize=4096)  # a process that builds more than once (the tests) stems each unit's text once
def stemmed_text(language: str, text: str) -> str:
    """`text` as the `stemmed` index holds it: one token per word, separated by spaces."""
    return " ".join(stem_key(language, word) for _, _, word in words(text))


@functools.lru_cache(maxsize=1 << 16)
def porter_key(word: str) -> str:
    """A word as FTS5's porter tokenizer indexes it (both are Martin Porter's original algorithm), for
    marking matches in snippets."""
    return str(_stemmer("porter").stemWord(fold(word)))
