"""The passage of a hit that shows why it matched, its matches in `[` and `]`.

Snippets are made here, for the page's hits only, from the text as written: the `stemmed` index holds
stems, not words, so FTS5's own snippet() could only show stems. A word is marked when it reads the same
as a query word in the index's terms (its stem, case and diacritics aside); a phrase when its words do,
in order; in texts without word spaces, every occurrence of the term's characters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from api.domain.search_query import Term
from loaders.stemming import fold, word_spans

Span = tuple[int, int, int]
"""(start, end, which term) of one match in the text."""
WIDTH = 220
"""About how many characters of text a snippet shows."""
LEAD = 60
"""How much of the text before the first match it shows."""


def word_matches(text: str, terms: Sequence[Term], key: Callable[[str], str], extra: dict[int, set[str]]) -> list[Span]:
    """Where `terms` match `text` word by word, words compared by `key` (`extra`: more keys a one-word term
    matches, by the term's position)."""
    found = word_spans(text)  # the caller's text is NFC (api/domain/search.py)
    keys = list(map(key, (word for _, _, word in found)))
    spans: list[Span] = []
    for n, term in enumerate(terms):
        wanted = [key(word) for word in term.words]
        first = {wanted[0], *extra.get(n, set())} if len(wanted) == 1 else {wanted[0]}
        for i in range(len(keys) - len(wanted) + 1):
            if keys[i] in first and keys[i + 1 : i + len(wanted)] == wanted[1:]:
                spans.append((found[i][0], found[i + len(wanted) - 1][1], n))
    return spans


def substring_matches(text: str, terms: Sequence[Term]) -> list[Span]:
    """Every occurrence of each term's characters in `text` (case aside)."""
    # Offsets must stay those of `text`: compare folded (or lower-cased) only where that keeps the length.
    same_length = [f for f in (fold, str.lower) if len(f(text)) == len(text)]
    normal: Callable[[str], str] = same_length[0] if same_length else str
    haystack = normal(text)
    spans: list[Span] = []
    for n, term in enumerate(terms):
        needle = normal(term.text)
        start = haystack.find(needle) if needle else -1
        while start >= 0:
            spans.append((start, start + len(needle), n))
            start = haystack.find(needle, start + len(needle))
    return spans


def _best_start(spans: list[Span]) -> int:
    """The start of the match after which the window holds the most different terms (the first such); one pass
    over the matches, sorted by start, with a window sliding over them."""
    best, best_count, ahead = spans[0][0], 0, 0
    inside: dict[int, int] = {}  # term -> its matches in the window
    for start, _, term in spans:
        while ahead < len(spans) and spans[ahead][0] < start + WIDTH - LEAD:
            inside[spans[ahead][2]] = inside.get(spans[ahead][2], 0) + 1
            ahead += 1
        if len(inside) > best_count:
            best, best_count = start, len(inside)
        inside[term] -= 1
        if not inside[term]:
            del inside[term]
    return best


def snippet(text: str, spans: list[Span]) -> str:
    """A window of `text` around its best matches, each match marked; the text's opening without any."""
    text = text.replace("\n", " ")
    if not spans:
        cut = text[:WIDTH]
        return " ".join(cut.split()) + (" …" if len(text) > WIDTH else "")
    spans = sorted(spans)
    first = _best_start(spans)
    start = max(0, first - LEAD)
    if start > 0:
        start = text.find(" ", start, first) + 1 or start  # begin at a word
    end = min(len(text), start + WIDTH)
    space = text.rfind(" ", first, end) if end < len(text) else -1
    end = space if space > first else end  # end at a word
    pieces, cursor = [], start
    for s, e, _ in spans:
        if s < cursor or e > end:
            continue
        pieces += [text[cursor:s], "[", text[s:e], "]"]
        cursor = e
    pieces.append(text[cursor:end])
    body = " ".join("".join(pieces).split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")
