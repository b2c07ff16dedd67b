"""The sharing route: may one party pass information to another on a date (api/domain/sharing.py)."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.domain.party_codes import resolve_party
from api.domain.sharing import evaluate
from api.domain.sharing_answer import SharingAnswer
from api.domain.status import today
from api.listing import api_get
from api.params import PARTY_CODE, OnDate
from api.store import Snapshot
from schema.base import SLUG


@api_get("/sharing", "evaluateSharing", "May one party pass information to another on a date?")
def sharing(
    db: NamedDependency[Snapshot],
    sender: Annotated[
        str,
        QueryParameter(
            name="from", pattern=PARTY_CODE, max_length=64, description="The party sharing (id or ISO 3166 code)."
        ),
    ],
    recipient: Annotated[
        str, QueryParameter(name="to", pattern=PARTY_CODE, max_length=64, description="The recipient (id or code).")
    ],
    on: OnDate = None,
    subject: Annotated[
        str | None, QueryParameter(pattern=SLUG, max_length=64, description="What the information is about.")
    ] = None,
    classification: Annotated[
        str | None,
        QueryParameter(
            min_length=1,
            max_length=100,
            description=(
                "The information's classification: any party's marking in its own script or the English/NATO "
                "level name, case-insensitive (SECRET, 군사II급비밀, 極秘). Read under the classification terms of "
                "every agreement a channel rests on; a marking no agreement in the store names is a 400 that "
                "lists the known ones."
            ),
        ),
    ] = None,
    onward_to: Annotated[
        str | None,
        QueryParameter(
            pattern=PARTY_CODE, max_length=64, description="May the recipient pass it on to this party (id or code)?"
        ),
    ] = None,
) -> SharingAnswer:
    """Every channel by which `from` may pass information to `to` on `on` (today by default): the agreement, the route
    (direct, or hop by hop through a hub, with whose approval), the conditions that bind the exchange, and the
    instrument's binding status — each with its sources. With `classification`, how each agreement of a channel reads
    the marking (its equivalence row, every party's marking for the level); an agreement whose terms exclude it gives
    no channel, one without classification terms passes it with a note. Agreements looked at but not applicable are
    listed with the reason. With `onward_to`, also whether the recipient may pass it on."""
    sender, recipient = resolve_party(db, sender, "from"), resolve_party(db, recipient, "to")
    onward = resolve_party(db, onward_to, "onward_to") if onward_to else None
    return evaluate(db, sender, recipient, on or today(), subject, classification, onward)
