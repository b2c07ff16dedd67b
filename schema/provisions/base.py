"""What every provision has: an id, whom it binds, how firm it is, who asserts it, its sources."""

from __future__ import annotations

from typing import ClassVar, Literal

import msgspec

from schema.base import Actor, Citations, Id, Note, PartyId, ProvisionRef, Record

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
"""Whose approval lifts a restriction: the originating party's, every party's, or nobody's (none)."""
ApprovalForm = Literal["written", "prior_written", "unspecified"]
"""The form approval must take, as the text says it; `unspecified` when the text does not say."""

APPROVER: dict[str, str] = {"originator": "the originating party", "all_parties": "all parties", "none": "anyone"}
