"""Source documents (news reports, statements, cables): the manifest entries of `seeds/documents.yaml`.

Each entry names its file in the repository (`file`, the five seed articles) or in the source library
(`library`); see schema/sources.py for the fields every source has. Documents are cleaned of page
furniture and cited by quote; official agreement texts are listed in texts.yaml instead.
"""

from __future__ import annotations

import msgspec

from schema.base import Note, Record, ShortText
from schema.sources import FileName, PublicationDate, Sha256, SourceEntry

__all__ = ["DocumentEntry", "FileName", "Manifest", "PublicationDate", "Sha256"]


class DocumentEntry(SourceEntry, frozen=True, kw_only=True):
    publisher_quote: ShortText | None = None
    """Words of the raw text that name the publisher (a masthead, a wire tag)."""
    publisher_note: Note | None = None
    captions: list[ShortText] = msgspec.field(default_factory=list)
    """Opening words of lines the curator flags as photo captions; the cleaner drops them."""


class Manifest(Record, frozen=True, kw_only=True):
    """`seeds/documents.yaml`."""

    documents: list[DocumentEntry] = msgspec.field(default_factory=list)
