"""Splitting official agreement texts into units with stable ids and offsets back to the raw text."""

from __future__ import annotations

import hashlib
import re
import textwrap

import pytest

from loaders.official_text import find_unit, split_official_text
from schema.texts import OfficialText, TextUnit
from tests.conftest import LIBRARY

pytestmark = pytest.mark.library
NATO = LIBRARY / "nl-treaties" / "BWBV0001372.md"
NATO_SHA256 = "9b8fbb4986ad82deebe66b7016e105dce994a8cb5e15cbf3181f8f7f707a9db7"
ROMAN = ["I", "II", "III"]


@pytest.fixture(scope="module")
def raw() -> str:
    return NATO.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def versions(raw: str) -> dict[str, OfficialText]:
    found = split_official_text(raw)
    by_language = {v.language: v for v in found}
    assert len(by_language) == len(found), "two versions got the same language"
    return by_language


def _strip_markup(text: str) -> str:
    """An independent, deliberately simple markup stripper for markdown: links and heading marks."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(?m)^[ \t]*#+[ \t]*", "", text)
    return " ".join(text.split())


def _ids(text: OfficialText, kind: str | None = None, parent: str | None = None) -> list[str]:
    units = [u for u in text.units if kind is None or u.kind == kind]
    return [u.id for u in units if parent is None or u.parent == parent]


def test_the_seed_is_the_mirror_byte_for_byte(raw: str) -> None:
    assert hashlib.sha256(NATO.read_bytes()).hexdigest() == NATO_SHA256
    assert all(v.raw_sha256 == NATO_SHA256 for v in split_official_text(raw))


def test_english_and_dutch_versions_are_found_in_file_order(raw: str) -> None:
    found = split_official_text(raw)
    assert [v.language for v in found] == ["en", "nl"]
    assert found[0].title == " ".join(
        ["Agreement between the Parties to the North Atlantic Treaty", "for the security of information"]
    )
    assert found[1].title == (
        "Verdrag tussen de Partijen bij het Noord-Atlantisch Verdrag inzake de beveiliging van gegevens"
    )
    assert found[0].raw_end <= found[1].raw_start
    # The Dutch database title before the English version is a title, not part of any text.
    assert all("Verdrag tussen" not in u.text for u in found[0].units)


HEADING_WORDS = [("en", "Article", "Annex"), ("nl", "Artikel", "Bijlage")]


@pytest.mark.parametrize(("language", "article", "annex"), HEADING_WORDS)
def test_every_article_and_annex_in_order(
    versions: dict[str, OfficialText], language: str, article: str, annex: str
) -> None:
    text = versions[language]
    assert [u.id for u in text.units if u.parent is None] == [
        "preamble",
        *(f"art_{n}" for n in range(1, 10)),
        "final_clause",
        "annex_1",
        "annex_2",
        "annex_3",
    ]
    articles = [u for u in text.units if u.kind == "article"]
    assert [(u.number, u.heading) for u in articles] == [(str(n), f"{article} {n}") for n in range(1, 10)]
    annexes = [u for u in text.units if u.kind == "annex"]
    assert [(u.number, u.heading) for u in annexes] == [(r, f"{annex} {r}") for r in ROMAN]
    assert [u.order for u in text.units] == list(range(len(text.units)))
    assert all(u.language == language for u in text.units)


def test_the_same_ids_in_both_languages(versions: dict[str, OfficialText]) -> None:
    assert _ids(versions["en"]) == _ids(versions["nl"])
    assert len(set(_ids(versions["en"]))) == len(versions["en"].units)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_article_1_items_are_exactly_those_of_the_text(
    versions: dict[str, OfficialText],
    language: str,
) -> None:
    text = versions[language]
    assert [i for i in _ids(text) if i.startswith("art_1__")] == [
        "art_1__item_i",
        "art_1__item_i__item_a",
        "art_1__item_i__item_b",
        "art_1__item_ii",
        "art_1__item_iii",
        "art_1__item_iv",
    ]
    kinds = {u.id: (u.kind, u.number, u.parent) for u in text.units}
    assert kinds["art_1__item_iv"] == ("item", "iv", "art_1")
    assert kinds["art_1__item_i__item_b"] == ("subitem", "b", "art_1__item_i")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_paragraphs_and_lettered_items(versions: dict[str, OfficialText], language: str) -> None:
    text = versions[language]
    assert _ids(text, parent="art_3") == ["art_3__para_1", "art_3__para_2", "art_3__para_3"]
    assert {text.unit(i).kind for i in _ids(text, parent="art_3")} == {"paragraph"}
    assert _ids(text, parent="art_6") == ["art_6__item_a", "art_6__item_b", "art_6__item_c"]
    assert _ids(text, parent="annex_1") == [f"annex_1__item_{c}" for c in "abcd"]
    assert {text.unit(i).kind for i in _ids(text, parent="annex_1")} == {"annex_item"}
    # Articles without inner structure have no children.
    for article in ("art_2", "art_4", "art_5", "art_7", "art_8", "art_9"):
        assert _ids(text, parent=article) == []


@pytest.mark.parametrize("language", ["en", "nl"])
def test_no_markup_or_link_targets_in_the_clean_text(
    versions: dict[str, OfficialText],
    language: str,
) -> None:
    text = versions[language]
    for unit in text.units:
        for furniture in ("<meta", "#", "](", "README.md", "../"):
            assert furniture not in unit.text, (unit.id, furniture)
    for furniture in ("<meta", "#", "](", "README.md"):
        assert furniture not in text.clean
    # The link text is kept.
    treaty = "North Atlantic Treaty" if language == "en" else "Noord-Atlantisch Verdrag"
    assert treaty in text.unit("art_7").text


@pytest.mark.parametrize("language", ["en", "nl"])
def test_offsets_slice_back_to_the_unit(raw: str, versions: dict[str, OfficialText], language: str) -> None:
    text = versions[language]
    for unit in text.units:
        assert text.clean[unit.clean_start : unit.clean_end] == unit.text, unit.id
        source = raw[unit.raw_start : unit.raw_end]
        assert source == source.strip(), unit.id
        assert _strip_markup(source) == " ".join(unit.text.split()), unit.id
        assert text.raw_start <= unit.raw_start < unit.raw_end <= text.raw_end
        if unit.parent:
            parent = text.unit(unit.parent)
            assert parent.order < unit.order
            assert parent.raw_start <= unit.raw_start
            assert unit.raw_end <= parent.raw_end
    # Spans start at the heading or marker, markup included.
    assert raw[text.unit("art_1").raw_start :].startswith("### Arti")
    first_item = "(i) protect" if language == "en" else "i. dragen"
    assert raw[text.unit("art_1__item_i").raw_start :].startswith(first_item)


@pytest.mark.parametrize(
    ("language", "place", "date", "opening"),
    [
        ("en", "Brussels", "6th day of March, 1997", "IN WITNESS WHEREOF"),
        ("nl", "Brussel", "6 maart 1997", "TEN BLIJKE WAARVAN"),
    ],
)
def test_the_final_clause(
    versions: dict[str, OfficialText], language: str, place: str, date: str, opening: str
) -> None:
    clause = versions[language].unit("final_clause")
    assert clause.kind == "final_clause"
    assert clause.parent is None
    assert clause.number is None
    assert clause.text.startswith(opening)
    assert place in clause.text
    assert date in clause.text
    # It is not part of Article 9.
    assert opening not in versions[language].unit("art_9").text


def test_find_unit_names_the_deepest_unit(versions: dict[str, OfficialText]) -> None:
    en, nl = versions["en"], versions["nl"]
    quote = (
        "not disclose such information as defined under (i) above to non-NATO Parties"
        " without the consent of the originator"
    )
    assert _id(find_unit(en, quote)) == "art_1__item_iv"
    denunciation = "shall take effect one year after receipt of notification by the depository"
    assert _id(find_unit(en, denunciation)) == "art_9"
    spaced = "classified information (see Annex I),  marked\nas such"
    assert _id(find_unit(en, spaced)) == "art_1__item_i__item_a"
    assert _id(find_unit(nl, "stellen de onder i bedoelde gegevens niet ter beschikking")) == "art_1__item_iv"
    assert _id(find_unit(nl, "Veiligheidsonderzoeken moeten zodanig zijn opgezet")) == "art_3__para_2"
    # Link text is matched, the link target is not.
    assert _id(find_unit(en, "signed in Ottawa on 20th September, 1951")) == "annex_2"
    assert find_unit(en, "BWBV0005760") is None
    assert find_unit(en, "words that are not in the agreement") is None


def test_a_quote_across_units_gets_their_common_parent(versions: dict[str, OfficialText]) -> None:
    en = versions["en"]
    # Two articles have no common unit.
    assert find_unit(en, "applied by NATO (see Annex III). Article 5 The present Agreement in no way") is None
    # Two items of one article: the article.
    assert _id(find_unit(en, "without the consent of the originator")) == "art_1__item_iv"
    assert _id(find_unit(en, "member state; b) classified information")) == "art_1__item_i"
    assert _id(find_unit(en, "that Treaty; (iv) not disclose")) == "art_1"


def test_a_repeated_quote_needs_an_occurrence(versions: dict[str, OfficialText]) -> None:
    en = versions["en"]
    repeated = "This Annex forms an integral part of the Agreement."
    with pytest.raises(ValueError, match="occurs 3 times"):
        find_unit(en, repeated)
    assert _id(find_unit(en, repeated, occurrence=2)) == "annex_2"
    assert find_unit(en, repeated, occurrence=4) is None


def _id(unit: TextUnit | None) -> str | None:
    return unit.id if unit else None


SYNTHETIC = textwrap.dedent(
    """\
    AGREEMENT BETWEEN THE REPUBLIC OF ALPHA AND THE KINGDOM OF BETA ON CLASSIFIED INFORMATION

    The Republic of Alpha and the Kingdom of Beta (hereinafter "the Parties"),
    wishing to protect the classified information they exchange,

    have agreed as follows:

    ARTICLE 1
    Definitions

    For the purposes of this Agreement:
    (a) "information" means knowledge in any form
        that can be communicated;
    (b) "classified information" means information marked as such;
    (c) "originator" means the Party that releases it;
    (d) "recipient" means the Party that receives it;
    (e) "third State" means a State that is not a Party;
    (f) "contract" means an agreement to supply goods;
    (g) "contractor" means a person that concludes a contract;
    (h) "visit" means an authorised stay on a site;
    (i) "breach" means any loss or compromise.

    ARTICLE 2

    1. Each Party shall protect the classified information it receives.
    2. The recipient shall not:
    (i) release it to a third State without written consent;
    (ii) use it for any other purpose.
    3. Each Party shall notify the other of any breach without delay.

    Article III - Entry into force

    This Agreement shall enter into force on the date of the later notification.

    IN WITNESS WHEREOF the undersigned have signed this Agreement.
    DONE at Geneva on 1 June 2001 in the English and French languages.

    For the Republic of Alpha                For the Kingdom of Beta

    ANNEX A

    The classification levels are:
    (a) SECRET;
    (b) CONFIDENTIAL.

    ACCORD ENTRE LA RÉPUBLIQUE D'ALPHA ET LE ROYAUME DE BETA SUR LES INFORMATIONS CLASSIFIÉES

    La République d'Alpha et le Royaume de Beta (ci-après « les Parties »),

    sont convenus de ce qui suit :

    Article premier

    Aux fins du présent Accord, les informations classifiées sont celles qui sont marquées comme telles.

    Article 2

    1. Chaque Partie protège les informations classifiées qu'elle reçoit.
    2. Le destinataire ne doit pas :
    (i) les communiquer à un État tiers sans consentement écrit ;
    (ii) les utiliser à d'autres fins.
    3. Chaque Partie informe l'autre de toute compromission sans délai.

    EN FOI DE QUOI les soussignés ont signé le présent Accord.

    Annexe A

    Les niveaux de classification sont :
    a) SECRET ;
    b) CONFIDENTIEL.
    """
)


def test_a_plain_text_agreement_in_english_and_french() -> None:
    english, french = split_official_text(SYNTHETIC)
    assert (english.language, french.language) == ("en", "fr")
    assert english.title
    assert english.title.startswith("AGREEMENT BETWEEN THE REPUBLIC OF ALPHA")
    assert french.title
    assert french.title.startswith("ACCORD ENTRE")
    assert _ids(english) == [
        "preamble",
        "art_1",
        *(f"art_1__item_{c}" for c in "abcdefghi"),  # "(i)" after "(h)" is a letter, not a numeral
        "art_2",
        "art_2__para_1",
        "art_2__para_2",
        "art_2__para_2__item_i",
        "art_2__para_2__item_ii",
        "art_2__para_3",
        "art_3",
        "final_clause",
        "annex_a",
        "annex_a__item_a",
        "annex_a__item_b",
    ]
    assert english.unit("art_3").heading == "Article III - Entry into force"
    assert english.unit("art_3").number == "III"
    assert english.unit("art_2__para_2__item_i").kind == "item"
    definition = '(a) "information" means knowledge in any form that can be communicated;'
    assert english.unit("art_1__item_a").text == definition
    assert "For the Kingdom of Beta" in english.unit("final_clause").text
    assert "ACCORD" not in english.clean
    assert _ids(french) == [
        "preamble",
        "art_1",
        "art_2",
        "art_2__para_1",
        "art_2__para_2",
        "art_2__para_2__item_i",
        "art_2__para_2__item_ii",
        "art_2__para_3",
        "final_clause",
        "annex_a",
        "annex_a__item_a",
        "annex_a__item_b",
    ]
    assert french.unit("art_1").number == "premier"
    assert _id(find_unit(french, "les communiquer à un État tiers")) == "art_2__para_2__item_i"
    for text in (english, french):
        for unit in text.units:
            source = SYNTHETIC[unit.raw_start : unit.raw_end]
            assert " ".join(source.split()) == " ".join(unit.text.split()), unit.id


def test_a_version_without_annexes_or_titles_is_still_split() -> None:
    raw = "Article 1\n\nThe Parties shall consult.\n\nArticle 2\n\n(a) first;\n(b) second.\n"
    (text,) = split_official_text(raw)
    assert text.title is None
    assert text.language == "en"
    assert _ids(text) == ["art_1", "art_2", "art_2__item_a", "art_2__item_b"]


def test_a_restarted_list_nests_and_a_repeated_number_is_an_error() -> None:
    (text,) = split_official_text("Article 1\n\n(a) one:\n(b) two:\n(a) two's first;\n(b) two's second.\n")
    nested = ["art_1__item_b__item_a", "art_1__item_b__item_b"]
    assert _ids(text) == ["art_1", "art_1__item_a", "art_1__item_b", *nested]
    with pytest.raises(ValueError, match="art_1__item_b"):
        split_official_text("Article 1\n\n(a) one;\n(b) two;\n(b) two again.\n")


def test_an_annex_keeps_its_own_closing_words() -> None:
    paragraphs = [
        "Article 1",
        "The Parties shall consult.",
        "Annex I",
        "Note of the Embassy.",
        "DONE at Rome on 1 May 2003.",
    ]
    raw = "\n\n".join(paragraphs)
    (text,) = split_official_text(raw)
    assert _ids(text) == ["art_1", "annex_1"]
    assert text.unit("annex_1").text.endswith("DONE at Rome on 1 May 2003.")
