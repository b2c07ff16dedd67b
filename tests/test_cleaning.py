"""The cleaner drops page furniture and keeps an exact map back to the raw text."""

from __future__ import annotations

import pytest

from loaders.cleaning import classify
from loaders.seeds import Seeds
from tests.conftest import SEEDS
from tests.conftest import load_test_seeds as load_seeds

FURNITURE = [
    "Other news",
    "Also Read",
    "Go to Contents",
    "Home > National",
    "print dictionary print",
    "Log in to Twitter",
    "help-image",
    "lock icon",
    "Standards Board Policy",
    "Send Feedback",
    "Thanks for your feedback!",
    "Logged in to post comment.",
    "(ATTN: RECASTS lead",
    "This undated captured image",
    "[NEWSIS]",
    "Antony J. Blinken of US( left)",
    "The Oslo Times The Oslo Times",
]


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    return load_seeds(SEEDS)


def test_furniture_is_not_in_any_cleaned_text(seeds: Seeds) -> None:
    for doc in seeds.documents.values():
        for marker in FURNITURE:
            assert marker not in doc.cleaned.clean, (doc.entry.id, marker)


def test_article_paragraphs_are_kept(seeds: Seeds) -> None:
    yonhap = seeds.documents["yonhap-2014-12-29"].cleaned.clean
    assert "The latest pact is binding only diplomatically, not legally." in yonhap
    assert yonhap.startswith("(2nd LD) S. Korea, U.S., Japan sign pact on sharing N.K. intel")
    joongang = seeds.documents["joongang-daily-2016-11-09"].cleaned
    # The headline appears twice on the page; the cleaned text keeps it once.
    assert joongang.clean.count("Seoul, Tokyo are close to an intel-sharing deal") == 1
    assert any(b.kind == "repeated_line" for b in joongang.blocks)


def test_every_block_maps_back_to_the_raw_text(seeds: Seeds) -> None:
    for doc in seeds.documents.values():
        for block in doc.cleaned.blocks:
            assert doc.raw[block.raw_start : block.raw_end] == block.text
            if block.kept:
                assert doc.cleaned.clean[block.clean_start : block.clean_end] == block.text


def test_clean_offsets_translate_to_raw_offsets(seeds: Seeds) -> None:
    doc = seeds.documents["oslo-times-2014-12-26"]
    start = doc.cleaned.clean.index("Under the trilateral memorandum")
    raw = doc.cleaned.raw_offset(start)
    assert doc.raw[raw : raw + 31] == "Under the trilateral memorandum"


def test_masthead_only_when_the_line_is_the_outlet_name() -> None:
    text = "Headline\n\nThe Oslo Times reported that talks began.\n\nThe Oslo Times The Oslo Times\n"
    kinds = [b.kind for b in classify(text, outlet="The Oslo Times").blocks]
    assert kinds == ["headline", "paragraph", "masthead"]


def test_everything_after_a_tail_marker_is_dropped() -> None:
    text = "Headline\nBody.\nAlso Read\nAnother story entirely\n"
    cleaned = classify(text, outlet=None)
    assert cleaned.clean == "Headline\n\nBody."
    assert [b.kind for b in cleaned.blocks][-2:] == ["tail", "tail"]


def test_flagged_captions_are_dropped() -> None:
    text = "Headline\nA man waves a flag in Seoul. [AP]\nBody.\n"
    cleaned = classify(text, outlet=None, captions=["A man waves"])
    assert cleaned.clean == "Headline\n\nBody."
