"""Every list answers CSV too: a `.csv` twin of its path, or `Accept: text/csv`."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

LISTS = [
    "/api/v1/agreements?party=kor",
    "/api/v1/agreements/jpn-kor-usa-tisa-2014/provisions?kind=scope",
    "/api/v1/provisions?kind=binding_status",
    "/api/v1/parties?kind=state",
    "/api/v1/events?agreement=jpn-kor-gsomia-2016",
    "/api/v1/documents",
    "/api/v1/documents/search?q=intelligence",
    "/api/v1/documents/yonhap-2014-12-29/citations",
]


def rows(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def csv_path(url: str) -> str:
    path, _, query = url.partition("?")
    return f"{path}.csv?{query}"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("url", LISTS)
async def test_csv_twin_has_the_same_rows_as_json(client: httpx.AsyncClient, url: str) -> None:
    listed = (await client.get(f"{url}&limit=500" if "?" in url else f"{url}?limit=500")).json()
    table = rows(await client.get(csv_path(url)))
    assert len(table) == listed["total"] > 0
    key = "id" if "id" in table[0] else "document_id"
    assert [r[key] for r in table] == [str(item[key]) for item in listed["items"]]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("url", LISTS)
async def test_accept_header_gives_csv(client: httpx.AsyncClient, url: str) -> None:
    response = await client.get(url, headers={"Accept": "text/csv"})
    assert rows(response)
    assert response.headers["vary"] == "Accept"


async def test_header_row_even_when_nothing_matches(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/agreements.csv?in_force_on=1900-01-01")
    assert response.text.splitlines()[0].startswith("id,short_name,title,kind,level,parties,status")
    assert rows(response) == []


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_nested_values_are_readable_columns(client: httpx.AsyncClient) -> None:
    (tisa,) = [r for r in rows(await client.get("/api/v1/agreements.csv")) if r["id"] == "jpn-kor-usa-tisa-2014"]
    assert tisa["parties"] == "kor-mnd; jpn-mod; usa-dod"
    events = rows(await client.get("/api/v1/events.csv?agreement=jpn-kor-gsomia-2016"))
    opposition = next(e for e in events if e["event_id"] == "opposition-demands-halt")
    assert opposition["actors"].startswith("Woo Sang-ho, floor leader, Minjoo Party")
    assert opposition["sources"].startswith(
        'document joongang-daily-2016-11-09 — Korea JoongAng Daily, 2016-11-09: "The three opposition parties'
    )
    provisions = rows(await client.get("/api/v1/provisions.csv?kind=intermediary_routing"))
    assert '"hub":"usa-dod"' in provisions[0]["terms"]
    assert provisions[0]["asserted_by.name"] == ""


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_csv_export_is_complete_unless_limited(client: httpx.AsyncClient, db) -> None:  # type: ignore[no-untyped-def]
    every = db["events"].count
    assert len(rows(await client.get("/api/v1/events.csv"))) == every
    assert len(rows(await client.get("/api/v1/events.csv?limit=5"))) == 5
    response = await client.get("/api/v1/events.csv?limit=5")
    assert response.headers["x-total-count"] == str(every)
    assert response.headers["content-disposition"] == 'attachment; filename="events.csv"'


async def test_csv_errors_are_problems_too(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/events.csv?from=never")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_an_export_is_streamed_in_chunks(client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamed: no Content-Length up front, the body written a chunk of rows at a time (api/listing.py).
    from api import listing

    written: list[int] = []
    chunks = listing.csv_chunks

    def counted(items, item_type):  # type: ignore[no-untyped-def]
        for chunk in chunks(items, item_type):
            written.append(len(chunk))
            yield chunk

    monkeypatch.setattr(listing, "CSV_CHUNK_ROWS", 5)
    monkeypatch.setattr(listing, "csv_chunks", counted)
    response = await client.get("/api/v1/provisions.csv")
    assert "content-length" not in response.headers
    table = rows(response)
    assert len(table) > 5
    assert len(written) == 1 + (len(table) - 1) // 5
    assert sum(written) == len(response.content)
