"""Numbers as treaties write them: arabic, roman, letters, kanji numerals and Korean letter items,
and the list markers that open numbered paragraphs and items ("1.", "(iv)", "a).", "가.", "1 ").

A number is read into a (family, value) pair: ("num", 3), ("roman", 4) or ("letter", "c"). Ids are
built from the value, never from the words around it, so the same provision gets the same id in
every language version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.texts.scripts import CJK

Sequence = tuple[str, int | str]

ROMAN = r"c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
# Korean treaties letter their items in the order of the Hangul syllabary; 가. is (a).
HANGUL_LETTERS = "가나다라마바사아자차카타파하"
_FULLWIDTH = str.maketrans("０１２３４５６７８９（）", "0123456789()")

# A marker at the start of a paragraph. The quote mark before it opens a quoted text ("“1.", ",,10.").
# Without a space after it, a marker must be followed by a word (not "U.S.", not "3.5").
_LEAD = r"(?P<lead>(?:[“„\"‘']|,,)?)"
_PAREN = r"\((?P<p>\d{1,3}|[a-z]{1,5}|[A-Z]|[IVXL]{1,5})\)\.?"
_BARE = r"(?P<b>\d{1,3}|[a-z]{1,5}|[A-Z]|[IVXL]{1,5})(?:\)\.?|\.)"
_HANGUL = rf"(?P<h>[{HANGUL_LETTERS}])[.)]"
_MARKER = re.compile(rf"{_LEAD}(?:{_PAREN}|{_BARE}|{_HANGUL})(?P<gap>\s*)")
# Japanese paragraphs are numbered by a bare digit and a space: "1 秘密軍事情報には".
_CJK_PARAGRAPH = re.compile(rf"(?P<d>\d{{1,3}})[ \u3000]+(?=[{CJK}])")
_ABBREVIATION = re.compile(r"[A-Za-z]\.")
_OPENING = "“„\"‘'*(「『（【"


@dataclass(frozen=True)
class Marker:
    token: str
    """The number as written, without brackets or punctuation: "iv", "1", "a", "가"."""
    label: str
    """The marker as printed: "(iv)", "1.", "a).", "가."."""


def style(label: str) -> str:
    """A marker's punctuation with the number taken out ("4." -> "#.", "(iv)" -> "(#)"): sibling items share it."""
    return re.sub(r"[0-9A-Za-z\u00c0-\uffff]+", "#", label)


def roman_value(token: str) -> int | None:
    token = token.lower()
    if not token or not re.fullmatch(ROMAN, token):
        return None
    total = 0
    for char, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def kanji_value(token: str) -> int | None:
    """二十一 -> 21, 十三 -> 13, 百 -> 100; None when `token` is not a kanji numeral."""
    if not token or any(c not in _KANJI_DIGITS and c not in _KANJI_UNITS for c in token):
        return None
    total, digit = 0, None
    for char in token:
        if char in _KANJI_DIGITS:
            digit = _KANJI_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _KANJI_UNITS[char]
            digit = None
    return total + (digit or 0)


def number_value(token: str) -> int | None:
    """The value of an article-style number in any script: "7", "VII", "七", "７"."""
    token = token.translate(_FULLWIDTH).strip()
    if token.isdigit():
        return int(token)
    if token.lower() in ("1er", "premier"):
        return 1
    return roman_value(token) if token.isascii() else kanji_value(token)


def read_number(token: str, previous: Sequence | None) -> Sequence | None:
    """(family, value) of a number as written: ("num", 3), ("roman", 4) or ("letter", "c").

    "i", "v", "x", "l" and "c" are both letters and roman numerals: a token continuing the
    previous sibling's sequence (h -> i, iv -> v) keeps its family; otherwise "i" starts a roman
    list and the others are letters. Korean syllable letters read as the latin letter of the same
    rank (가 -> a), since that is what they are.
    """
    lower = token.translate(_FULLWIDTH).lower()
    if lower.isdigit():
        return "num", int(lower)
    if lower in ("1er", "premier"):
        return "num", 1
    if len(lower) == 1 and lower in HANGUL_LETTERS:
        return "letter", chr(ord("a") + HANGUL_LETTERS.index(lower))
    kanji = kanji_value(lower)
    if kanji is not None:
        return "num", kanji
    roman = roman_value(lower)
    letter = lower if len(lower) == 1 and lower.isascii() and lower.isalpha() else None
    if roman is None and len(lower) == 2 and lower[0] == lower[1] and lower.isascii() and lower.isalpha():
        letter = lower  # "aa)" after "z)"
    if letter and len(letter) == 1 and previous == ("letter", chr(ord(letter) - 1)):
        return "letter", letter
    if roman is not None and (lower == "i" or letter is None or previous == ("roman", roman - 1)):
        return "roman", roman
    return ("letter", letter) if letter else None


def follows(previous: Sequence | None, current: Sequence) -> bool:
    """Whether `current` is the number right after `previous` in the same list (b after a, 3 after 2)."""
    if previous is None or previous[0] != current[0]:
        return False
    before, value = previous[1], current[1]
    if isinstance(before, int) and isinstance(value, int):
        return value == before + 1
    if isinstance(before, str) and isinstance(value, str) and len(before) == len(value) == 1:
        return ord(value) == ord(before) + 1
    return False


def parse_marker(text: str, *, cjk: bool = False) -> Marker | None:
    """The list marker a paragraph opens with, if any."""
    match = _MARKER.match(text)
    if match:
        token = match["p"] or match["b"] or match["h"]
        rest = text[match.end() :]
        # Without a space: "1.Voor", "a)waarvoor" and "(1)In" are markers; "U.S.", "e.g." and "3.5" are not.
        glued = not match["gap"] and rest
        label = text[len(match["lead"]) : match.end()].strip()
        doubled = rest.startswith(label)  # "2)2) In de ..." repeats its marker
        if glued and not doubled and (not (rest[0].isalpha() or rest[0] in _OPENING) or _ABBREVIATION.match(rest)):
            return None
        if match["b"] and match["b"].isupper() and len(match["b"]) > 1 and roman_value(match["b"]) is None:
            return None
        return Marker(token=token, label=label)
    if cjk:
        paragraph = _CJK_PARAGRAPH.match(text)
        if paragraph:
            return Marker(token=paragraph["d"], label=paragraph["d"])
    return None
