"""What an agreement's typed provisions say about an exchange, read one way for the sharing
evaluation, the ODRL export and the graph of channels (nothing here names a country or an agreement)."""

from __future__ import annotations

from collections.abc import Callable

from schema.agreements import Agreement
from schema.provisions import ClassificationLevels, IntermediaryRouting, Route

FIRM_BASES = ("agreement_text", "agreed_in_negotiation")
"""Bases firm enough for a term to bind (classification levels become a rule, not a note)."""

StateOf = Callable[[str], str]
"""A party id -> the state it is or acts for."""


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
