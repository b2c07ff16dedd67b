"""Provisions: the typed terms of an agreement.

A provision is one tagged-union member per kind of term (`kind: third_country_transfer`, ...).
Each holds only structured fields; the words of the source live in its citations. Where sources
disagree about a term, each claim is its own provision with its own `asserted_by`, and the
contesting one names the claim it `disputes` -- the store never picks a side silently.
"""

from __future__ import annotations

import typing
from typing import Annotated, ClassVar, Literal

import msgspec

from schema.base import (
    Actor,
    AgreementId,
    Citations,
    Id,
    Language,
    Note,
    PartyId,
    ProvisionRef,
    Record,
    ShortText,
    SubjectId,
)

Basis = Literal["agreement_text", "agreed_in_negotiation", "official_statement", "reported", "planned"]
"""How firm the term is: the text itself, terms a ministry says were agreed in talks, a statement,
a press report, or a stated plan."""


class ProvisionBase(Record, tag_field="kind", frozen=True, kw_only=True):
    """Fields every provision has."""

    id: Id
    binds: list[PartyId] = msgspec.field(default_factory=list)
    """Parties the term binds; empty means every party to the agreement."""
    basis: Basis = "reported"
    asserted_by: Actor | None = None
    disputes: ProvisionRef | None = None
    """Id of a provision of the same agreement that this claim contests."""
    citations: Citations
    note: Note | None = None

    label: ClassVar[str] = "Provision"

    def summary(self) -> str:
        """One plain sentence built from the typed fields (used for search and CSV)."""
        return self.label


ApprovalBy = Literal["originator", "all_parties", "none"]


class ThirdCountryTransfer(ProvisionBase, tag="third_country_transfer", frozen=True, kw_only=True):
    """No passing of received information to anyone outside the agreement without approval."""

    restricted_recipients: Literal["third_countries", "non_parties"] = "third_countries"
    information: ShortText = "information received under the agreement"
    unless_approved_by: ApprovalBy = "originator"
    approval_form: Literal["written", "unspecified"] = "unspecified"

    label: ClassVar[str] = "Third-country transfer restriction"

    def summary(self) -> str:
        who = {"originator": "the originating party", "all_parties": "all parties", "none": "anyone"}
        if self.unless_approved_by == "none":
            return f"{self.information} may not go to {self.restricted_recipients.replace('_', ' ')}."
        return (
            f"{self.information.capitalize()} may not go to {self.restricted_recipients.replace('_', ' ')} "
            f"without the approval of {who[self.unless_approved_by]}."
        )


class NeedToKnowAccess(ProvisionBase, tag="need_to_know_access", frozen=True, kw_only=True):
    """Who may see shared information inside the receiving party."""

    access_limited_to: Literal["permitted_officials", "cleared_personnel", "need_to_know"]
    clearance_required: bool | None = None
    clearance_threshold: ShortText | None = None
    """The lowest classification for which a clearance is needed, as the text names it."""
    clearance_cooperation: bool | None = None
    """Whether parties help each other run clearance procedures on request."""

    label: ClassVar[str] = "Need-to-know access"

    def summary(self) -> str:
        text = f"Access is limited to {self.access_limited_to.replace('_', ' ')}"
        if self.clearance_threshold:
            text += f"; a clearance is needed for {self.clearance_threshold} and above"
        return text + "."


LossTrigger = Literal["loss", "damage", "compromise", "unauthorised_disclosure"]


class LossNotification(ProvisionBase, tag="loss_notification", frozen=True, kw_only=True):
    """Whom to tell, and how fast, when shared information is lost or compromised."""

    triggers: Annotated[list[LossTrigger], msgspec.Meta(min_length=1)]
    notify: Literal["originator", "all_parties"] = "originator"
    timing: Literal["immediately", "promptly", "within_days", "unspecified"] = "unspecified"
    within_days: Annotated[int, msgspec.Meta(ge=0)] | None = None

    label: ClassVar[str] = "Loss or compromise notification"

    def summary(self) -> str:
        when = {"within_days": f"within {self.within_days} days"}.get(self.timing, self.timing)
        events = " or ".join(_PARTICIPLE[t] for t in self.triggers)
        return f"If information is {events}, the {self.notify.replace('_', ' ')} must be notified {when}."


_PARTICIPLE: dict[str, str] = {
    "loss": "lost",
    "damage": "damaged",
    "compromise": "compromised",
    "unauthorised_disclosure": "disclosed without authorisation",
}


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


class ClassificationLevels(ProvisionBase, tag="classification_levels", frozen=True, kw_only=True):
    """Which grades of a party's classification scheme are exchanged, and in which direction."""

    grading_party: PartyId
    levels: Annotated[list[ShortText], msgspec.Meta(min_length=1)]
    from_party: PartyId | None = None
    to_party: PartyId | None = None

    label: ClassVar[str] = "Classification levels exchanged"

    def summary(self) -> str:
        direction = f" from {self.from_party} to {self.to_party}" if self.from_party and self.to_party else ""
        return f"{self.grading_party} grades {', '.join(self.levels)} are exchanged{direction}."


class ProtectionOfClassifiedInformation(
    ProvisionBase, tag="protection_of_classified_information", frozen=True, kw_only=True
):
    """The parties protect and safeguard the classified information the agreement covers."""

    covers: Annotated[list[ShortText], msgspec.Meta(min_length=1)]
    """Which information, in the text's own terms."""
    maintain_classification: bool = True

    label: ClassVar[str] = "Protection of classified information"

    def summary(self) -> str:
        keep = " and keep its classification" if self.maintain_classification else ""
        return f"Parties protect and safeguard {'; '.join(self.covers)}{keep}."


class PurposeLimitation(ProvisionBase, tag="purpose_limitation", frozen=True, kw_only=True):
    """Shared information may be used only for the purposes the agreement names."""

    permitted_purposes: ShortText

    label: ClassVar[str] = "Purpose limitation"

    def summary(self) -> str:
        return f"Information may be used only for {self.permitted_purposes}."


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


Instrument = Literal["signature", "ratification", "acceptance", "approval", "accession"]


class EntryIntoForceRule(ProvisionBase, tag="entry_into_force_rule", frozen=True, kw_only=True):
    """How the agreement enters into force: which instruments, how many deposits, how long after."""

    instruments: Annotated[list[Instrument], msgspec.Meta(min_length=1)]
    deposits_required: Annotated[int, msgspec.Meta(ge=1)] | None = None
    days_after_deposit: Annotated[int, msgspec.Meta(ge=0)] | None = None
    depositary: PartyId | None = None

    label: ClassVar[str] = "Entry into force"

    def summary(self) -> str:
        deposits = f" by {self.deposits_required} states" if self.deposits_required else ""
        after = f"{self.days_after_deposit} days after " if self.days_after_deposit is not None else "on "
        return f"Enters into force {after}deposit of instruments of {', '.join(self.instruments)}{deposits}."


class Supersession(ProvisionBase, tag="supersession", frozen=True, kw_only=True):
    """An earlier instrument this agreement replaces (named as the text names it)."""

    supersedes: ShortText
    between: Literal["all_parties", "parties_for_which_in_force"] = "all_parties"

    label: ClassVar[str] = "Supersession"

    def summary(self) -> str:
        between = " for the parties for which it is in force" if self.between != "all_parties" else ""
        return f"Supersedes {self.supersedes}{between}."


class Accession(ProvisionBase, tag="accession", frozen=True, kw_only=True):
    """Who may join later, and how."""

    open_to: ShortText
    deposit_with: PartyId | None = None
    days_after_deposit: Annotated[int, msgspec.Meta(ge=0)] | None = None

    label: ClassVar[str] = "Accession"

    def summary(self) -> str:
        after = f", in force for it {self.days_after_deposit} days after deposit" if self.days_after_deposit else ""
        return f"Open to accession by {self.open_to}{after}."


class Denunciation(ProvisionBase, tag="denunciation", frozen=True, kw_only=True):
    """How a party leaves, when that takes effect, and what survives it."""

    notice: Literal["written", "unspecified"] = "unspecified"
    notice_to: Literal["depositary", "other_parties"] = "depositary"
    takes_effect_after_months: Annotated[int, msgspec.Meta(ge=0)] | None = None
    obligations_survive: bool | None = None
    """Whether obligations already contracted stay in force after the denunciation."""
    rights_survive: bool | None = None

    label: ClassVar[str] = "Denunciation"

    def summary(self) -> str:
        after = f", effective {self.takes_effect_after_months} months after" if self.takes_effect_after_months else ""
        survive = "; obligations already contracted survive" if self.obligations_survive else ""
        to = self.notice_to.replace("_", " ")
        return f"A party may denounce by {self.notice} notice to the {to}{after}{survive}."


DepositaryDuty = Literal[
    "receive_instruments", "inform_of_deposits", "inform_of_denunciations", "keep_original", "transmit_certified_copies"
]


class DepositaryDuties(ProvisionBase, tag="depositary_duties", frozen=True, kw_only=True):
    """What the depositary does."""

    depositary: PartyId
    duties: Annotated[list[DepositaryDuty], msgspec.Meta(min_length=1)]

    label: ClassVar[str] = "Depositary"

    def summary(self) -> str:
        return f"{self.depositary} is depositary: {', '.join(d.replace('_', ' ') for d in self.duties)}."


class AuthenticLanguages(ProvisionBase, tag="authentic_languages", frozen=True, kw_only=True):
    """The languages whose texts are authoritative."""

    languages: Annotated[list[Language], msgspec.Meta(min_length=1)]
    equally_authoritative: bool = True

    label: ClassVar[str] = "Authentic languages"

    def summary(self) -> str:
        equally = ", equally authoritative" if self.equally_authoritative else ""
        return f"Authentic in {', '.join(self.languages)}{equally}."


Provision = (
    ThirdCountryTransfer
    | NeedToKnowAccess
    | LossNotification
    | IntermediaryRouting
    | BindingStatus
    | Scope
    | ClassificationLevels
    | ProtectionOfClassifiedInformation
    | PurposeLimitation
    | SecurityAuthority
    | OtherAgreements
    | EntryIntoForceRule
    | Supersession
    | Accession
    | Denunciation
    | DepositaryDuties
    | AuthenticLanguages
)

ProvisionKind = Literal[
    "third_country_transfer",
    "need_to_know_access",
    "loss_notification",
    "intermediary_routing",
    "binding_status",
    "scope",
    "classification_levels",
    "protection_of_classified_information",
    "purpose_limitation",
    "security_authority",
    "other_agreements",
    "entry_into_force_rule",
    "supersession",
    "accession",
    "denunciation",
    "depositary_duties",
    "authentic_languages",
]
"""The `kind` tags of `Provision`, for filters (a test keeps the two in step)."""

PROVISION_TYPES: tuple[type[ProvisionBase], ...] = typing.get_args(Provision)
PROVISION_KINDS: dict[str, type[ProvisionBase]] = {str(t.__struct_config__.tag): t for t in PROVISION_TYPES}
