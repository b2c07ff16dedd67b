"""An agreement's terms as ODRL 2.2 policies (JSON-LD), in the small pactstore profile.

`GET /api/v1/agreements/{id}/odrl` answers `application/ld+json`: one ODRL `Agreement` policy per
direction of exchange, built from the typed provisions alone (nothing here names a country or an
agreement). The terms of the profile, the mapping and the decisions behind it are documented in
docs/odrl-profile.md; the profile's JSON-LD context is api/static/odrl/pactstore-odrl.jsonld and is
inlined in every answer, so a consumer needs only the W3C ODRL context (a copy is served beside
ours under /static/pactstore/odrl/).

In short:
- a reciprocal agreement gives a policy for every ordered pair of distinct parties (a group party,
  an ODRL `PartyCollection`, also exchanges with itself): a `use` permission constrained by scope,
  agreed classification levels and access rules; for a third-country rule an explicit prohibition
  to `distribute` outside the parties plus, when the originator may approve, a permission to do so
  whose duty is `obtainConsent`; for a loss-notification rule an obligation to `inform`;
- an agreement with `intermediary_routing` gives instead one policy per leg of every route, chained
  with `nextPolicy` duties, and a prohibition on the direct exchange;
- every policy uses `conflict: perm`, carries the agreement, its status on a date and every
  binding-status claim; every rule and constraint names the provisions it comes from and their basis.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
from litestar import get
from litestar.di import NamedDependency

from api import records
from api.agreements import AgreementId
from api.errors import PROBLEM_RESPONSES, not_found
from api.params import OnDate
from api.store import Snapshot
from schema.agreements import Agreement
from schema.provisions import (
    BindingStatus,
    ClassificationLevels,
    IntermediaryRouting,
    LossNotification,
    NeedToKnowAccess,
    ProvisionBase,
    PurposeLimitation,
    Route,
    Scope,
    ThirdCountryTransfer,
)

MEDIA_TYPE = "application/ld+json"
ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld"
"""The W3C ODRL 2.2 context; a verbatim copy ships as api/static/odrl/odrl.jsonld (see its README)."""
PROFILE = "urn:pactstore:odrl-profile"
NAMESPACE = "urn:pactstore:odrl:"
STATIC = Path(__file__).parent / "static" / "odrl"
PROFILE_CONTEXT_FILE = STATIC / "pactstore-odrl.jsonld"
PROFILE_CONTEXT_PATH = "/static/pactstore/odrl/pactstore-odrl.jsonld"
ODRL_CONTEXT_COPY_PATH = "/static/pactstore/odrl/odrl.jsonld"

FIRM_BASES = ("agreement_text", "agreed_in_negotiation")
"""Bases firm enough for classification levels to become a constraint (as in api/sharing.py)."""

_EVENTS = {
    "loss": "pactstore:loss",
    "damage": "pactstore:damage",
    "compromise": "pactstore:compromise",
    "unauthorised_disclosure": "pactstore:unauthorisedDisclosure",
}
_ACCESS = {"permitted_officials": "pactstore:permittedOfficials", "cleared_personnel": "pactstore:clearedPersonnel"}
_decode = msgspec.json.Decoder(Agreement)

Json = dict[str, Any]


@functools.cache
def profile_context() -> Json:
    """The profile's JSON-LD context object (the `@context` of pactstore-odrl.jsonld)."""
    return json.loads(PROFILE_CONTEXT_FILE.read_text())["@context"]


def context() -> list[Any]:
    return [ODRL_CONTEXT, profile_context()]


# IRIs ---------------------------------------------------------------------------------------------


def party_iri(party_id: str) -> str:
    return f"urn:pactstore:party:{party_id}"


def agreement_iri(agreement_id: str) -> str:
    return f"urn:pactstore:agreement:{agreement_id}"


def provision_iri(agreement_id: str, provision_id: str) -> str:
    return f"urn:pactstore:provision:{agreement_id}.{provision_id}"


def asset_iri(agreement_id: str, originator: str) -> str:
    """The information `originator` provides under the agreement."""
    return f"urn:pactstore:asset:{agreement_id}:{originator}"


def policy_iri(agreement_id: str, sender: str, receiver: str) -> str:
    return f"urn:pactstore:policy:{agreement_id}:{sender}-to-{receiver}"


def subject_iri(subject_id: str) -> str:
    return f"urn:pactstore:subject:{subject_id}"


# The export ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartyInfo:
    kind: str
    state: str | None


@dataclass(frozen=True)
class Status:
    status: str
    on: datetime.date


class _Builder:
    """The policies of one agreement."""

    def __init__(
        self,
        agreement: Agreement,
        parties: Mapping[str, PartyInfo],
        leg_states: Mapping[str, set[str]],
        status: Status | None,
    ) -> None:
        self.a = agreement
        self.parties = parties
        self.leg_states = leg_states
        self.status = status
        self.members = [p.party for p in agreement.parties if "party" in p.roles]

    # -- parties

    def state(self, party_id: str) -> str:
        info = self.parties.get(party_id)
        return (info.state if info else None) or party_id

    def is_group(self, party_id: str) -> bool:
        info = self.parties.get(party_id)
        return info is not None and info.kind == "group"

    def same(self, a: str, b: str) -> bool:
        return a == b or self.state(a) == self.state(b)

    def party(self, party_id: str) -> str | Json:
        """A party as a rule's function value: an IRI, or a PartyCollection for a group."""
        if self.is_group(party_id):
            return {"@type": "PartyCollection", "uid": party_iri(party_id)}
        return party_iri(party_id)

    def parties_value(self, party_ids: list[str]) -> str | Json | list[str | Json]:
        values = [self.party(p) for p in party_ids]
        return values[0] if len(values) == 1 else values

    def ref(self, party_id: str) -> Json:
        return {"@id": party_iri(party_id)}

    # -- provisions

    def provisions(self, kind: type[ProvisionBase], bound: str | None = None) -> list[Any]:
        """Provisions of a kind that bind `bound` (every provision when `bound` is None)."""
        return [
            p
            for p in self.a.provisions
            if isinstance(p, kind) and (bound is None or not p.binds or any(self.same(b, bound) for b in p.binds))
        ]

    def pid(self, provision: ProvisionBase) -> str:
        return provision_iri(self.a.id, provision.id)

    def constraint(self, left: str, operator: str, right: Any, provision: ProvisionBase, **extra: Any) -> Json:
        return {
            "leftOperand": left,
            "operator": operator,
            "rightOperand": right,
            **extra,
            "pactstore:provision": self.pid(provision),
            "pactstore:basis": provision.basis,
        }

    def rule(self, body: Json, provisions: Iterable[ProvisionBase]) -> Json:
        used = list({p.id: p for p in provisions}.values())
        if used:
            body["pactstore:provision"] = [self.pid(p) for p in used]
            body["pactstore:basis"] = list(dict.fromkeys(p.basis for p in used))
        return body

    # -- constraints shared by permissions

    def scope_constraints(self, recipient: str) -> list[tuple[Json, ProvisionBase]]:
        found = []
        for scope in self.provisions(Scope, recipient):
            if scope.limited_to_subjects and scope.subjects:
                right = [{"@id": subject_iri(s)} for s in scope.subjects]
                found.append((self.constraint("pactstore:subject", "isAnyOf", right, scope), scope))
        return found

    def level_constraints(self, originator: str, recipient: str, notes: list[str]) -> list[tuple[Json, ProvisionBase]]:
        found = []
        for levels in self.provisions(ClassificationLevels, recipient):
            if levels.from_party is not None and not self.same(levels.from_party, originator):
                continue
            if levels.to_party is not None and not self.same(levels.to_party, recipient):
                continue
            if levels.basis in FIRM_BASES:
                extra = {"pactstore:gradingParty": party_iri(levels.grading_party)}
                constraint = self.constraint(
                    "pactstore:classification", "isAnyOf", list(levels.levels), levels, **extra
                )
                found.append((constraint, levels))
            else:
                notes.append(
                    f"{self.pid(levels)}: {levels.grading_party} grades {', '.join(levels.levels)} are {levels.basis} "
                    f"to be exchanged from {originator} to {recipient}; not a constraint, as the basis is not agreed."
                )
        return found

    def access_constraints(self, recipient: str) -> list[tuple[Json, ProvisionBase]]:
        found = []
        for access in self.provisions(NeedToKnowAccess, recipient):
            if access.access_limited_to == "need_to_know":
                found.append((self.constraint("purpose", "eq", {"@id": "pactstore:needToKnow"}, access), access))
            else:
                right = {"@id": _ACCESS[access.access_limited_to]}
                found.append((self.constraint("pactstore:accessLimitedTo", "eq", right, access), access))
            if access.clearance_threshold:
                constraint = self.constraint("pactstore:clearanceThreshold", "eq", access.clearance_threshold, access)
                found.append((constraint, access))
        for purpose in self.provisions(PurposeLimitation, recipient):
            found.append((self.constraint("purpose", "eq", purpose.permitted_purposes, purpose), purpose))
        return found

    # -- policies

    def policy(self, uid: str, sender: str, receiver: str, originator: str) -> Json:
        policy: Json = {
            "@type": "Agreement",
            "uid": uid,
            "profile": PROFILE,
            "conflict": "perm",
            "pactstore:agreement": agreement_iri(self.a.id),
            "pactstore:originator": party_iri(originator),
            "pactstore:sender": party_iri(sender),
            "pactstore:receiver": party_iri(receiver),
        }
        if self.status is not None:
            policy["pactstore:status"] = self.status.status
            policy["pactstore:statusOn"] = self.status.on.isoformat()
        return policy

    def finish(self, policy: Json, notes: list[str]) -> Json:
        for key in ("permission", "prohibition", "obligation"):
            if key in policy and not policy[key]:
                del policy[key]
        claims = self.binding_claims()
        if claims:
            policy["pactstore:bindingStatus"] = claims
        if notes:
            policy["pactstore:note"] = notes
        return policy

    def binding_claims(self) -> list[Json]:
        claims = []
        for claim in self.provisions(BindingStatus):
            out: Json = {"pactstore:provision": self.pid(claim), "pactstore:basis": claim.basis}
            for key, value in (
                ("pactstore:legallyBinding", claim.legally_binding),
                ("pactstore:bindingNature", claim.binding_nature),
                ("pactstore:bindingUnderInternationalLaw", claim.binding_under_international_law),
                ("pactstore:ratificationRequired", claim.ratification_required),
            ):
                if value is not None:
                    out[key] = value
            if claim.asserted_by is not None:
                actor = claim.asserted_by
                out["pactstore:assertedBy"] = {
                    key: value
                    for key, value in (
                        ("pactstore:name", actor.name),
                        ("pactstore:office", actor.office),
                        ("pactstore:party", party_iri(actor.party) if actor.party else None),
                        ("pactstore:affiliation", actor.affiliation),
                    )
                    if value is not None
                }
            if claim.disputes:
                out["pactstore:disputes"] = provision_iri(self.a.id, claim.disputes)
            claims.append(out)
        return claims

    def reciprocal(self, originator: str, recipient: str) -> Json:
        """What `recipient` may, may not and must do with what `originator` provides."""
        notes: list[str] = []
        policy = self.policy(policy_iri(self.a.id, originator, recipient), originator, recipient, originator)
        target = asset_iri(self.a.id, originator)
        parties = {"assigner": self.party(originator), "assignee": self.party(recipient), "target": target}
        outside = [self.ref(p) for p in self.members]
        transfers = self.provisions(ThirdCountryTransfer, recipient)

        shaped = (
            self.scope_constraints(recipient)
            + self.level_constraints(originator, recipient, notes)
            + self.access_constraints(recipient)
        )
        if transfers:
            # A permission to `use` includes `distribute` (ODRL: distribute is includedIn use); keep the
            # base permission among the parties so that only the consent-gated one reaches outside them.
            shaped.append((self.constraint("recipient", "isAnyOf", outside, transfers[0]), transfers[0]))
        use: Json = {**parties, "action": "use"}
        if shaped:
            use["constraint"] = [c for c, _ in shaped]
        permissions = [self.rule(use, [p for _, p in shaped])]
        prohibitions = []
        for transfer in transfers:
            beyond = [self.constraint("recipient", "isNoneOf", outside, transfer)]
            prohibitions.append(self.rule({**parties, "action": "distribute", "constraint": beyond}, [transfer]))
            if transfer.unless_approved_by == "none":
                continue
            consenting = [originator] if transfer.unless_approved_by == "originator" else self.members
            duty = {"action": "obtainConsent", "consentingParty": self.parties_value(consenting)}
            permission = {**parties, "action": "distribute", "constraint": beyond, "duty": [duty]}
            permissions.append(self.rule(permission, [transfer]))

        obligations = []
        for loss in self.provisions(LossNotification, recipient):
            if loss.notify == "originator":
                informed = [originator]
            else:
                informed = [p for p in self.members if p != recipient or self.is_group(p)]
            constraints = [self.constraint("event", "isAnyOf", [{"@id": _EVENTS[t]} for t in loss.triggers], loss)]
            delay = _delay(loss)
            if delay:
                period = {"@value": delay, "@type": "xsd:duration"}
                constraints.append(self.constraint("delayPeriod", "lteq", period, loss))
            elif loss.timing == "promptly":
                notes.append(f"{self.pid(loss)}: notification is due promptly; no period is stated.")
            duty = {
                **parties,
                "action": "inform",
                "informedParty": self.parties_value(informed),
                "constraint": constraints,
            }
            obligations.append(self.rule(duty, [loss]))

        policy.update(permission=permissions, prohibition=prohibitions, obligation=obligations)
        return self.finish(policy, notes)

    def routed(self, routing: IntermediaryRouting, route: Route, shared: set[tuple[str, str]]) -> list[Json]:
        """One policy per leg of a route, chained by `nextPolicy`; the direct exchange prohibited.
        A leg that several routes share (same sender and receiver) gets one policy per route."""
        origin, destination = route.origin, route.destination
        legs = _legs(route)
        tag = f":for-{origin}-to-{destination}"
        uids = [policy_iri(self.a.id, s, r) + (tag if (s, r) in shared else "") for s, r in legs]
        target = asset_iri(self.a.id, origin)
        others = [p for p in self.members if p != origin] or [destination]
        policies = []
        for n, (sender, receiver) in enumerate(legs):
            notes: list[str] = []
            policy = self.policy(uids[n], sender, receiver, origin)
            under = [agreement_iri(a) for a in routing.legs_under if self.leg_covers(a, sender, receiver)]
            if under:
                policy["pactstore:legUnder"] = under
            scope = self.scope_constraints(destination) + self.level_constraints(origin, destination, notes)
            to_receiver = [self.constraint("recipient", "eq", self.ref(receiver), routing)]
            # The first leg binds the originator itself: the arrangement's other parties assign it.
            assigner = self.parties_value(others) if n == 0 else self.party(origin)
            permission: Json = {
                "assigner": assigner,
                "assignee": self.party(sender),
                "target": target,
                "action": "distribute",
                "constraint": to_receiver + [c for c, _ in scope],
            }
            duties = []
            if n > 0 and route.onward_approval_by:
                duties.append({"action": "obtainConsent", "consentingParty": self.party(route.onward_approval_by)})
            if n + 1 < len(legs):
                duties.append({"action": "nextPolicy", "target": uids[n + 1]})
            if duties:
                permission["duty"] = duties
            permissions = [self.rule(permission, [routing, *(p for _, p in scope)])]
            if receiver == destination:
                use: Json = {"assigner": self.party(origin), "assignee": self.party(destination), "target": target}
                use["action"] = "use"
                if scope:
                    use["constraint"] = [c for c, _ in scope]
                permissions.append(self.rule(use, [routing, *(p for _, p in scope)]))
            prohibitions = []
            if n == 0 and not routing.direct_exchange:
                direct = [self.constraint("recipient", "eq", self.ref(destination), routing)]
                prohibitions.append(
                    self.rule(
                        {
                            "assigner": assigner,
                            "assignee": self.party(origin),
                            "target": target,
                            "action": "distribute",
                            "constraint": direct,
                        },
                        [routing],
                    )
                )
            policy.update(permission=permissions, prohibition=prohibitions)
            policies.append(self.finish(policy, notes))
        return policies

    def leg_covers(self, agreement_id: str, sender: str, receiver: str) -> bool:
        states = self.leg_states.get(agreement_id)
        return states is None or {self.state(sender), self.state(receiver)} <= states

    def all(self) -> list[Json]:
        routings = self.provisions(IntermediaryRouting)
        if routings:
            routes = [(routing, route) for routing in routings for route in routing.routes]
            counts: dict[tuple[str, str], int] = {}
            for _, route in routes:
                for leg in _legs(route):
                    counts[leg] = counts.get(leg, 0) + 1
            shared = {leg for leg, count in counts.items() if count > 1}
            return [p for routing, route in routes for p in self.routed(routing, route, shared)]
        pairs = [(a, b) for a in self.members for b in self.members if a != b or self.is_group(a)]
        return [self.reciprocal(a, b) for a, b in pairs]


def _legs(route: Route) -> list[tuple[str, str]]:
    stops = [route.origin, *route.via, route.destination]
    return list(itertools.pairwise(stops))


def _delay(loss: LossNotification) -> str | None:
    """The ISO 8601 period within which to notify, when the provision states one."""
    if loss.timing == "immediately":
        return "PT0S"
    if loss.timing == "within_days" and loss.within_days is not None:
        return f"P{loss.within_days}D"
    return None


def policies(
    agreement: Agreement,
    parties: Mapping[str, PartyInfo],
    leg_states: Mapping[str, set[str]] | None = None,
    status: Status | None = None,
) -> list[Json]:
    """The ODRL policies of one agreement (without `@context`)."""
    return _Builder(agreement, parties, leg_states or {}, status).all()


def document(
    agreement: Agreement,
    parties: Mapping[str, PartyInfo],
    leg_states: Mapping[str, set[str]] | None = None,
    status: Status | None = None,
) -> Json:
    """The JSON-LD document: the ODRL context and ours (inline), and the policies as its graph."""
    return {"@context": context(), "@graph": policies(agreement, parties, leg_states, status)}


# The route ----------------------------------------------------------------------------------------


@get(
    "/api/v1/agreements/{agreement_id:str}/odrl",
    operation_id="getAgreementOdrl",
    summary="An agreement's terms as ODRL policies",
    description="The agreement's typed terms as W3C ODRL 2.2 policies in JSON-LD (`application/ld+json`): one "
    "`Agreement` policy per direction of exchange (per leg, for information routed through a hub), with explicit "
    "prohibitions, consent duties and notification obligations. The `@context` is the W3C ODRL context and the "
    "pactstore profile's context, inline (also served at /static/pactstore/odrl/pactstore-odrl.jsonld; a copy of "
    "the ODRL context is at /static/pactstore/odrl/odrl.jsonld). Binding-status claims, provision ids, each rule's "
    "basis and the agreement's status on `on` "
    "(today by default) are profile metadata. The profile is documented in docs/odrl-profile.md.",
    tags=["agreements"],
    sync_to_thread=False,
    responses=PROBLEM_RESPONSES,
    media_type=MEDIA_TYPE,
)
def agreement_odrl(db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None) -> dict[str, Any]:
    row = db.row("select record_json from agreements where id = ?", (agreement_id,))
    if row is None:
        raise not_found("agreement", agreement_id, "See /api/v1/agreements for the ids.")
    agreement = _decode.decode(row["record_json"])
    parties = {
        r["id"]: PartyInfo(kind=r["kind"], state=r["state_id"])
        for r in db.rows("select id, kind, state_id from parties")
    }
    legs = sorted({a for p in agreement.provisions if isinstance(p, IntermediaryRouting) for a in p.legs_under})
    leg_states: dict[str, set[str]] = {a: set() for a in legs}
    if legs:
        for r in db.rows(
            f"select agreement_id, state_id from agreement_parties where role = 'party' "
            f"and agreement_id in ({records.placeholders(legs)})",
            tuple(legs),
        ):
            leg_states[r["agreement_id"]].add(r["state_id"])
    when = on or records.today()
    status, _ = records.status_at(records.status_periods(db, [agreement.id])[agreement.id], when)
    return document(agreement, parties, leg_states, Status(status=status, on=when))
