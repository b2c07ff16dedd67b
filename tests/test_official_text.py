"""Splitting official agreement texts into instruments, language versions and units with stable ids and
offsets back to the raw text: generic behaviour, on small texts written for these tests. The texts of the
source library are tested file by file in tests/test_library_texts.py."""

from __future__ import annotations

import textwrap

import pytest

from loaders.citations import NotFound, locate
from loaders.official_text import by_instrument, find_unit, languages_in, split_official_text
from loaders.seeds import SourceText
from schema.base import Citation
from schema.sources import PublicationDate, Version
from schema.texts import OfficialText, TextEntry, TextUnit


def _ids(text: OfficialText, kind: str | None = None, parent: str | None = None) -> list[str]:
    units = [u for u in text.units if kind is None or u.kind == kind]
    return [u.id for u in units if parent is None or u.parent == parent]


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


def _split(*paragraphs: str) -> list[OfficialText]:
    return split_official_text("\n\n".join(paragraphs) + "\n")


def _by_instrument(texts: list[OfficialText]) -> list[tuple[str, str]]:
    return [(t.instrument, t.language) for t in texts]


def _assert_spans(raw: str, text: OfficialText) -> None:
    """Every unit's clean text is its slice of the version's clean text and lies within its raw span."""
    for unit in text.units:
        assert text.clean[unit.clean_start : unit.clean_end] == unit.text, unit.id
        assert text.raw_start <= unit.raw_start < unit.raw_end <= text.raw_end, unit.id
        source = raw[unit.raw_start : unit.raw_end]
        assert source == source.strip(), unit.id
        if unit.parent:
            parent = text.unit(unit.parent)
            assert parent.order < unit.order
            assert parent.raw_start <= unit.raw_start, unit.id
            assert unit.raw_end <= parent.raw_end, unit.id


ENGLISH = [
    "Agreement between Alpha and Beta on the protection of classified information",
    "The Parties have agreed as follows:",
    "Article 1",
    "The Parties shall protect the classified information that is exchanged between them.",
    "Article 2",
    "1. Each Party shall mark the information it receives with the equivalent classification.",
    "2. The recipient shall not release it to a third State without the consent of the originator.",
    "DONE at Geneva on 1 June 2001 in the English and Dutch languages.",
]
DUTCH = [
    "Overeenkomst tussen Alpha en Beta inzake de beveiliging van gerubriceerde gegevens",
    "De Partijen zijn het volgende overeengekomen:",
    "Artikel 1",
    "De Partijen beveiligen de gerubriceerde gegevens die tussen hen worden uitgewisseld.",
    "Artikel 2",
    "1. Elke Partij voorziet de gegevens die zij ontvangt van de overeenkomstige rubricering.",
    "2. De ontvanger stelt deze niet ter beschikking van een derde Staat zonder toestemming van de opsteller.",
    "GEDAAN te Genève op 1 juni 2001 in de Engelse en de Nederlandse taal.",
]
PROCEDURE_EN = [
    "Procedure for the implementation of the Agreement",
    "The Parties shall apply the following procedure:",
    "1. The competent authorities are the ministers of defence.",
    "2. Documents are sent by diplomatic courier:",
    "(a) with a statement of their classification;",
    "(b) with a receipt to be returned.",
]
PROCEDURE_NL = [
    "Procedureregeling ter uitvoering van de Overeenkomst",
    "De Partijen passen de volgende regeling toe:",
    "1. De bevoegde instanties zijn de ministers van defensie.",
    "2. Stukken worden verzonden per diplomatieke koerier:",
    "(a) met een verklaring van hun rubricering;",
    "(b) met een terug te zenden ontvangstbewijs.",
]


def test_an_agreement_and_its_procedure_in_two_languages() -> None:
    texts = _split(*ENGLISH, *PROCEDURE_EN, *DUTCH, *PROCEDURE_NL)
    assert _by_instrument(texts) == [("agreement", "en"), ("procedure", "en"), ("agreement", "nl"), ("procedure", "nl")]
    agreement_en, procedure_en, agreement_nl, procedure_nl = texts
    assert agreement_en.main
    assert not procedure_en.main
    assert (agreement_en.instrument_kind, procedure_en.instrument_kind) == ("agreement", "procedure")
    # The main instrument's ids carry no prefix; the further instrument's all start with its id.
    assert agreement_en.holds == ["preamble", "art_1", "art_2", "final_clause"]
    assert [u.id for u in procedure_en.units] == [
        "procedure",
        "procedure__para_1",
        "procedure__para_2",
        "procedure__para_2__item_a",
        "procedure__para_2__item_b",
    ]
    assert procedure_en.unit("procedure").kind == "instrument"
    assert procedure_en.unit("procedure").text.startswith("The Parties shall apply")
    # Aligned across languages, distinct across instruments.
    for english, dutch in ((agreement_en, agreement_nl), (procedure_en, procedure_nl)):
        assert [u.id for u in english.units] == [u.id for u in dutch.units]
    assert not {u.id for u in agreement_en.units} & {u.id for u in procedure_en.units}
    assert agreement_nl.unit("final_clause").text.startswith("GEDAAN te Genève")
    assert procedure_nl.title == "Procedureregeling ter uitvoering van de Overeenkomst"


def test_an_exchange_of_notes_numbers_its_notes() -> None:
    raw = "\n\n".join(
        [
            "## Exchange of notes",
            "### No. I",
            "### MINISTRY OF FOREIGN AFFAIRS",
            "Excellency, I have the honour to propose the following interpretation of the Agreement:",
            "1.With regard to Article IV it is recognised that the actions of the two Governments are covered.",
            "2.It is understood that the Agreement does not apply to atomic energy.",
            "### No. II",
            "Excellency, I have the honour to acknowledge receipt of your note and to accept its terms.",
            "### Nr. I",
            "Excellentie, Ik heb de eer de volgende uitlegging van de Overeenkomst voor te stellen:",
            "1.Voor wat betreft Artikel IV wordt erkend dat de handelingen van de beide Regeringen zijn gedekt.",
            "2.Het is wel verstaan dat de Overeenkomst niet van toepassing is op atoomenergie.",
            "### Nr. II",
            "Excellentie, Ik heb de eer de ontvangst van uw nota te bevestigen en de inhoud ervan te aanvaarden.",
        ]
    )
    texts = split_official_text(raw)
    assert _by_instrument(texts) == [("note_1", "en"), ("note_2", "en"), ("note_1", "nl"), ("note_2", "nl")]
    note = texts[0]
    assert not note.main
    assert note.instrument_kind == "note"
    root = note.unit("note_1")
    assert (root.kind, root.label, root.caption) == ("instrument", "No. I", "MINISTRY OF FOREIGN AFFAIRS")
    assert [u.id for u in note.units] == ["note_1", "note_1__para_1", "note_1__para_2"]
    assert texts[2].unit("note_1").label == "Nr. I"
    assert texts[3].holds == ["note_2"]
    # The file's own title is not the first note's.
    assert note.title is None
    for text in texts:
        _assert_spans(raw, text)


def test_the_language_comes_from_the_text_not_the_heading_word() -> None:
    french = _split(
        "Accord entre Alpha et Beta",
        "Article 1",
        "Les Parties protègent les informations classifiées qui sont échangées entre elles dans le cadre de la "
        "coopération et de la présente convention.",
    )
    english = _split(
        "Agreement between Alpha and Beta",
        "Article 1",
        "The Parties shall protect the classified information that is exchanged between them in the course of "
        "this cooperation and of this Agreement.",
    )
    assert [t.language for t in french + english] == ["fr", "en"]


def test_a_version_filed_under_the_wrong_language_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"is in 'nl' but is filed under the heading 'Article 1', which is en/fr"):
        _split(
            "Agreement between Alpha and Beta",
            "Article 1",
            "De Partijen beveiligen de gerubriceerde gegevens die tussen hen worden uitgewisseld en die door de "
            "andere Partij zijn verstrekt, en zij stellen deze niet ter beschikking van een derde Staat.",
        )


def test_a_long_paragraph_in_another_language_is_another_instrument() -> None:
    texts = _split(
        "Overeenkomst tussen de drie Regeringen",
        "Artikel I",
        "De Regeringen beschermen de gegevens die zij van de andere Regering ontvangen.",
        "On the occasion of the signing of the Agreement between the three Governments, the representatives of "
        "the Parties to the Agreement declare as follows: if for any reason the remaining phases of the project "
        "are not implemented, or the further Agreement referred to in Article VIII of the Agreement is not "
        "concluded, the Parties will discuss appropriate measures at their earliest convenience.",
    )
    assert _by_instrument(texts) == [("agreement", "nl"), ("declaration", "en")]
    assert texts[1].instrument_kind == "declaration"
    assert texts[1].unit("declaration").text.startswith("On the occasion of the signing")


def test_an_untitled_part_that_calls_itself_a_contract_is_one() -> None:
    raw = "\n\n".join(
        [
            "## Memorandum of Understanding on offshore procurement",
            "1. Scope. The Governments will cooperate in the procurement of military items.",
            "2. Security. Classified items shall receive an equivalent classification.",
            "#### General provisions",
            "### 1",
            "#### Definitions",
            "As used throughout this contract the following terms shall have the meanings set forth below.",
            "### 2",
            "#### Security",
            "(a) Any materials delivered under this contract shall be safeguarded.",
        ]
    )
    memorandum, contract = split_official_text(raw)
    assert (memorandum.instrument, memorandum.main, contract.instrument, contract.main) == (
        "memorandum",
        True,
        "contract",
        False,
    )
    assert memorandum.holds == ["para_1", "para_2"]
    assert contract.holds == ["contract__sec_1", "contract__sec_2"]
    section = contract.unit("contract__sec_2")
    assert (section.kind, section.label, section.caption) == ("section", "2", "Security")
    assert contract.unit("contract__sec_2__item_a").parent == "contract__sec_2"


def test_chapters_sections_and_captions() -> None:
    raw = "\n\n".join(
        [
            "#### Treaty between Alpha and Beta",
            "The Parties have agreed as follows:",
            "### CHAPTER I",
            "#### GENERAL PROVISIONS",
            "### Article 1",
            "#### Purpose",
            "This Treaty establishes a common force.",
            "### CHAPTER II",
            "### Article 2",
            "The force shall protect the information entrusted to it.",
            "### Section 3",
            "The Parties shall consult.",
            "### Article III - Entry into force",
            "This Treaty enters into force on signature.",
        ]
    )
    (text,) = split_official_text(raw)
    assert [u.id for u in text.units if u.parent is None] == ["preamble", "chp_1", "chp_2"]
    # Articles keep their plain number inside chapters, as they are cited; a section is the chapter's.
    assert [(u.id, u.parent) for u in text.units if u.parent == "chp_2"] == [
        ("art_2", "chp_2"),
        ("chp_2__sec_3", "chp_2"),
        ("art_3", "chp_2"),
    ]
    assert text.unit("art_1").parent == "chp_1"
    assert text.holds == ["preamble", "chp_1", "art_1", "chp_2", "art_2", "art_3"]
    assert text.unit("art_3").caption == "Entry into force"
    assert text.unit("chp_1").caption == "GENERAL PROVISIONS"
    assert (text.unit("art_1").label, text.unit("art_1").caption) == ("Article 1", "Purpose")
    assert text.unit("chp_2__sec_3").label == "Section 3"


def test_annexes_nest_their_appendices_and_a_repeated_appendix_heading_continues_it() -> None:
    raw = "\n\n".join(
        [
            "### Article 1",
            "The annexes form part of this Memorandum.",
            "### Annex I",
            "#### to the Memorandum of Understanding",
            "### I",
            "#### Introduction",
            "This annex sets out the services.",
            "### II",
            "The services are free of charge.",
            "### Appendix 1",
            "1. Support evaluations of contractors.",
            "### Annex II",
            "### Appendix A",
            "#### Attachment 1",
            "1. Title of position:",
            "### Appendix A",
            "#### Attachment 2",
            "1. Name of organisation:",
        ]
    )
    (text,) = split_official_text(raw)
    ids = [u.id for u in text.units]
    assert ids == [
        "art_1",
        "annex_1",
        "annex_1__sec_1",
        "annex_1__sec_2",
        "annex_1__appendix_1",
        "annex_1__appendix_1__para_1",
        "annex_2",
        "annex_2__appendix_a",
        "annex_2__appendix_a__attachment_1",
        "annex_2__appendix_a__attachment_1__para_1",
        "annex_2__appendix_a__attachment_2",
        "annex_2__appendix_a__attachment_2__para_1",
    ]
    assert text.unit("annex_1").caption == "to the Memorandum of Understanding"
    assert text.unit("annex_1__sec_1").caption == "Introduction"
    assert text.unit("annex_2__appendix_a__attachment_1").label == "Attachment 1"


@pytest.mark.parametrize(
    ("closing", "language"),
    [
        ("IN WITNESS WHEREOF the undersigned have signed this Agreement.", "en"),
        ("DONE at Rome on 1 May 2003.", "en"),
        ("TEN BLIJKE WAARVAN de ondergetekenden dit Verdrag hebben ondertekend.", "nl"),
        ("GEDAAN te Rome op 1 mei 2003.", "nl"),
        ("ONDERTEKEND te Cardiff, op 12 juli 2005.", "nl"),
        ("FAIT à Rabat, le 21 mai 2013.", "fr"),
    ],
)
def test_final_clauses_in_every_language(closing: str, language: str) -> None:
    body = {
        "en": ("Article 1", "The Parties shall protect the classified information that is exchanged between them."),
        "nl": ("Artikel 1", "De Partijen beveiligen de gerubriceerde gegevens die tussen hen worden uitgewisseld."),
        "fr": ("Article 1", "Les Parties protègent les informations classifiées qui sont échangées entre elles."),
    }[language]
    # The clause opens its own paragraph even when it stands on the line right under the last article.
    (text,) = split_official_text("\n\n".join(body) + "\n" + closing + "\n")
    assert text.language == language
    assert text.unit("final_clause").text == closing
    assert closing not in text.unit("art_1").text


def test_database_notes_and_page_furniture_are_not_text() -> None:
    raw = "\n\n".join(
        [
            "<meta http-equiv='Content-Type' content='text/html; charset=utf-8' />",
            "## Verdrag tussen Alpha en Beta",
            "Treedt in werking per 01-12-2015",
            "### Artikel 1",
            "Wordt voorlopig toegepast per 21-05-2013",
            "De Partijen beveiligen de gegevens, zie [het Verdrag](../../BWBV0005760/README.md).",
            "![10000055067](http://wetten.overheid.nl/Illustration/10000055067)",
            "[Note by the collector, not part of the text]",
            "Treedt in werking op een nader te bepalen tijdstip",
            "### Artikel 2",
            "De Partijen plegen overleg.",
        ]
    )
    (text,) = split_official_text(raw)
    for furniture in ("Treedt in werking", "Wordt voorlopig", "Illustration", "collector", "<meta", "README", "]("):
        assert furniture not in text.clean
    assert text.unit("art_1").text.endswith("zie het Verdrag.")
    _assert_spans(raw, text)


TABLE_EN = [
    "### Annex",
    "#### Comparison of security classifications",
    "| *EU* | *SECRET UE* | *CONFIDENTIEL UE* |",
    "|:---|:---|:---|",
    "| Belgium | Secret | Confidential |",
    "| Germany | GEHEIM | VS<sup>2)</sup> - VERTRAULICH |",
]


def test_a_markdown_table_is_a_unit_with_one_unit_per_row() -> None:
    raw = "\n\n".join(["### Article 1", "Classifications are equivalent as shown in the Annex.", *TABLE_EN[:2]])
    raw += "\n\n" + "\n".join(TABLE_EN[2:]) + "\n"
    (text,) = split_official_text(raw)
    table = text.unit("annex_1__table_1")
    assert table.kind == "table"
    assert table.parent == "annex_1"
    rows = [u for u in text.units if u.parent == table.id]
    assert [u.id for u in rows] == [f"annex_1__table_1__row_{n}" for n in (1, 2, 3)]
    germany = text.unit("annex_1__table_1__row_3")
    assert germany.kind == "table_row"
    assert germany.cells == ["Germany", "GEHEIM", "VS2) - VERTRAULICH"]
    assert germany.text == "Germany | GEHEIM | VS2) - VERTRAULICH"
    assert raw[germany.raw_start : germany.raw_end].startswith("| Germany")
    assert text.unit("annex_1").caption == "Comparison of security classifications"
    _assert_spans(raw, text)


def test_an_html_table_is_read_too() -> None:
    raw = "\n".join(
        [
            "Article 1",
            "",
            "The equivalent classifications are:",
            "<table>",
            "<tr><th>Netherlands</th><th>United States</th></tr>",
            "<tr>",
            "<td>ZEER GEHEIM</td>",
            "<td>TOP SECRET</td>",
            "</tr>",
            "</table>",
        ]
    )
    (text,) = split_official_text(raw)
    rows = [u for u in text.units if u.kind == "table_row"]
    assert [r.cells for r in rows] == [["Netherlands", "United States"], ["ZEER GEHEIM", "TOP SECRET"]]
    assert rows[0].parent == "art_1__table_1"
    assert raw[rows[1].raw_start : rows[1].raw_end].startswith("<tr>")


def test_glued_markers_quoted_markers_and_abbreviations() -> None:
    (text,) = _split(
        "Artikel 1",
        "1)Tot het verlenen van toestemming zijn bevoegd:",
        "a)in de Bondsrepubliek de Bondsminister;",
        "b)in het Koninkrijk de Minister.",
        "(2). De stukken worden verzonden.",
        "U.S. authorities are informed of every change.",
        "“3.Security “The Governments will protect the items.",
    )
    assert [u.id for u in text.units] == [
        "art_1",
        "art_1__para_1",
        "art_1__para_1__item_a",
        "art_1__para_1__item_b",
        "art_1__para_2",
        "art_1__para_3",
    ]
    assert text.unit("art_1__para_2").text.endswith("U.S. authorities are informed of every change.")
    assert text.unit("art_1__para_3").label == "3."


def test_i_after_h_is_a_numeral_when_ii_follows() -> None:
    (text,) = _split(
        "Article 6",
        "(g) the Originating Party shall notify any change;",
        "(h) when the information is no longer required, the Receiving Party shall either:",
        "(i) return it; or",
        "(ii) destroy it.",
    )
    assert [u.id for u in text.units][-2:] == ["art_6__item_h__item_i", "art_6__item_h__item_ii"]


def test_japanese_and_korean_headings_and_paragraphs() -> None:
    (japanese,) = split_official_text(
        "第三条 国内法令\n\n一方の締約国政府は、国内法令について通報する。\n\n"
        "第四条 秘密指定\n\n1 秘密軍事情報には、次の秘密指定を表示する。\n\n(a) 日本国政府については、「秘」\n"
    )
    assert japanese.language == "ja"
    assert [u.id for u in japanese.units] == ["art_3", "art_4", "art_4__para_1", "art_4__para_1__item_a"]
    article = japanese.unit("art_4")
    assert (article.label, article.number, article.caption) == ("第四条", "四", "秘密指定")
    (korean,) = split_official_text(
        "제 1 조\n이 협정은 일반보안협정의 규정을 보완한다.\n제 2 조\n용어의 정의\n이 협정에 있어서\n"
        "가. “비밀계약”이라 함은 계약을 말한다.\n나. “군사비밀”이란 정보를 말한다.\n"
    )
    assert korean.language == "ko"
    assert [u.id for u in korean.units] == ["art_1", "art_2", "art_2__item_a", "art_2__item_b"]
    assert (korean.unit("art_2").label, korean.unit("art_2").caption) == ("제 2 조", "용어의 정의")
    assert korean.unit("art_2__item_b").label == "나."


def test_wrapped_japanese_lines_join_without_a_space() -> None:
    raw = (
        "三者間情報共有取決め\n参加者は、次のとおり一致する。\n"
        "1.参加者は、北朝鮮による核及びミサイルの脅威に関する秘密情報の共有を可能にするた\n"
        "めのメカニズムを構築する意図を有する。\n"
        "2.この取決めに基づき交換される秘密情報は、いかなる形態もとることができる。\n"
    )
    (text,) = split_official_text(raw)
    assert text.title == "三者間情報共有取決め"
    assert (text.instrument, text.language) == ("arrangement", "ja")
    assert text.holds == ["preamble", "para_1", "para_2"]
    assert "共有を可能にするためのメカニズム" in text.unit("para_1").text


PARTIAL = "\n".join(
    [
        "Page:Agreement (English Text).pdf/4",
        "",
        "This page has been validated.",
        "",
        "(g) the Originating Party shall notify any change in classification;",
        "",
        "ARTICLE 7",
        "PERSONNEL ACCESS",
        "",
        "1. No official shall have access solely by virtue of rank.",
        "",
        "2. Access shall be granted only to cleared officials whose duties require it and who are",
        "",
        "[... excerpt ends here in the stored copy ...]",
        "",
        "Page:Agreement (English Text).pdf/10",
        "",
        "ARTICLE 20",
        "DISPUTE SETTLEMENT",
        "",
        "Disputes shall be settled by consultation.",
        "",
        "Page:Agreement (English Text).pdf/12",
        "",
        "the Parties shall continue to protect the information.",
        "",
        "ARTICLE 22",
        "",
        "This Agreement enters into force on signature.",
    ]
)


def test_a_partial_text_says_which_articles_it_holds_and_marks_fragments() -> None:
    (text,) = split_official_text(PARTIAL)
    assert text.partial
    assert text.holds == ["art_6", "art_7", "art_20", "art_21", "art_22"]
    fragments = {u.id for u in text.units if u.fragment}
    # Opens inside Article 6 (page 4 comes first), is cut inside Article 7 paragraph 2, and jumps from page
    # 10 to 12 inside Article 20: the text after the jump is Article 21's, the article before the next heading.
    assert fragments == {"art_6", "art_7", "art_7__para_2", "art_20", "art_21"}
    first = text.unit("art_6")
    assert (first.label, first.heading) == (None, None)
    assert text.unit("art_6__item_g").parent == "art_6"
    assert (text.unit("art_7").label, text.unit("art_7").caption) == ("ARTICLE 7", "PERSONNEL ACCESS")
    assert not text.unit("art_22").fragment
    for furniture in ("Page:", "validated", "excerpt"):
        assert furniture not in text.clean
    _assert_spans(PARTIAL, text)


def test_a_complete_text_is_not_partial() -> None:
    (text,) = _split("Article 1", "The Parties shall consult.")
    assert not text.partial
    assert not any(u.fragment for u in text.units)
    assert text.holds == ["art_1"]


# Quote errors: a quote that is not found says where the nearest match is.

QUOTED = [
    "Agreement between Alpha and Beta",
    "Article 1",
    "The Parties shall protect the “classified information” that is exchanged between them.",
    "Article 2",
    "1. Each Party shall mark the information it receives with the classification 군사II급비밀.",
    "2. The recipient shall not release it to a third State without the consent of the originator, "
    "who is infor-\nmed of every release.",
    "Overeenkomst tussen Alpha en Beta",
    "Artikel 1",
    "De Partijen beveiligen de „gerubriceerde gegevens” die tussen hen worden uitgewisseld.",
    "Artikel 2",
    "1. Elke Partij voorziet de gegevens die zij ontvangt van de rubricering 군사II급비밀.",
    "2. De ontvanger stelt deze niet ter beschikking van een derde Staat zonder toestemming van de opsteller.",
]


def _source() -> SourceText:
    raw = "\n\n".join(QUOTED) + "\n"
    versions = split_official_text(raw)
    entry = TextEntry(
        id="alpha-beta-text",
        file="alpha-beta.md",
        sha256="0" * 64,
        agreement="alpha-beta",
        title="Agreement between Alpha and Beta",
        publisher="written for this test",
        publisher_kind="curator",
        url=None,
        published=PublicationDate(basis="unknown", note="written for this test"),
        versions=[Version(language=v.language, text_kind="verbatim") for v in versions],
    )
    return SourceText(entry=entry, raw=raw, versions=versions)


def _not_found(quote: str, language: str = "en", unit: str | None = None) -> str:
    citation = Citation(doc="alpha-beta-text", quote=quote, language=language, unit=unit)
    with pytest.raises(NotFound) as caught:
        locate(_source(), citation)
    return str(caught.value)


def test_a_located_quote_names_its_unit_and_instrument() -> None:
    quote = "without the consent of the originator"
    spot = locate(_source(), Citation(doc="alpha-beta-text", quote=quote, language="en"))
    assert (spot.unit, spot.instrument, spot.language) == ("art_2__para_2", "agreement", "en")


def test_a_character_that_differs_is_named() -> None:
    message = _not_found("with the classification 군사Ⅱ급비밀")
    assert "the text has it as 'with the classification 군사II급비밀', in 'art_2__para_1' (1.)" in message
    assert "the quote has 'Ⅱ' (U+2161 ROMAN NUMERAL TWO) where the text has 'II'" in message


def test_straight_quotes_for_curly_ones_are_named() -> None:
    message = _not_found('protect the "classified information" that')
    assert "the quote has '\"' where the text has '“' (U+201C LEFT DOUBLE QUOTATION MARK)" in message
    assert "'art_1' (Article 1)" in message


def test_a_word_hyphenated_at_a_line_end_is_named() -> None:
    message = _not_found("who is informed of every release")
    assert "the text has it as 'who is infor- med of every release'" in message
    assert "the quote has nothing where the text has '- '" in message


def test_a_quote_from_another_language_version_says_which() -> None:
    message = _not_found("zonder toestemming van de opsteller")
    assert "but it is in the nl version, in 'art_2__para_2' (2.): set `language: nl`" in message


def test_a_quote_whose_opening_is_found_says_where_and_how_it_goes_on() -> None:
    message = _not_found("Each Party shall mark the data it receives", unit="art_1")
    assert "its opening words are in 'art_2__para_1' (1.) (the citation names 'art_1')" in message
    assert "the text goes on 'information it receives" in message
    assert "the quote 'data it receives'" in message


def test_a_quote_in_another_unit_than_the_cited_one_says_which() -> None:
    message = _not_found("without the consent of the originator", unit="art_1")
    assert message == "the quote is not inside 'art_1'; it is in 'art_2__para_2'"


def test_a_quote_with_nothing_near_says_so() -> None:
    assert _not_found("words that are in no version of the agreement at all").endswith(
        "(whitespace may differ, nothing else may)"
    )


def test_what_a_file_holds_by_language_and_instrument() -> None:
    texts = _split(*ENGLISH, *PROCEDURE_EN, *DUTCH, *PROCEDURE_NL)
    assert languages_in(texts) == ["en", "nl"]
    grouped = by_instrument(texts)
    assert list(grouped) == ["agreement", "procedure"]
    assert grouped["procedure"]["nl"].title == "Procedureregeling ter uitvoering van de Overeenkomst"


def test_a_list_continues_at_the_sibling_punctuated_like_it() -> None:
    (text,) = _split(
        "Annex I",
        "4. The equivalent grades are:",
        "1) in Alpha SECRET;",
        "2)2) in Beta GEHEIM;",
        "5. Documents are sent by courier.",
    )
    assert [u.id for u in text.units] == [
        "annex_1",
        "annex_1__para_4",
        "annex_1__para_4__item_1",
        "annex_1__para_4__item_2",
        "annex_1__para_5",
    ]
