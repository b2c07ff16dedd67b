"""Finding a curator's quote in a text, allowing for differences in whitespace only."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
# Used only to suggest a fix; a quote that matches only after folding is still an error.
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


class NormalisedText:
    """A text with every run of whitespace collapsed to one space, and a map back."""

    def __init__(self, text: str) -> None:
        self.source = text
        chars: list[str] = []
        origin: list[int] = []
        for match in re.finditer(r"\s+|\S+", text):
            if match.group().isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(match.start())
            else:
                chars.extend(match.group())
                origin.extend(range(match.start(), match.end()))
        self.text = "".join(chars)
        self.origin = origin

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
