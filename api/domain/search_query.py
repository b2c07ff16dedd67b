"""A search request's words, read once: words and "quoted phrases", and each as the three indexes
(loaders/stemming.py) must be asked for it.

The syntax is small on purpose. Words are separated by spaces and must all occur; a phrase in double
quotes must occur as written (`"third country"` does not match "third round"); words joined by other
characters (`third-country`, `l'accord`) are a phrase too. Nothing else is syntax: `OR`, `NOT`, `NEAR`,
`*`, `:` and brackets are searched for as words (or dropped, being no word), so no input reaches FTS5's
own query language. Control characters separate words, as spaces do: no indexed text holds one, and FTS5 reads a
string only up to a NUL (`ab\x00cd` was an "unterminated string" and a 500). An unclosed quote, a query without a
word, or too many terms is a bad parameter.
"""

from __future__ import annotations

import re

import msgspec

from api.domain.errors import BadParameter
from loaders.stemming import porter_key, stem_key, words

MAX_TERMS = 20
"""Words and phrases one query may hold (each is one more condition for the index)."""
MIN_TRIGRAM = 3
"""FTS5's trigram index finds substrings of three characters or more; shorter ones are matched by a scan."""

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc): C0, DEL and C1."""
_VERB_FORMS = ("ify", "ifies", "ified", "ifying")
_NOUN_FORMS = ("ification", "ifications")


class Term(msgspec.Struct, frozen=True, kw_only=True):
    """One condition of a query: a word, or a phrase of words in order."""

    words: tuple[str, ...]
    text: str
    """The term as written (for the trigram index, which matches characters, not words)."""


def _term(text: str) -> Term | None:
    found = tuple(word for _, _, word in words(text))
    return Term(words=found, text=" ".join(text.split())) if found else None


def parse(q: str) -> list[Term]:
    """The terms of a query; a bad `q` parameter when it has none, too many, or an unclosed quote."""
    q = _CONTROLS.sub(" ", q)
    if q.count('"') % 2:
        raise BadParameter("q", 'a double quote is not closed; put a phrase in a pair of quotes: "third country"')
    terms: list[Term] = []
    for n, part in enumerate(q.split('"')):
        chunks = [part] if n % 2 else part.split()  # odd parts were between quotes
        terms += [t for t in (_term(chunk) for chunk in chunks) if t is not None]
    if not terms:
        raise BadParameter("q", "give at least one word (letters or digits) to search for")
    if len(terms) > MAX_TERMS:
        raise BadParameter("q", f"at most {MAX_TERMS} words and phrases; this query has {len(terms)}")
    return terms


def _quoted(text: str) -> str:
    """An FTS5 string: what is inside is only ever text to find."""
    return '"' + text.replace('"', '""') + '"'


def english_alternatives(word: str) -> list[str]:
    """The word, and the Porter stem of its -ify/-ification partner. Porter stems "ratify" to `ratifi` but
    "ratification" to `ratif`; an analyst looking for one means the other too."""
    lowered, stem = word.lower(), porter_key(word)
    if lowered.endswith(_VERB_FORMS) and stem.endswith("i"):
        return [word, stem[:-1]]
    if lowered.endswith(_NOUN_FORMS):
        return [word, stem + "i"]
    return [word]


def porter_match(terms: list[Term]) -> str:
    """The FTS5 query for the `porter` index: every term, each word stemmed by the index's tokenizer."""
    parts = []
    for term in terms:
        if len(term.words) == 1:
            options = [_quoted(o) for o in english_alternatives(term.words[0])]
            parts.append(options[0] if len(options) == 1 else f"({' OR '.join(options)})")
        else:
            parts.append(_quoted(" ".join(term.words)))
    return " AND ".join(parts)


def stemmed_match(terms: list[Term], languages: list[str]) -> str:
    """The FTS5 query for the `stemmed` index: for any of `languages`, every term in that language's stems."""
    groups = [
        " AND ".join(_quoted(" ".join(stem_key(language, w) for w in term.words)) for term in terms)
        for language in languages
    ]
    return " OR ".join(f"({group})" for group in groups)


def trigram_match(terms: list[Term]) -> tuple[str | None, list[str]]:
    """(the FTS5 query for the `trigram` index, or None; the terms too short for it, matched by a scan)."""
    long = [t.text for t in terms if len(t.text) >= MIN_TRIGRAM]
    short = [t.text for t in terms if len(t.text) < MIN_TRIGRAM]
    return (" AND ".join(_quoted(t) for t in long) or None), short


def like(text: str) -> str:
    """`text` as a LIKE pattern that matches it anywhere (with `escape '\\'`)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
