"""What `pactstore propose` proposes, as `--json` prints it: every item pinned to its unit and quote, with
the rule that fired and a confidence. A proposal is not a record: a curator reviews it first.

The JSON Schema of this document is `proposal_schema()` (docs/extraction.md).
"""

from __future__ import annotations

from typing import Any

import msgspec


class Proposed(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the proposal's parts: values, not input."""


class Quote(Proposed, frozen=True, kw_only=True):
    """Verbatim words of one language version, inside `unit`; `occurrence` when they occur more than once."""

    language: str
    unit: str
    article_label: str | None = None
    """The label of the unit's article (or of the unit) as printed: "Article 2", "Artikel 2", "Nr. II"."""
    quote: str
    occurrence: int | None = None
    instrument: str = "agreement"


class ProvisionProposal(Proposed, frozen=True, kw_only=True):
    """A statement of a kind the schema knows, in one language version."""

    kind: str
    unit: str
    article_label: str | None = None
    language: str
    quote: str
    occurrence: int | None = None
    fields: dict[str, Any] = msgspec.field(default_factory=dict)
    """Typed fields the words fix, as the record format writes them."""
    confidence: float
    rule: str
    """`<language>.<rule id>` of the table rule that fired."""

    @classmethod
    def quoting(
        cls, quote: Quote, *, kind: str, fields: dict[str, Any], confidence: float, rule: str
    ) -> ProvisionProposal:
        """A proposal pinned to the unit and words of `quote`."""
        return cls(
            kind=kind,
            unit=quote.unit,
            article_label=quote.article_label,
            language=quote.language,
            quote=quote.quote,
            occurrence=quote.occurrence,
            fields=fields,
            confidence=confidence,
            rule=rule,
        )

    def citation(self) -> Quote:
        """The proposal's words as a citation of its unit."""
        return Quote(
            language=self.language,
            unit=self.unit,
            article_label=self.article_label,
            quote=self.quote,
            occurrence=self.occurrence,
        )


class InstrumentProposal(Proposed, frozen=True, kw_only=True):
    id: str
    """As the text loader names it: `agreement`, `note_1`, `procedure`."""
    kind: str
    languages: list[str]
    titles: dict[str, str] = msgspec.field(default_factory=dict)
    provisions: list[ProvisionProposal] = msgspec.field(default_factory=list)


class PartyProposal(Proposed, frozen=True, kw_only=True):
    """A party the text names: resolved to a party of seeds/parties.yaml, or drafted as a new one (`new`)."""

    name: str
    """As printed."""
    party: str | None
    """The party id, known or proposed; None when no id could be proposed."""
    new: bool = False
    kind: str = "state"
    iso3166: dict[str, str] | None = None
    official_name: str | None = None
    """For a new state: its ISO 3166 name (the entry's `name`)."""
    roles: list[str] = msgspec.field(default_factory=lambda: ["party"])
    citations: list[Quote] = msgspec.field(default_factory=list)
    confidence: float
    rule: str


class Signed(Proposed, frozen=True, kw_only=True):
    """Date and place of signature from the final clause, with the words of each language that state them."""

    date: str | None = None
    place: str | None = None
    """As records write places (the English name where the table knows it)."""
    citations: list[Quote] = msgspec.field(default_factory=list)
    confidence: float = 0.0
    rule: str | None = None


class TextProposal(Proposed, frozen=True, kw_only=True):
    """The text a proposal was read from, and the manifest entry it matches if seeds/texts.yaml has one."""

    path: str
    sha256: str
    library: str | None = None
    """The path in the source library, when the file lies in one."""
    text_id: str | None = None
    agreement_id: str | None = None


class Proposal(Proposed, frozen=True, kw_only=True):
    text: TextProposal
    instruments: list[InstrumentProposal]
    parties: list[PartyProposal] = msgspec.field(default_factory=list)
    signed: Signed = msgspec.field(default_factory=Signed)
    kind_citation: Quote | None = None
    """Words by which the text names itself ("this Agreement"), to cite the kind of instrument."""
    seconds: float = 0.0
    """How long reading and proposing took."""

    def provisions(self) -> list[ProvisionProposal]:
        return [p for i in self.instruments for p in i.provisions]


def proposal_schema() -> dict[str, Any]:
    """The JSON Schema of `pactstore propose --json`."""
    return msgspec.json.schema(Proposal)
