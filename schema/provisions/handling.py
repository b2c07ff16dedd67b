"""Terms on how shared information is handled: release, use, access, protection, marking, loss."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec

from schema.base import AgreementId, Citation, Note, PartyId, Period, Record, ShortText
from schema.provisions.base import APPROVER, ApprovalBy, ApprovalForm, ProvisionBase


class ThirdCountryTransfer(ProvisionBase, tag="third_country_transfer", frozen=True, kw_only=True):
    """No passing of received information to anyone outside the agreement without approval."""

    restricted_recipients: Literal["third_countries", "non_parties"] = "third_countries"
    information: ShortText = "information received under the agreement"
    unless_approved_by: ApprovalBy = "originator"
    approval_form: ApprovalForm = "unspecified"
    requires_security_agreement: bool = False
    """Release also needs a security agreement with the recipient (EU 2011 art 4, EUROGENDFOR art 12)."""

    label: ClassVar[str] = "Third-country transfer restriction"

    def summary(self) -> str:
        recipients = self.restricted_recipients.replace("_", " ")
        if self.unless_approved_by == "none":
            return f"{self.information.capitalize()} may not go to {recipients}."
        form = f"{self.approval_form.replace('_', ' ')} " if self.approval_form != "unspecified" else ""
        agreement = " and a security agreement with the recipient" if self.requires_security_agreement else ""
        return (
            f"{self.information.capitalize()} may not go to {recipients} "
            f"without the {form}approval of {APPROVER[self.unless_approved_by]}{agreement}."
        )


class NeedToKnowAccess(ProvisionBase, tag="need_to_know_access", frozen=True, kw_only=True):
    """Who may see shared information inside the receiving party."""

    access_limited_to: Literal["permitted_officials", "cleared_personnel", "need_to_know"]
    clearance_required: bool | None = None
    clearance_threshold: ShortText | None = None
    """The lowest classification for which a clearance is needed, as the text names it."""
    clearance_cooperation: bool | None = None
    """Whether parties help each other run clearance procedures on request."""
    clearance_recognition: bool | None = None
    """Whether each party recognises the other's personnel and facility security clearances."""

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
    investigation: bool | None = None
    """Whether the party where it happened must investigate the circumstances."""
    report_results: bool | None = None
    """Whether the results of the investigation (and measures taken) go to the originator."""

    label: ClassVar[str] = "Loss or compromise notification"

    def summary(self) -> str:
        when = {"within_days": f"within {self.within_days} days"}.get(self.timing, self.timing)
        events = " or ".join(_PARTICIPLE[t] for t in self.triggers)
        whom = {"originator": "the originator", "all_parties": "every party"}[self.notify]
        text = f"If information is {events}, {whom} must be notified {when}"
        if self.investigation:
            text += "; the circumstances are investigated"
            text += " and the results reported" if self.report_results else ""
        return text + "."


_PARTICIPLE: dict[str, str] = {
    "loss": "lost",
    "damage": "damaged",
    "compromise": "compromised",
    "unauthorised_disclosure": "disclosed without authorisation",
}


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


HandlingRules = Literal[
    "national_law", "security_agreement", "security_arrangements", "nato_security_rules", "organisation_rules"
]
"""What a referral clause hands the handling to: each party's national law, a (bilateral) security
agreement, security arrangements between the parties, NATO's security rules (C-M(55)15), or the rules of
the organisation."""


class ProtectionOfClassifiedInformation(
    ProvisionBase, tag="protection_of_classified_information", frozen=True, kw_only=True
):
    """The parties protect and safeguard the classified information the agreement covers."""

    covers: Annotated[list[ShortText], msgspec.Meta(min_length=1)]
    """Which information, in the text's own terms."""
    maintain_classification: bool | None = True
    """Whether the recipient keeps the originator's classification; None where the text is silent."""
    handled_under: list[HandlingRules] = msgspec.field(default_factory=list)
    """The rules the handling follows, where the text refers to them instead of stating them."""
    under_agreement: AgreementId | None = None
    """The agreement those rules are in, when the store holds it (or a stub of it)."""

    label: ClassVar[str] = "Protection of classified information"

    def summary(self) -> str:
        keep = " and keep its classification" if self.maintain_classification else ""
        under = f", under {' and '.join(h.replace('_', ' ') for h in self.handled_under)}" if self.handled_under else ""
        agreement = f" ({self.under_agreement})" if self.under_agreement else ""
        return f"Parties protect and safeguard {'; '.join(self.covers)}{keep}{under}{agreement}."


class PurposeLimitation(ProvisionBase, tag="purpose_limitation", frozen=True, kw_only=True):
    """Shared information may be used only for the purposes the agreement names."""

    permitted_purposes: ShortText
    unless_approved_by: ApprovalBy = "none"
    """Whose approval allows another use; `none` when the text allows no other use."""
    approval_form: ApprovalForm = "unspecified"

    label: ClassVar[str] = "Purpose limitation"

    def summary(self) -> str:
        text = f"Information may be used only for {self.permitted_purposes}"
        if self.unless_approved_by != "none":
            form = f"{self.approval_form.replace('_', ' ')} " if self.approval_form != "unspecified" else ""
            text += f", unless {APPROVER[self.unless_approved_by]} gives {form}approval"
        return text + "."


class Marking(Record, frozen=True, kw_only=True):
    """One party's classification marking, in its own script as the text prints it."""

    party: PartyId
    marking: ShortText
    """As printed: 極秘, 군사II급비밀, STAATSGEHEIM, CONFIDENTIEL."""
    reading: ShortText | None = None
    """A transliteration or translation where the script is not Latin ("Gokuhi")."""
    note: Note | None = None
    """What the table says of this marking (an abbreviation, the law that sets it, the authority that uses it)."""


class EquivalenceRow(Record, frozen=True, kw_only=True):
    """One level of the equivalence table: each party's marking for it, and its English/NATO name."""

    level: ShortText
    """The English or NATO name of the level (SECRET, CONFIDENTIAL, NATO RESTRICTED)."""
    markings: Annotated[list[Marking], msgspec.Meta(min_length=1)]
    protected_as: list[Marking] = msgspec.field(default_factory=list)
    """Upgrades: the receiving party protects the level as this higher marking of its own (Dutch
    CONFIDENTIEEL is protected as Swedish HEMLIG)."""
    inferred: bool = False
    """The row is a curator's reading where the source table is damaged (a lost cell); say why in
    `note` and cite the nearest statement in `citations`."""
    note: Note | None = None
    citations: list[Citation] = msgspec.field(default_factory=list)


class ClassificationEquivalence(ProvisionBase, tag="classification_equivalence", frozen=True, kw_only=True):
    """Which marking of each party corresponds to which level: the table sharing is checked against."""

    rows: Annotated[list[EquivalenceRow], msgspec.Meta(min_length=1)]
    highest_level: ShortText | None = None
    """The highest level the agreement covers, when the text says ("no TOP SECRET")."""
    excluded_levels: list[ShortText] = msgspec.field(default_factory=list)
    """Levels the text expressly leaves out (TOP SECRET)."""

    label: ClassVar[str] = "Classification equivalence"

    def summary(self) -> str:
        rows = "; ".join(f"{r.level} = {' = '.join(m.marking for m in r.markings)}" for r in self.rows)
        excluded = f"; not covered: {', '.join(self.excluded_levels)}" if self.excluded_levels else ""
        return f"Equivalent markings: {rows}{excluded}."


class ClassificationChange(ProvisionBase, tag="classification_change", frozen=True, kw_only=True):
    """Who may change a marking, and how the others follow."""

    changed_by: Literal["originator", "any_party"] = "originator"
    notify: bool | None = True
    """Whether the originator tells the recipient of the change; None where the text is silent."""
    notice: Period | None = None
    """How long in advance ("six weeks' notice of the removal of secrecy")."""
    form: Literal["written", "unspecified"] = "unspecified"
    timing: Literal["promptly", "immediately", "unspecified"] = "unspecified"
    recipient_follows: bool | None = None
    """Whether the recipient alters its marking accordingly."""
    no_downgrade_without_consent: bool | None = None

    label: ClassVar[str] = "Classification change"

    def summary(self) -> str:
        text = f"Only the {self.changed_by.replace('_', ' ')} changes a classification"
        if self.notify:
            text += ", notifying the recipient" + (f" {self.timing}" if self.timing != "unspecified" else "")
        if self.recipient_follows:
            text += "; the recipient alters its marking accordingly"
        if self.no_downgrade_without_consent:
            text += "; no downgrading without the originator's consent"
        return text + "."


TransmissionChannel = Literal[
    "diplomatic_courier",
    "diplomatic_channel",
    "government_to_government",
    "military_courier",
    "agreed_channels",
    "secure_electronic",
    "hand_carriage",
]


class Transmission(ProvisionBase, tag="transmission", frozen=True, kw_only=True):
    """How classified information travels between the parties."""

    channels: Annotated[list[TransmissionChannel], msgspec.Meta(min_length=1)]
    receipt_required: bool | None = None
    other_channels_by_agreement: bool | None = None
    """Whether the parties may agree other channels (for urgency, for lower levels)."""

    label: ClassVar[str] = "Transmission"

    def summary(self) -> str:
        receipt = "; receipts are required" if self.receipt_required else ""
        return f"Transmitted by {', '.join(c.replace('_', ' ') for c in self.channels)}{receipt}."


class ReproductionTranslation(ProvisionBase, tag="reproduction_translation", frozen=True, kw_only=True):
    """Copies and translations: what they keep, and whose consent they need."""

    markings_retained: bool | None = None
    """Copies and translations bear the original's markings."""
    consent_required_for: list[Literal["reproduction", "translation"]] = msgspec.field(default_factory=list)
    consent_above: ShortText | None = None
    """The level from which the originator's consent is needed, as the text names it."""
    translators_cleared: bool | None = None
    limited_to_need: bool | None = None

    label: ClassVar[str] = "Reproduction and translation"

    def summary(self) -> str:
        parts = []
        if self.markings_retained:
            parts.append("copies and translations keep the original markings")
        if self.consent_required_for:
            above = f" of {self.consent_above} and above" if self.consent_above else ""
            parts.append(f"{' and '.join(self.consent_required_for)}{above} need the originator's consent")
        if self.translators_cleared:
            parts.append("translators are cleared")
        return ("; ".join(parts) or "reproduction and translation are regulated").capitalize() + "."


class DestructionReturn(ProvisionBase, tag="destruction_return", frozen=True, kw_only=True):
    """What happens to information no longer needed."""

    options: Annotated[list[Literal["return", "destroy"]], msgspec.Meta(min_length=1)]
    when: list[Literal["no_longer_needed", "on_termination", "on_request", "emergency", "recipient_not_entitled"]] = (
        msgspec.field(default_factory=list)
    )
    under_national_law: bool | None = None
    return_only: list[ShortText] = msgspec.field(default_factory=list)
    """Levels that must be returned, never destroyed (TOP SECRET in many agreements)."""

    label: ClassVar[str] = "Destruction or return"

    def summary(self) -> str:
        when = f" when {' or '.join(w.replace('_', ' ') for w in self.when)}" if self.when else ""
        verbs = {"return": "returned", "destroy": "destroyed"}
        return f"Information is {' or '.join(verbs[o] for o in self.options)}{when}."


class Visits(ProvisionBase, tag="visits", frozen=True, kw_only=True):
    """Visits that give access to the other party's classified information or facilities."""

    approval_by: Literal["host", "originator", "both"] = "host"
    request_in_advance: Period | None = None
    clearance_required: bool | None = None
    request_channel: TransmissionChannel | None = None

    label: ClassVar[str] = "Visits"

    def summary(self) -> str:
        advance = f", requested {self.request_in_advance} in advance" if self.request_in_advance else ""
        cleared = "; visitors are cleared" if self.clearance_required else ""
        who = {"host": "the host party's", "originator": "the originating party's", "both": "both parties'"}
        return f"Visits need {who[self.approval_by]} approval{advance}{cleared}."


class Contractors(ProvisionBase, tag="contractors", frozen=True, kw_only=True):
    """Classified information passed to contractors."""

    permitted: bool | None = None
    facility_clearance_required: bool | None = None
    personnel_clearance_required: bool | None = None
    subcontracts_need_approval: bool | None = None
    foreign_controlled_excluded: bool | None = None
    """Firms under foreign ownership, control or influence are not eligible."""

    label: ClassVar[str] = "Contractors"

    def summary(self) -> str:
        if self.permitted is False:
            return "No release to contractors."
        parts = ["contractors may receive information" if self.permitted else "contractors are regulated"]
        if self.facility_clearance_required:
            parts.append("they need a facility security clearance")
        if self.personnel_clearance_required:
            parts.append("their staff need personnel clearances")
        if self.foreign_controlled_excluded:
            parts.append("foreign-controlled firms are excluded")
        return "; ".join(parts).capitalize() + "."
