"""What an agreement's typed provisions say about an exchange, read one way for the sharing
evaluation, the ODRL export and the graph of channels (nothing here names a country or an agreement)."""

from __future__ import annotations

from collections.abc import Callable

from schema.agreements import Agreement
from schema.provisions import ClassificationLevels, IntermediaryRouting, ProvisionBase, Route

FIRM_BASES = ("agreement_text", "agreed_in_negotiation")
"""Bases firm enough for a term to bind (classification levels become a rule, not a note)."""

StateOf = Callable[[str], str]
"""A party id -> the state it is or acts for."""

TRANSFER_KINDS = frozenset(
    {
        "third_country_transfer",
        "purpose_limitation",
        "need_to_know_access",
        "protection_of_classified_information",
        "loss_notification",
        "scope",
        "classification_levels",
        "classification_equivalence",
        "classification_change",
        "transmission",
        "visits",
        "reproduction_translation",
        "destruction_return",
        "contractors",
        "intellectual_property",
        "security_authority",
    }
)
"""Kinds of term that govern a transfer: what the recipient may do with the information, how it is
marked, carried, seen, copied, destroyed and reported lost. They are a channel's conditions."""
INSTRUMENT_KINDS = frozenset(
    {
        "entry_into_force_rule",
        "duration",
        "denunciation",
        "supersession",
        "accession",
        "depositary_duties",
        "authentic_languages",
        "territorial_application",
        "dispute_settlement",
        "costs",
        "other_agreements",
        "binding_status",
        "amendment",
        "legal_change_notification",
        "compensation_waiver",
        "immunity_waiver",
    }
)
"""Kinds of term about the instrument itself and the arrangement around it (how it starts, lasts, is
amended, ends, is read and settled; national laws, waivers): not conditions of an exchange. Binding
status is answered on its own; routing becomes the hops."""
ROUTING_KINDS = frozenset({"intermediary_routing"})


def kind_of(provision: ProvisionBase) -> str:
    """A provision's `kind` tag."""
    return str(type(provision).__struct_config__.tag)


def governs_transfer(provision: ProvisionBase) -> bool:
    """Whether the term is a condition of an exchange (TRANSFER_KINDS), not instrument mechanics."""
    return kind_of(provision) in TRANSFER_KINDS


def is_firm(basis: str) -> bool:
    """Whether a term on this basis binds, rather than being planned or reported."""
    return basis in FIRM_BASES


def routings(agreement: Agreement) -> list[IntermediaryRouting]:
    """The agreement's intermediary-routing provisions."""
    return [p for p in agreement.provisions if isinstance(p, IntermediaryRouting)]


def offers_direct_channel(agreement: Agreement) -> bool:
    """A hub removes the direct channel: an agreement that routes information through a hub offers
    only its routes, unless it states that its parties may also exchange directly."""
    found = routings(agreement)
    return not found or any(r.direct_exchange for r in found)


def routes_between(
    agreement: Agreement, sender: str, recipient: str, state_of: StateOf
) -> list[tuple[IntermediaryRouting, Route]]:
    """The routes the agreement names from `sender`'s state to `recipient`'s."""
    return [
        (routing, route)
        for routing in routings(agreement)
        for route in routing.routes
        if state_of(route.origin) == state_of(sender) and state_of(route.destination) == state_of(recipient)
    ]


def levels_apply(levels: ClassificationLevels, sender: str, recipient: str, state_of: StateOf) -> bool:
    """Whether classification levels stated for one direction (or both) apply from `sender` to `recipient`."""
    return (levels.from_party is None or state_of(levels.from_party) == state_of(sender)) and (
        levels.to_party is None or state_of(levels.to_party) == state_of(recipient)
    )


def members(agreement: Agreement, state_of: StateOf) -> set[str]:
    """The states party to the agreement (organisations acting for a state count as that state)."""
    return {state_of(p.party) for p in agreement.parties if "party" in p.roles}
