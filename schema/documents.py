"""Source documents: the manifest entry a curator writes for each file in `seeds/documents/`."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

from schema.base import Id, Note, Precision, Record, ShortText

Sha256 = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$")]
FileName = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=200)]


class PublicationDate(Record, frozen=True, kw_only=True):
    """When the document was published. `stated` dates quote the raw text (a dateline);
    `inferred` ones say how they were inferred in `note`."""

    date: datetime.date
    precision: Precision = "day"
    basis: Literal["stated", "inferred"]
    quote: ShortText | None = None
    note: Note | None = None


class DocumentEntry(Record, frozen=True, kw_only=True):
    id: Id
    file: FileName
    """The original file name, kept byte for byte under `seeds/documents/`."""
    sha256: Sha256
    title: ShortText
    language: Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", examples=["en"])]
    outlet: ShortText | None = None
    outlet_quote: ShortText | None = None
    """Words of the raw text that name the outlet (a masthead, a wire tag)."""
    outlet_note: Note | None = None
    published: PublicationDate
    captions: list[ShortText] = msgspec.field(default_factory=list)
    """Opening words of lines the curator flags as photo captions; the cleaner drops them."""
    note: Note | None = None


class Manifest(Record, frozen=True, kw_only=True):
    """`seeds/documents.yaml`."""

    documents: list[DocumentEntry] = msgspec.field(default_factory=list)
