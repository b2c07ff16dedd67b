"""The Japan-ROK GSOMIA's life in every answer built from the status rule: the status route, the agreement's
detail, the lists, the sharing answer, the landing page and the ODRL export. Expected values come from the
sources: signed in Seoul and in force on 23 Nov 2016 (MOD Japan, MOFA Japan); the ROK's notice of 23 Aug 2019
through the diplomatic channel, due to take effect when the pact lapsed at the end of 22 Nov (NHK, Yonhap);
its effect suspended on 22 Nov on condition that Seoul may end the pact's effectuation at any time
(Korea.net); both notes withdrawn on 21 March 2023 (Asia Economy)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import httpx
import pytest

GSOMIA = "jpn-kor-gsomia-2016"
TISA = "jpn-kor-usa-tisa-2014"
LATEST_FACT = (
    "The latest fact the store holds on this agreement is of 2023-03-21; its status after that is not known to "
    "the store."
)

pytestmark = pytest.mark.library  # the GSOMIA's record cites documents of the source library


async def status(client: httpx.AsyncClient, on: str | None = None) -> dict:  # type: ignore[type-arg]
    query = f"?on={on}" if on else ""
    response = await client.get(f"/api/v1/agreements/{GSOMIA}/status{query}")
    assert response.status_code == 200, response.text
    return response.json()


def documents(event: dict) -> set[str]:  # type: ignore[type-arg]
    return {s["document_id"] for s in event["sources"]}


# The status route ----------------------------------------------------------------------------------------


async def test_the_day_before_signing_it_was_initialled(client: httpx.AsyncClient) -> None:
    body = await status(client, "2016-11-22")
    assert (body["status"], body["since"]) == ("initialled", "2016-11-14")


@pytest.mark.parametrize("on", ["2016-11-23", "2016-11-24"])
async def test_in_force_from_the_day_of_signature(client: httpx.AsyncClient, on: str) -> None:
    body = await status(client, on)
    assert (body["status"], body["since"], body["termination_pending"], body["notice_suspended"]) == (
        "in_force",
        "2016-11-23",
        None,
        None,
    )
    assert [e["event_id"] for e in body["deciding_events"]] == ["entry-into-force"]


async def test_entry_into_force_claims_side_by_side(client: httpx.AsyncClient) -> None:
    body = await status(client, "2016-11-24")
    [deciding] = body["deciding_events"]
    assert deciding["preferred"] is True
    assert "mofa-japan-2019-08-22" in documents(deciding)
    [disputed] = body["disputed"]
    # Kyodo: it takes effect immediately, needing no ratification.
    assert disputed["event"]["asserted_by"]["name"] == "Kyodo News"
    assert disputed["event"]["disputes"] == f"{GSOMIA}.entry-into-force"
    assert documents(disputed["event"]) == {"kyodo-paraphrase-2016-11-23"}


async def test_a_termination_pending_in_september_2019(client: httpx.AsyncClient) -> None:
    body = await status(client, "2019-09-01")
    assert body["status"] == "in_force"
    pending = body["termination_pending"]
    assert (pending["takes_effect_on"], pending["basis"]) == ("2019-11-23", "stated")
    notice = pending["notice"]
    assert (notice["kind"], notice["date"], notice["party_id"], notice["channel"]) == (
        "termination_notice",
        "2019-08-23",
        "kor",
        "diplomatic_channel",
    )
    # Its source: delivered to Japan's ambassador on 23 August; due to lapse at the end of 22 November.
    assert {"nhk-paraphrase-2019-08-23", "yonhap-paraphrase-2019-11-22"} <= documents(notice)
    assert body["notice_suspended"] is None


async def test_the_notice_suspended_in_december_2019(client: httpx.AsyncClient) -> None:
    body = await status(client, "2019-12-01")
    assert (body["status"], body["termination_pending"]) == ("in_force", None)
    held = body["notice_suspended"]
    assert held["notice"]["event_id"] == "termination-notice"
    assert (held["suspension"]["event_id"], held["suspension"]["date"]) == ("notice-suspended", "2019-11-22")
    assert "end the GSOMIA's effectuation at any time" in held["condition"]
    assert held["reserved_right"] == "to end the GSOMIA's effectuation at any time"
    assert "korea-net-2019-11-23" in documents(held["suspension"])


async def test_in_force_with_nothing_pending_in_june_2023(client: httpx.AsyncClient) -> None:
    body = await status(client, "2023-06-01")
    assert (body["status"], body["termination_pending"], body["notice_suspended"]) == ("in_force", None, None)
    assert body["evidence_until"]["label"] == "2023-03-21"
    assert body["freshness"] == LATEST_FACT


async def test_today_the_answer_says_how_old_its_evidence_is(client: httpx.AsyncClient) -> None:
    body = await status(client)
    assert body["status"] == "in_force"
    assert body["freshness"] == LATEST_FACT
    assert (await status(client, "2019-12-01"))["freshness"] is None


# Detail and lists ------------------------------------------------------------------------------------------


async def test_the_detail_carries_the_qualifiers_and_the_signatories(client: httpx.AsyncClient) -> None:
    body = (await client.get(f"/api/v1/agreements/{GSOMIA}?on=2019-12-01")).json()
    assert body["status"] == "in_force"
    assert body["status_detail"]["notice_suspended"]["suspension"]["event_id"] == "notice-suspended"
    signed = {(s["person"], s["party"]["id"], s["signed"]) for s in body["signatories"]}
    assert signed == {("Nagamine Yasumasa", "jpn", "2016-11-23"), ("Han Min-koo", "kor", "2016-11-23")}
    events = {e["event_id"]: e for e in body["events"]}
    assert "Seoul" in events["signing"]["place"]
    assert events["termination-due"]["status"] == "averted"
    assert events["notes-withdrawn"]["notices"] == ["termination-notice", "notice-suspended"]
    assert "initialled" not in [p["status"] for p in body["status_history"][2:]]


async def test_lists_carry_the_notices_and_the_freshness(client: httpx.AsyncClient) -> None:
    async def item(query: str) -> dict:  # type: ignore[type-arg]
        found = (await client.get(f"/api/v1/agreements?{query}&party=kor")).json()["items"]
        return next(a for a in found if a["id"] == GSOMIA)

    pending = await item("on=2019-09-01")
    assert pending["termination_pending"] == {"notice": "termination-notice", "takes_effect_on": "2019-11-23"}
    assert (await item("on=2019-12-01"))["notice_suspended"]["suspension"] == "notice-suspended"
    today = await item("on=2026-12-01")
    assert (today["status"], today["status_since"], today["freshness"]) == ("in_force", "2016-11-23", LATEST_FACT)
    in_force = (await client.get("/api/v1/agreements?status=in_force&on=2019-12-01&party=jpn")).json()["items"]
    assert GSOMIA in {a["id"] for a in in_force}


# Sharing, Korea to Japan ------------------------------------------------------------------------------------


async def sharing(client: httpx.AsyncClient, on: str) -> dict:  # type: ignore[type-arg]
    response = await client.get(f"/api/v1/sharing?from=kor&to=jpn&on={on}")
    assert response.status_code == 200, response.text
    return response.json()


def routes(answer: dict) -> set[tuple[str, str]]:  # type: ignore[type-arg]
    return {(c["agreement"]["id"], c["route"]) for c in answer["channels"]}


def direct(answer: dict) -> dict:  # type: ignore[type-arg]
    return next(c for c in answer["channels"] if c["agreement"]["id"] == GSOMIA and c["route"] == "direct")


async def test_sharing_before_signature_only_through_the_us_hub(client: httpx.AsyncClient) -> None:
    answer = await sharing(client, "2016-11-22")
    assert routes(answer) == {(TISA, "via_hub")}
    gsomia = next(c for c in answer["considered"] if c["agreement"]["id"] == GSOMIA)
    assert (gsomia["status"], gsomia["reason"]) == ("initialled", "not_in_force")


async def test_sharing_the_day_after_signature_also_directly(client: httpx.AsyncClient) -> None:
    answer = await sharing(client, "2016-11-24")
    assert routes(answer) == {(TISA, "via_hub"), (GSOMIA, "direct")}
    assert direct(answer)["status"]["termination_pending"] is None


async def test_sharing_with_the_notice_pending(client: httpx.AsyncClient) -> None:
    channel = direct(await sharing(client, "2019-09-01"))
    assert channel["status"]["status"] == "in_force"
    assert channel["status"]["termination_pending"]["takes_effect_on"] == "2019-11-23"
    assert channel["status"]["termination_pending"]["notice"]["event_id"] == "termination-notice"


async def test_sharing_with_the_notice_suspended(client: httpx.AsyncClient) -> None:
    channel = direct(await sharing(client, "2019-12-01"))
    assert channel["status"]["termination_pending"] is None
    assert "at any time" in channel["status"]["notice_suspended"]["condition"]


async def test_sharing_in_june_2023_directly_with_nothing_pending(client: httpx.AsyncClient) -> None:
    answer = await sharing(client, "2023-06-01")
    channel = direct(answer)
    assert (channel["status"]["termination_pending"], channel["status"]["notice_suspended"]) == (None, None)
    # The answer rests on the GSOMIA, the trilateral arrangement and its two legs: the latter's evidence is
    # older (the 2014 reports, the 2016 report on the arrangement).
    assert answer["evidence_until"]["date"] < "2023-03-21"
    assert any(s.startswith("The latest fact the store holds on GSOMIA is of 2023-03-21") for s in answer["freshness"])


# The landing page and the ODRL export -------------------------------------------------------------------------


async def test_the_landing_table_shows_dates_with_their_precision(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    row = re.search(rf'<tr data-agreement="{GSOMIA}">(.*?)</tr>', page, re.S)
    assert row is not None
    assert "since 2016-11-23" in row.group(1)
    assert "The latest fact the store holds on this agreement is of 2023-03-21" in row.group(1)
    draft = re.search(r'<tr data-agreement="jpn-kor-gsomia-2012">(.*?)</tr>', page, re.S)
    assert draft is not None
    # Called off by the day set for signing; never shown as the last day of 2012.
    assert "since by 2012-06-29" in draft.group(1)
    assert "2012-12-31" not in page


async def test_the_timeline_draws_the_notice_its_suspension_and_its_withdrawal(client: httpx.AsyncClient) -> None:
    page = (await client.get("/")).text
    svg = re.search(r'<svg[^>]*class="timeline".*?</svg>', page, re.S)
    assert svg is not None
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(svg.group(0))
    row = next(g for g in root.iter(f"{ns}g") if g.get("data-agreement") == GSOMIA)
    stripes = [el.get("data-notice") for el in row.iter() if el.get("data-notice")]
    assert stripes == ["pending", "suspended"]
    marks = {g.get("data-event"): g.get("data-kind") for g in row.iter(f"{ns}g") if g.get("data-event")}
    assert marks["termination-notice"] == "termination_notice"
    assert marks["notice-suspended"] == "notice_suspended"
    assert marks["notes-withdrawn"] == "notice_withdrawn"
    tips = [t.text or "" for t in row.iter(f"{ns}title")]
    assert any("termination notice pending, to take effect on 2019-11-23" in t for t in tips)


async def test_odrl_policies_carry_the_status_qualifiers(client: httpx.AsyncClient) -> None:
    document = (await client.get(f"/api/v1/agreements/{GSOMIA}/odrl?on=2019-09-01")).json()
    for policy in document["@graph"]:
        assert policy["pactstore:status"] == "in_force"
        assert policy["pactstore:terminationPending"] == {
            "pactstore:notice": f"urn:pactstore:event:{GSOMIA}.termination-notice",
            "pactstore:takesEffectOn": "2019-11-23",
        }
        assert policy["pactstore:evidenceUntil"] == "2023-03-21"
        assert "pactstore:freshness" not in policy
