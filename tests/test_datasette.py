"""Datasette mounted at /data: every table, view and canned query answers; links, redirects, errors."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import time
from collections.abc import AsyncIterator
from contextlib import closing
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.plugins import pm
from datasette.utils import await_me_maybe
from datasette.utils.asgi import Request
from litestar import Litestar

from api.datasette_app import create_datasette, datasette_mount
from api.settings import AGREEMENT_PAGES, PARTY_PAGES
from loaders.builder import BuildResult
from tests.conftest import ROOT

METADATA = ROOT / "metadata.yml"
DB = "/data/pactstore"


@pytest.fixture
async def client(built: BuildResult) -> AsyncIterator[httpx.AsyncClient]:
    """Overrides conftest's `client`: Datasette alone, mounted the way the app mounts it."""
    app = Litestar(route_handlers=[datasette_mount(built.path, METADATA)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client


def sql(path: Path, query: str, *params: Any) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute(query, params).fetchall()


def tables_and_views(path: Path) -> list[str]:
    """Every table and view except SQLite's own and the FTS5 shadow tables."""
    rows = sql(
        path,
        "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' "
        "and name not glob '*_fts_*' order by name",
    )
    return [name for (name,) in rows]


def columns(path: Path, name: str) -> list[str]:
    return [row[1] for row in sql(path, f"select * from pragma_table_info('{name}')")]


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def assert_quiet(capfd: pytest.CaptureFixture[str], *bodies: str) -> None:
    out, err = capfd.readouterr()
    for text in (out, err, *bodies):
        assert "Traceback" not in text
        assert "locals" not in text
        assert 'File "' not in text


async def test_data_with_and_without_slash(client: httpx.AsyncClient) -> None:
    bare = await client.get("/data")
    assert bare.status_code in (301, 302, 307, 308)
    assert bare.headers["location"] == "/data/"
    for response in (await client.get("/data", follow_redirects=True), await client.get("/data/")):
        assert response.status_code == 200
        assert f'href="{DB}"' in response.text
    assert (await client.get("/datax")).status_code == 404


async def test_every_table_and_view_as_json_and_csv(built: BuildResult, client: httpx.AsyncClient) -> None:
    names = tables_and_views(built.path)
    assert {"agreements", "events", "agreement_timeline", "provisions_scope", "documents_fts"} <= set(names)
    for name in names:
        response = await client.get(f"{DB}/{name}.json")
        assert response.status_code == 200, (name, response.text)
        data = response.json()
        assert set(columns(built.path, name)) <= set(data["columns"]), name
        (count,) = sql(built.path, f"select count(*) from [{name}]")[0]
        assert len(data["rows"]) == min(count, 100), name
        response = await client.get(f"{DB}/{name}.csv")
        assert response.status_code == 200, name
        assert response.headers["content-type"].startswith("text/plain")
        rows = csv_rows(response.text)
        assert rows[0] == data["columns"], name
        assert len(rows) == 1 + len(data["rows"]), name


CANNED: list[tuple[str, dict[str, str]]] = [
    ("in_force_on", {"on": "2015-06-30"}),
    ("provisions_by_kind", {"kind": "binding_status"}),
    ("timeline_of_agreement", {"agreement_id": "jpn-kor-gsomia-2016"}),
    ("sharing_routes", {"from": "kor", "to": "jpn", "on": "2015-06-30"}),
    ("documents_mentioning", {"term": "ratification"}),
]


async def test_canned_queries_are_the_documented_ones(built: BuildResult, client: httpx.AsyncClient) -> None:
    queries = (await client.get(f"{DB}.json")).json()["queries"]
    assert {q["name"] for q in queries} == {name for name, _ in CANNED}
    for query in queries:
        assert query["title"], query["name"]
        assert query["description"], query["name"]
    # A canned query named like a table would hide the table at its URL.
    assert not {q["name"] for q in queries} & set(tables_and_views(built.path))


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize(("name", "params"), CANNED)
async def test_canned_query_json_csv(client: httpx.AsyncClient, name: str, params: dict[str, str]) -> None:
    response = await client.get(f"{DB}/{name}.json", params={**params, "_shape": "objects"})
    assert response.status_code == 200
    rows = response.json()["rows"]
    assert rows
    table = csv_rows((await client.get(f"{DB}/{name}.csv", params=params)).text)
    assert table[0] == list(rows[0])
    assert [dict(zip(table[0], row, strict=True)) for row in table[1:]] == [
        {k: "" if v is None else str(v) for k, v in row.items()} for row in rows
    ]


async def rows_of(client: httpx.AsyncClient, name: str, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"{DB}/{name}.json", params={**params, "_shape": "array"})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_in_force_on_a_date(built: BuildResult, client: httpx.AsyncClient) -> None:
    def covering(on: str) -> set[str]:  # the agreements whose stored in-force period covers the day
        query = (
            "select agreement_id from agreement_status_periods where status = 'in_force' and valid_from <= ?1"
            " and (valid_to is null or ?1 < valid_to)"
        )
        return {a for (a,) in sql(built.path, query, on)}

    in_2015 = {row["agreement_id"] for row in await rows_of(client, "in_force_on", on="2015-06-30")}
    assert "jpn-kor-usa-tisa-2014" in in_2015
    assert "jpn-kor-gsomia-2016" not in in_2015
    assert in_2015 == covering("2015-06-30")
    # Before the trilateral arrangement and the GSOMIA: neither.
    in_2013 = {row["agreement_id"] for row in await rows_of(client, "in_force_on", on="2013-06-30")}
    assert not in_2013 & {"jpn-kor-usa-tisa-2014", "jpn-kor-gsomia-2016"}
    assert in_2013 == covering("2013-06-30")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_provisions_by_kind_and_timeline(built: BuildResult, client: httpx.AsyncClient) -> None:
    binding = await rows_of(client, "provisions_by_kind", kind="binding_status")
    ids = sql(built.path, "select id from provisions where kind = 'binding_status'")
    assert sorted(row["id"] for row in binding) == sorted(i for (i,) in ids)
    assert any(row["disputes"] for row in binding)

    timeline = await rows_of(client, "timeline_of_agreement", agreement_id="jpn-kor-gsomia-2016")
    events = sql(built.path, "select id from events where agreement_id = 'jpn-kor-gsomia-2016'")
    assert sorted(row["id"] for row in timeline) == sorted(i for (i,) in events)
    dates = [row["date"] for row in timeline]
    dated = [d for d in dates if d is not None]
    assert dates == dated + [None] * (len(dates) - len(dated))
    assert dated == sorted(dated)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_sharing_routes(client: httpx.AsyncClient) -> None:
    routes = await rows_of(client, "sharing_routes", **{"from": "kor", "to": "jpn", "on": "2015-06-30"})
    assert [r["route_kind"] for r in routes] == ["via_hub"]
    assert routes[0]["agreement_id"] == "jpn-kor-usa-tisa-2014"
    assert routes[0]["hub"] == "usa-dod"
    assert "usa-dod" in routes[0]["path"].split(" → ")
    assert routes[0]["onward_approval_by"] == "kor-mnd"
    # Organisations resolve to their states, in both places.
    direct = await rows_of(client, "sharing_routes", **{"from": "kor-mnd", "to": "usa", "on": "2015-06-30"})
    assert [(r["route_kind"], r["agreement_id"]) for r in direct] == [("direct", "kor-usa-gsomia-1987")]
    assert await rows_of(client, "sharing_routes", **{"from": "kor", "to": "jpn", "on": "2013-06-30"}) == []


async def test_documents_mentioning_a_term(client: httpx.AsyncClient) -> None:
    rows = await rows_of(client, "documents_mentioning", term="ratification")
    assert "yonhap-2014-12-29" in [row["id"] for row in rows]
    snippet = next(row["snippet"] for row in rows if row["id"] == "yonhap-2014-12-29")
    assert "[ratification]" in snippet.lower()
    assert [row["rank"] for row in rows] == sorted(row["rank"] for row in rows)
    # FTS syntax in the term is escaped, not an error.
    broken = await client.get(f"{DB}/documents_mentioning.json", params={"term": 'ratif" OR ('})
    assert broken.status_code == 200


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_csv_stream_and_download(built: BuildResult, client: httpx.AsyncClient) -> None:
    (count,) = sql(built.path, "select count(*) from citations")[0]
    assert count > 100  # more than one page, so streaming has to page through
    streamed = await client.get(f"{DB}/citations.csv", params={"_stream": "on"})
    assert streamed.status_code == 200
    rows = csv_rows(streamed.text)
    assert rows[0][:3] == ["id", "agreement_id", "owner_type"]
    assert len(rows) == 1 + count
    download = await client.get(f"{DB}/events.csv", params={"_dl": "on"})
    assert download.status_code == 200
    assert "attachment" in download.headers["content-disposition"]
    assert csv_rows(download.text)[0][0] == "id"


async def test_facets_and_labels(built: BuildResult, client: httpx.AsyncClient) -> None:
    data = (await client.get(f"{DB}/agreements.json", params={"_facet": "kind"})).json()
    counts = {item["value"]: item["count"] for item in data["facet_results"]["kind"]["results"]}
    assert counts == dict(sql(built.path, "select kind, count(*) from agreements group by kind"))
    # Facets from metadata.yml appear without asking.
    events = (await client.get(f"{DB}/events.json")).json()
    assert {"kind", "status", "agreement_id", "precision"} <= set(events["facet_results"])
    # label_column: foreign keys to agreements show their short names.
    labelled = (await client.get(f"{DB}/events.json", params={"_labels": "on", "_shape": "array"})).json()
    short_names = dict(sql(built.path, "select id, short_name from agreements"))
    assert all(row["agreement_id"]["label"] == short_names[row["agreement_id"]["value"]] for row in labelled)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_table_search(client: httpx.AsyncClient) -> None:
    found = await client.get(f"{DB}/documents.json", params={"_search": "ratification", "_shape": "array"})
    assert "yonhap-2014-12-29" in [row["id"] for row in found.json()]
    none = await client.get(f"{DB}/documents.json", params={"_search": "zyzzyva", "_shape": "array"})
    assert none.json() == []
    provisions = (await client.get(f"{DB}/provisions.json", params={"_search": "ratification"})).json()
    assert provisions["rows"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_no_page_links_outside_the_prefix(built: BuildResult, client: httpx.AsyncClient) -> None:
    row, search = f"{DB}/agreements/kor-usa-gsomia-1987", f"{DB}/documents?_search=pact"
    pages = ["/data/", DB, "/data/-/metadata", row, search]
    pages += [f"{DB}/{name}" for name in tables_and_views(built.path)]
    pages += [str(httpx.URL(f"{DB}/{name}", params=params)) for name, params in CANNED]
    pages += [f"{DB}/agreements.json", f"{DB}/events.json?_size=2", f"{DB}/agreements.csv"]
    for page in pages:
        response = await client.get(page)
        assert response.status_code == 200, page
        assert "/data/data" not in response.text, page
        for link in re.findall(r'(?:href|src|action)="(/[^"]*)"', response.text):
            # Datasette's own links stay under the prefix; cells link out to the readable pages on purpose.
            assert link.startswith(("/data/", f"{AGREEMENT_PAGES}/", f"{PARTY_PAGES}/")), (page, link)
        assert "/data/data" not in response.headers.get("link", "")


@pytest.mark.parametrize(
    ("path", "location"),
    [
        (f"{DB}/", DB),
        (f"{DB}/agreements.jsono", f"{DB}/agreements.json?_shape=objects"),
        (f"{DB}/agreements?_sort=first_date&_sort_by_desc=on", f"{DB}/agreements?_sort_desc=first_date"),
        ("/data/-/config.json", "/data/-/settings.json"),
    ],
)
async def test_redirects_keep_the_prefix_once(client: httpx.AsyncClient, path: str, location: str) -> None:
    response = await client.get(path)
    assert 300 <= response.status_code < 400
    assert response.headers["location"] == location
    assert (await client.get(location)).status_code == 200


async def test_whole_database_download_is_off(client: httpx.AsyncClient) -> None:
    assert (await client.get(f"{DB}.db")).status_code == 403


async def test_404_is_quiet(client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    bodies = []
    for path in (f"{DB}/no_such_table", "/data/no_such_db.json", f"{DB}/agreements/no-such-row.json"):
        response = await client.get(path)
        assert response.status_code == 404, path
        bodies.append(response.text)
    assert_quiet(capfd, *bodies)


async def test_bad_sql_is_a_400(client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    for query, error in [("select * from no_such_table", "no such table"), ("selec 1", "SELECT")]:
        response = await client.get(f"{DB}.json", params={"sql": query})
        assert response.status_code == 400
        assert response.json()["ok"] is False
        assert error in response.json()["error"]
        assert_quiet(capfd, response.text)


async def test_slow_query_is_cut_by_the_time_limit(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str]
) -> None:
    endless = "with recursive n(i) as (select 1 union all select i + 1 from n) select count(*) from n"
    started = time.perf_counter()
    response = await client.get(f"{DB}.json", params={"sql": endless})
    assert time.perf_counter() - started < 5
    assert response.status_code == 400
    assert response.json()["title"] == "SQL Interrupted"
    assert_quiet(capfd, response.text)


async def test_unexpected_error_is_a_plain_500(
    built: BuildResult, capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    datasette = create_datasette(built.path, METADATA)
    await datasette.invoke_startup()
    try:
        raise RuntimeError("secret-detail")
    except RuntimeError as error:
        results = pm.hook.handle_exception(
            datasette=datasette, request=Request.fake("/data/pactstore/agreements"), exception=error
        )
        responses = [await await_me_maybe(result) for result in results]
    assert len(responses) == 1  # Datasette's printing default hook is gone
    assert responses[0].status == 500
    assert "secret-detail" not in responses[0].body
    assert_quiet(capfd, responses[0].body)
    assert "RuntimeError: secret-detail" in caplog.text  # the operator still hears of it


async def test_metadata_describes_everything(built: BuildResult, client: httpx.AsyncClient) -> None:
    metadata = (await client.get("/data/-/metadata.json")).json()
    tables = metadata["databases"]["pactstore"]["tables"]
    kinds = "type in ('table', 'view')"
    everything = [name for (name,) in sql(built.path, f"select name from sqlite_master where {kinds}")]
    for name in everything:
        assert tables.get(name, {}).get("description") or tables.get(name, {}).get("description_html"), name
        described = tables[name].get("columns", {})
        assert [c for c in columns(built.path, name) if not described.get(c)] == [], name
    assert set(tables) <= set(everything), "metadata.yml describes tables the database does not have"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_descriptions_say_what_the_build_holds(built: BuildResult, client: httpx.AsyncClient) -> None:
    """The description and the source line are generated from the database, not written for one build."""
    metadata = (await client.get("/data/-/metadata.json")).json()
    (documents, paraphrases), (texts,) = (
        sql(built.path, "select count(*), sum(text_kind = 'paraphrase') from documents")[0],
        sql(built.path, "select count(*) from texts")[0],
    )
    (agreements,) = sql(built.path, "select count(*) from agreements")[0]
    assert f"{agreements:,} agreement" in metadata["description"]
    assert f"{documents:,} source document" in metadata["description"]
    assert f"{paraphrases:,} of them curators' paraphrases" in metadata["description"]
    assert f"{documents:,} document" in metadata["source"]
    assert f"{texts:,} official text" in metadata["source"]
    (top,) = sql(built.path, "select publisher from documents group by publisher order by count(*) desc, 1 limit 1")[0]
    assert (top or "unnamed publishers") in metadata["source"]
    tables = metadata["databases"]["pactstore"]["tables"]
    (events,) = sql(built.path, "select count(*) from events")[0]
    assert tables["events"]["description"].endswith(f"{events:,} rows in this build.")


async def test_metadata_follows_a_rebuild(built: BuildResult, tmp_path: Path) -> None:
    from api.datasette_metadata import BuildMetadata

    copy = tmp_path / "pactstore.db"
    copy.write_bytes(built.path.read_bytes())
    source = BuildMetadata(copy, METADATA)
    before = source.current()["description"]
    with closing(sqlite3.connect(copy)) as conn:
        conn.execute("delete from events where agreement_id = (select min(agreement_id) from events)")
        counts = dict(conn.execute("select 'events', count(*) from events").fetchall())
        conn.execute("update build_info set counts = json_set(counts, '$.events', ?)", (counts["events"],))
        conn.commit()
    after = source.current()
    assert after["description"] != before
    assert f"{counts['events']:,} event" in after["description"]


def test_the_database_is_named_pactstore_whatever_the_file_is_called(built, tmp_path: Path) -> None:
    other = tmp_path / "other-name.db"
    other.write_bytes(built.path.read_bytes())
    datasette = create_datasette(other, METADATA)
    assert [name for name in datasette.databases if not name.startswith("_")] == ["pactstore"]
    assert "_memory" not in datasette.databases


@pytest.mark.parametrize(
    "path",
    [
        "/data/pactstore/agreements?_sort=nope",
        "/data/pactstore/agreements.json?_sort=nope",
        "/data/pactstore/agreements?_sort_desc=%00",
        "/data/pactstore/agreements.json?_through=%7B%22table%22:1%7D",
    ],
)
async def test_bad_table_options_are_the_clients_error(
    client: httpx.AsyncClient, capfd: pytest.CaptureFixture[str], path: str
) -> None:
    # Datasette itself answers these with 500; the quiet error hook makes them 400s.
    response = await client.get(path)
    assert response.status_code == 400
    assert "Traceback" not in response.text
    assert "Traceback" not in capfd.readouterr().err
