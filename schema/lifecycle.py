"""The vocabulary of an agreement's life: its statuses, and which event kinds move it to which.

The rule that derives the status on a date from the dated events is the API's domain
(api/domain/status.py); the seed checks and the builder need only these types.
"""

from __future__ import annotations

from typing import Literal

from schema.agreements import EventKind

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
