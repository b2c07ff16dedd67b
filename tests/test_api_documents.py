"""GET /api/v1/documents: metadata, cleaned text, full-text search and citations."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import problem


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_list_newest_first(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/documents")).json()
    listed = {d["id"] for d in body["items"]}
    assert {"yonhap-2014-12-29", "oslo-times-2014-12-26", "joongang-daily-2016-11-09"} <= listed
    assert [d["published"] for d in body["items"]] == sorted((d["published"] for d in body["items"]), reverse=True)
    yonhap = next(d for d in body["items"] if d["id"] == "yonhap-2014-12-29")
    assert yonhap["publisher"] == "Yonhap News Agency"
    assert yonhap["attribution"] == "Yonhap News Agency, 2014-12-29"
    assert yonhap["text_kind"] == "verbatim"
    assert yonhap["citation_count"] > 20


async def test_detail_has_the_cleaned_text_and_paragraph_offsets(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/documents/joongang-daily-2016-11-09")).json()
    assert "Log in to Twitter" not in body["clean_text"]
    assert body["dropped"]["widget"] == 6
    assert body["document"]["published_basis"] == "inferred"
    assert body["published_note"]
    for paragraph in body["paragraphs"]:
        assert body["clean_text"][paragraph["clean_start"] : paragraph["clean_end"]] == paragraph["text"]


async def test_search_ranks_and_highlights(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/documents/search?q=ratification")).json()
    yonhap = next(h for h in body["items"] if h["document_id"] == "yonhap-2014-12-29")
    assert "[ratification]" in yonhap["snippet"]
    assert "oslo-times-2014-12-26" not in {h["document_id"] for h in body["items"]}  # it never says the word
    stemmed = (await client.get("/api/v1/documents/search?q=lawmaker")).json()
    assert "[lawmakers]" in " ".join(h["snippet"] for h in stemmed["items"])
    several = (await client.get("/api/v1/documents/search?q=Aegis destroyers")).json()
    assert several["total"] >= 2
    assert [h["rank"] for h in several["items"]] == sorted(h["rank"] for h in several["items"])


@pytest.mark.parametrize("q", ['"unbalanced', "NEAR(a b", "a OR", "*", "'; drop table documents; --", "\\x00"])
async def test_search_syntax_never_breaks(client: httpx.AsyncClient, q: str) -> None:
    response = await client.get("/api/v1/documents/search", params={"q": q})
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert problem(response)["invalid_params"][0]["name"] == "q"


async def test_search_needs_a_query(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/documents/search")
    assert response.status_code == 400
    assert problem(response)["invalid_params"][0]["name"] == "q"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_citations_into_a_document_in_text_order(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/v1/documents/our-bureau-2016-11-12/citations?limit=500")).json()
    starts = [c["clean_start"] for c in body["items"]]
    assert starts == sorted(starts)
    owners = {(c["owner_type"], c["owner_id"]) for c in body["items"]}
    assert ("provision", "jpn-kor-gsomia-2016.no-third-country-transfer") in owners
    assert ("party_fact", "kor.fact-1") in owners


async def test_unknown_document(client: httpx.AsyncClient) -> None:
    assert problem(await client.get("/api/v1/documents/nope"))["status"] == 404
    assert problem(await client.get("/api/v1/documents/nope/citations"))["status"] == 404
