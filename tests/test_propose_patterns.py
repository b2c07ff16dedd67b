"""The propose tables on short sentences: each kind's patterns in each language, with near misses that must
not fire ("may release to a third party" is no restriction), and the fields the words fix."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from loaders.propose.model import ProvisionProposal
from loaders.propose.reading import read_version
from loaders.propose.signing import read_signing
from loaders.propose.tables import available_languages, load_kinds, load_language
from loaders.quotes import NormalisedText
from schema.provisions import PROVISION_KINDS
from schema.texts import OfficialText, TextUnit


def _version(sentence: str, language: str, kind: str = "article") -> OfficialText:
    heading = {"en": "Article 3", "nl": "Artikel 3", "fr": "Article 3"}[language] if kind == "article" else None
    text = f"{heading}\n\n{sentence}" if heading else sentence
    unit_id = {"article": "art_3", "final_clause": "final_clause"}[kind]
    unit = TextUnit(
        id=unit_id,
        kind=kind,  # type: ignore[arg-type]
        language=language,
        text=text,
        raw_start=0,
        raw_end=len(text),
        clean_start=0,
        clean_end=len(text),
        order=0,
        label=heading,
    )
    return OfficialText(
        language=language, title=None, units=[unit], clean=text, raw_sha256="0" * 64, raw_start=0, raw_end=len(text)
    )


def _read(sentence: str, language: str, kind: str = "article") -> list[ProvisionProposal]:
    version = _version(sentence, language, kind)
    return list(read_version(version, load_language(language), resolve=lambda name, _l: {"France": "fra"}.get(name)))


def _kinds(sentence: str, language: str, kind: str = "article") -> dict[str, dict[str, Any]]:
    return {p.kind: p.fields for p in _read(sentence, language, kind)}


# (language, kind, a sentence that states it, a near miss that must not be read as it)
CASES = [
    (
        "en",
        "third_country_transfer",
        "The recipient shall not release the information to a third party without the prior written consent of "
        "the originating Party.",
        "The recipient may release the information to a third party.",
    ),
    (
        "nl",
        "third_country_transfer",
        "De ontvangende Partij stelt de informatie niet ter beschikking aan derde landen zonder voorafgaande "
        "schriftelijke toestemming van de verstrekkende Partij.",
        "De ontvangende Partij kan de informatie ter beschikking stellen aan derde landen.",
    ),
    (
        "en",
        "purpose_limitation",
        "The Parties shall use the information only for the purposes of this Agreement.",
        "The Parties shall use the information for many purposes.",
    ),
    (
        "nl",
        "purpose_limitation",
        "De Partijen gebruiken de informatie uitsluitend voor de doeleinden van dit Verdrag.",
        "De Partijen gebruiken de informatie voor vele doeleinden.",
    ),
    (
        "en",
        "need_to_know_access",
        "Access shall be granted only to persons who have a need to know.",
        "Persons may know the Parties.",
    ),
    (
        "nl",
        "need_to_know_access",
        "Toegang wordt uitsluitend verleend aan personen die hiervan kennis dienen te nemen.",
        "Personen kunnen de Partijen kennen.",
    ),
    (
        "en",
        "loss_notification",
        "The Parties shall investigate all cases where classified information has been compromised or lost.",
        "The Parties shall investigate the matter.",
    ),
    (
        "nl",
        "loss_notification",
        "De Partijen onderzoeken alle gevallen waarin gerubriceerde informatie gecompromitteerd is of verloren "
        "is gegaan.",
        "De Partijen onderzoeken de zaak.",
    ),
    (
        "en",
        "denunciation",
        "This Agreement may be denounced by written notice given to the depositary.",
        "This Agreement may be amended by written notice.",
    ),
    (
        "nl",
        "denunciation",
        "Dit Verdrag kan worden opgezegd door middel van een schriftelijke kennisgeving aan de depositaris.",
        "Dit Verdrag kan worden gewijzigd door middel van een schriftelijke kennisgeving.",
    ),
    (
        "en",
        "entry_into_force_rule",
        "This Agreement shall enter into force thirty days after the deposit of the second instrument of ratification.",
        "Any amendment shall enter into force thirty days after the deposit of the instrument of acceptance.",
    ),
    (
        "nl",
        "entry_into_force_rule",
        "Dit Verdrag treedt in werking dertig dagen na de nederlegging van de tweede akte van bekrachtiging.",
        "Elke wijziging treedt in werking dertig dagen na de nederlegging van de akte van aanvaarding.",
    ),
    (
        "en",
        "costs",
        "Each Party shall bear its own costs incurred in implementing this Agreement.",
        "The costs of the exercise are high.",
    ),
    (
        "nl",
        "costs",
        "Elke Partij draagt haar eigen kosten voortvloeiend uit de uitvoering van dit Verdrag.",
        "De kosten van de oefening zijn hoog.",
    ),
    (
        "en",
        "transmission",
        "Classified information shall be transmitted through diplomatic channels.",
        "Classified information is important to the Parties.",
    ),
    (
        "nl",
        "transmission",
        "Gerubriceerde informatie wordt overgebracht langs diplomatieke kanalen.",
        "Gerubriceerde informatie is belangrijk voor de Partijen.",
    ),
    (
        "en",
        "other_agreements",
        "The present Agreement in no way prevents the Parties from making other agreements on the matter.",
        "The Parties have made other agreements.",
    ),
    (
        "nl",
        "other_agreements",
        "Dit Verdrag vormt geen belemmering voor de Partijen om andere verdragen te sluiten.",
        "De Partijen hebben andere verdragen gesloten.",
    ),
    (
        "en",
        "dispute_settlement",
        "Any dispute shall be settled only by consultation between the Parties.",
        "The Parties shall consult each other.",
    ),
    (
        "nl",
        "dispute_settlement",
        "Geschillen worden uitsluitend beslecht door overleg tussen de Partijen.",
        "De Partijen plegen overleg.",
    ),
    (
        "en",
        "duration",
        "This Agreement shall remain in force for a period of five years.",
        "This Agreement is important.",
    ),
    (
        "nl",
        "duration",
        "Dit Verdrag blijft van kracht voor een periode van vijf jaar.",
        "Dit Verdrag is belangrijk.",
    ),
    (
        "en",
        "classification_change",
        "The classification shall be changed only at the request of the originating Party.",
        "The classification is shown on every page.",
    ),
    (
        "nl",
        "binding_status",
        "Dit Verdrag dient te worden bekrachtigd door de Partijen.",
        "Dit Verdrag wordt door de Partijen toegepast.",
    ),
    (
        "en",
        "binding_status",
        "This Agreement shall be subject to ratification by the signatory States.",
        "This Agreement shall be applied by the signatory States.",
    ),
    # Phrasings of the further development texts (records of other library texts).
    (
        "nl",
        "third_country_transfer",
        "Geen van de partijen mag zonder voorafgaande schriftelijke toestemming van de andere partij de ontvangen "
        "informatie aan derden overdragen.",
        "Geen van de partijen mag zonder toestemming van de andere partij de ontvangen informatie wijzigen.",
    ),
    (
        "nl",
        "third_country_transfer",
        "De ontvangende partij verstrekt gerubriceerde informatie niet aan entiteiten van een derde partij zonder "
        "voorafgaande schriftelijke toestemming van de zendende partij.",
        "De ontvangende partij verstrekt gerubriceerde informatie aan entiteiten van een derde partij.",
    ),
    (
        "nl",
        "purpose_limitation",
        "Gerubriceerde informatie wordt uitsluitend gebruikt voor het doel waarvoor zij is verstrekt.",
        "Gerubriceerde informatie wordt gebruikt voor vele doelen.",
    ),
    (
        "nl",
        "purpose_limitation",
        "De ontvangen informatie mag niet ten nadele van de andere partij worden gebruikt.",
        "De ontvangen informatie mag ten nadele van niemand worden gewijzigd.",
    ),
    (
        "nl",
        "entry_into_force_rule",
        "Deze Overeenkomst treedt in werking op de datum waarop beide Partijen elkaar ervan in kennis hebben "
        "gesteld dat aan de vereisten is voldaan.",
        "Deze Overeenkomst wordt voorlopig toegepast zodra de Partijen elkaar ervan in kennis hebben gesteld.",
    ),
    (
        "nl",
        "denunciation",
        "Deze Overeenkomst wordt verlengd, tenzij een van de partijen besluit de Overeenkomst op te zeggen door "
        "middel van een schriftelijke kennisgeving.",
        "Deze Overeenkomst wordt verlengd door middel van een schriftelijke kennisgeving.",
    ),
    (
        "nl",
        "denunciation",
        "Deze Overeenkomst kan met inachtneming van een termijn van twaalf maanden door middel van een "
        "schriftelijke kennisgeving aan de andere Partij worden opgezegd.",
        "Deze Overeenkomst kan door middel van een schriftelijke kennisgeving aan de andere Partij worden verlengd.",
    ),
    (
        "en",
        "entry_into_force_rule",
        "This Agreement shall enter into force on the date on which both Parties have informed each other that "
        "their procedures have been fulfilled.",
        "The Parties have informed each other that their procedures have been fulfilled.",
    ),
    (
        "en",
        "denunciation",
        "This Agreement may be terminated by either Party informing the other Party in writing two months in advance.",
        "Either Party shall keep informing the other Party in writing of its exercises.",
    ),
    (
        "nl",
        "protection_of_classified_information",
        "Gerubriceerde gegevens die worden uitgewisseld worden behandeld overeenkomstig bilaterale overeenkomsten "
        "inzake de bescherming van gerubriceerde gegevens.",
        "De kosten worden behandeld overeenkomstig artikel 8.",
    ),
    (
        "nl",
        "protection_of_classified_information",
        "De uitgewisselde informatie wordt overeenkomstig de toepasselijke wetgeving beschermd.",
        "De uitgewisselde informatie wordt overeenkomstig artikel 3 verzonden.",
    ),
    (
        "nl",
        "protection_of_classified_information",
        "De bepalingen van het Verdrag inzake de wederzijdse beveiliging van gerubriceerde gegevens zijn van "
        "toepassing.",
        "De bepalingen van het Verdrag inzake de status van strijdkrachten zijn van toepassing.",
    ),
    (
        "nl",
        "protection_of_classified_information",
        "De Partijen nemen alle passende maatregelen ter bescherming van geclassificeerde inlichtingen.",
        "De Partijen nemen alle passende maatregelen ter bescherming van het milieu.",
    ),
    (
        "en",
        "protection_of_classified_information",
        "The provisions of the Agreement on the mutual protection of classified information shall apply.",
        "The provisions of the Agreement on the status of forces shall apply.",
    ),
    (
        "en",
        "protection_of_classified_information",
        "The Parties shall take all appropriate measures to protect classified information.",
        "The Parties shall take all appropriate measures to protect the environment.",
    ),
    (
        "nl",
        "depositary_duties",
        "De Regering van Frankrijk stelt alle ondertekenende Staten in kennis van de nederlegging van elke akte van "
        "bekrachtiging.",
        "De autoriteiten van de Zendstaat stellen de autoriteiten van de Gastheerstaat onverwijld in kennis van het "
        "ongeval.",
    ),
    (
        "en",
        "depositary_duties",
        "The Government of France shall notify all signatory States of the deposit of each instrument of ratification.",
        "The authorities of the Sending State shall notify the Host State of any accident.",
    ),
    (
        "nl",
        "duration",
        "Deze Overeenkomst wordt gesloten voor een tijdvak van vijf (5) jaren en wordt telkens stilzwijgend verlengd.",
        "Deze Overeenkomst wordt gesloten door de Partijen.",
    ),
    (
        "nl",
        "other_agreements",
        "De nadere bepalingen kunnen worden vervat in een Specifieke Overeenkomst tussen de Partijen.",
        "De nadere bepalingen kunnen worden vervat in een bijlage.",
    ),
    # French (the one library text with a French version, and general treaty French).
    (
        "fr",
        "third_country_transfer",
        "Aucune des Parties ne doit transmettre à autrui sans l'accord préalable écrit de l'autre Partie les "
        "informations reçues.",
        "Chaque Partie peut transmettre à autrui les informations reçues.",
    ),
    (
        "fr",
        "purpose_limitation",
        "Les informations reçues ne doivent pas être utilisées au détriment de l'autre Partie.",
        "Les informations reçues sont utilisées par l'autre Partie.",
    ),
    (
        "fr",
        "protection_of_classified_information",
        "Les informations échangées sont protégées conformément à la législation applicable.",
        "Les informations échangées sont nombreuses.",
    ),
    (
        "fr",
        "costs",
        "Chaque Partie assume ses propres frais relatifs aux activités de coopération.",
        "Les frais des activités de coopération sont élevés.",
    ),
    (
        "fr",
        "dispute_settlement",
        "Tout différend relatif à l'interprétation du présent Accord sera réglé par voie de consultation.",
        "Les Parties se consultent régulièrement.",
    ),
    (
        "fr",
        "entry_into_force_rule",
        "Le présent Accord entrera en vigueur trente jours après la date de réception de la dernière notification.",
        "Tout amendement entrera en vigueur trente jours après la date de réception de la dernière notification.",
    ),
    (
        "fr",
        "duration",
        "Le présent Accord est conclu pour une période de cinq (5) ans renouvelable par tacite reconduction.",
        "Le présent Accord est important pour les Parties.",
    ),
    (
        "fr",
        "denunciation",
        "Chaque Partie peut dénoncer le présent Accord moyennant une notification écrite avec un préavis de 6 mois.",
        "Chaque Partie peut amender le présent Accord moyennant une notification écrite.",
    ),
    (
        "fr",
        "amendment",
        "Les Parties peuvent d'un commun accord amender le présent Accord.",
        "Les Parties peuvent d'un commun accord appliquer le présent Accord.",
    ),
]


@pytest.mark.parametrize(("language", "kind", "positive", "negative"), CASES)
def test_a_kind_fires_on_its_words_and_not_on_a_near_miss(
    language: str, kind: str, positive: str, negative: str
) -> None:
    assert kind in _kinds(positive, language), f"{kind} not read in {positive!r}"
    assert kind not in _kinds(negative, language), f"{kind} wrongly read in {negative!r}"


def test_release_fields_fixed_by_the_words() -> None:
    fields = _kinds(CASES[0][2], "en")["third_country_transfer"]
    assert fields["approval_form"] == "prior_written"
    assert fields["unless_approved_by"] == "originator"
    assert fields["restricted_recipients"] == "third_countries"
    dutch = _kinds(CASES[1][2], "nl")["third_country_transfer"]
    assert dutch["approval_form"] == "prior_written"


def test_a_notice_period_is_a_period() -> None:
    fields = _kinds("Such denunciation shall take effect six months after the receipt of notification.", "en")
    assert fields["denunciation"]["takes_effect_after"] == {"value": 6, "unit": "months"}
    dutch = _kinds("De opzegging wordt van kracht zes maanden na de ontvangst van de kennisgeving.", "nl")
    assert dutch["denunciation"]["takes_effect_after"] == {"value": 6, "unit": "months"}


def test_costs_channel_and_entry_into_force_fields() -> None:
    assert _kinds(CASES[12][2], "en")["costs"] == {"rule": "each_party_own"}
    assert _kinds(CASES[14][2], "en")["transmission"]["channels"] == ["diplomatic_channel"]
    in_force = _kinds(CASES[10][2], "en")["entry_into_force_rule"]
    assert in_force["days_after_deposit"] == 30
    assert in_force["instruments"] == ["ratification"]
    assert _kinds(CASES[11][2], "nl")["entry_into_force_rule"]["days_after_deposit"] == 30


def test_authentic_languages_in_the_final_clause() -> None:
    fields = _kinds(
        "DONE in Paris, in the English and French languages, each text being equally authoritative.",
        "en",
        kind="final_clause",
    )["authentic_languages"]
    assert fields["languages"] == ["en", "fr"]
    dutch = _kinds(
        "GEDAAN te Parijs, in de Engelse en de Franse taal, zijnde beide teksten gelijkelijk authentiek.",
        "nl",
        kind="final_clause",
    )["authentic_languages"]
    assert dutch["languages"] == ["en", "fr"]
    prevailing = _kinds(
        "GEDAAN te Brasilia, in de Nederlandse, de Portugese en de Engelse taal, zijnde alle teksten gelijkelijk "
        "authentiek. In geval van verschil in interpretatie is de Engelse tekst doorslaggevend.",
        "nl",
        kind="final_clause",
    )["authentic_languages"]
    assert prevailing["languages"] == ["nl", "pt", "en"]
    assert prevailing["prevails"] == "en"


def test_what_a_referral_hands_the_handling_to() -> None:
    referral = _kinds("De informatie wordt overeenkomstig de toepasselijke wetgeving beschermd.", "nl")
    assert referral["protection_of_classified_information"]["handled_under"] == ["national_law"]
    arrangements = _kinds(
        "Geheime informatie wordt in overeenstemming met de veiligheidsregelingen tussen de Partijen gewaarborgd.",
        "nl",
    )
    assert arrangements["protection_of_classified_information"]["handled_under"] == ["security_arrangements"]


def _positive(language: str, kind: str, words: str) -> str:
    return next(case[2] for case in CASES if case[:2] == (language, kind) and words in case[2])


def test_french_fields_fixed_by_the_words() -> None:
    release = _kinds(_positive("fr", "third_country_transfer", "autrui"), "fr")["third_country_transfer"]
    assert release["approval_form"] == "prior_written"
    assert _kinds(_positive("fr", "costs", "frais"), "fr")["costs"] == {"rule": "each_party_own"}
    term = _kinds(_positive("fr", "duration", "cinq"), "fr")["duration"]
    assert term["initial_term"] == {"value": 5, "unit": "years"}
    assert term["renewal"] == "automatic"
    notice = _kinds(_positive("fr", "denunciation", "préavis"), "fr")["denunciation"]
    assert notice["takes_effect_after"] == {"value": 6, "unit": "months"}
    assert notice["notice"] == "written"
    in_force = _kinds(_positive("fr", "entry_into_force_rule", "trente"), "fr")["entry_into_force_rule"]
    assert in_force["days_after_deposit"] == 30
    assert in_force["instruments"] == ["notification"]
    languages = _kinds(
        "FAIT à Rabat, en double exemplaire, chacun en langues arabe, néerlandaise et française, tous les textes "
        "faisant également foi. En cas de divergence, le texte en langue française prévaudra.",
        "fr",
        kind="final_clause",
    )["authentic_languages"]
    assert languages["languages"] == ["ar", "nl", "fr"]
    assert languages["prevails"] == "fr"


def test_entry_into_force_on_the_parties_notices_to_each_other() -> None:
    dutch = _kinds(_positive("nl", "entry_into_force_rule", "in kennis"), "nl")["entry_into_force_rule"]
    assert dutch["instruments"] == ["notification"]
    english = _kinds(_positive("en", "entry_into_force_rule", "informed each other"), "en")["entry_into_force_rule"]
    assert english["instruments"] == ["notification"]


@pytest.mark.parametrize(
    ("language", "clause", "date", "place"),
    [
        ("en", "DONE in Paris, this 19 day of August 2002, in a single copy.", "2002-08-19", "Paris"),
        (
            "en",
            "DONE at The Hague, in duplicate, in the English language, this 6th day of May, 1959.",
            "1959-05-06",
            "The Hague",
        ),
        ("en", "DONE, in two originals, at Amman, on 2 October 2014, in the English language.", "2014-10-02", "Amman"),
        ("nl", "GEDAAN te Parijs op 19 augustus 2002, in één exemplaar.", "2002-08-19", "Paris"),
        ("nl", "GEDAAN in tweevoud te Washington op 29 november 2012 in de Engelse taal.", "2012-11-29", "Washington"),
        ("nl", "GEDAAN te Den Haag, op 12 april 2007, in tweevoud.", "2007-04-12", "The Hague"),
        ("fr", "FAIT à Rabat, le 21 mai 2013, en double exemplaire.", "2013-05-21", "Rabat"),
        ("fr", "Fait à La Haye le 1er février 2000.", "2000-02-01", "The Hague"),
    ],
)
def test_the_signing_in_the_final_clause(language: str, clause: str, date: str, place: str) -> None:
    version = _version(clause, language, kind="final_clause")
    found_date, found_place, quote, _confidence, rule = read_signing(
        version, load_language(language), NormalisedText(version.clean)
    )
    assert (found_date, found_place) == (date, place)
    assert quote is not None
    assert quote.quote in clause
    assert rule is not None


@pytest.mark.parametrize(
    ("language", "clause"),
    [
        ("en", "IN WITNESS WHEREOF the undersigned have signed this Agreement in Paris."),
        ("en", "DONE in Paris, in a single copy."),
        ("nl", "Ten blijke waarvan de ondergetekenden dit Verdrag hebben ondertekend te Parijs."),
    ],
)
def test_no_signing_without_a_date(language: str, clause: str) -> None:
    version = _version(clause, language, kind="final_clause")
    assert read_signing(version, load_language(language), NormalisedText(version.clean))[0] is None


def test_a_quote_is_the_clause_and_lies_in_the_text() -> None:
    sentence = CASES[0][2]
    (found,) = [p for p in _read(sentence, "en") if p.kind == "third_country_transfer"]
    assert found.quote in sentence
    assert len(found.quote) < len(sentence)
    assert found.rule.startswith("en.third-country.")
    assert 0 < found.confidence <= 1


def test_inflections_match_through_the_stemmer() -> None:
    # <consent> in the table matches "consents" only because both stem alike.
    sentence = (
        "The recipient shall not release the information to a third party without the consents of the originator."
    )
    assert "third_country_transfer" in _kinds(sentence, "en")


@pytest.mark.parametrize("language", available_languages())
def test_every_table_decodes_and_names_only_known_kinds(language: str) -> None:
    table = load_language(language)
    assert table.rules, f"{language} has no rules"
    assert {r.kind for r in table.rules} <= set(PROVISION_KINDS) | {"classification_equivalence"}
    assert set(load_kinds().kinds) == set(PROVISION_KINDS)


def test_an_unknown_key_in_a_table_is_refused() -> None:
    from loaders.propose.tables import LanguageTable

    with pytest.raises(msgspec.ValidationError, match="unknown_key"):
        msgspec.toml.decode(
            b'language = "xx"\nname = "X"\nstemmer = "english"\nself_reference = "x"\nunknown_key = 1\n',
            type=LanguageTable,
        )
