"""The official-text splitter's entry points, kept importable from here; the splitter lives in
`loaders/texts/` (tokens and furniture, headings and numbering, languages, instruments, tables and
the unit tree)."""

from loaders.texts import find_unit, split_official_text, unit_at

__all__ = ["find_unit", "split_official_text", "unit_at"]
