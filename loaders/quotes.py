"""Finding a curator's quote in a text, allowing for differences in whitespace only; and, when a
quote is not found, saying where the nearest match is and which characters differ."""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_LONG_SPACE = re.compile(r"\s\s+")
# Used only to suggest a fix; a quote that matches only after folding is still an error.
_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'}
    | {"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00ad": ""}
)
# A word broken at a line end ("infor- mation") reads as the whole word.
_HYPHENATION = re.compile(r"(?<=[^\W\d_])- (?=[^\W\d_])")
_MIN_WORDS = 3  # the shortest quote prefix worth pointing at


def fold(text: str) -> tuple[str, list[int]]:
    """`text` with case, compatibility forms (Ⅱ -> II, full-width -> ASCII), typographic quotes and
    dashes and line-end hyphenation folded away, and for each folded character its offset in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).translate(_FOLD).casefold():
            chars.append(folded)
            origin.append(index)
    joined = "".join(chars)
    kept = [True] * len(joined)
    for match in _HYPHENATION.finditer(joined):
        kept[match.start()] = kept[match.start() + 1] = False
    return "".join(c for c, k in zip(joined, kept, strict=True) if k), [
        o for o, k in zip(origin, kept, strict=True) if k
    ]


def _name(chars: str) -> str:
    if not chars:
        return "nothing"
    if len(chars) == 1 and (not chars.isascii() or not chars.isprintable()):
        return f"{chars!r} (U+{ord(chars):04X} {unicodedata.name(chars, 'unnamed')})"
    return repr(chars)


def differences(quote: str, found: str, limit: int = 3) -> list[str]:
    """Which characters of `quote` differ from the text's own `found` ("'Ⅱ' (U+2161 ...) where the
    text has 'II'"), at most `limit` of them."""
    quote, found = _SPACE.sub(" ", quote.strip()), _SPACE.sub(" ", found.strip())
    matcher = difflib.SequenceMatcher(None, quote, found, autojunk=False)
    said = []
    for op, q1, q2, f1, f2 in matcher.get_opcodes():
        if op != "equal":
            said.append(f"the quote has {_name(quote[q1:q2])} where the text has {_name(found[f1:f2])}")
    return said[:limit]


class _Origin:
    """Where each character of a normalised text came from: `origin[k]` is the offset in the
    source of normalised character `k`. Stored as runs in which both advance together (a new run
    starts only after a collapsed run of two or more whitespace characters), so it costs a few
    integers per paragraph rather than one Python int per character."""

    __slots__ = ("_length", "_normalised", "_source")

    def __init__(self, normalised: list[int], source: list[int], length: int) -> None:
        self._normalised, self._source, self._length = normalised, source, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, k: int) -> int:
        if k < 0:
            k += self._length
        if not 0 <= k < self._length:
            raise IndexError(k)
        run = bisect.bisect_right(self._normalised, k) - 1
        return self._source[run] + (k - self._normalised[run])


class NormalisedText:
    """A text with every run of whitespace collapsed to one space (leading whitespace dropped),
    and a map back to the source offsets."""

    def __init__(self, text: str) -> None:
        self.source = text
        words = text.split()  # str.split and `\s` agree on what whitespace is
        self.text = " ".join(words) + (" " if words and text[-1].isspace() else "")
        lead = len(text) - len(text.lstrip()) if text[:1].isspace() else 0
        normalised, source = [0], [lead]
        removed = lead  # source characters dropped before the current position
        for run in _LONG_SPACE.finditer(text, lead):
            start, end = run.span()
            # The run becomes one space at `start - removed`; what follows starts a new run.
            removed += end - start - 1
            normalised.append(end - removed)
            source.append(end)
        self.origin = _Origin(normalised, source, len(self.text))
        self._fold_cache: tuple[str, list[int]] | None = None

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) span of the source text that matches `quote` up to whitespace."""
        needle = _SPACE.sub(" ", quote.strip())
        spans = []
        start = self.text.find(needle)
        while start != -1 and needle:
            end = start + len(needle)
            spans.append((self.origin[start], self.origin[end - 1] + 1))
            start = self.text.find(needle, start + 1)
        return spans

    def _folded(self) -> tuple[str, list[int]]:
        if self._fold_cache is None:
            self._fold_cache = fold(self.text)
        return self._fold_cache

    def near_span(self, quote: str) -> tuple[int, int] | None:
        """The (start, end) span in the source of the text's own words, when the quote differs only in
        case, compatibility forms (Ⅱ, full-width letters), typographic quotes and dashes, or a word
        hyphenated at a line end."""
        needle = fold(_SPACE.sub(" ", quote.strip()))[0]
        haystack, origin = self._folded()
        start = haystack.find(needle) if needle else -1
        if start == -1:
            return None
        first, last = origin[start], origin[start + len(needle) - 1]
        return self.origin[first], self.origin[last] + 1

    def near_miss(self, quote: str) -> str | None:
        """The text's own words for `quote`, as `near_span` finds them, whitespace normalised."""
        span = self.near_span(quote)
        return _SPACE.sub(" ", self.source[span[0] : span[1]]) if span else None

    def divergence(self, quote: str) -> tuple[tuple[int, int], str, str] | None:
        """Where the longest opening of the quote (at least three words) is found, folded as for
        `near_miss`: its (start, end) span in the source, then how the text goes on and how the quote
        goes on. None when not even its first words are in the text."""
        words = _SPACE.sub(" ", quote.strip()).split(" ")
        haystack, origin = self._folded()
        best, low, high = None, _MIN_WORDS, len(words) - 1
        while low <= high:  # the longest prefix found; finding is monotone in the prefix length
            middle = (low + high) // 2
            needle = fold(" ".join(words[:middle]))[0]
            start = haystack.find(needle)
            if start == -1:
                high = middle - 1
            else:
                best, low = (middle, start, start + len(needle)), middle + 1
        if best is None:
            return None
        count, start, end = best
        text_start, text_end = origin[start], origin[end - 1] + 1
        span = (self.origin[text_start], self.origin[text_end - 1] + 1)
        text_goes_on = self.text[text_end : text_end + 40].strip()
        quote_goes_on = " ".join(words[count:])[:40]
        return span, text_goes_on, quote_goes_on
