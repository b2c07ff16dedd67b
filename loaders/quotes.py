"""Finding a curator's quote in a text, allowing for differences in whitespace only."""

from __future__ import annotations

import bisect
import re

_SPACE = re.compile(r"\s+")
_LONG_SPACE = re.compile(r"\s\s+")
# Used only to suggest a fix; a quote that matches only after folding is still an error.
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


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

    def near_miss(self, quote: str) -> str | None:
        """The document's own words, when the quote differs only in case or typographic marks."""
        needle = _SPACE.sub(" ", quote.strip()).translate(_FOLD).casefold()
        haystack = self.text.translate(_FOLD).casefold()
        # Folding maps one character to one, so positions line up with self.text.
        start = haystack.find(needle)
        if start == -1:
            return None
        return self.text[start : start + len(needle)]
