"""GET /api/v1/events: the timeline, by agreement, party, kind, status and date range."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import problem


async def events(client: httpx.AsyncClient, query: str) -> list[dict]:
    response = await client.get(f"/api/v1/events?{query}&limit=500")
    assert response.status_code == 200, response.text
    return response.json()["items"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_timeline_is_oldest_first_and_cited(client: httpx.AsyncClient) -> None:
    items = await events(client, "status=occurred")
    dates = [e["date"] for e in items]
    assert dates == sorted(dates)
    first_of = {e["agreement_id"]: i for i, e in reversed(list(enumerate(items)))}
    assert first_of["kor-usa-gsomia-1987"] < first_of["jpn-usa-gsomia-2007"] < first_of["jpn-kor-usa-tisa-2014"]
    assert all(e["sources"] for e in items)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_by_agreement_and_kind(client: httpx.AsyncClient) -> None:
    rounds = await events(client, "agreement=jpn-kor-gsomia-2016&kind=negotiation&status=occurred")
    assert [(e["round"], e["date"]) for e in rounds] == [(1, "2016-11-01"), (2, "2016-11-09"), (3, "2016-11-14")]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_by_party_includes_organisations_acting_for_it(client: httpx.AsyncClient) -> None:
    agreements = {e["agreement_id"] for e in await events(client, "party=jpn")}
    assert agreements == {"jpn-kor-usa-tisa-2014", "jpn-kor-gsomia-2012", "jpn-kor-gsomia-2016", "jpn-usa-gsomia-2007"}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_date_range_overlaps_imprecise_dates(client: httpx.AsyncClient) -> None:
    december = await events(client, "from=2014-12-01&to=2014-12-31")
    assert {e["event_id"] for e in december} >= {"signing-usa", "entry-into-force", "parliament-notified"}
    # "In 2012" overlaps any range inside 2012, "June 2012" any range inside June.
    early_2012 = await events(client, "from=2012-03-01&to=2012-03-31")
    assert {e["event_id"] for e in early_2012 if e["agreement_id"] == "jpn-kor-gsomia-2012"} == {"negotiated"}
    mid_june = await events(client, "from=2012-06-10&to=2012-06-20")
    assert {e["event_id"] for e in mid_june if e["agreement_id"] == "jpn-kor-gsomia-2012"} == {
        "negotiated",
        "draft-finalised",
    }


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_planned_steps(client: httpx.AsyncClient) -> None:
    planned = await events(client, "status=planned&agreement=jpn-kor-gsomia-2016")
    assert {e["approving_body"] for e in planned if e["kind"] == "approval"} == {
        "related vice ministers",
        "Cabinet",
        "President",
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=2016-02-30", "from"),
        ("to=soon", "to"),
        ("from=2016-12-01&to=2016-01-01", "from"),
        ("kind=coup", "kind"),
        ("status=maybe", "status"),
        ("agreement=nope", "agreement"),
        ("party=nope", "party"),
    ],
)
async def test_bad_parameters(client: httpx.AsyncClient, query: str, parameter: str) -> None:
    response = await client.get(f"/api/v1/events?{query}")
    assert response.status_code == 400
    assert problem(response)["invalid_params"][0]["name"] == parameter
