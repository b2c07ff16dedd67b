"""Terms on how the arrangement works: routes through a hub, scope, binding force, authorities,
other agreements, disputes, costs and intellectual property."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec

from schema.base import AgreementId, PartyId, Record, ShortText, SubjectId
from schema.provisions.base import ProvisionBase


class Route(Record, frozen=True, kw_only=True):
    """One direction of travel through the hub: origin -> via... -> destination."""

    origin: PartyId
    via: Annotated[list[PartyId], msgspec.Meta(min_length=1)]
    destination: PartyId
    onward_approval_by: PartyId | None = None
    """Whose approval the hub needs before passing the information on."""


class IntermediaryRouting(ProvisionBase, tag="intermediary_routing", frozen=True, kw_only=True):
    """Information travels through a hub; the end parties do not exchange it directly."""

    hub: PartyId
    direct_exchange: bool = False
    routes: Annotated[list[Route], msgspec.Meta(min_length=1)]
    legs_under: list[AgreementId] = msgspec.field(default_factory=list)
    """The agreements each leg to and from the hub rests on."""

    label: ClassVar[str] = "Intermediary routing"

    def summary(self) -> str:
        legs = "; ".join(
            f"{r.origin} -> {' -> '.join(r.via)} -> {r.destination}"
            + (f" (with {r.onward_approval_by}'s approval)" if r.onward_approval_by else "")
            for r in self.routes
        )
        direct = "" if self.direct_exchange else "No direct exchange. "
        return f"{direct}Routed through {self.hub}: {legs}."


class BindingStatus(ProvisionBase, tag="binding_status", frozen=True, kw_only=True):
    """How binding the instrument is, as someone claims it."""

    legally_binding: bool | None = None
    binding_nature: Literal["legal", "political", "diplomatic"] | None = None
    binding_under_international_law: bool | None = None
    ratification_required: bool | None = None

    label: ClassVar[str] = "Binding status"

    def summary(self) -> str:
        parts = []
        if self.binding_nature:
            adverb = {"legal": "legally", "political": "politically", "diplomatic": "diplomatically"}
            parts.append(f"binding {adverb[self.binding_nature]}")
        if self.legally_binding is False:
            parts.append("not legally binding")
        if self.binding_under_international_law is False:
            parts.append("not binding under international law")
        if self.ratification_required is not None:
            parts.append("ratification required" if self.ratification_required else "no ratification required")
        who = f" (per {self.asserted_by.name})" if self.asserted_by else ""
        return (", ".join(parts) or "binding status stated").capitalize() + who + "."


InformationForm = Literal["documents", "verbal", "visual", "electronic", "material", "any"]


class Scope(ProvisionBase, tag="scope", frozen=True, kw_only=True):
    """What may be shared: subjects and the forms information may take."""

    subjects: list[SubjectId] = msgspec.field(default_factory=list)
    limited_to_subjects: bool = True
    information_forms: list[InformationForm] = msgspec.field(default_factory=list)

    label: ClassVar[str] = "Scope"

    def summary(self) -> str:
        parts = []
        if self.subjects:
            only = "only " if self.limited_to_subjects else ""
            parts.append(f"{only}on {', '.join(self.subjects)}")
        if self.information_forms:
            parts.append(f"in the forms {', '.join(self.information_forms)}")
        return ("Sharing " + " ".join(parts) + ".") if parts else "Scope stated."


class SecurityAuthority(ProvisionBase, tag="security_authority", frozen=True, kw_only=True):
    """A body that implements the agreement's security measures (a National Security Authority)."""

    authority: ShortText
    established_by: Literal["each_party", "organisation"] = "each_party"
    for_party: PartyId | None = None
    duties: ShortText | None = None
    common_standards: bool | None = None
    """Whether the parties set security standards for a common degree of protection."""

    label: ClassVar[str] = "Security authority"

    def summary(self) -> str:
        who = "Each party establishes" if self.established_by == "each_party" else f"{self.for_party} has"
        duties = f" to {self.duties}" if self.duties else ""
        return f"{who} a {self.authority}{duties}."


class OtherAgreements(ProvisionBase, tag="other_agreements", frozen=True, kw_only=True):
    """Whether parties may make other agreements on the same matter."""

    permitted: bool
    condition: ShortText | None = None

    label: ClassVar[str] = "Other agreements"

    def summary(self) -> str:
        verb = "may" if self.permitted else "may not"
        return f"Parties {verb} make other agreements" + (f", {self.condition}." if self.condition else ".")


DisputeMeans = Literal["consultation", "negotiation", "diplomatic_channels", "joint_commission", "arbitration", "court"]


class DisputeSettlement(ProvisionBase, tag="dispute_settlement", frozen=True, kw_only=True):
    """How disputes over the agreement are settled."""

    means: Annotated[list[DisputeMeans], msgspec.Meta(min_length=1)]
    exclusive: bool = False
    """Only these means: no referral to a third party or tribunal ("settled only by consultation")."""
    protection_continues: bool | None = None
    """Whether information stays protected while a dispute lasts."""

    label: ClassVar[str] = "Dispute settlement"

    def summary(self) -> str:
        only = "only " if self.exclusive else ""
        protected = "; information stays protected meanwhile" if self.protection_continues else ""
        return f"Disputes are settled {only}by {' or '.join(m.replace('_', ' ') for m in self.means)}{protected}."


class Costs(ProvisionBase, tag="costs", frozen=True, kw_only=True):
    """Who pays for implementing the agreement."""

    rule: Literal["each_party_own", "shared", "by_agreement"]

    label: ClassVar[str] = "Costs"

    def summary(self) -> str:
        return {
            "each_party_own": "Each party bears its own costs.",
            "shared": "The parties share the costs.",
            "by_agreement": "Costs are borne as the parties agree.",
        }[self.rule]


class IntellectualProperty(ProvisionBase, tag="intellectual_property", frozen=True, kw_only=True):
    """How the agreement treats patents, copyright and other rights in the information."""

    rights_unaffected: bool | None = None
    """Rights in the information are not affected by its exchange."""
    protection: ShortText | None = None
    """What the parties do to protect them, in the text's terms."""

    label: ClassVar[str] = "Intellectual property"

    def summary(self) -> str:
        text = "Intellectual property rights are not affected" if self.rights_unaffected else "Intellectual property"
        return text + (f"; {self.protection}" if self.protection else "") + "."


class CompensationWaiver(ProvisionBase, tag="compensation_waiver", frozen=True, kw_only=True):
    """Claims for compensation a party or an applicant gives up (for secrecy imposed on an invention, say)."""

    by: Literal["originating_government", "receiving_government", "applicant", "each_party"]
    for_what: ShortText
    """In the text's terms ("damage resulting from the imposition of secrecy")."""
    may_be_required: bool = False
    """Whether the waiver is something a party may require rather than an automatic one."""

    label: ClassVar[str] = "Waiver of compensation"

    def summary(self) -> str:
        who = self.by.replace("_", " ")
        verb = "may be required to waive" if self.may_be_required else "waives"
        return f"The {who} {verb} claims for compensation for {self.for_what}."


class ImmunityWaiver(ProvisionBase, tag="immunity_waiver", frozen=True, kw_only=True):
    """An organisation's duty to waive immunity so that unauthorised disclosure can be prosecuted."""

    organisation: PartyId
    in_proceedings_on: ShortText

    label: ClassVar[str] = "Waiver of immunity"

    def summary(self) -> str:
        return f"{self.organisation} waives immunity in proceedings on {self.in_proceedings_on}."


class LegalChangeNotification(ProvisionBase, tag="legal_change_notification", frozen=True, kw_only=True):
    """The parties tell each other of changes in the national law or rules the agreement relies on."""

    laws: ShortText
    """Which laws or rules, in the text's terms ("laws and regulations on the secrecy of inventions")."""
    on_request: bool = False
    """Only when asked (the parties inform each other of their security laws on request)."""

    label: ClassVar[str] = "Notice of changes in national law"

    def summary(self) -> str:
        when = " on request" if self.on_request else ""
        return f"The parties inform each other{when} of changes in their {self.laws}."
