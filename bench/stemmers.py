"""How the search stemmers were chosen (loaders/stemming.py): speed of PyStemmer (the C libstemmer) and of
the pure-Python snowballstemmer on the words of the source library's treaty texts, whether they agree,
and how many Dutch word pairs the two Dutch algorithms join.

    .venv/bin/pip install snowballstemmer   # only for this comparison; the store uses PyStemmer
    .venv/bin/python bench/stemmers.py --sources ../shared/sources
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from pathlib import Path

import Stemmer

DUTCH_PAIRS = [
    ("verdrag", "verdragen"),
    ("partij", "partijen"),
    ("gerubriceerde", "gerubriceerd"),
    ("overeenkomst", "overeenkomsten"),
    ("lidstaat", "lidstaten"),
    ("regering", "regeringen"),
    ("beveiliging", "beveiligingen"),
    ("maatregel", "maatregelen"),
    ("bepaling", "bepalingen"),
    ("artikel", "artikelen"),
    ("staat", "staten"),
    ("land", "landen"),
    ("derde", "derden"),
    ("geheim", "geheime"),
    ("ratificeren", "geratificeerd"),
    ("ratificeren", "ratificatie"),
    ("bekrachtigen", "bekrachtigd"),
    ("bekrachtiging", "bekrachtigingen"),
    ("ondertekend", "ondertekenen"),
    ("toegang", "toegangen"),
    ("inlichting", "inlichtingen"),
    ("militair", "militaire"),
]
"""Forms an analyst means as one word (plurals, inflected adjectives, participles)."""


def library_words(root: Path) -> list[str]:
    words: list[str] = []
    for path in sorted((root / "nl-treaties").glob("*.md")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).lower()
        words += re.findall(r"[^\W_]+", text)
    return words


def timed(stem: object, words: list[str]) -> tuple[float, list[str]]:
    started = time.perf_counter()
    out = stem.stemWords(words)  # type: ignore[attr-defined]
    return time.perf_counter() - started, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=Path, default=Path("../shared/sources"))
    words = library_words(parser.parse_args().sources)
    print(f"{len(words):,} words ({len(set(words)):,} distinct) in the library's nl-treaties texts")
    try:
        sys.modules["Stemmer"] = None  # type: ignore[assignment]  # make snowballstemmer use its own Python code
        import snowballstemmer
    except ImportError:
        snowballstemmer = None
    finally:
        sys.modules["Stemmer"] = Stemmer
    for language in ("dutch", "french", "german"):
        seconds, fast = timed(Stemmer.Stemmer(language), words)
        line = f"{language:7} PyStemmer {seconds * 1000:7.1f} ms ({len(words) / seconds / 1e6:.2f} M words/s)"
        if snowballstemmer is not None:
            slow_seconds, slow = timed(snowballstemmer.stemmer(language), words)
            line += f"; snowballstemmer {slow_seconds * 1000:8.1f} ms, same stems: {fast == slow}"
        print(line)
    for algorithm in ("dutch", "dutch_porter"):
        stem = Stemmer.Stemmer(algorithm)
        joined = [p for p in DUTCH_PAIRS if stem.stemWord(p[0]) == stem.stemWord(p[1])]
        print(f"{algorithm:12} joins {len(joined)} of {len(DUTCH_PAIRS)} Dutch pairs")
    porter = Stemmer.Stemmer("porter")
    forms = ("ratify", "ratified", "ratification", "classify", "classification", "party", "parties")
    print("porter:", ", ".join(f"{w} -> {porter.stemWord(w)}" for w in forms))


if __name__ == "__main__":
    main()
