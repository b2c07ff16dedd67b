"""Coverage of the source library: every official text of nl-treaties/ has a record with a complete unit ledger,
and the sharing question between the Netherlands and its main partners names every agreement between them,
with its status on the date and, where it gives no channel, why."""

from __future__ import annotations

import datetime

import httpx
import pytest
import sqlite_utils

from tests.conftest import LIBRARY

pytestmark = pytest.mark.library  # the records of the library's texts are built only with the library

ON = datetime.date(2026, 12, 1)


def test_every_text_of_the_treaty_set_has_a_record_with_a_complete_ledger(db: sqlite_utils.Database) -> None:
    files = sorted(p.name for p in (LIBRARY / "nl-treaties").glob("*.md") if p.name != "INDEX.md")
    texts = {r["source_file"]: r for r in db["texts"].rows}
    for name in files:
        text = texts.get(f"nl-treaties/{name}")
        assert text is not None, f"no official text entry reads nl-treaties/{name}"
        assert db["agreements"].count_where("id = ?", [text["agreement_id"]]) == 1
        listed = {r["unit_id"] for r in db["text_ledger"].rows_where("text_id = ?", [text["id"]])}
        parent = {r["unit_id"]: r["parent_id"] for r in db["text_units"].rows_where("text_id = ?", [text["id"]])}
        assert listed, f"{text['agreement_id']} keeps no ledger of {name}"
        unlisted = sorted(u for u in parent if not _accounted(u, listed, parent))
        assert not unlisted, (name, unlisted[:5])


def _accounted(unit: str | None, listed: set[str], parent: dict[str, str | None]) -> bool:
    """Whether a unit is listed in the ledger, or inside a listed unit (an article, a chapter)."""
    while unit is not None:
        if unit in listed:
            return True
        unit = parent.get(unit)
    return False


def _between(db: sqlite_utils.Database, a: str, b: str) -> set[str]:
    """Agreements to which both states are party (through any of their organs), as the build recorded them."""
    query = (
        "select agreement_id from agreement_parties where role = 'party' and state_id = ? "
        "intersect select agreement_id from agreement_parties where role = 'party' and state_id = ?"
    )
    return {r["agreement_id"] for r in db.query(query, [a, b])}


@pytest.mark.parametrize("partner", ["usa", "deu", "fra", "gbr"])
async def test_the_netherlands_and_a_partner_every_agreement_with_its_status_and_why(
    client: httpx.AsyncClient, db: sqlite_utils.Database, partner: str
) -> None:
    between = _between(db, "nld", partner)
    assert between, f"the library holds agreements of the Netherlands with {partner}"
    body = (await client.get(f"/api/v1/sharing?from=nld&to={partner}&on={ON}")).json()
    channels = {c["agreement"]["id"]: c for c in body["channels"]}
    considered = {c["agreement"]["id"]: c for c in body["considered"]}
    assert between <= channels.keys() | considered.keys()
    for aid in between - channels.keys():
        item = considered[aid]
        status = (await client.get(f"/api/v1/agreements/{aid}/status?on={ON}")).json()
        assert item["status"] == status["status"]
        assert item["explanation"], aid
        dated = db["events"].count_where("agreement_id = ? and kind = 'entry_into_force'", [aid])
        if item["reason"] == "not_in_force" and status["status"] == "signed" and not dated:
            assert "no source in the store dates its entry into force" in item["explanation"], item
    for aid, channel in channels.items():
        assert channel["status"]["status"] == "in_force", aid
