"""Every official text of the source library splits into its instruments and language versions, with
the unit ids and headings the file shows: one test per file, checking facts read in the file (never
totals). The files are read from the library (tests/conftest.py: LIBRARY), never copied here."""

from __future__ import annotations

import functools
import re

import pytest

from loaders.official_text import find_unit, split_official_text
from schema.texts import OfficialText, TextUnit
from tests.conftest import LIBRARY

pytestmark = pytest.mark.library

TREATIES = LIBRARY / "nl-treaties"
GSOMIA = LIBRARY / "gsomia"
# The treaty-text pages among the GSOMIA documents (the others are statements and news).
GSOMIA_TEXTS = [
    "japan-rok-gsomia-2016_english-text-pages-4-and-10_wikisource.txt",
    "japan-rok-gsomia-2016_japanese-text-pages-2-3-5-6-7-14_wikisource_JA.txt",
    "rok-japan_2012-draft_agreement-protection-of-classified-information_KO-text-opening.txt",
    "rok-us_1987_security-agreement-protection-of-military-secrets_KO-text-opening.txt",
    "tisa-2014_japanese-text-paras-1-4-and-8_JA.txt",
]


@functools.cache
def _raw(path: str) -> str:
    return (LIBRARY / path).read_text(encoding="utf-8")


@functools.cache
def _split(path: str) -> tuple[OfficialText, ...]:
    return tuple(split_official_text(_raw(path)))


def _treaty(name: str) -> tuple[OfficialText, ...]:
    return _split(f"nl-treaties/{name}.md")


def _versions(texts: tuple[OfficialText, ...]) -> list[tuple[str, str]]:
    return [(t.instrument, t.language) for t in texts]


def _version(texts: tuple[OfficialText, ...], instrument: str, language: str) -> OfficialText:
    (found,) = [t for t in texts if (t.instrument, t.language) == (instrument, language)]
    return found


def _unit(texts: tuple[OfficialText, ...], instrument: str, language: str, unit_id: str) -> TextUnit:
    return _version(texts, instrument, language).unit(unit_id)


def _aligned(texts: tuple[OfficialText, ...], instrument: str) -> None:
    """The language versions of one instrument have the same unit ids."""
    ids = {tuple(u.id for u in t.units) for t in texts if t.instrument == instrument}
    assert len(ids) == 1, instrument


def test_every_text_of_the_library_splits() -> None:
    texts = sorted(TREATIES.glob("BWBV*.md")) + [GSOMIA / name for name in GSOMIA_TEXTS]
    assert len(texts) >= 25 + len(GSOMIA_TEXTS)
    for path in texts:
        versions = _split(str(path.relative_to(LIBRARY)))
        assert versions, path.name
        for version in versions:
            ids = [u.id for u in version.units]
            assert len(ids) == len(set(ids)), path.name
            prefix = "" if version.main else f"{version.instrument}"
            assert all(i.startswith(prefix) for i in ids), path.name
        ids_by_instrument: dict[str, set[str]] = {}
        for version in versions:
            ids_by_instrument.setdefault(version.instrument, set()).update(u.id for u in version.units)
        seen: set[str] = set()
        for ids in ids_by_instrument.values():
            assert not ids & seen, path.name  # distinct across the instruments of a file
            seen |= ids


# -- NATO 1997 (the agreement the seeds cite article by article) ---------------------------------------------

NATO = "BWBV0001372"


def test_nato_1997_english_and_dutch_with_annexes() -> None:
    texts = _treaty(NATO)
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    english, dutch = texts
    assert english.title == "Agreement between the Parties to the North Atlantic Treaty for the security of information"
    assert (
        dutch.title == "Verdrag tussen de Partijen bij het Noord-Atlantisch Verdrag inzake de beveiliging van gegevens"
    )
    for text, article, annex in ((english, "Article", "Annex"), (dutch, "Artikel", "Bijlage")):
        assert [u.id for u in text.units if u.parent is None] == [
            "preamble",
            *(f"art_{n}" for n in range(1, 10)),
            "final_clause",
            "annex_1",
            "annex_2",
            "annex_3",
        ]
        assert text.unit("art_9").label == f"{article} 9"
        assert [u.heading for u in text.units if u.kind == "annex"] == [f"{annex} {r}" for r in ("I", "II", "III")]
        assert [u.id for u in text.units if u.id.startswith("art_1__")] == [
            "art_1__item_i",
            "art_1__item_i__item_a",
            "art_1__item_i__item_b",
            "art_1__item_ii",
            "art_1__item_iii",
            "art_1__item_iv",
        ]
        assert [u.id for u in text.units if u.parent == "art_3"] == ["art_3__para_1", "art_3__para_2", "art_3__para_3"]
        assert [u.id for u in text.units if u.parent == "art_6"] == ["art_6__item_a", "art_6__item_b", "art_6__item_c"]
        assert not text.partial
    _aligned(texts, "agreement")
    assert english.unit("art_1__item_iv").text.startswith("(iv) not disclose such information")
    assert dutch.unit("art_1__item_iv").text.startswith("iv. stellen de onder i bedoelde gegevens niet")
    assert english.unit("final_clause").text.startswith("IN WITNESS WHEREOF")
    assert "DONE in Brussels, this 6th day of March, 1997" in english.unit("final_clause").text
    assert "GEDAAN te Brussel op 6 maart 1997" in dutch.unit("final_clause").text


def test_nato_1997_offsets_and_clean_text() -> None:
    raw = _raw(f"nl-treaties/{NATO}.md")
    for text in _treaty(NATO):
        for unit in text.units:
            assert text.clean[unit.clean_start : unit.clean_end] == unit.text, unit.id
            source = raw[unit.raw_start : unit.raw_end]
            stripped = re.sub(r"(?m)^[ \t]*#+[ \t]*", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", source))
            assert " ".join(stripped.split()) == " ".join(unit.text.split()), unit.id
        for furniture in ("<meta", "#", "](", "README.md"):
            assert furniture not in text.clean
        assert raw[text.unit("art_1").raw_start :].startswith("### Arti")


def test_nato_1997_quotes_find_their_units() -> None:
    english, dutch = _treaty(NATO)

    def found(text: OfficialText, quote: str) -> str | None:
        unit = find_unit(text, quote)
        return unit.id if unit else None

    assert found(english, "not disclose such information as defined under (i) above to non-NATO") == "art_1__item_iv"
    assert found(dutch, "Veiligheidsonderzoeken moeten zodanig zijn opgezet") == "art_3__para_2"
    assert found(english, "signed in Ottawa on 20th September, 1951") == "annex_2"  # link text, not target
    assert found(english, "applied by NATO (see Annex III). Article 5 The present Agreement") is None
    with pytest.raises(ValueError, match="occurs 3 times"):
        find_unit(english, "This Annex forms an integral part of the Agreement.")


# -- the other treaties of the Dutch treaty database -----------------------------------------------------------


def test_esa_2002_classified_information() -> None:
    texts = _treaty("BWBV0001724")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "en", "art_2__para_4").text.startswith("4. Not disclose such information")
    assert _unit(texts, "agreement", "nl", "art_12").label == "Artikel 12"
    assert _unit(texts, "agreement", "en", "final_clause").text.startswith("IN WITNESS WHEREOF")


def test_eu_2011_classified_information_and_its_classification_table() -> None:
    texts = _treaty("BWBV0005395")
    assert _versions(texts) == [("agreement", "nl")]
    (text,) = texts
    annex = text.unit("annex_1")
    assert (annex.label, annex.caption) == ("Bijlage", "Vergelijking van de beveiligingsrubriceringen")
    netherlands = text.unit("annex_1__table_1__row_19")
    assert netherlands.cells == [
        "Nederland",
        "Stg. ZEER GEHEIM",
        "Stg. GEHEIM",
        "Stg. CONFIDENTIEEL",
        "Dep. VERTROUWELIJK",
    ]
    assert (text.unit("annex_1__table_1__row_1").cells or [""])[0] == "EU"
    assert text.unit("final_clause").text.startswith("TEN BLIJKE WAARVAN")
    assert "Treedt in werking" not in text.clean


def test_nato_1960_secrecy_of_inventions() -> None:
    texts = _treaty("BWBV0005054")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "en", "art_4").label == "Article IV"
    assert _unit(texts, "agreement", "nl", "art_7").label == "Artikel VII"
    assert _unit(texts, "agreement", "en", "art_4").text.startswith("Article IV\n\nThe secrecy measures imposed")


def test_nl_de_1961_supplement_and_its_procedure_arrangement() -> None:
    texts = _treaty("BWBV0004252")
    assert _versions(texts) == [("agreement", "nl"), ("procedure", "nl")]
    agreement, procedure = texts
    assert agreement.main
    assert not procedure.main
    assert procedure.title is not None
    assert procedure.title.startswith("Procedureregeling ter uitvoering")
    assert agreement.unit("art_6").label == "Artikel 6"
    grades = procedure.unit("procedure__para_6__table_1__row_2")
    assert grades.cells is not None
    assert grades.cells[0].startswith("STRENG GEHEIM GEHEIM VS-VERTRAULICH")
    assert procedure.unit("procedure__para_1__item_b").text.startswith("b)in het Koninkrijk der Nederlanden")


def test_nl_us_1955_patents_agreement_and_its_exchange_of_notes() -> None:
    texts = _treaty("BWBV0005299")
    assert _versions(texts) == [
        ("agreement", "nl"),
        ("note_1", "en"),
        ("note_2", "en"),
        ("note_1", "nl"),
        ("note_2", "nl"),
    ]
    _aligned(texts, "note_1")
    assert _unit(texts, "agreement", "nl", "art_8__item_e").label == "e)."
    assert _unit(texts, "note_1", "en", "note_1__para_6").text.startswith("6.Nothing in this Agreement")
    note = _unit(texts, "note_2", "en", "note_2")
    assert (note.kind, note.label, note.caption) == ("instrument", "No. II", "AMERICAN EMBASSY")
    assert _unit(texts, "note_2", "nl", "note_2").caption == "AMERIKAANSE AMBASSADE"


def test_nl_us_1959_classified_patent_procedures_exchanged_as_notes() -> None:
    texts = _treaty("BWBV0005280")
    assert _versions(texts) == [
        ("note_1", "en"),
        ("procedure", "en"),
        ("note_2", "en"),
        ("note_1", "nl"),
        ("procedure", "nl"),
        ("note_2", "nl"),
    ]
    _aligned(texts, "procedure")
    english = _version(texts, "procedure", "en")
    assert english.main
    assert english.unit("para_1__item_g").text.startswith("(g) The recipient Government shall assign")
    assert english.unit("para_2__item_b__item_2").text.startswith("(2) Assign in trust the rights")
    assert _unit(texts, "note_1", "nl", "note_1").label == "Nr. I"


def test_nato_1964_atomic_information() -> None:
    texts = _treaty("BWBV0004382")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "en", "art_5__para_4").text.startswith("4. Atomic information communicated")
    assert _unit(texts, "agreement", "nl", "art_10__para_3").text.startswith("3. Deze Overeenkomst blijft van kracht")


def test_uranium_enrichment_1990s_agreement_and_english_declaration() -> None:
    texts = _treaty("BWBV0002722")
    assert _versions(texts) == [("agreement", "nl"), ("declaration", "en")]
    assert _unit(texts, "agreement", "nl", "art_4").caption == "Beveiliging van gerubriceerde gegevens"
    declaration = _unit(texts, "declaration", "en", "declaration")
    assert declaration.text.startswith("On the occasion of the signing of the Agreement")
    assert texts[1].instrument_kind == "declaration"


def test_uranium_enrichment_1992_agreement_annex_and_agreed_minute() -> None:
    texts = _treaty("BWBV0001092")
    assert _versions(texts) == [("agreement", "nl"), ("minute", "nl")]
    agreement, minute = texts
    assert agreement.unit("art_1__item_e__item_ii").label == "ii."
    assert agreement.unit("annex_1").label == "Bijlage"
    assert minute.title == "Overeengekomen Notulenverklaring"
    point = minute.unit("minute__sec_3")
    assert (point.label, point.caption) == ("3", "Ad artikel II, eerste lid, letter d:")


def test_uranium_enrichment_2011_agreement_annex_and_agreed_minute() -> None:
    texts = _treaty("BWBV0005279")
    assert _versions(texts) == [("agreement", "nl"), ("minute", "nl")]
    agreement, minute = texts
    assert agreement.unit("art_9").caption == "Bescherming van gerubriceerde gegevens"
    assert agreement.unit("annex_1__para_2__item_a__item_iv").label == "iv."
    assert minute.unit("minute__para_4__item_b").text.startswith("b. De Partijen delen de opvatting")
    assert minute.unit("minute__final_clause").text.startswith("GEDAAN te Parijs op 24 februari 2011")


def test_almelo_1970_annexes_on_patents_and_security() -> None:
    texts = _treaty("BWBV0004423")
    assert _versions(texts) == [("agreement", "nl")]
    (text,) = texts
    assert text.unit("art_5__para_1").label == "(1)."
    assert (text.unit("annex_2").label, text.unit("annex_2").caption) == (
        "Bijlage II",
        "Beveiligingsmaatregelen en rubricering",
    )
    assert text.unit("annex_2__para_9__item_a__item_ii").text.startswith("(ii)Ingeval gerubriceerde stukken")


def test_cardiff_2005_treaty_and_accompanying_letter() -> None:
    texts = _treaty("BWBV0001810")
    assert _versions(texts) == [("agreement", "nl"), ("letter", "nl")]
    treaty, letter = texts
    assert treaty.unit("art_7").caption == "Beveiliging van gerubriceerde gegevens"
    # "5." after paragraph 4's items "1)" to "4)" is paragraph 5 again.
    assert [u.id for u in treaty.units if u.parent == "annex_2__para_4"] == [
        f"annex_2__para_4__item_{n}" for n in (1, 2, 3, 4)
    ]
    assert treaty.unit("annex_2__para_5").label == "5."
    assert letter.title is not None
    assert letter.title.startswith("Begeleidend schrijven bij het Verdrag")
    assert letter.unit("letter__para_6__item_b").text.startswith("b. De Regering van de Franse Republiek")
    assert letter.unit("letter__final_clause").text.startswith("ONDERTEKEND te Cardiff, op 12 juli 2005")


def test_nl_us_1978_defense_equipment_mou_with_annexes_and_appendices() -> None:
    texts = _treaty("BWBV0003739")
    assert _versions(texts) == [("memorandum", "en")]
    (text,) = texts
    assert (text.unit("art_4").label, text.unit("art_4").caption) == ("Article IV", "Security")
    assert text.unit("annex_4__sec_6").caption == "Protection of information"
    assert text.unit("annex_5__para_2__item_g__table_1__row_2").cells == ["ZEER GEHEIM", "TOP SECRET"]
    assert text.unit("annex_5__appendix_d").label == "Appendix D"
    attachment = text.unit("annex_8__appendix_a__attachment_2")
    assert (attachment.label, attachment.caption) == ("Attachment 2", "Position Description")
    assert "Treedt in werking" not in text.clean


def test_nl_us_1954_offshore_procurement_notes_memorandum_and_model_contract() -> None:
    texts = _treaty("BWBV0005245")
    assert _versions(texts) == [
        ("note_1", "en"),
        ("memorandum", "en"),
        ("contract", "en"),
        ("note_2", "en"),
        ("note_1", "nl"),
        ("memorandum", "nl"),
        ("note_2", "nl"),
    ]
    _aligned(texts, "memorandum")
    assert _version(texts, "memorandum", "en").main
    assert _unit(texts, "memorandum", "en", "para_7").text.startswith("“7.Security")
    assert _unit(texts, "memorandum", "nl", "para_7").text.startswith("„7.Beveiliging")
    clause = _unit(texts, "contract", "en", "contract__sec_17")
    assert (clause.label, clause.caption) == ("17", "Security")
    assert _unit(texts, "note_2", "nl", "note_2").label == "No. II"


def test_nl_us_1959_atomic_energy_for_mutual_defense() -> None:
    texts = _treaty("BWBV0005109")
    assert _versions(texts) == [("agreement", "en")]
    (text,) = texts
    assert (text.unit("art_5").label, text.unit("art_5").caption) == ("Article V", "Guarantees")
    assert text.unit("art_5__item_b").label == "B."
    assert text.unit("final_clause").text.startswith("IN WITNESS WHEREOF")


def test_european_air_group_1998_consolidated() -> None:
    texts = _treaty("BWBV0001463")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "en", "art_11").caption == "Security of classified documents"
    assert _unit(texts, "agreement", "nl", "art_11").caption == "Beveiliging van gerubriceerde documenten"
    assert _unit(texts, "agreement", "en", "annex_a").label == "Annex A"
    assert _unit(texts, "agreement", "nl", "annex_a__para_2__item_a").text == "a. Accommodatie"


def test_nl_brazil_2011_defence_cooperation() -> None:
    texts = _treaty("BWBV0005623")
    assert _versions(texts) == [("agreement", "nl")]
    (text,) = texts
    assert text.unit("art_5").caption == "Beveiliging van gerubriceerde informatie"
    assert text.unit("art_5__para_2").text.startswith("2. Voorafgaand aan de inwerkingtreding")


def test_nl_morocco_2013_french_and_dutch() -> None:
    texts = _treaty("BWBV0006174")
    assert _versions(texts) == [("agreement", "fr"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "fr", "art_6").label == "Article 6"
    assert _unit(texts, "agreement", "fr", "final_clause").text.startswith("FAIT à Rabat, le 21 mai 2013")
    assert _unit(texts, "agreement", "nl", "final_clause").text.startswith("GEDAAN te Rabat, op 21 mei 2013")
    assert "Wordt voorlopig toegepast" not in texts[0].clean


def test_nl_jordan_2014_deployment() -> None:
    texts = _treaty("BWBV0006403")
    assert _versions(texts) == [("agreement", "en")]
    (text,) = texts
    assert text.unit("art_11").caption == "Protection of classified information and security"
    assert [u.id for u in text.units if u.parent == "art_11"] == ["art_11__para_1", "art_11__para_2"]


def test_nl_switzerland_2007_military_exercises() -> None:
    texts = _treaty("BWBV0001997")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    assert _unit(texts, "agreement", "en", "art_15").caption == "Disclosure of Information"
    assert _unit(texts, "agreement", "nl", "art_15").label == "Artikel XV"
    assert _unit(texts, "agreement", "en", "final_clause").text.startswith("DONE in The Hague, on 12 april 2007")


def test_nl_germany_2006_defence_cooperation() -> None:
    texts = _treaty("BWBV0001836")
    assert _versions(texts) == [("agreement", "nl")]
    (text,) = texts
    assert text.unit("art_9").caption == "Openbaarmaking van informatie"
    assert text.unit("art_11__para_4").text.startswith("4. Deze Overeenkomst kan door elke")
    assert text.unit("final_clause").text.startswith("GEDAAN te Münster op 8 november 2006")


def test_german_netherlands_corps_1997_convention_and_protocol() -> None:
    texts = _treaty("BWBV0001318")
    assert _versions(texts) == [("agreement", "nl"), ("protocol", "nl")]
    convention, protocol = texts
    assert convention.unit("art_11").caption == "Beveiliging"
    assert convention.unit("final_clause").text.startswith("GEDAAN te Bergen, op 6 oktober 1997")
    assert protocol.title == "Protocol"
    assert protocol.holds == [f"protocol__sec_{n}" for n in (1, 2, 3, 4)] + ["protocol__final_clause"]


def test_eurogendfor_2007_chapters_and_articles() -> None:
    texts = _treaty("BWBV0005856")
    assert _versions(texts) == [("agreement", "nl")]
    (text,) = texts
    chapter = text.unit("chp_5")
    assert (chapter.label, chapter.caption) == ("HOOFDSTUK V", "BESCHERMING VAN INLICHTINGEN")
    article = text.unit("art_12")
    assert (article.parent, article.label, article.caption) == ("chp_5", "Artikel 12", "Bescherming van inlichtingen")
    assert text.unit("final_clause").text.startswith("GEDAAN te Velsen op 18 oktober 2007")


def test_nl_us_2012_homeland_security_definitions_table() -> None:
    texts = _treaty("BWBV0006073")
    assert _versions(texts) == [("agreement", "en"), ("agreement", "nl")]
    _aligned(texts, "agreement")
    english = _unit(texts, "agreement", "en", "art_1__table_1__row_2")
    dutch = _unit(texts, "agreement", "nl", "art_1__table_1__row_2")
    assert english.cells is not None
    assert dutch.cells is not None
    assert (english.cells[0], dutch.cells[0]) == ("Classified Information", "Gerubriceerde informatie")
    assert _unit(texts, "agreement", "en", "art_11").caption == "Information Security"


# -- the partial official-text pages of the GSOMIA library ----------------------------------------------------


def test_gsomia_2016_english_pages_4_and_10() -> None:
    texts = _split("gsomia/japan-rok-gsomia-2016_english-text-pages-4-and-10_wikisource.txt")
    assert _versions(texts) == [("agreement", "en")]
    (text,) = texts
    assert text.partial
    assert text.holds == ["art_6", "art_7", "art_20", "art_21", "final_clause"]
    opening = text.unit("art_6")  # page 4 opens inside Article 6, before "ARTICLE 7"
    assert opening.fragment
    assert opening.label is None
    assert text.unit("art_6__item_h__item_ii").text.startswith("(ii) destroy the CMI")
    article = text.unit("art_7")
    assert (article.label, article.caption, article.fragment) == ("ARTICLE 7", "PERSONNEL ACCESS TO CMI", True)
    assert text.unit("art_7__para_5__item_a").fragment
    assert not text.unit("art_21").fragment
    assert text.unit("final_clause").text.startswith("IN WITNESS WHEREOF")
    for furniture in ("Page:", "This page has been validated", "excerpt ends here"):
        assert furniture not in text.clean


def test_gsomia_2016_japanese_pages() -> None:
    texts = _split("gsomia/japan-rok-gsomia-2016_japanese-text-pages-2-3-5-6-7-14_wikisource_JA.txt")
    assert _versions(texts) == [("agreement", "ja")]
    (text,) = texts
    assert text.partial
    assert text.holds == ["art_2", "art_3", "art_4", "art_6", "art_7", "art_8", "art_9", "art_16", "art_17", "art_18"]
    article = text.unit("art_4")
    assert (article.label, article.caption) == ("第四条", "秘密軍事情報の秘密指定及び表示")
    assert text.unit("art_4__para_1__item_b").text.startswith("(b) 大韓民国政府については")
    assert {u.id for u in text.units if u.fragment and u.kind == "article"} == {
        "art_2",
        "art_4",
        "art_6",
        "art_9",
        "art_16",
        "art_18",
    }
    assert text.unit("art_16__item_o").parent == "art_16"  # page 14 opens inside Article 16
    for furniture in ("Page:", "Wikisource", "このページは検証済みです"):
        assert furniture not in text.clean


def test_rok_japan_2012_draft_korean_opening() -> None:
    texts = _split("gsomia/rok-japan_2012-draft_agreement-protection-of-classified-information_KO-text-opening.txt")
    assert _versions(texts) == [("agreement", "ko")]
    (text,) = texts
    assert text.partial
    assert text.title == "대한민국 정부와 일본국 정부 간의 비밀정보의 보호에 관한 협정"
    assert text.unit("preamble").text.endswith("다음과 같이 합의하였다.")
    # The copy shows no article headings: the text after the preamble is its body, cut inside item 가.
    assert text.unit("body").text.startswith("양 당사자는")
    assert text.unit("body__item_a").label == "가."
    assert text.unit("body__item_a").fragment
    assert "Blog preface" not in text.clean


def test_rok_us_1987_korean_opening() -> None:
    texts = _split("gsomia/rok-us_1987_security-agreement-protection-of-military-secrets_KO-text-opening.txt")
    assert _versions(texts) == [("agreement", "ko")]
    (text,) = texts
    assert text.partial
    assert text.holds == ["preamble", "art_1", "art_2", "art_3"]
    assert (text.unit("art_2").label, text.unit("art_2").caption) == ("제 2 조", "용어의 정의")
    assert [u.label for u in text.units if u.parent == "art_2"] == ["가.", "나.", "다."]
    assert text.unit("art_3").fragment
    assert "2002/10/15" not in text.clean


def test_tisa_2014_japanese_paragraphs_1_to_4_and_8() -> None:
    texts = _split("gsomia/tisa-2014_japanese-text-paras-1-4-and-8_JA.txt")
    assert _versions(texts) == [("arrangement", "ja")]
    (text,) = texts
    assert text.partial
    assert text.title is not None
    assert text.title.endswith("三者間情報共有取決め")
    assert text.holds == ["preamble", "para_1", "para_2", "para_3", "para_4", "para_8"]
    assert {u.id for u in text.units if u.fragment} == {"para_4", "para_8"}
    # Lines wrapped by the PDF extraction join without a space.
    assert "秘密情報の共有を可能にするためのメカニズム" in text.unit("para_1").text
    for furniture in ("expydoc", "Similar documents", "US5_01hyomokA0619"):
        assert furniture not in text.clean
