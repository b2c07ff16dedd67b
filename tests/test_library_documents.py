"""The source library's gsomia/ documents: every one in the manifest, verified, cleaned to its article
text, searchable, and every paraphrase credited as the curator's, never as the outlet's words."""

from __future__ import annotations

import hashlib
import re

import httpx
import msgspec
import pytest

from loaders.seeds import Seeds
from schema.documents import DocumentEntry, Manifest
from schema.texts import TextsFile
from tests.conftest import LIBRARY, SEEDS, load_test_seeds

pytestmark = pytest.mark.library

MANIFEST = msgspec.yaml.decode((SEEDS / "documents.yaml").read_bytes(), type=Manifest)
LIBRARY_ENTRIES = [e for e in MANIFEST.documents if e.library]
FOLDER = "gsomia"
# The folder's partial official texts (treaty-text pages) are official texts: texts.yaml lists them.
OFFICIAL_TEXT_PAGES = {
    "japan-rok-gsomia-2016_english-text-pages-4-and-10_wikisource.txt",
    "japan-rok-gsomia-2016_japanese-text-pages-2-3-5-6-7-14_wikisource_JA.txt",
    "rok-japan_2012-draft_agreement-protection-of-classified-information_KO-text-opening.txt",
    "rok-us_1987_security-agreement-protection-of-military-secrets_KO-text-opening.txt",
    "tisa-2014_japanese-text-paras-1-4-and-8_JA.txt",
}
# The library names a curator's retelling so (its INDEX.md says the same of each file).
PARAPHRASE_FILE = re.compile(r"^(news|blog)-paraphrase_")


@pytest.fixture(scope="module")
def seeds() -> Seeds:
    return load_test_seeds(SEEDS)


def clean(seeds: Seeds, doc_id: str) -> str:
    return seeds.documents[doc_id].cleaned.clean


def test_every_document_of_the_folder_is_in_the_manifest() -> None:
    on_disk = {p.name for p in (LIBRARY / FOLDER).iterdir() if p.is_file() and p.name != "INDEX.md"}
    documents = {e.library.removeprefix(f"{FOLDER}/") for e in LIBRARY_ENTRIES if e.library.startswith(f"{FOLDER}/")}
    texts = msgspec.yaml.decode((SEEDS / "texts.yaml").read_bytes(), type=TextsFile).texts
    official = {t.library.removeprefix(f"{FOLDER}/") for t in texts if t.library and t.library.startswith(f"{FOLDER}/")}
    assert documents <= on_disk, documents - on_disk
    assert not documents & OFFICIAL_TEXT_PAGES  # official texts are not documents
    assert on_disk - documents - official <= OFFICIAL_TEXT_PAGES  # only text pages may wait for texts.yaml


@pytest.mark.parametrize("entry", LIBRARY_ENTRIES, ids=lambda e: e.id)
def test_each_library_document_loads_with_its_recorded_hash(seeds: Seeds, entry: DocumentEntry) -> None:
    data = (LIBRARY / entry.library).read_bytes()
    assert hashlib.sha256(data).hexdigest() == entry.sha256
    loaded = seeds.documents[entry.id]
    assert loaded.raw == data.decode("utf-8")
    assert loaded.cleaned.clean  # some article text survives the cleaning


@pytest.mark.parametrize("entry", LIBRARY_ENTRIES, ids=lambda e: e.id)
def test_paraphrases_are_marked_and_credited_to_the_curator(seeds: Seeds, entry: DocumentEntry) -> None:
    raw = seeds.documents[entry.id].raw
    retelling = bool(PARAPHRASE_FILE.match(entry.library.rsplit("/", 1)[-1])) or raw.startswith("[PARAPHRASE")
    assert (entry.versions[0].text_kind == "paraphrase") == retelling
    assert ("-paraphrase-" in entry.id) == retelling  # the id scheme tells paraphrases apart
    assert entry.attribution().startswith("curator's paraphrase of") == retelling
    if retelling:
        assert entry.publisher
        assert entry.publisher in entry.attribution()
        assert "[PARAPHRASE" not in clean(seeds, entry.id)


async def test_paraphrases_are_credited_to_the_curator_in_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/data/pactstore/documents.json",
        params={"text_kind": "paraphrase", "_col": "attribution", "_shape": "array", "_size": "max"},
    )
    assert response.status_code == 200, response.text
    attributions = {row["id"]: row["attribution"] for row in response.json()}
    assert (
        attributions["yonhap-paraphrase-2019-11-22"]
        == "curator's paraphrase of Yonhap News Agency and Arirang, 2019-11-22"
    )
    assert attributions["chsj2580-tistory-paraphrase-2016-11"].endswith(", 2016-11")  # a month, not a made-up day
    assert all(a.startswith("curator's paraphrase of ") for a in attributions.values())
    assert "korea-net-2019-11-23" not in attributions


def test_korea_net_loses_its_section_header_dateline_and_duplicated_caption(seeds: Seeds) -> None:
    text = clean(seeds, "korea-net-2019-08-23")
    assert text.startswith("Cheong Wa Dae, brushing off U.S. fears")
    assert "brieifing" not in text  # the first copy of the caption, with its typo
    assert "tells a news briefing" not in text  # the second copy
    assert "Pentagon spokesman Dave Eastburn" in text
    halted = clean(seeds, "korea-net-2019-11-23")
    assert "US Congress media release" not in halted
    assert "The U.S. Congress quickly hailed Korea's decision not to scrap the bilateral accord." in halted


def test_the_korean_ministry_page_loses_its_korean_menu_date_field_and_view_counter(seeds: Seeds) -> None:
    text = clean(seeds, "mofa-korea-2012-07-03")
    assert not re.search(r"[\uac00-\ud7a3]", text)  # the release is English; only the menu was Korean
    assert text.startswith("How the ROK-Japan Agreement on the Protection of Classified Information Started")
    assert "1718" not in text
    assert "The Agreement does not oblige the two countries to provide each other with information." in text


def test_the_mirrored_release_loses_the_mirrors_advert_and_letterhead(seeds: Seeds) -> None:
    text = clean(seeds, "us-dod-2014-12-28")
    assert "Snake Island" not in text
    assert "mailing list" not in text
    assert text.startswith("Signing of Trilateral Information Sharing Arrangement")
    assert "The Department of Defense is to serve as the hub for information shared trilaterally." in text


def test_the_cable_loses_its_header_and_the_cut_mark(seeds: Seeds) -> None:
    cable = seeds.documents["us-embassy-tokyo-2006-12-07"].cleaned
    assert cable.clean.startswith("SUBJECT: AGREEMENT REACHED ON GSOMIA TEXT")
    assert "SIPDIS" not in cable.clean
    assert "excerpt ends here" not in cable.clean
    assert [b.kind for b in cable.blocks][-1] == "curator_note"
    assert "no Diet approval is required" in cable.clean


def test_the_japanese_releases_keep_their_text_without_the_footer(seeds: Seeds) -> None:
    mod = clean(seeds, "mod-japan-2016-11-23")
    assert mod.startswith("日韓秘密軍事情報保護協定の署名")
    assert "ソウルにおいて" in mod
    assert "トップへ戻る" not in mod
    assert "(C)" not in mod
    mofa = clean(seeds, "mofa-japan-2019-08-22")
    assert "which is extremely regrettable" in mofa
    assert "Back to Press Releases" not in mofa


def test_the_collectors_asides_are_not_retold_as_the_outlets_report(seeds: Seeds) -> None:
    kyodo = clean(seeds, "kyodo-paraphrase-2016-11-23")
    assert "Because it does not require parliamentary ratification, the pact takes effect immediately." in kyodo
    assert "disahkan presiden" not in kyodo  # the contrast with another service is the collector's note
    assert "[KBS News Today" not in clean(seeds, "kbs-paraphrase-2019-08-23")
    assert "Original language" not in clean(seeds, "chsj2580-tistory-paraphrase-2016-11")


async def test_library_documents_are_found_by_full_text_search(seeds: Seeds, client: httpx.AsyncClient) -> None:
    for word, doc_id in (("Eastburn", "korea-net-2019-08-23"), ("polyimide", "yonhap-paraphrase-2019-11-22")):
        assert not any(word in d.cleaned.clean for d in seeds.documents.values() if d.entry.file)  # library only
        body = (await client.get("/api/v1/documents/search", params={"q": word})).json()
        hit = next(h for h in body["items"] if h["document_id"] == doc_id)
        assert f"[{word}]" in hit["snippet"]


async def test_dropped_furniture_is_not_searchable(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/documents/search", params={"q": "Snake Island flag"})).json()
    assert "us-dod-2014-12-28" not in {h["document_id"] for h in body["items"]}
