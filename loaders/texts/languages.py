"""Telling the language of a version from its own text, never from its place in the file or its
heading words.

Japanese and Korean are told by script (kana, hangul). The Latin-script languages of the source
library are English, Dutch and French (German appears only as a few terms in Dutch texts); they
are told by counting frequent function words: deterministic, no model, no dependency. Measured on
the library's 61 language versions and their 2,030 paragraphs of 100 characters or more, it is as
right as py3langid 0.4.0 and lingua 2.1.1 restricted to these six languages (61/61 versions; 2,023
and 2,024 paragraphs, the rest being classification tables in other languages) and righter than
CLD2 (pycld2 0.42, which cannot be restricted and calls Dutch paragraphs Afrikaans), without
py3langid's 1.5 s model load and numpy, or lingua's 96 MB of models. A text too short to decide
gets the language its heading words allow, if they name one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from loaders.texts.scripts import HAN, HANGUL, HANGUL_JAMO, KANA, LETTER

# Function words frequent in treaty prose. A word shared by two languages ("de", "en", "in")
# counts for both, so it never decides between them.
_EN = """the of and to in shall be by this or for with any which that on as such its is are from have has been
not an at their may will it"""
_NL = """de het van een en in te door die dat op voor met worden wordt zijn is of aan bij niet deze dit zal zullen
hun als tot om onder ook naar heeft hebben kan"""
_FR = """le la les des de du et un une en dans par pour sur au aux est sont qui que ce cette ses leur leurs ou pas
présent à"""
_DE = """der die das und des den dem von zu mit ist sind werden wird nicht ein eine einer für auf im bei oder als
durch dieses"""
STOPWORDS: dict[str, frozenset[str]] = {
    language: frozenset(words.split()) for language, words in (("en", _EN), ("nl", _NL), ("fr", _FR), ("de", _DE))
}
LANGUAGES = ("en", "nl", "fr", "de", "ja", "ko")
_WORD = re.compile(r"[^\W\d_]+")
_KANA = re.compile(f"[{KANA}]")
_HAN = re.compile(f"[{HAN}]")
_HANGUL = re.compile(f"[{HANGUL}{HANGUL_JAMO}]")
# Below this many function words a Latin text is too short to tell.
_ENOUGH = 8


@dataclass(frozen=True)
class Guess:
    language: str | None
    """None when the text is too short (or too mixed) to tell."""
    score: int
    runner_up: int

    @property
    def confident(self) -> bool:
        return self.language is not None and self.score >= _ENOUGH and self.score >= 2 * self.runner_up


def guess_language(text: str) -> Guess:
    letters = len(LETTER.findall(text))
    hangul, kana, han = (len(script.findall(text)) for script in (_HANGUL, _KANA, _HAN))
    if letters and hangul * 3 >= letters:
        return Guess("ko", hangul, letters - hangul)
    if letters and kana and (kana + han) * 3 >= letters:
        return Guess("ja", kana + han, letters - kana - han)
    counts = Counter(word for word in _WORD.findall(text.lower()) if len(word) <= 8)
    scores = sorted(
        ((sum(counts[w] for w in words), language) for language, words in STOPWORDS.items()),
        key=lambda pair: (-pair[0], LANGUAGES.index(pair[1])),
    )
    (best, language), (second, _) = scores[0], scores[1]
    return Guess(language if best else None, best, second)


def detect_language(text: str, allowed: frozenset[str] = frozenset()) -> str:
    """The language of `text`; when it is too short to tell, the one its headings allow (if just one),
    else the best guess, else "und"."""
    guess = guess_language(text)
    if not guess.confident and len(allowed) == 1:
        return next(iter(allowed))
    return guess.language or "und"
