"""What the timeline shows, as data: each agreement's dated events and status periods.

`timeline_data` is the one place the timeline gets its data: the domain's timeline (each agreement's
dated events and the status rule's periods) plus the names of its parties. The layout (`timeline`)
takes a `TimelineData` and nothing else.
"""

from __future__ import annotations

from collections import defaultdict

import msgspec

from api.domain.timeline import AgreementLife, timeline
from api.store import Snapshot


class TimelineParty(msgspec.Struct, frozen=True, kw_only=True):
    """A state (or organisation, or group of states) party to an agreement."""

    id: str
    name: str
    """Short name, else name."""
    kind: str


class TimelineAgreement(AgreementLife, frozen=True, kw_only=True):
    """An agreement's life (its dated events and status periods, in date order), with its parties named."""

    parties: tuple[TimelineParty, ...]
    """The states (or organisations) party to it, by name; the layout groups agreements by them."""


class TimelineData(msgspec.Struct, frozen=True, kw_only=True):
    agreements: tuple[TimelineAgreement, ...]
    """Every agreement, dated or not, in the order of its first dated event (undated ones last)."""


def _parties(db: Snapshot) -> dict[str, tuple[TimelineParty, ...]]:
    """Agreement id → the states (or organisations) that are parties to it, by name."""
    found: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in db.rows(
        "select ap.agreement_id, ap.state_id, coalesce(s.short_name, s.name, ap.state_id) as name, "
        "coalesce(s.kind, 'state') as kind from agreement_parties ap left join parties s on s.id = ap.state_id "
        "where ap.role = 'party' and ap.state_id is not null"
    ):
        found[r["agreement_id"]].add((r["name"], r["state_id"], r["kind"]))
    return {
        aid: tuple(TimelineParty(id=i, name=name, kind=kind) for name, i, kind in sorted(parties))
        for aid, parties in found.items()
    }


def timeline_data(db: Snapshot) -> TimelineData:
    """Every agreement with its events that took place (not those only planned) and its status periods,
    from the domain's timeline (api/domain/timeline.py: the stored answers of the status rule)."""
    parties = _parties(db)
    agreements = tuple(
        TimelineAgreement(**msgspec.structs.asdict(life), parties=parties.get(life.id, ())) for life in timeline(db)
    )
    return TimelineData(agreements=agreements)
