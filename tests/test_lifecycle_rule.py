"""The status rule's generic behaviour, on fixture records written for the tests (tests/fixtures/lifecycle/):
notices that take effect on the day their terms give, notices suspended and withdrawn, renewal computed
from the duration terms, terms that expire, renewals of unstated length that leave the end open,
provisional application, contested claims and imprecise dates, and the stored periods that lists and
filters read."""

from __future__ import annotations

import datetime
import json
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import msgspec
import pytest
from litestar import Litestar

from api.domain.status import StatusOn, status_on
from schema.agreements import Agreement, Event
from schema.base import Period, When
from schema.provisions import Duration
from tests.conftest import SEEDS, build_seeds

FIXTURES = Path(__file__).parent / "fixtures" / "lifecycle"
D = datetime.date


def record(name: str) -> Agreement:
    return msgspec.yaml.decode((FIXTURES / f"{name}.yaml").read_bytes(), type=Agreement)


def edited(agreement: Agreement, event_id: str, **changes: object) -> Agreement:
    """The record with one event changed (or dropped, with `drop=True`)."""
    events: list[Event] = []
    for event in agreement.events:
        if event.id != event_id:
            events.append(event)
        elif not changes.pop("drop", False):
            events.append(msgspec.structs.replace(event, **changes))
    return msgspec.structs.replace(agreement, events=events)


def with_duration(agreement: Agreement, **changes: object) -> Agreement:
    """The record with its duration terms changed."""
    provisions = [msgspec.structs.replace(p, **changes) if isinstance(p, Duration) else p for p in agreement.provisions]
    return msgspec.structs.replace(agreement, provisions=provisions)


def on(agreement: Agreement, day: datetime.date) -> StatusOn:
    return status_on(agreement, day)


# Notices and their effect -------------------------------------------------------------------------


def test_a_notice_takes_effect_at_the_end_of_the_term_it_is_given_in_time_for() -> None:
    renewed = record("life-renewed")
    before = on(renewed, D(2019, 11, 22))
    assert before.status == "in_force"
    assert before.termination_pending is not None
    pending = before.termination_pending
    # In force from 23 November 2016 for a year, renewed yearly: the third term ends on 23 November 2019,
    # and a notice of 23 August is more than 90 days before its last day.
    assert (pending.notice, pending.takes_effect_on, pending.basis, pending.provision) == (
        "notice",
        D(2019, 11, 23),
        "duration",
        "one-year-renewed",
    )
    after = on(renewed, D(2019, 11, 23))
    assert (after.status, after.since, after.deciding_events) == ("terminated", "2019-11-23", ["notice"])
    assert after.ended_by is not None
    assert (after.ended_by.cause, after.ended_by.notice) == ("notice", "notice")
    assert after.termination_pending is None


@pytest.mark.parametrize(
    ("given", "takes_effect"),
    [
        (D(2019, 8, 24), D(2019, 11, 23)),  # 90 days later is 22 November, the term's last day
        (D(2019, 8, 25), D(2020, 11, 23)),  # too late for this term: the next one's end
        (D(2016, 11, 23), D(2017, 11, 23)),  # on the first day: the initial term's end
    ],
)
def test_a_notice_too_late_for_its_term_takes_effect_at_the_next(
    given: datetime.date, takes_effect: datetime.date
) -> None:
    renewed = edited(record("life-renewed"), "notice", when=When(date=given))
    pending = on(renewed, given).termination_pending
    assert pending is not None
    assert pending.takes_effect_on == takes_effect
    assert on(renewed, takes_effect - datetime.timedelta(days=1)).status == "in_force"
    assert on(renewed, takes_effect).status == "terminated"


def test_a_stated_effect_day_comes_before_the_terms() -> None:
    renewed = edited(record("life-renewed"), "notice", takes_effect=When(date=D(2019, 10, 1)))
    pending = on(renewed, D(2019, 9, 1)).termination_pending
    assert pending is not None
    assert (pending.takes_effect_on, pending.basis) == (D(2019, 10, 1), "stated")
    assert on(renewed, D(2019, 10, 1)).status == "terminated"


def test_the_denunciation_terms_give_the_effect_day() -> None:
    denounced = record("life-denounced")
    pending = on(denounced, D(2020, 6, 1)).termination_pending
    assert pending is not None
    assert (pending.takes_effect_on, pending.basis, pending.provision) == (D(2020, 9, 15), "denunciation", "six-months")
    assert on(denounced, D(2020, 9, 14)).status == "in_force"
    assert on(denounced, D(2020, 9, 15)).status == "terminated"


def test_a_notice_whose_day_nothing_gives_stays_pending_undated() -> None:
    denounced = msgspec.structs.replace(record("life-denounced"), provisions=[])
    later = on(denounced, D(2030, 1, 1))
    assert later.status == "in_force"
    assert later.termination_pending is not None
    assert (later.termination_pending.takes_effect_on, later.termination_pending.basis) == (None, "not_known")


# Suspended, withdrawn ----------------------------------------------------------------------------------


def test_a_notice_suspended_then_withdrawn() -> None:
    suspended = record("life-suspended")
    pending = on(suspended, D(2019, 11, 21))
    assert pending.termination_pending is not None
    assert (pending.termination_pending.takes_effect_on, pending.termination_pending.basis) == (
        D(2019, 11, 23),
        "stated",
    )
    for day in (D(2019, 11, 22), D(2019, 11, 23), D(2023, 3, 20)):
        held = on(suspended, day)
        # The notice no longer stood on the day it was to take effect: the agreement stays in force.
        assert held.status == "in_force", day
        assert held.termination_pending is None
        assert held.notice_suspended is not None
        assert (held.notice_suspended.notice, held.notice_suspended.suspension) == ("notice", "suspended")
        assert held.notice_suspended.condition == "the right to end it at any time is kept"
        assert held.notice_suspended.reserved_right == "to end it at any time"
    after = on(suspended, D(2023, 3, 21))
    assert (after.status, after.termination_pending, after.notice_suspended) == ("in_force", None, None)


def test_without_its_suspension_the_notice_takes_effect_on_the_stated_day() -> None:
    unsuspended = edited(edited(record("life-suspended"), "suspended", drop=True), "withdrawn", notices=["notice"])
    assert on(unsuspended, D(2019, 11, 22)).status == "in_force"
    ended = on(unsuspended, D(2019, 11, 23))
    assert (ended.status, ended.deciding_events) == ("terminated", ["notice"])
    # A withdrawal after the notice took effect does not revive the agreement.
    assert on(unsuspended, D(2023, 6, 1)).status == "terminated"


def test_a_notice_withdrawn_before_its_day_never_takes_effect() -> None:
    withdrawn = edited(
        edited(record("life-suspended"), "suspended", drop=True),
        "withdrawn",
        notices=["notice"],
        when=When(date=D(2019, 10, 1)),
    )
    assert on(withdrawn, D(2019, 9, 30)).termination_pending is not None
    for day in (D(2019, 10, 1), D(2019, 11, 23), D(2020, 1, 1)):
        result = on(withdrawn, day)
        assert (result.status, result.termination_pending, result.notice_suspended) == ("in_force", None, None)


def test_a_suspension_of_imprecise_date_makes_the_end_possible_not_certain() -> None:
    vague = edited(record("life-suspended"), "suspended", when=When(date=D(2019, 11, 1), precision="month"))
    result = on(vague, D(2019, 11, 25))
    # The suspension may have come before or after 23 November: still in force, but it may have ended.
    assert result.status == "in_force"
    assert result.certain is False
    assert [(c.event, c.kind) for c in result.may_have_changed] == [("notice", "termination_notice")]


# Renewal and expiry computed from the duration terms ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "number", "started", "ends"),
    [
        (D(2017, 6, 1), 1, D(2016, 11, 23), D(2017, 11, 23)),
        (D(2017, 11, 23), 2, D(2017, 11, 23), D(2018, 11, 23)),
        (D(2024, 1, 1), 8, D(2023, 11, 23), D(2024, 11, 23)),
    ],
)
def test_renewal_is_computed_without_any_renewal_event(
    day: datetime.date, number: int, started: datetime.date, ends: datetime.date
) -> None:
    renewed = edited(record("life-renewed"), "notice", drop=True)
    assert not [e for e in renewed.events if e.kind == "renewal"]
    result = on(renewed, day)
    assert result.status == "in_force"
    assert result.current_term is not None
    term = result.current_term
    assert (term.number, term.started_on, term.ends_on, term.renewal) == (number, started, ends, "automatic")


def test_a_term_that_is_not_renewed_expires() -> None:
    provisional = record("life-provisional")
    last = on(provisional, D(2022, 5, 31))
    assert last.status == "in_force"
    assert last.current_term is not None
    assert (last.current_term.number, last.current_term.ends_on) == (1, D(2022, 6, 1))
    expired = on(provisional, D(2022, 6, 1))
    assert expired.status == "terminated"
    assert expired.ended_by is not None
    assert (expired.ended_by.cause, expired.ended_by.provision, expired.deciding_events) == ("expiry", "two-years", [])


# Renewals by agreement for a time the terms do not state ------------------------------------------------


@pytest.mark.parametrize("day", [D(2019, 3, 15), D(2020, 3, 15), D(2100, 1, 1), datetime.date.max])
def test_a_renewal_of_unstated_length_leaves_the_end_open(day: datetime.date) -> None:
    # In force from 15 March 2018 for a year, extended in March 2019 for a time no source gives: from the
    # end of the one-year term it may have ended on any day, so it is in force, never certainly.
    result = on(record("life-extended"), day)
    assert (result.status, result.certain, result.since, result.ended_by) == ("in_force", False, "2018-03-15", None)
    [possible] = result.may_have_changed
    assert (possible.event, possible.kind, possible.span) == (None, "expiry", "2019-03-15 or later")
    assert (possible.first, possible.last) == (D(2019, 3, 15), datetime.date.max)


def test_the_renewed_term_of_unstated_length_has_no_end() -> None:
    extended = record("life-extended")
    first = on(extended, D(2019, 3, 14))
    assert (first.status, first.certain, first.may_have_changed) == ("in_force", True, [])
    assert first.current_term is not None
    assert (first.current_term.number, first.current_term.ends_on) == (1, D(2019, 3, 15))
    term = on(extended, D(2019, 4, 1)).current_term  # the extension "in March 2019" is certain by then
    assert term is not None
    assert (term.number, term.started_on, term.ends_on) == (2, D(2019, 3, 15), None)


def test_a_notice_after_the_last_term_the_text_gives_has_no_guessed_effect_day() -> None:
    notice = next(e for e in record("life-renewed").events if e.id == "notice")
    extended = record("life-extended")
    extended = msgspec.structs.replace(
        extended, events=[*extended.events, msgspec.structs.replace(notice, when=When(date=D(2019, 8, 23)))]
    )
    pending = on(extended, D(2019, 9, 1)).termination_pending
    assert pending is not None
    assert (pending.takes_effect_on, pending.basis) == (None, "not_known")


def test_a_stated_renewal_period_gives_the_renewed_term_its_end() -> None:
    extended = with_duration(record("life-extended"), renewal_period=Period(value=6, unit="months"))
    last = on(extended, D(2019, 9, 14))
    assert (last.status, last.certain) == ("in_force", True)
    assert last.current_term is not None
    assert (last.current_term.number, last.current_term.started_on, last.current_term.ends_on) == (
        2,
        D(2019, 3, 15),
        D(2019, 9, 15),
    )
    expired = on(extended, D(2019, 9, 15))
    assert (expired.status, expired.certain, expired.since) == ("terminated", True, "2019-09-15")
    assert expired.ended_by is not None
    assert expired.ended_by.cause == "expiry"


def test_terms_renewable_by_agreement_and_not_renewed_expire_at_the_first_end() -> None:
    unrenewed = edited(record("life-extended"), "extended", drop=True)
    assert on(unrenewed, D(2019, 3, 14)).status == "in_force"
    expired = on(unrenewed, D(2019, 3, 15))
    assert (expired.status, expired.certain, expired.since) == ("terminated", True, "2019-03-15")


def test_a_cap_on_the_whole_life_makes_the_open_end_certain_by_its_day() -> None:
    capped = with_duration(record("life-extended"), maximum=Period(value=3, unit="years"))
    within = on(capped, D(2020, 1, 1))
    assert (within.status, within.certain) == ("in_force", False)
    [possible] = within.may_have_changed
    assert (possible.first, possible.last, possible.span) == (D(2019, 3, 15), D(2021, 3, 15), "by 2021-03-15")
    assert on(capped, D(2021, 3, 14)).status == "in_force"
    ended = on(capped, D(2021, 3, 15))
    assert (ended.status, ended.certain) == ("terminated", True)


def test_provisional_application_until_entry_into_force() -> None:
    provisional = record("life-provisional")
    assert on(provisional, D(2020, 1, 9)).provisionally_applied is None
    applied = on(provisional, D(2020, 3, 1))
    assert (applied.status, applied.provisionally_applied) == ("signed", "applied")
    in_force = on(provisional, D(2020, 6, 1))
    assert (in_force.status, in_force.provisionally_applied) == ("in_force", None)


# Contested claims and imprecise dates --------------------------------------------------------------------


def test_the_rule_follows_the_preferred_claim_and_names_the_other() -> None:
    contested = record("life-contested")
    result = on(contested, D(2016, 11, 20))
    assert (result.status, result.deciding_events) == ("in_force", ["in-force-early"])
    assert [(d.event, d.preferred) for d in result.disputed] == [("in-force-late", "in-force-early")]
    swapped = edited(
        edited(contested, "in-force-early", preferred=False, disputes="in-force-late"),
        "in-force-late",
        preferred=True,
        disputes=None,
    )
    assert on(swapped, D(2016, 11, 20)).status == "signed"
    later = on(swapped, D(2016, 12, 1))
    assert (later.status, later.deciding_events) == ("in_force", ["in-force-late"])
    assert [(d.event, d.preferred) for d in later.disputed] == [("in-force-early", "in-force-late")]


@pytest.mark.parametrize(
    ("day", "status", "certain", "since", "possible"),
    [
        (D(2011, 12, 31), "unknown", True, None, []),
        (D(2012, 1, 1), "unknown", False, None, [("signed", "2012")]),
        (D(2012, 12, 30), "unknown", False, None, [("signed", "2012")]),
        (D(2012, 12, 31), "signed", True, "2012", []),
        (D(2013, 3, 15), "signed", False, "2012", [("in-force", "2013-03")]),
        (D(2013, 3, 31), "in_force", True, "2013-03", []),
    ],
)
def test_within_an_imprecise_span_the_status_is_the_last_certain_one(
    day: datetime.date, status: str, certain: bool, since: str | None, possible: list[tuple[str, str]]
) -> None:
    result = on(record("life-imprecise"), day)
    assert (result.status, result.certain, result.since) == (status, certain, since)
    assert [(c.event, c.span) for c in result.may_have_changed] == possible


# Through the build and the API ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def life_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("life") / "seeds"
    shutil.copytree(SEEDS, seeds)
    for fixture in FIXTURES.glob("*.yaml"):
        shutil.copyfile(fixture, seeds / "agreements" / fixture.name)
    return build_seeds(seeds, seeds.parent / "life.db").path


@pytest.fixture(scope="module")
def life_app(life_db: Path) -> Litestar:
    from api.app import create_app

    return create_app(life_db)


@pytest.fixture
async def life(life_app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=life_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


async def listed(client: httpx.AsyncClient, query: str) -> dict[str, dict]:  # type: ignore[type-arg]
    response = await client.get(f"/api/v1/agreements?{query}&limit=200")
    assert response.status_code == 200, response.text
    return {a["id"]: a for a in response.json()["items"]}


@pytest.mark.parametrize(
    ("query", "included"),
    [
        ("status=signed&on=2013-01-15", True),
        ("status=signed&on=2013-03-15", False),  # it may have entered into force by then
        ("status=in_force&on=2013-03-15", False),
        ("in_force_on=2013-03-31", True),
        ("status=unknown&on=2012-06-01", False),  # it may have been signed by then
        ("status=signed&on=2012-06-01", False),
        ("status=unknown&on=2011-06-01", True),
        ("status=signed&on=2013-01-15&party=kor", True),
        ("status=signed&on=2013-03-15&party=kor", False),
    ],
)
async def test_filters_use_certain_statuses_only(life: httpx.AsyncClient, query: str, included: bool) -> None:
    assert ("life-imprecise" in await listed(life, query)) is included


async def test_lists_show_dates_with_their_precision(life: httpx.AsyncClient) -> None:
    item = (await listed(life, "on=2013-01-15"))["life-imprecise"]
    assert (item["status"], item["status_since"], item["status_certain"]) == ("signed", "2012", True)
    assert "2012-12-31" not in json.dumps(item)
    uncertain = (await listed(life, "on=2013-03-15"))["life-imprecise"]
    assert (uncertain["status"], uncertain["status_certain"], uncertain["may_have_changed"]) == (
        "signed",
        False,
        ["in-force"],
    )


async def test_lists_carry_the_notices_on_the_date(life: httpx.AsyncClient) -> None:
    pending = (await listed(life, "on=2019-09-01"))["life-suspended"]["termination_pending"]
    assert pending == {"notice": "notice", "takes_effect_on": "2019-11-23"}
    held = (await listed(life, "on=2019-12-01"))["life-suspended"]
    assert held["termination_pending"] is None
    assert held["notice_suspended"] == {"notice": "notice", "suspension": "suspended"}
    assert (await listed(life, "status=in_force&on=2019-12-01")).get("life-suspended") is not None


async def test_the_status_route_carries_the_qualifiers_with_their_events(life: httpx.AsyncClient) -> None:
    body = (await life.get("/api/v1/agreements/life-suspended/status?on=2019-12-01")).json()
    assert body["status"] == "in_force"
    held = body["notice_suspended"]
    assert (held["notice"]["event_id"], held["suspension"]["event_id"]) == ("notice", "suspended")
    assert held["condition"] == "the right to end it at any time is kept"
    assert held["notice"]["takes_effect"] == "2019-11-23"
    assert held["suspension"]["notices"] == ["notice"]
    assert body["evidence_until"]["label"] == "2023-03-21"
    assert body["freshness"] is None
    renewed = (await life.get("/api/v1/agreements/life-renewed/status?on=2019-09-01")).json()
    pending = renewed["termination_pending"]
    assert (pending["takes_effect_on"], pending["basis"], pending["provision_id"]) == (
        "2019-11-23",
        "duration",
        "life-renewed.one-year-renewed",
    )
    assert renewed["current_term"]["number"] == 3
    ended = (await life.get("/api/v1/agreements/life-renewed/status?on=2020-01-01")).json()
    assert (ended["status"], ended["ended_by"]["cause"], ended["ended_by"]["notice_id"]) == (
        "terminated",
        "notice",
        "life-renewed.notice",
    )


async def test_an_open_end_is_stored_and_answered_as_uncertain(life: httpx.AsyncClient) -> None:
    assert "life-extended" in await listed(life, "status=in_force&on=2019-03-14")
    for query in ("status=in_force&on=2019-03-15", "status=terminated&on=2030-01-01", "in_force_on=2030-01-01"):
        assert "life-extended" not in await listed(life, query), query
    item = (await listed(life, "on=2030-01-01"))["life-extended"]
    assert (item["status"], item["status_certain"], item["may_have_changed"]) == ("in_force", False, ["expiry"])
    body = (await life.get("/api/v1/agreements/life-extended/status?on=2030-01-01")).json()
    assert (body["status"], body["certain"], body["ended_by"]) == ("in_force", False, None)
    [possible] = body["may_have_changed"]
    assert (possible["event"], possible["kind"], possible["first"], possible["last"]) == (
        None,
        "expiry",
        "2019-03-15",
        "9999-12-31",
    )
    assert (body["current_term"]["number"], body["current_term"]["ends_on"]) == (2, None)


async def test_contested_claims_are_shown_as_disputed(life: httpx.AsyncClient) -> None:
    body = (await life.get("/api/v1/agreements/life-contested/status?on=2016-11-20")).json()
    [disputed] = body["disputed"]
    assert disputed["event"]["event_id"] == "in-force-late"
    assert disputed["event"]["disputes"] == "life-contested.in-force-early"
    assert disputed["preferred_event_id"] == "life-contested.in-force-early"
    assert body["deciding_events"][0]["preferred"] is True


async def test_an_imprecise_step_is_named_with_its_span(life: httpx.AsyncClient) -> None:
    body = (await life.get("/api/v1/agreements/life-imprecise/status?on=2012-06-01")).json()
    assert (body["status"], body["certain"], body["since"]) == ("unknown", False, None)
    [possible] = body["may_have_changed"]
    assert (possible["event"]["event_id"], possible["span"]) == ("signed", "2012")


async def test_freshness_beyond_the_latest_fact(life: httpx.AsyncClient) -> None:
    body = (await life.get("/api/v1/agreements/life-imprecise/status?on=2014-01-01")).json()
    # The latest fact is the entry into force "in March 2013".
    assert body["evidence_until"]["label"] == "2013-03"
    assert body["freshness"] == (
        "The latest fact the store holds on this agreement is of 2013-03; "
        "its status after that is not known to the store."
    )
    within = (await life.get("/api/v1/agreements/life-imprecise/status?on=2013-03-20")).json()
    assert within["freshness"] is None
