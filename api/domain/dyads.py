"""Who could share with whom, year by year: an ATOP-style table of directed state pairs (dyads) by year.

A dyad-year (A, B, year) says that at some time in the year A could pass military information to B — a
channel, directly or through a hub — and under which agreements, routes and terms; or that this is
`unknown`, because an event that would decide it has a date too imprecise to say whether it had
happened (the status rule's undecided events, api/domain/status.py). Pairs and years without either are
not listed: no row means no channel the store knows of.

Every answer is the sharing rule's (`assess`, api/domain/sharing.py) on the days the answer can change:
1 January and every day an agreement's status (or that of a leg its routes rest on) changes or may
change within the year. A party given as a group counts for its members only where the store records
them (`party_members`); a group without members recorded gives no dyads.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Mapping
from typing import Literal

import msgspec

from api.domain.query import Database
from api.domain.sharing import Ask, assess
from api.domain.sharing_answer import Channel, Considered
from api.domain.sharing_world import World
from api.domain.status import status_on, today
from api.domain.terms import routings
from schema.agreements import Agreement

Verdict = Literal["yes", "unknown"]
UNDECIDED_REASONS = ("not_in_force", "leg_not_in_force")
"""What keeps a channel closed that an undecided event could open."""


class DyadYear(msgspec.Struct, frozen=True, kw_only=True):
    """One directed pair of states in one year."""

    state_a: str
    state_b: str
    state_a_iso3: str | None
    state_b_iso3: str | None
    year: int
    channel: Verdict
    agreements: list[str]
    """The agreements that give the channel (for `unknown`: whose undecided events may give it)."""
    routes: list[str]
    """`direct`, or `via <hub>` for a route through a hub, for each channel."""
    terms: list[str]
    """The provisions that bind exchanges under those agreements (ids), routing and binding status aside."""
    first_day: datetime.date | None
    """The first day of the year with a channel (for `yes`)."""
    undecided_events: list[str]
    """For `unknown`: the events (`<agreement>.<event>`) whose imprecise dates leave it open."""


def expand(
    party: str, state_of: Mapping[str, str], kinds: Mapping[str, str], members: Mapping[str, list[str]]
) -> list[str]:
    """The states a party stands for: its state; for a group, its recorded members' states (none unrecorded)."""
    state = state_of.get(party, party)
    if kinds.get(state) != "group":
        return [state]
    return list(dict.fromkeys(state_of.get(m, m) for m in members.get(state, [])))


def _days(agreements: Iterable[Agreement], year: int) -> list[datetime.date]:
    """1 January, and every day in `year` on which one of the agreements' status changes or may change."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    days = {start}
    for agreement in agreements:
        for event in agreement.events:
            if event.when is not None:
                days.update(d for d in (event.when.date, event.when.latest()) if start <= d <= end)
    return sorted(days)


def _years(agreement: Agreement, last: int) -> range:
    dated = [e.when.date.year for e in agreement.events if e.when is not None and e.status == "occurred"]
    return range(min(dated), last + 1) if dated else range(0)


class _Pair(msgspec.Struct, kw_only=True):
    yes: dict[str, set[str]] = msgspec.field(default_factory=dict)
    """Agreement -> routes."""
    unknown: dict[str, set[str]] = msgspec.field(default_factory=dict)
    """Agreement -> undecided events."""
    first_day: datetime.date | None = None


def _route(outcome: Channel) -> str:
    if outcome.route == "direct":
        return "direct"
    hubs = [hop.recipient.state_id for hop in outcome.hops[:-1]]
    return "via " + " and ".join(dict.fromkeys(hubs))


def dyad_years(db: Database, last_year: int | None = None) -> list[DyadYear]:
    """Every dyad-year with a channel, or with one undecided, up to `last_year` (this year by default)."""
    world = World(db, detailed=False)
    detailed = World(db)  # for the terms of the agreements that give channels
    until = last_year or today().year
    members: dict[str, list[str]] = {}
    for row in db.rows("select party_id, member_id from party_members order by party_id, rowid"):
        members.setdefault(row["party_id"], []).append(row["member_id"])
    state_of = {pid: str(row["state_id"]) for pid, row in world.parties.items()}
    kinds = {pid: str(row["kind"]) for pid, row in world.parties.items()}
    found: dict[tuple[str, str, int], _Pair] = {}
    agreements = world.load_all()
    for agreement in agreements:
        listed = {p.party: expand(p.party, state_of, kinds, members) for p in agreement.parties if "party" in p.roles}
        stands_for = {state: party for party, states in listed.items() for state in states}
        pairs = list(itertools.permutations(stands_for, 2))
        pairs += [
            (state_of.get(r.origin, r.origin), state_of.get(r.destination, r.destination))
            for routing in routings(agreement)
            for r in routing.routes
        ]
        legs = world.load_ids([i for routing in routings(agreement) for i in routing.legs_under])
        for year in _years(agreement, until):
            for day in _days([agreement, *(world.agreements[i] for i in legs)], year):
                status = status_on(agreement, day)
                undecided = [c.event for c in status.may_have_changed if c.event]
                if status.status != "in_force" and not undecided:
                    continue  # the rule gives no channel under an agreement not in force
                for a, b in dict.fromkeys(pairs):
                    sender, recipient = stands_for.get(a, a), stands_for.get(b, b)
                    if a == b or sender not in world.parties or recipient not in world.parties:
                        continue
                    ask = Ask(
                        sender_party=world.party(sender, "from"), recipient_party=world.party(recipient, "to"), on=day
                    )
                    for _, outcome in assess(world, agreement, ask):
                        pair = found.setdefault((a, b, year), _Pair())
                        if isinstance(outcome, Channel):
                            pair.yes.setdefault(agreement.id, set()).add(_route(outcome))
                            pair.first_day = min(day, pair.first_day or day)
                        elif isinstance(outcome, Considered) and outcome.reason in UNDECIDED_REASONS and undecided:
                            pair.unknown.setdefault(agreement.id, set()).update(
                                f"{agreement.id}.{e}" for e in undecided
                            )
    return _rows(found, world, detailed)


def _rows(found: dict[tuple[str, str, int], _Pair], world: World, detailed: World) -> list[DyadYear]:
    iso = {pid: row["iso_alpha3"] for pid, row in world.parties.items()}
    terms: dict[str, list[str]] = {}
    rows = []
    for (a, b, year), pair in sorted(found.items()):
        if not pair.yes and not pair.unknown:
            continue
        for agreement_id in pair.yes:
            if agreement_id not in terms:
                conditions, _ = detailed.conditions(world.agreements[agreement_id])
                terms[agreement_id] = [c.provision_id for c in conditions]
        giving = pair.yes or pair.unknown
        rows.append(
            DyadYear(
                state_a=a,
                state_b=b,
                state_a_iso3=iso.get(a),
                state_b_iso3=iso.get(b),
                year=year,
                channel="yes" if pair.yes else "unknown",
                agreements=sorted(giving),
                routes=sorted({r for routes in pair.yes.values() for r in routes}),
                terms=[t for agreement_id in sorted(pair.yes) for t in terms[agreement_id]],
                first_day=pair.first_day,
                undecided_events=[] if pair.yes else sorted({e for es in pair.unknown.values() for e in es}),
            )
        )
    return rows
