"""May party A pass information to party B on a date, by which route, under which conditions?

The answer is computed from the store alone: the typed provisions (routing, scope, access, loss
notification, third-country transfer, classification levels, binding status) and the dated events
that decide each agreement's status. Nothing here names a country or an agreement.

Rules, in order, for every agreement that involves both parties' states:
- an agreement with an `intermediary_routing` provision offers only its routes (origin -> hub ->
  destination), never a direct channel between its end parties;
- the agreement, and for a route every leg to and from the hub, must be in force on the date
  (an event counts only once it had certainly happened, see schema.lifecycle);
- a scope limited to subjects excludes a `subject` outside them (a narrower subject is inside);
- classification levels stated as agreed exclude a `classification` they do not list; levels that
  are only planned or reported become a note, not a rule.
Agreements that were looked at and do not apply are returned with the reason.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable, Sequence
from typing import Annotated, Any, Literal

import msgspec
from litestar import get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api import records
from api.errors import PROBLEM_RESPONSES, bad_param
from api.models import EventOut, Out, PartyRef, SourceQuote
from api.params import OnDate
from api.store import Snapshot
from schema.agreements import Agreement
from schema.base import SLUG, Actor
from schema.lifecycle import Status, status_on
from schema.provisions import (
    BindingStatus,
    ClassificationLevels,
    IntermediaryRouting,
    ProvisionBase,
    Scope,
    ThirdCountryTransfer,
)

Verdict = Literal[
    "allowed", "prohibited", "originator_approval_required", "all_parties_approval_required", "not_stated"
]
Reason = Literal[
    "not_in_force", "out_of_scope", "classification_not_covered", "no_route", "leg_not_in_force", "members_not_listed"
]
_decode = msgspec.json.Decoder(Agreement)
_NOT_CONDITIONS = (IntermediaryRouting, BindingStatus)


class AgreementRef(Out):
    id: str
    short_name: str
    kind: str
    level: str | None
    url: str


class StatusOut(Out):
    status: Status
    deciding_events: list[EventOut]


class Condition(Out):
    """A term that binds the exchange: a typed provision, in one sentence, with its sources."""

    provision_id: str
    kind: str
    summary: str
    basis: str
    binds: list[str]
    sources: list[SourceQuote]


class BindingClaim(Out):
    provision_id: str
    legally_binding: bool | None
    binding_nature: str | None
    binding_under_international_law: bool | None
    ratification_required: bool | None
    asserted_by: Actor | None
    disputes: str | None
    sources: list[SourceQuote]


class Hop(Out):
    sender: PartyRef
    recipient: PartyRef
    under: AgreementRef
    """The agreement this leg rests on."""
    approval_from: PartyRef | None
    """Whose approval the sender needs before passing the information on."""


class Channel(Out):
    agreement: AgreementRef
    route: Literal["direct", "via_hub"]
    hops: list[Hop]
    status: StatusOut
    conditions: list[Condition]
    binding: list[BindingClaim]
    notes: list[str]


class Considered(Out):
    agreement: AgreementRef
    status: Status
    reason: Reason
    explanation: str


class OnwardRule(Out):
    """May the recipient pass the information on to `onward_to`, under this agreement's terms?"""

    agreement: AgreementRef
    agreement_in_force: bool
    verdict: Verdict
    explanation: str
    sources: list[SourceQuote]


class SharingAnswer(Out):
    sender: PartyRef
    recipient: PartyRef
    on: datetime.date
    subject: str | None
    classification: str | None
    onward_to: PartyRef | None
    channel_exists: bool
    channels: list[Channel]
    considered: list[Considered]
    onward: list[OnwardRule]


_SELECT = "select id, short_name, kind, level, record_json from agreements"
# INTERSECT of two index scans: a self-join on state_id makes SQLite pair every agreement of one
# state with every agreement of the other (seconds for states with thousands).
_CAN_BEAR = (
    "select * from (select agreement_id from agreement_parties where state_id = ? "
    "intersect select agreement_id from agreement_parties where state_id = ?) "
    "union select r.agreement_id from provision_routes r join parties o on o.id = r.origin "
    "join parties d on d.id = r.destination where o.state_id = ? and d.state_id = ? "
    "union select ap.agreement_id from agreement_parties ap join parties p on p.id = ap.party_id "
    "where p.kind = 'group'"
)


class _World:
    """What one evaluation needs from the database, read once."""

    def __init__(self, db: Snapshot) -> None:
        self.db = db
        self.parties = {r["id"]: r for r in db.rows("select id, name, kind, state_id from parties")}
        self.broader = {r["id"]: r["broader"] for r in db.rows("select id, broader from subjects")}
        self.agreements: dict[str, Agreement] = {}
        self.rows: dict[str, Any] = {}

    def party(self, party_id: str, parameter: str) -> PartyRef:
        row = self.parties.get(party_id)
        if row is None:
            raise bad_param(parameter, f"no party with id {party_id!r}; see /api/v1/parties")
        return PartyRef(id=row["id"], name=row["name"], kind=row["kind"], state_id=row["state_id"])

    def state(self, party_id: str) -> str:
        row = self.parties.get(party_id)
        return row["state_id"] if row else party_id

    def load(self, a: str, b: str) -> list[str]:
        """Ids of the agreements that can bear on a -> b: both states parties to it, a route from a
        to b, or parties given as a group whose members the store may not list."""
        return self._keep(self.db.rows(f"{_SELECT} where id in ({_CAN_BEAR}) order by id", (a, b, a, b)))

    def load_ids(self, ids: Sequence[str]) -> list[str]:
        missing = [i for i in ids if i not in self.agreements]
        if missing:
            self._keep(
                self.db.rows(f"{_SELECT} where id in ({records.placeholders(missing)}) order by id", tuple(missing))
            )
        return [i for i in ids if i in self.agreements]

    def _keep(self, rows: Sequence[Any]) -> list[str]:
        for row in rows:
            if row["id"] not in self.agreements:
                self.rows[row["id"]] = row
                self.agreements[row["id"]] = _decode.decode(row["record_json"])
        return [row["id"] for row in rows]

    def ref(self, agreement_id: str) -> AgreementRef:
        row = self.rows.get(agreement_id) or self.db.row(
            "select id, short_name, kind, level from agreements where id = ?", (agreement_id,)
        )
        return AgreementRef(
            id=row["id"],
            short_name=row["short_name"],
            kind=row["kind"],
            level=row["level"],
            url=f"{records.API}/agreements/{row['id']}",
        )

    def members(self, agreement: Agreement) -> set[str]:
        return {self.state(p.party) for p in agreement.parties if "party" in p.roles}

    def unlisted_groups(self, agreement: Agreement) -> list[str]:
        return [p.party for p in agreement.parties if self.parties.get(p.party, {"kind": ""})["kind"] == "group"]

    def within(self, subject: str, scope: Iterable[str]) -> bool:
        covered, current, seen = set(scope), subject, set()
        while current is not None and current not in seen:
            if current in covered:
                return True
            seen.add(current)
            current = self.broader.get(current)
        return False


def _status(world: _World, agreement: Agreement, on: datetime.date) -> StatusOut:
    result = status_on(agreement.events, on)
    ids = [f"{agreement.id}.{e}" for e in result.deciding_events]
    rows = world.db.rows(f"select * from events where id in ({records.placeholders(ids)})", ids) if ids else []
    by_id = {e.id: e for e in records.events(world.db, rows)}
    return StatusOut(status=result.status, deciding_events=[by_id[i] for i in ids])


def _sources(world: _World, agreement: Agreement, provisions: list[ProvisionBase]) -> dict[str, list[SourceQuote]]:
    return records.sources(world.db, "provision", [f"{agreement.id}.{p.id}" for p in provisions])


def _conditions(world: _World, agreement: Agreement) -> tuple[list[Condition], list[BindingClaim]]:
    cited = _sources(world, agreement, list(agreement.provisions))
    conditions, binding = [], []
    for p in agreement.provisions:
        pid = f"{agreement.id}.{p.id}"
        if isinstance(p, BindingStatus):
            binding.append(
                BindingClaim(
                    provision_id=pid,
                    legally_binding=p.legally_binding,
                    binding_nature=p.binding_nature,
                    binding_under_international_law=p.binding_under_international_law,
                    ratification_required=p.ratification_required,
                    asserted_by=p.asserted_by,
                    disputes=f"{agreement.id}.{p.disputes}" if p.disputes else None,
                    sources=cited[pid],
                )
            )
        elif not isinstance(p, _NOT_CONDITIONS):
            kind = type(p).__struct_config__.tag
            conditions.append(
                Condition(
                    provision_id=pid,
                    kind=str(kind),
                    summary=p.summary(),
                    basis=p.basis,
                    binds=p.binds,
                    sources=cited[pid],
                )
            )
    return conditions, binding


def _scope_problem(world: _World, agreement: Agreement, subject: str | None) -> str | None:
    if subject is None:
        return None
    for scope in (p for p in agreement.provisions if isinstance(p, Scope)):
        if scope.limited_to_subjects and scope.subjects and not world.within(subject, scope.subjects):
            return f"its scope is limited to {', '.join(scope.subjects)} ({agreement.id}.{scope.id}); {subject} is not"
    return None


def _classification(
    world: _World, agreement: Agreement, sender: str, recipient: str, classification: str | None
) -> tuple[str | None, list[str]]:
    """(why the classification is excluded, or None; notes)."""
    notes: list[str] = []
    for levels in (p for p in agreement.provisions if isinstance(p, ClassificationLevels)):
        same_way = (levels.from_party is None or world.state(levels.from_party) == sender) and (
            levels.to_party is None or world.state(levels.to_party) == recipient
        )
        if not same_way:
            continue
        listed = ", ".join(levels.levels)
        firm = levels.basis in ("agreement_text", "agreed_in_negotiation")
        if classification is not None and classification not in levels.levels and firm:
            return f"it covers only {listed} of {levels.grading_party} ({agreement.id}.{levels.id})", notes
        verb = "covers" if firm else f"is {levels.basis} to cover"
        notes.append(f"Exchange {verb} {listed} ({agreement.id}.{levels.id}, basis: {levels.basis}).")
    return None, notes


def _leg(
    world: _World, sender: str, recipient: str, candidates: list[str], on: datetime.date
) -> tuple[str | None, str]:
    """An agreement in force on `on` between the two states, preferring the ones a route names."""
    pool = world.load_ids(candidates) if candidates else world.load(sender, recipient)
    for agreement_id in pool:
        agreement = world.agreements[agreement_id]
        if not {sender, recipient} <= world.members(agreement):
            continue
        if status_on(agreement.events, on).status == "in_force":
            return agreement_id, ""
    named = ", ".join(candidates) if candidates else "any agreement in the store"
    return None, f"no leg between {sender} and {recipient} is in force on {on} (looked at {named})"


def _onward(world: _World, agreement: Agreement, in_force: bool, onward_state: str) -> OnwardRule:
    ref = world.ref(agreement.id)
    if onward_state in world.members(agreement):
        return OnwardRule(
            agreement=ref,
            agreement_in_force=in_force,
            verdict="allowed",
            sources=[],
            explanation=f"{onward_state} is itself a party to {agreement.short_name}.",
        )
    rules = [p for p in agreement.provisions if isinstance(p, ThirdCountryTransfer)]
    if not rules:
        return OnwardRule(
            agreement=ref,
            agreement_in_force=in_force,
            verdict="not_stated",
            sources=[],
            explanation=f"The store holds no third-country rule for {agreement.short_name}.",
        )
    rule = rules[0]
    verdict: Verdict = {
        "originator": "originator_approval_required",
        "all_parties": "all_parties_approval_required",
        "none": "prohibited",
    }[rule.unless_approved_by]  # type: ignore[assignment]
    cited = _sources(world, agreement, [rule])[f"{agreement.id}.{rule.id}"]
    status = "" if in_force else " The agreement is not in force on the date; these are its agreed terms."
    return OnwardRule(
        agreement=ref,
        agreement_in_force=in_force,
        verdict=verdict,
        sources=cited,
        explanation=f"{rule.summary()} (basis: {rule.basis}).{status}",
    )


def evaluate(
    db: Snapshot,
    sender_id: str,
    recipient_id: str,
    on: datetime.date,
    subject: str | None = None,
    classification: str | None = None,
    onward_to: str | None = None,
) -> SharingAnswer:
    world = _World(db)
    sender, recipient = world.party(sender_id, "from"), world.party(recipient_id, "to")
    onward = world.party(onward_to, "onward_to") if onward_to else None
    if subject is not None and subject not in world.broader:
        raise bad_param("subject", f"no subject with id {subject!r}; see the subjects table in /data/pactstore")
    a, b = sender.state_id, recipient.state_id
    if a == b:
        raise bad_param("to", f"{recipient_id!r} and {sender_id!r} are the same state ({a})")
    candidates = world.load(a, b)
    channels: list[Channel] = []
    considered: list[Considered] = []
    onward_rules: list[OnwardRule] = []

    def skip(agreement: Agreement, status: Status, reason: Reason, explanation: str) -> None:
        considered.append(
            Considered(agreement=world.ref(agreement.id), status=status, reason=reason, explanation=explanation)
        )

    for agreement in [world.agreements[i] for i in candidates]:
        members = world.members(agreement)
        routing = [p for p in agreement.provisions if isinstance(p, IntermediaryRouting)]
        routes = [
            (p, r) for p in routing for r in p.routes if world.state(r.origin) == a and world.state(r.destination) == b
        ]
        groups = world.unlisted_groups(agreement)
        if not routes and not {a, b} <= members:
            if groups and not ({a, b} & members):
                skip(
                    agreement,
                    status_on(agreement.events, on).status,
                    "members_not_listed",
                    f"its parties are given as a group ({', '.join(groups)}) whose members the store does not list",
                )
            continue
        status = _status(world, agreement, on)
        in_force = status.status == "in_force"
        if onward and {a, b} <= members:
            onward_rules.append(_onward(world, agreement, in_force, onward.state_id))
        if routing and not routes:
            skip(
                agreement,
                status.status,
                "no_route",
                f"it routes information through a hub and names no route from {a} to {b}",
            )
            continue
        if not in_force:
            skip(agreement, status.status, "not_in_force", f"its status on {on} is {status.status}")
            continue
        problem = _scope_problem(world, agreement, subject)
        if problem:
            skip(agreement, status.status, "out_of_scope", problem)
            continue
        excluded, notes = _classification(world, agreement, a, b, classification)
        if excluded:
            skip(agreement, status.status, "classification_not_covered", excluded)
            continue
        conditions, binding = _conditions(world, agreement)
        ref = world.ref(agreement.id)

        found = {"agreement": ref, "status": status, "conditions": conditions, "binding": binding, "notes": notes}
        if not routes:
            hop = Hop(sender=sender, recipient=recipient, under=ref, approval_from=None)
            channels.append(Channel(route="direct", hops=[hop], **found))
            continue
        for provision, route in routes:
            path = [route.origin, *route.via, route.destination]
            hops, missing = [], ""
            for index, (left, right) in enumerate(itertools.pairwise(path)):
                leg, why = _leg(world, world.state(left), world.state(right), provision.legs_under, on)
                if leg is None:
                    missing = why
                    break
                approval = route.onward_approval_by if index > 0 else None
                hops.append(
                    Hop(
                        sender=world.party(left, "from"),
                        recipient=world.party(right, "to"),
                        under=world.ref(leg),
                        approval_from=world.party(approval, "from") if approval else None,
                    )
                )
            if missing:
                skip(agreement, status.status, "leg_not_in_force", missing)
                continue
            channels.append(Channel(route="via_hub", hops=hops, **found))
    return SharingAnswer(
        sender=sender,
        recipient=recipient,
        on=on,
        subject=subject,
        classification=classification,
        onward_to=onward,
        channel_exists=bool(channels),
        channels=channels,
        considered=considered,
        onward=onward_rules,
    )


@get(
    "/api/v1/sharing",
    operation_id="evaluateSharing",
    summary="May one party pass information to another on a date?",
    description="Every channel by which `from` may pass information to `to` on `on` (today by default): the "
    "agreement, the route (direct, or hop by hop through a hub, with whose approval), the conditions that bind "
    "the exchange, and the instrument's binding status — each with its sources. Agreements looked at but not "
    "applicable are listed with the reason. With `onward_to`, also whether the recipient may pass it on.",
    tags=["sharing"],
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
)
def sharing(
    db: NamedDependency[Snapshot],
    sender: Annotated[str, QueryParameter(name="from", pattern=SLUG, max_length=64, description="The party sharing.")],
    recipient: Annotated[str, QueryParameter(name="to", pattern=SLUG, max_length=64, description="The recipient.")],
    on: OnDate = None,
    subject: Annotated[
        str | None, QueryParameter(pattern=SLUG, max_length=64, description="What the information is about.")
    ] = None,
    classification: Annotated[
        str | None,
        QueryParameter(min_length=1, max_length=100, description="The sender's grade, as the store names it."),
    ] = None,
    onward_to: Annotated[
        str | None,
        QueryParameter(pattern=SLUG, max_length=64, description="May the recipient pass it on to this party?"),
    ] = None,
) -> SharingAnswer:
    return evaluate(db, sender, recipient, on or records.today(), subject, classification, onward_to)
