"""The parts every ODRL policy of an agreement is made of: its parties as ODRL values, the
provisions that bind a party, constraints and rules that name their provisions, and the policy
frame with the agreement's status and binding claims (api/domain/odrl.py assembles the policies)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from api.domain import terms
from api.domain.odrl_profile import PROFILE, Json, agreement_iri, party_iri, provision_iri, subject_iri
from schema.agreements import Agreement
from schema.provisions import (
    BindingStatus,
    ClassificationLevels,
    NeedToKnowAccess,
    ProvisionBase,
    PurposeLimitation,
    Scope,
)

_ACCESS = {
    "permitted_officials": "pactstore:permittedOfficials",
    "cleared_personnel": "pactstore:clearedPersonnel",
    "need_to_know": "pactstore:needToKnow",
}


@dataclass(frozen=True)
class PartyInfo:
    """What a policy needs of a party: its kind, and the state it is or acts for."""

    kind: str
    state: str | None


@dataclass(frozen=True)
class Status:
    """The agreement's status on the date the policies are asked for, and the status rule's
    qualifiers as profile metadata (api/domain/status_odrl.py)."""

    status: str
    on: datetime.date
    qualifiers: Mapping[str, Any] = field(default_factory=dict)


class Terms:
    """The building blocks of one agreement's policies."""

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
        """The state a party is or acts for."""
        info = self.parties.get(party_id)
        return (info.state if info else None) or party_id

    def is_group(self, party_id: str) -> bool:
        """Whether the party is a group (an ODRL `PartyCollection`)."""
        info = self.parties.get(party_id)
        return info is not None and info.kind == "group"

    def same(self, a: str, b: str) -> bool:
        """Whether two parties are, or act for, the same state."""
        return a == b or self.state(a) == self.state(b)

    def party(self, party_id: str) -> str | Json:
        """A party as a rule's function value: an IRI, or a PartyCollection for a group."""
        if self.is_group(party_id):
            return {"@type": "PartyCollection", "uid": party_iri(party_id)}
        return party_iri(party_id)

    def parties_value(self, party_ids: list[str]) -> str | Json | list[str | Json]:
        """Parties as one rule's function value: one value, or a list."""
        values = [self.party(p) for p in party_ids]
        return values[0] if len(values) == 1 else values

    def ref(self, party_id: str) -> Json:
        """A party as a JSON-LD reference."""
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
        """The IRI of one of the agreement's provisions."""
        return provision_iri(self.a.id, provision.id)

    def constraint(self, left: str, operator: str, right: Any, provision: ProvisionBase, **extra: Any) -> Json:
        """A constraint that names the provision it comes from and that provision's basis."""
        return {
            "leftOperand": left,
            "operator": operator,
            "rightOperand": right,
            **extra,
            "pactstore:provision": self.pid(provision),
            "pactstore:basis": provision.basis,
        }

    def rule(self, body: Json, provisions: Iterable[ProvisionBase]) -> Json:
        """A rule that names the provisions it comes from and their bases."""
        used = list({p.id: p for p in provisions}.values())
        if used:
            body["pactstore:provision"] = [self.pid(p) for p in used]
            body["pactstore:basis"] = list(dict.fromkeys(p.basis for p in used))
        return body

    # -- constraints shared by permissions

    def scope_constraints(self, recipient: str) -> list[tuple[Json, ProvisionBase]]:
        """The subjects the scope limits an exchange to, for `recipient`."""
        found = []
        for scope in self.provisions(Scope, recipient):
            if scope.limited_to_subjects and scope.subjects:
                right = [{"@id": subject_iri(s)} for s in scope.subjects]
                found.append((self.constraint("pactstore:subject", "isAnyOf", right, scope), scope))
        return found

    def level_constraints(self, originator: str, recipient: str, notes: list[str]) -> list[tuple[Json, ProvisionBase]]:
        """The classification levels agreed on a firm basis for this direction; others become notes."""
        found = []
        for levels in self.provisions(ClassificationLevels, recipient):
            if not terms.levels_apply(levels, originator, recipient, self.state):
                continue
            if terms.is_firm(levels.basis):
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
        """Who may see the information at `recipient`, and for what purposes."""
        found = []
        for access in self.provisions(NeedToKnowAccess, recipient):
            # Need-to-know is who may see it, not what it is used for: an ODRL `purpose` would clash
            # with a purpose limitation's `purpose eq` on the same rule.
            right = {"@id": _ACCESS[access.access_limited_to]}
            found.append((self.constraint("pactstore:accessLimitedTo", "eq", right, access), access))
            if access.clearance_required:
                constraint = self.constraint("pactstore:clearanceRequired", "eq", True, access)
                found.append((constraint, access))
            if access.clearance_threshold:
                constraint = self.constraint("pactstore:clearanceThreshold", "eq", access.clearance_threshold, access)
                found.append((constraint, access))
        for purpose in self.provisions(PurposeLimitation, recipient):
            found.append((self.constraint("purpose", "eq", purpose.permitted_purposes, purpose), purpose))
        return found

    # -- policies

    def policy(self, uid: str, sender: str, receiver: str, originator: str) -> Json:
        """The frame of one policy: its uid, profile, agreement, parties and the status on the date."""
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
            policy.update(self.status.qualifiers)
        return policy

    def finish(self, policy: Json, notes: list[str]) -> Json:
        """Drop empty rule lists, add the binding claims and notes."""
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
        """Every binding-status claim of the agreement, as profile metadata."""
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
