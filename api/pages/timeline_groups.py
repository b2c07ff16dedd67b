"""The timeline's groups of rows: who the agreements are between.

With a few dozen agreements, a heading per set of parties is nearly a heading per row. So the rows
are grouped by the kind of partnership, in this order of precedence:

- agreements with an organisation or a group of states as a party: one group per group of states
  (an organisation party with one goes with it), headed by their names;
- agreements among three or more states: one group;
- bilateral agreements: a state that is party to HUB_MIN of them or more heads a group of its own
  ("Netherlands and one other state"), taking the most first; the rest are grouped by their pair
  (an agreement with a single state party, by that state).

Groups follow each other in the order of their first dated event; within a group, the rows of
agreements between the same parties stay together (in the order of their first dated event), each in
date order. Rows without a dated event come last.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict

import msgspec

from api.pages.timeline_data import TimelineAgreement, TimelineParty

HUB_MIN = 3
"""How many bilateral agreements a state needs to head a group of its own."""


class Group(msgspec.Struct, frozen=True, kw_only=True):
    heading: str
    tip: str
    """Every party of the group's agreements."""
    agreements: tuple[TimelineAgreement, ...]


def _first(agreement: TimelineAgreement) -> datetime.date:
    return agreement.events[0].date if agreement.events else datetime.date.max


def _names(parties: list[TimelineParty]) -> str:
    return ", ".join(sorted({p.name for p in parties}, key=str.casefold))


def _bloc(agreement: TimelineAgreement) -> str | None:
    """The group of states (else the organisation) an agreement is made with, if any."""
    others = [p for p in agreement.parties if p.kind != "state"]
    groups = [p.id for p in others if p.kind == "group"]
    return min(groups) if groups else min((p.id for p in others), default=None)


def _sorted(agreements: list[TimelineAgreement]) -> tuple[TimelineAgreement, ...]:
    """Agreements between the same parties together (in the order of their first dated event), each by date."""
    first: dict[tuple[str, ...], datetime.date] = {}
    for a in agreements:
        first[_between(a)] = min(first.get(_between(a), datetime.date.max), _first(a))
    return tuple(sorted(agreements, key=lambda a: (first[_between(a)], _between(a), _first(a), a.id)))


def _between(agreement: TimelineAgreement) -> tuple[str, ...]:
    return tuple(sorted(p.id for p in agreement.parties))


def groups(agreements: tuple[TimelineAgreement, ...]) -> list[Group]:
    """The rows' groups, in order (see the module's docstring)."""
    found: list[Group] = []
    blocs: dict[str, list[TimelineAgreement]] = defaultdict(list)
    several: list[TimelineAgreement] = []
    pairs: list[TimelineAgreement] = []
    unknown: list[TimelineAgreement] = []
    for agreement in agreements:
        bloc = _bloc(agreement)
        if bloc is not None:
            blocs[bloc].append(agreement)
        elif len(agreement.parties) >= 3:
            several.append(agreement)
        elif agreement.parties:
            pairs.append(agreement)
        else:
            unknown.append(agreement)
    for members in blocs.values():
        named = [p for a in members for p in a.parties if p.kind != "state"]
        heading = " and ".join(sorted({p.name for p in named}, key=str.casefold))
        found.append(_group(heading, members))
    if several:
        found.append(_group("Three or more states", several))
    found.extend(_bilateral(pairs))
    if unknown:
        found.append(
            Group(
                heading="Parties not recorded",
                tip="No party is recorded for these agreements.",
                agreements=_sorted(unknown),
            )
        )
    return sorted(found, key=lambda g: (min(_first(a) for a in g.agreements), g.heading))


def _group(heading: str, agreements: list[TimelineAgreement]) -> Group:
    parties = [p for a in agreements for p in a.parties]
    tip = f"Between {_names(parties)}" if len({p.id for p in parties}) > 1 else f"Party: {_names(parties)}"
    return Group(heading=heading, tip=tip, agreements=_sorted(agreements))


def _bilateral(pairs: list[TimelineAgreement]) -> list[Group]:
    """The groups of agreements between two states (or with only one state party)."""
    found: list[Group] = []
    left, passed = [a for a in pairs if len(a.parties) == 2], set()
    while True:
        count = Counter(p.id for a in left for p in a.parties if p.id not in passed)
        named = {p.id: p.name for a in left for p in a.parties}
        hub = min(count, key=lambda s: (-count[s], named[s].casefold()), default=None)
        if hub is None or count[hub] < HUB_MIN:
            break
        mine = [a for a in left if hub in {p.id for p in a.parties}]
        if len({tuple(p.id for p in a.parties) for a in mine}) == 1:
            passed.add(hub)  # all with one partner: a pair's group says it better
            continue
        found.append(_group(f"{named[hub]} and one other state", mine))
        left = [a for a in left if a not in mine]
    by_pair: dict[tuple[str, ...], list[TimelineAgreement]] = defaultdict(list)
    for agreement in left + [a for a in pairs if len(a.parties) == 1]:  # one state party: a group of its own
        by_pair[tuple(p.id for p in agreement.parties)].append(agreement)
    for members in by_pair.values():
        found.append(_group(" – ".join(p.name for p in members[0].parties), members))
    return found
