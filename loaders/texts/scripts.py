"""Character classes and inline markup that several readers of an official text need (the tokenizer, the
table reader, the number reader and the language guesser): each written once here.

The script ranges are strings to put inside a regex character class: `f"[{KANA}{HAN}]"`.
"""

from __future__ import annotations

import re

KANA = "\u3040-\u30ff"
"""Hiragana and katakana."""
HAN = "\u3400-\u9fff"
"""CJK ideographs (extension A and the unified block), as Japanese writes them."""
HANGUL = "\uac00-\ud7af"
"""Hangul syllables."""
HANGUL_JAMO = "\u1100-\u11ff"
CJK = f"{KANA}{HAN}{HANGUL}"
"""Japanese or Korean script."""

LETTER = re.compile(r"[^\W\d_]")
"""A letter of any script."""
TAG = re.compile(r"</?[A-Za-z][^>]*>")
"""An HTML tag, opening or closing."""
SPACE = re.compile(r"\s+")
