"""An agreement's status on a date, derived from its dated events.

The rule is conservative: an event counts on a date only when it had certainly happened by then,
i.e. the last day its precision allows is on or before the date. Events that may or may not have
happened by then are reported as undecided rather than guessed.
"""

from __future__ import annotations

import datetime
from typing import Literal

import msgspec

from schema.agreements import Event, EventKind

Status = Literal[
    "unknown",
    "proposed",
    "under_negotiation",
    "initialled",
    "signed",
    "in_force",
    "suspended",
    "terminated",
    "abandoned",
]

STATUS_AFTER: dict[EventKind, Status] = {
    "proposal": "proposed",
    "negotiation": "under_negotiation",
    "talks_resumed": "under_negotiation",
    "initialling": "initialled",
    "signing": "signed",
    "entry_into_force": "in_force",
    "in_force_attested": "in_force",
    "suspension": "suspended",
    "termination": "terminated",
    "abandonment": "abandoned",
}
"""Event kinds that move an agreement to a new status. Others (announcements, reviews, approvals,
notifications, opposition) are part of the timeline but leave the status as it was."""

# A signing after entry into force (a late signatory) must not take the agreement back to "signed".
_RANK: dict[Status, int] = {
    "unknown": 0,
    "proposed": 1,
    "under_negotiation": 2,
    "initialled": 3,
    "signed": 4,
    "in_force": 5,
}


class StatusOn(msgspec.Struct, frozen=True, kw_only=True):
    on: datetime.date
    status: Status
    deciding_events: list[str]
    """Ids of the events that put the agreement in this status, oldest first."""
    undecided_events: list[str]
    """Ids of status-changing events whose imprecise date may or may not fall before `on`."""


def _moves(current: Status, new: Status) -> bool:
    if new in ("suspended", "terminated", "abandoned"):
        return True
    if current in ("suspended", "terminated", "abandoned"):
        # Only a step that restarts the process (talks resumed, entry into force) revives it.
        return new in ("under_negotiation", "in_force", "proposed")
    return _RANK[new] >= _RANK[current]


def status_on(events: list[Event], on: datetime.date) -> StatusOn:
    """The status on `on` from the events that had certainly happened by then."""
    counted = sorted(
        (
            e
            for e in events
            if e.status == "occurred" and e.when is not None and e.kind in STATUS_AFTER and e.when.latest() <= on
        ),
        key=lambda e: (e.when.latest(), e.when.date),  # type: ignore[union-attr]
    )
    status: Status = "unknown"
    deciding: list[str] = []
    for event in counted:
        new = STATUS_AFTER[event.kind]
        if not _moves(status, new):
            continue
        if new != status:
            deciding = []
        status = new
        deciding.append(event.id)
    undecided = [
        e.id
        for e in events
        if e.status == "occurred"
        and e.when is not None
        and e.kind in STATUS_AFTER
        and e.when.date <= on < e.when.latest()
    ]
    return StatusOn(on=on, status=status, deciding_events=deciding, undecided_events=undecided)
