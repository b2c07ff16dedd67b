"""The final clauses: entry into force, duration and renewal, denunciation, supersession, accession,
depositary, authentic languages and territorial application."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

import msgspec

from schema.base import Language, NoticeChannel, NoticeForm, PartyId, Period, ShortText
from schema.provisions.base import ProvisionBase

Instrument = Literal["signature", "ratification", "acceptance", "approval", "accession", "notification"]
"""`notification`: a party's notice that its internal (constitutional) requirements are fulfilled."""


class EntryIntoForceRule(ProvisionBase, tag="entry_into_force_rule", frozen=True, kw_only=True):
    """How the agreement enters into force: on signature, or after which instruments or notifications
    (how many; none given means every party's), and how long after the last of them."""

    instruments: Annotated[list[Instrument], msgspec.Meta(min_length=1)]
    deposits_required: Annotated[int, msgspec.Meta(ge=1)] | None = None
    """How many instruments it takes; None: every party's (the latter of the notifications)."""
    days_after_deposit: Annotated[int, msgspec.Meta(ge=0)] | None = None
    after: Period | None = None
    """How long after the last instrument or notification, when the text counts in weeks or months."""
    first_day_of_month_after: Annotated[int, msgspec.Meta(ge=1, le=12)] | None = None
    """"on the first day of the second month after ..." is 2."""
    depositary: PartyId | None = None
    condition: ShortText | None = None
    """A further condition ("not before the NATO agreement is in force between them")."""

    label: ClassVar[str] = "Entry into force"

    def summary(self) -> str:
        if self.instruments == ["signature"]:
            return "Enters into force on signature" + (f", {self.condition}." if self.condition else ".")
        what = (
            "notifications" if self.instruments == ["notification"] else f"instruments of {', '.join(self.instruments)}"
        )
        count = f"{self.deposits_required} " if self.deposits_required else "every party's "
        if self.first_day_of_month_after:
            ordinal = {1: "first", 2: "second", 3: "third"}.get(
                self.first_day_of_month_after, f"{self.first_day_of_month_after}th"
            )
            when = f"on the first day of the {ordinal} month after "
        elif self.after is not None:
            when = f"{self.after} after "
        elif self.days_after_deposit is not None:
            when = f"{self.days_after_deposit} days after "
        else:
            when = "on "
        condition = f", {self.condition}" if self.condition else ""
        return f"Enters into force {when}the last of {count}{what}{condition}."


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


class Duration(ProvisionBase, tag="duration", frozen=True, kw_only=True):
    """How long the agreement runs and how it renews: "remain in force for a period of one year and
    shall be automatically extended annually thereafter unless either Party notifies the other in
    writing through the diplomatic channel ninety days in advance"."""

    indefinite: bool = False
    """In force until terminated (no term)."""
    initial_term: Period | None = None
    renewal: Literal["automatic", "by_agreement", "none"] = "none"
    renewal_period: Period | None = None
    """Each renewal's length (the initial term's when the text says "extended annually")."""
    notice_before_term_end: Period | None = None
    """How long before a term ends a party must give notice to stop the renewal."""
    notice_form: NoticeForm = "unspecified"
    notice_channel: NoticeChannel | None = None
    maximum: Period | None = None
    """A cap on the whole life ("at most one year"), where the text sets one."""
    ends_with: ShortText | None = None
    """What else ends it ("the end of the Mission", "the termination of the NATO agreement")."""
    review_every: Period | None = None

    label: ClassVar[str] = "Duration and renewal"

    def summary(self) -> str:
        if self.indefinite:
            text = "In force until terminated"
        elif self.initial_term:
            text = f"In force for {self.initial_term}"
        elif self.ends_with:
            text = f"In force until {self.ends_with}"
        else:
            text = "In force for a term the text sets"
        if self.renewal == "automatic":
            every = f" by {self.renewal_period}" if self.renewal_period else ""
            text += f", renewed automatically{every}"
            if self.notice_before_term_end:
                form = f"{self.notice_form} " if self.notice_form != "unspecified" else ""
                channel = f" through the {self.notice_channel.replace('_', ' ')}" if self.notice_channel else ""
                text += f" unless a party gives {form}notice{channel} {self.notice_before_term_end} before a term ends"
        elif self.renewal == "by_agreement":
            text += ", renewable by agreement"
        if self.ends_with and not text.endswith(self.ends_with):
            text += f"; it ends with {self.ends_with}"
        if self.maximum:
            text += f", for at most {self.maximum}"
        if self.review_every:
            text += f"; reviewed every {self.review_every}"
        return text + "."


class Denunciation(ProvisionBase, tag="denunciation", frozen=True, kw_only=True):
    """How a party leaves (denounces or terminates), when that takes effect, and what survives it."""

    notice: NoticeForm = "unspecified"
    notice_to: Literal["depositary", "other_parties"] = "depositary"
    channel: NoticeChannel | None = None
    takes_effect_after: Period | None = None
    """How long after the notice it takes effect ("one year after receipt", "90 days after")."""
    effect: Literal["after_notice", "at_term_end", "on_receipt"] = "after_notice"
    """When it takes effect: a period after the notice, at the end of the current term (with the
    duration's notice period), or when the notice is received."""
    obligations_survive: bool | None = None
    """Whether obligations already contracted stay in force after the denunciation."""
    rights_survive: bool | None = None
    information_protected_after: bool | None = None
    """Whether information exchanged stays protected under the agreement after it ends."""

    label: ClassVar[str] = "Denunciation"

    def summary(self) -> str:
        if self.effect == "at_term_end":
            after = ", effective at the end of the current term"
        elif self.takes_effect_after:
            after = f", effective {self.takes_effect_after} after"
        else:
            after = ""
        survive = "; obligations already contracted survive" if self.obligations_survive else ""
        protected = "; information exchanged stays protected" if self.information_protected_after else ""
        to = self.notice_to.replace("_", " ")
        return f"A party may denounce by {self.notice} notice to the {to}{after}{survive}{protected}."


DepositaryDuty = Literal[
    "receive_instruments",
    "inform_of_deposits",
    "inform_of_denunciations",
    "inform_of_amendments",
    "inform_of_entry_into_force",
    "keep_original",
    "transmit_certified_copies",
    "register_with_un",
    "publish",
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
    prevails: Language | None = None
    """The text that prevails in case of divergence ("in case of divergence the English text shall prevail")."""

    label: ClassVar[str] = "Authentic languages"

    def summary(self) -> str:
        equally = ", equally authoritative" if self.equally_authoritative and len(self.languages) > 1 else ""
        prevails = f"; the {self.prevails} text prevails in case of divergence" if self.prevails else ""
        return f"Authentic in {', '.join(self.languages)}{equally}{prevails}."


class TerritorialApplication(ProvisionBase, tag="territorial_application", frozen=True, kw_only=True):
    """Where the agreement applies ("the European part of the Netherlands")."""

    territories: Annotated[list[ShortText], msgspec.Meta(min_length=1)]
    extension_by_notification: bool | None = None
    """Whether a party may extend it to other territories by a notification."""
    exclusion_by_declaration: bool | None = None
    """Whether a party may exclude parts of its territory by a declaration."""

    label: ClassVar[str] = "Territorial application"

    def summary(self) -> str:
        extension = "; it may be extended to others by notification" if self.extension_by_notification else ""
        exclusion = "; parts may be excluded by declaration" if self.exclusion_by_declaration else ""
        return f"Applies to {', '.join(self.territories)}{extension}{exclusion}."


AmendmentBy = Literal["mutual_written_consent", "all_parties", "protocol", "exchange_of_notes", "council_decision"]


class Amendment(ProvisionBase, tag="amendment", frozen=True, kw_only=True):
    """How the agreement is amended, and when an amendment takes effect."""

    by: AmendmentBy
    proposed_through: Literal["depositary", "diplomatic_channel", "any_party"] | None = None
    takes_effect: ShortText | None = None
    """As the text puts it ("in accordance with Article 21(1)", "when all parties have accepted it")."""

    label: ClassVar[str] = "Amendment"

    def summary(self) -> str:
        effect = f"; it takes effect {self.takes_effect}" if self.takes_effect else ""
        return f"Amended by {self.by.replace('_', ' ')}{effect}."
