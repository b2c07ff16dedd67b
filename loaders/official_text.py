"""The official-text splitter's entry points, kept importable from here; the splitter lives in
`loaders/texts/` (tokens and furniture, headings and numbering, languages, instruments, tables and
the unit tree)."""

from loaders.texts import by_instrument, find_unit, languages_in, split_official_text, unit_at

__all__ = ["by_instrument", "find_unit", "languages_in", "split_official_text", "unit_at"]
