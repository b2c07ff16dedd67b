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


def kind_of(line: str, *, before: str = "A headline\n", outlet: str | None = None) -> str:
    """The kind the cleaner gives `line` when it stands between a headline and a closing paragraph."""
    text = f"{before}{line}\nA closing paragraph of the article.\n"
    blocks = classify(text, outlet=outlet).blocks
    return next(b.kind for b in blocks if b.text == line.strip())


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # Korean skip links and menu buttons, a language switcher, section names, links back.
        ("바로가기 메뉴", "navigation"),
        ("본문 바로가기", "navigation"),
        ("주메뉴 바로가기", "navigation"),
        ("검색창 열기", "navigation"),
        ("KOR", "navigation"),
        ("Policies", "navigation"),
        ("Press Releases", "navigation"),
        ("Back to Press Releases", "navigation"),
        ("Back to top", "navigation"),
        ("お知らせ一覧へ戻る", "navigation"),
        ("トップへ戻る", "navigation"),
        # Advertisements, sign-up and feedback links.
        ("Ukraine Snake Island Flag - Buy it Here!", "widget"),
        ("Join the mailing list", "widget"),
        ("Subscribe to our newsletter", "widget"),
        ("御意見御要望", "widget"),
        # Datelines standing alone, a date field's label, a release line, a cable's classifier.
        ("Aug 23, 2019", "byline"),
        ("August 22, 2019", "byline"),
        ("2012-07-03", "byline"),
        ("平成28年11月23日", "byline"),
        ("2016年11月23日", "byline"),
        ("Date", "byline"),
        ("IMMEDIATE RELEASE December 28, 2014", "byline"),
        ("Classified By: Ambassador J. Thomas Schieffer, reasons 1.4 (b, d).", "byline"),
        # Letterheads of a release and of a cable.
        ("Office of the Assistant Secretary of Defense (Public Affairs)", "masthead"),
        ("News Transcript", "masthead"),
        ("No. 632-14", "masthead"),
        ("C O N F I D E N T I A L TOKYO 006896", "masthead"),
        ("SIPDIS", "masthead"),
        ("E.O. 12958: DECL: 12/07/2011", "masthead"),
        ("TAGS: MARR, PREL, PGOV, JA", "masthead"),
        # Copyright footers.
        ("(C) 防衛省・自衛隊", "footer"),
        ("© 2019 Yonhap News Agency", "footer"),
        ("Copyright (c) BusinessKorea. Prohibited from unauthorized reproduction", "footer"),
        # The collector's mark where a stored copy was cut off.
        ("[... excerpt ends here in the stored copy ...]", "curator_note"),
    ],
)
def test_page_furniture_is_recognised(line: str, kind: str) -> None:
    assert kind_of(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "The Policies of the government were announced on Aug 23, 2019.",
        "Kim went back to the press room to brief reporters.",
        "Back to the negotiating table after two years",
        "He said the flag sells well - buy it here, he joked, in Seoul.",
        "The ministry's mailing list was leaked.",
        "Aug 23, 2019 was the deadline for giving notice.",
        "The Korean word 바로가기 means a shortcut in the ministry's glossary.",
        "Korea",
        "No. 1 priority is security, the minister said.",
        "News transcripts of the briefing were not released.",
        "Classified information will be shared through the U.S.",
        # A cable marks confidential paragraphs "(C)": not a copyright line.
        "(C) SUMMARY: U.S. and Japanese negotiators reached",
        "Copyright law was amended in 2014.",
        # An ellipsis for omitted words, and a bracketed credit in a verbatim report, are not the collector's.
        "[...]",
        "[Yonhap Photo]",
        "1718",
    ],
)
def test_article_lines_like_furniture_are_kept(line: str) -> None:
    assert kind_of(line) == "paragraph"


def test_a_view_counter_is_its_label_and_the_count_after_it() -> None:
    text = "A headline\nhit\n1718\nThe agreement has 1718 words.\n1718\n"
    kinds = [b.kind for b in classify(text, outlet=None).blocks]
    assert kinds == ["headline", "widget", "widget", "paragraph", "paragraph"]


PARAPHRASE_HEADER = "[PARAPHRASE by the collector of the reported facts; not the publisher's wording.]"


def test_a_paraphrase_header_is_a_curator_note_kept_out_of_the_clean_text() -> None:
    text = f"{PARAPHRASE_HEADER}\n\nSEOUL, Nov. 22, 2019 -- Seoul said it would suspend the expiry.\n"
    cleaned = classify(text, outlet=None)
    first = cleaned.blocks[0]
    assert (first.kind, first.kept) == ("curator_note", False)
    assert PARAPHRASE_HEADER not in cleaned.clean
    assert cleaned.clean == "SEOUL, Nov. 22, 2019 -- Seoul said it would suspend the expiry."


@pytest.mark.parametrize(
    "aside",
    [
        "[KBS News Today - anchor lead and package, 23 Aug 2019]",
        "[Contrast for testing: another service reported the opposite the same day.]",
        "(Original language: Korean. English paraphrase.)",
    ],
)
def test_inside_a_paraphrase_a_bracketed_line_is_the_collectors_aside(aside: str) -> None:
    assert kind_of(aside, before=f"{PARAPHRASE_HEADER}\nA headline\n") == "curator_note"
    assert kind_of(aside) != "curator_note"  # the same line in a verbatim report is not the collector's


def test_a_paraphrase_paragraph_that_opens_with_a_bracketed_tag_is_kept() -> None:
    line = "[The Hill, 29 Dec 2014] The allies approved an arrangement. [The Hill also calls it a pact.]"
    assert kind_of(line, before=f"{PARAPHRASE_HEADER}\nA headline\n") == "paragraph"


def test_the_paraphrase_header_only_counts_as_a_line_of_its_own() -> None:
    line = "He called it a [PARAPHRASE by the collector] in his notes."
    assert kind_of(line) == "paragraph"


def test_a_first_line_that_is_a_long_sentence_is_a_paragraph_not_a_headline() -> None:
    opening = (
        "Cheong Wa Dae, brushing off U.S. fears over the termination of the agreement, on Aug. 23 said the "
        "scrapping of the accord will lead to a stronger alliance."
    )
    assert [b.kind for b in classify(f"{opening}\nMore.\n", outlet=None).blocks] == ["paragraph", "paragraph"]
    for title in ("S. Korea, Japan sign pact with U.S.", "日韓秘密軍事情報保護協定の署名"):
        assert classify(f"{title}\n{opening}\n", outlet=None).blocks[0].kind == "headline"
