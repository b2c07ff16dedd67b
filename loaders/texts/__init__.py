"""Official agreement texts: splitting a file into instruments, language versions and units.

`split_official_text` is the entry point; `find_unit` and `unit_at` locate quotes in a version;
`languages_in` and `by_instrument` summarise what a file holds (for manifests and loaders).
"""

from loaders.texts.split import find_unit, split_official_text, unit_at
from schema.texts import OfficialText

__all__ = ["by_instrument", "find_unit", "languages_in", "split_official_text", "unit_at"]


def languages_in(texts: list[OfficialText]) -> list[str]:
    """The languages a file holds, each once, in the order they first appear ([en, nl] for NATO 1997)."""
    return list(dict.fromkeys(t.language for t in texts))


def by_instrument(texts: list[OfficialText]) -> dict[str, dict[str, OfficialText]]:
    """The versions of each instrument by language, instruments in file order: {"note_1": {"en": ..., "nl": ...}}."""
    grouped: dict[str, dict[str, OfficialText]] = {}
    for text in texts:
        grouped.setdefault(text.instrument, {})[text.language] = text
    return grouped
