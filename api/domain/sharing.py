"""May party A pass information to party B on a date, by which route, under which conditions?

The answer is computed from the store alone: the typed provisions (routing, scope, access, loss
notification, third-country transfer, classification levels, binding status) and the dated events
that decide each agreement's status. Nothing here names a country or an agreement.

Rules, in order, for every agreement that involves both parties' states (`assess`):
- an agreement that routes information through a hub offers only its routes (origin -> hub ->
  destination), not a direct channel between its end parties (api/domain/terms.py);
- the agreement, and for a route every leg to and from the hub, must be in force on the date
  (the status rule, api/domain/status.py);
- a scope limited to subjects excludes a `subject` outside them (a narrower subject is inside);
- a `classification` is read under the classification terms of every agreement the channel rests
  on (the agreement, and for a route every leg): a term that excludes it refuses the channel, an
  agreement without such terms passes it with a note (the matching rule: api/domain/markings.py);
  a marking that no agreement in the store names is a bad question.
Agreements that were looked at and do not apply are returned with the reason. The graph of who can
share with whom (api/domain/graph.py) asks `assess` too.
"""

from __future__ import annotations

import datetime
import itertools
from typing import Literal

import msgspec

from api.domain import markings, terms
from api.domain.errors import BadParameter
from api.domain.models import PartyRef, SourceQuote
from api.domain.query import Database
from api.domain.sharing_answer import (
    Channel,
    ClassificationMatch,
    Considered,
    Hop,
    MarkingOut,
    OnwardRule,
    Reason,
    SharingAnswer,
    Verdict,
)
from api.domain.sharing_freshness import with_freshness
from api.domain.sharing_world import World
from api.domain.status import StatusOn
from schema.agreements import Agreement
from schema.lifecycle import Status
from schema.provisions import EntryIntoForceRule, IntermediaryRouting, Route, Scope, ThirdCountryTransfer

Outcome = tuple[Route | None, Channel | Considered]
"""What one agreement gives a pair: a channel, or why not (with the route it concerns, if any)."""


class Ask(msgspec.Struct, frozen=True, kw_only=True):
    """One sharing question: from a party to another on a date, about a subject at a grade."""

    sender_party: PartyRef
    recipient_party: PartyRef
    on: datetime.date
    subject: str | None = None
    classification: str | None = None

    @property
    def sender(self) -> str:
        """The sending state."""
        return self.sender_party.state_id

    @property
    def recipient(self) -> str:
        """The receiving state."""
        return self.recipient_party.state_id


def _scope_problem(world: World, agreement: Agreement, subject: str | None) -> str | None:
    if subject is None:
        return None
    for scope in (p for p in agreement.provisions if isinstance(p, Scope)):
        if scope.limited_to_subjects and scope.subjects and not world.within(subject, scope.subjects):
            return f"its scope is limited to {', '.join(scope.subjects)} ({agreement.id}.{scope.id}); {subject} is not"
    return None


def _leg(world: World, sender: str, recipient: str, candidates: list[str], on: datetime.date) -> tuple[str | None, str]:
    """An agreement in force on `on` between the two states, preferring the ones a route names."""
    pool = world.load_ids(candidates) if candidates else world.load(sender, recipient)
    for agreement_id in pool:
        agreement = world.agreements[agreement_id]
        if {sender, recipient} <= world.members(agreement) and world.rule(agreement, on).status == "in_force":
            return agreement_id, ""
    named = ", ".join(candidates) if candidates else "any agreement in the store"
    return None, f"no leg between {sender} and {recipient} is in force on {on} (looked at {named})"


def _hops(world: World, routing: IntermediaryRouting, route: Route, on: datetime.date) -> tuple[list[Hop], str]:
    """The legs of a route, each under an agreement in force; or why one is missing."""
    path = [route.origin, *route.via, route.destination]
    hops = []
    for index, (left, right) in enumerate(itertools.pairwise(path)):
        leg, why = _leg(world, world.state(left), world.state(right), routing.legs_under, on)
        if leg is None:
            return [], why
        approval = route.onward_approval_by if index > 0 else None
        hops.append(
            Hop(
                sender=world.party(left, "from"),
                recipient=world.party(right, "to"),
                under=world.ref(leg),
                approval_from=world.party(approval, "from") if approval else None,
            )
        )
    return hops, ""


def assess(world: World, agreement: Agreement, ask: Ask) -> list[Outcome]:
    """The one sharing rule: what `agreement` gives the exchange `ask` asks about, in order."""
    a, b, on = ask.sender, ask.recipient, ask.on
    members = world.members(agreement)
    routes = terms.routes_between(agreement, a, b, world.state)
    ref = world.ref(agreement.id)

    def skip(status: Status, reason: Reason, explanation: str, route: Route | None = None) -> list[Outcome]:
        return [(route, Considered(agreement=ref, status=status, reason=reason, explanation=explanation))]

    if not routes and not {a, b} <= members:
        groups = world.unlisted_groups(agreement)
        if groups and not ({a, b} & members):
            why = f"its parties are given as a group ({', '.join(groups)}) whose members the store does not list"
            return skip(world.rule(agreement, on).status, "members_not_listed", why)
        return []
    # The rule's verdict decides; the status with its events resolved is only what a channel shows.
    verdict = world.rule(agreement, on)
    direct = terms.offers_direct_channel(agreement) and {a, b} <= members
    if not routes and not direct:
        return skip(
            verdict.status, "no_route", f"it routes information through a hub and names no route from {a} to {b}"
        )
    if verdict.status != "in_force":
        return skip(verdict.status, "not_in_force", not_in_force_why(agreement, verdict, on))
    problem = _scope_problem(world, agreement, ask.subject)
    if problem:
        return skip(verdict.status, "out_of_scope", problem)
    own = markings.check(agreement, ask.classification, a, b, world.state)
    if own.refused:
        return skip(verdict.status, "classification_not_covered", own.refused)

    def channel(route: Literal["direct", "via_hub"], hops: list[Hop], read: list[markings.Check]) -> Channel:
        notes = [note for check in read for note in check.notes]
        matched = [_matched(world, check) for check in read]
        conditions, binding = world.conditions(agreement)
        return Channel(
            agreement=ref,
            route=route,
            hops=hops,
            status=world.status(agreement, on),
            conditions=conditions,
            binding=binding,
            classification=[m for found in matched for m in found],
            notes=list(dict.fromkeys(notes)),
        )

    outcomes: list[Outcome] = []
    if direct:
        hop = Hop(sender=ask.sender_party, recipient=ask.recipient_party, under=ref, approval_from=None)
        outcomes.append((None, channel("direct", [hop], [own])))
    for routing, route in routes:
        hops, missing = _hops(world, routing, route, on)
        if missing:
            outcomes += skip(verdict.status, "leg_not_in_force", missing, route)
            continue
        legs, refused = _legs_read(world, hops, ask)
        if refused:
            outcomes += skip(verdict.status, "classification_not_covered", refused, route)
        else:
            outcomes.append((route, channel("via_hub", hops, [own, *legs])))
    return outcomes


def _legs_read(world: World, hops: list[Hop], ask: Ask) -> tuple[list[markings.Check], str]:
    """The classification asked about, read under the agreement of every leg of a route; or why a leg
    refuses it. Without a classification the legs add nothing."""
    if ask.classification is None:
        return [], ""
    read = []
    for hop in hops:
        leg = world.agreements[hop.under.id]
        check = markings.check(leg, ask.classification, hop.sender.state_id, hop.recipient.state_id, world.state)
        if check.refused:
            return [], f"the leg {hop.sender.id} -> {hop.recipient.id} rests on {leg.short_name}, and {check.refused}"
        read.append(check)
    return read, ""


def _row_sources(world: World, agreement: Agreement, match: markings.RowMatch) -> list[SourceQuote]:
    """The sources of a table that bear on one row: the table's own and the row's (not other rows')."""
    pid = f"{agreement.id}.{match.table.id}"
    cited = world.provision_sources(agreement, [match.table])[pid]
    fields = world.db.rows(
        "select field from citations where owner_type = 'provision' and owner_id = ? order by id", (pid,)
    )
    wanted = {None, f"rows[{match.table.rows.index(match.row)}]"}
    return [quote for quote, row in zip(cited, fields, strict=True) if row["field"] in wanted]


def _matched(world: World, check: markings.Check) -> list[ClassificationMatch]:
    """The rows a marking named under one agreement, with the sources of their tables."""
    found = []
    for match in check.matches:
        agreement = world.agreements[match.agreement_id]
        pid = f"{agreement.id}.{match.table.id}"
        sources = _row_sources(world, agreement, match) if world.detailed else []
        found.append(
            ClassificationMatch(
                provision_id=pid,
                level=match.row.level,
                markings=[MarkingOut(party=m.party, marking=m.marking, reading=m.reading) for m in match.row.markings],
                protected_as=[
                    MarkingOut(party=m.party, marking=m.marking, reading=m.reading) for m in match.row.protected_as
                ],
                inferred=match.row.inferred,
                note=match.row.note,
                basis=match.table.basis,
                sources=sources,
            )
        )
    return found


def evaluate(
    db: Database,
    sender_id: str,
    recipient_id: str,
    on: datetime.date,
    subject: str | None = None,
    classification: str | None = None,
    onward_to: str | None = None,
) -> SharingAnswer:
    """Every channel from `sender_id` to `recipient_id` on `on`, the agreements that give none and
    why, and with `onward_to` whether the recipient may pass the information on."""
    world = World(db)
    sender, recipient = world.party(sender_id, "from"), world.party(recipient_id, "to")
    onward = world.party(onward_to, "onward_to") if onward_to else None
    if subject is not None and subject not in world.broader:
        raise BadParameter("subject", f"no subject with id {subject!r}; see the subjects table in /data/pactstore")
    a, b = sender.state_id, recipient.state_id
    if a == b:
        raise BadParameter("to", f"{recipient_id!r} and {sender_id!r} are the same state ({a})")
    if classification is not None:
        _known_marking(world, classification, a, b)
    ask = Ask(sender_party=sender, recipient_party=recipient, on=on, subject=subject, classification=classification)
    channels: list[Channel] = []
    considered: list[Considered] = []
    onward_rules: list[OnwardRule] = []
    for agreement in [world.agreements[i] for i in world.load(a, b)]:
        if onward and {a, b} <= world.members(agreement):
            in_force = world.rule(agreement, on).status == "in_force"
            onward_rules.append(_onward(world, agreement, in_force, onward.state_id))
        for _, outcome in assess(world, agreement, ask):
            if isinstance(outcome, Channel):
                channels.append(outcome)
            else:
                considered.append(outcome)
    answer = SharingAnswer(
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
    return with_freshness(world, answer)


_LISTED = 60
"""How many known markings a 400 lists in its detail (all of them are in `allowed`)."""


def _known_marking(world: World, classification: str, a: str, b: str) -> None:
    """A marking no agreement in the store names is a bad question, answered with those it knows: first
    those of the agreements between the two states asked about (the ones the asker most likely meant)."""
    known = markings.known(world.db)
    if markings.is_known(classification, known):
        return
    between = [x.id for x in world.load_all() if {a, b} <= world.members(x)]
    near = markings.known(world.db, between)
    listed = near + [name for name in known if name not in near]
    shown = ", ".join(listed[:_LISTED]) + (f" and {len(listed) - _LISTED} more" if len(listed) > _LISTED else "")
    raise BadParameter(
        "classification",
        f"no agreement in the store names the marking {classification!r}; known"
        + (f" (those of the agreements between {a} and {b} first)" if near else "")
        + f": {shown or 'none'}",
        allowed=known,
    )


_VERDICTS: dict[str, Verdict] = {
    "originator": "originator_approval_required",
    "all_parties": "all_parties_approval_required",
    "none": "prohibited",
}


def _onward(world: World, agreement: Agreement, in_force: bool, onward_state: str) -> OnwardRule:
    ref = world.ref(agreement.id)

    def rule(verdict: Verdict, explanation: str, sources: list[SourceQuote]) -> OnwardRule:
        return OnwardRule(
            agreement=ref, agreement_in_force=in_force, verdict=verdict, explanation=explanation, sources=sources
        )

    if onward_state in world.members(agreement):
        return rule("allowed", f"{onward_state} is itself a party to {agreement.short_name}.", [])
    transfers = [p for p in agreement.provisions if isinstance(p, ThirdCountryTransfer)]
    if not transfers:
        return rule("not_stated", f"The store holds no third-country rule for {agreement.short_name}.", [])
    transfer = transfers[0]
    cited = world.provision_sources(agreement, [transfer])[f"{agreement.id}.{transfer.id}"]
    status = "" if in_force else " The agreement is not in force on the date; these are its agreed terms."
    return rule(
        _VERDICTS[transfer.unless_approved_by], f"{transfer.summary()} (basis: {transfer.basis}).{status}", cited
    )


def not_in_force_why(agreement: Agreement, status: StatusOn, on: datetime.date) -> str:
    """Why an agreement gives no channel on `on`: its status, and what the store lacks or holds that decides it."""
    why = f"its status on {on} is {status.status}" + (f" (since {status.since})" if status.since else "")
    if status.ended_by is not None:
        cause = status.ended_by.cause.replace("_", " ")
        return f"{why}: it ended on {status.ended_by.on} ({cause}, as the rule reads its terms)"
    if status.status in ("initialled", "signed") and not any(e.kind == "entry_into_force" for e in agreement.events):
        rules = [p for p in agreement.provisions if isinstance(p, EntryIntoForceRule)]
        rule = f" {rules[0].summary()}" if rules else ""
        return f"{why}: no source in the store dates its entry into force.{rule}"
    return why
