"""Official agreement texts: splitting a file into instruments, language versions and units.

`split_official_text` is the entry point; `find_unit` and `unit_at` locate quotes in a version.
"""

from loaders.texts.split import find_unit, split_official_text, unit_at

__all__ = ["find_unit", "split_official_text", "unit_at"]
