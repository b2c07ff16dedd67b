"""An agreement's terms as ODRL 2.2 policies (JSON-LD), in the small pactstore profile.

The answer of `GET /api/v1/agreements/{id}/odrl` (`application/ld+json`): one ODRL `Agreement` policy per
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
- an agreed classification-equivalence table constrains `use` to its levels and is carried whole
  (each party's marking per level); the other terms of a transfer that no rule states (protection,
  marking changes, destruction, copies, visits, contractors...) are listed as conditions
  (api/domain/odrl_conditions.py); terms about the instrument itself are not mapped;
- every policy uses `conflict: perm`, carries the agreement, its status on a date and every
  binding-status claim; every rule and constraint names the provisions it comes from and their basis.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping

import msgspec

from api.domain import odrl_conditions, terms
from api.domain.agreements import NOT_FOUND_HINT
from api.domain.errors import NotFound
from api.domain.odrl_profile import Json, agreement_iri, asset_iri, context, policy_iri
from api.domain.odrl_terms import PartyInfo, Status, Terms
from api.domain.query import Database
from api.domain.sharing_world import World
from api.domain.status import status_on
from api.domain.status_odrl import odrl_status
from schema.agreements import Agreement
from schema.provisions import IntermediaryRouting, LossNotification, Route, ThirdCountryTransfer

_EVENTS = {
    "loss": "pactstore:loss",
    "damage": "pactstore:damage",
    "compromise": "pactstore:compromise",
    "unauthorised_disclosure": "pactstore:unauthorisedDisclosure",
}

_decode = msgspec.json.Decoder(Agreement)


# The export ---------------------------------------------------------------------------------------


class _Builder(Terms):
    """The policies of one agreement."""

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
            + odrl_conditions.equivalence_constraints(self, recipient, notes)
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
            consent: Json = {"action": "obtainConsent", "consentingParty": self.parties_value(consenting)}
            permission = {**parties, "action": "distribute", "constraint": beyond, "duty": [consent]}
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
            duty: Json = {
                **parties,
                "action": "inform",
                "informedParty": self.parties_value(informed),
                "constraint": constraints,
                **odrl_conditions.investigation(loss),
            }
            obligations.append(self.rule(duty, [loss]))

        policy.update(permission=permissions, prohibition=prohibitions, obligation=obligations)
        odrl_conditions.add_metadata(policy, self, recipient)
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
            scope = (
                self.scope_constraints(destination)
                + self.level_constraints(origin, destination, notes)
                + odrl_conditions.equivalence_constraints(self, destination, notes)
            )
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
            if n == 0 and not terms.offers_direct_channel(self.a):
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
            odrl_conditions.add_metadata(policy, self, destination)
            policies.append(self.finish(policy, notes))
        return policies

    def leg_covers(self, agreement_id: str, sender: str, receiver: str) -> bool:
        """Whether the agreement a leg rests on has both ends' states among its parties (unknown: yes)."""
        states = self.leg_states.get(agreement_id)
        return states is None or {self.state(sender), self.state(receiver)} <= states

    def all(self) -> list[Json]:
        """Policies for every route through a hub, and for every direction of a direct channel."""
        routes = [(routing, route) for routing in terms.routings(self.a) for route in routing.routes]
        counts: dict[tuple[str, str], int] = {}
        for _, route in routes:
            for leg in _legs(route):
                counts[leg] = counts.get(leg, 0) + 1
        shared = {leg for leg, count in counts.items() if count > 1}
        found = [p for routing, route in routes for p in self.routed(routing, route, shared)]
        if terms.offers_direct_channel(self.a):
            pairs = [(a, b) for a in self.members for b in self.members if a != b or self.is_group(a)]
            found += [self.reciprocal(a, b) for a, b in pairs]
        return found


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


def odrl_document(db: Database, agreement_id: str, on: datetime.date) -> Json:
    """An agreement's ODRL document, its policies carrying its status on `on`."""
    row = db.row("select record_json from agreements where id = ?", (agreement_id,))
    if row is None:
        raise NotFound("agreement", agreement_id, NOT_FOUND_HINT)
    agreement = _decode.decode(row["record_json"])
    world = World(db, detailed=False)
    parties = {pid: PartyInfo(kind=r["kind"], state=r["state_id"]) for pid, r in world.parties.items()}
    legs = sorted({a for p in terms.routings(agreement) for a in p.legs_under})
    leg_states: dict[str, set[str]] = {a: set() for a in legs}
    leg_states.update({a: world.members(world.agreements[a]) for a in world.load_ids(legs)})
    return document(agreement, parties, leg_states, odrl_status(agreement.id, status_on(agreement, on)))
