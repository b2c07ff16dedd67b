"""What every source entry of a manifest says: who published it, where its file is, and what kind of
text each of its language versions is.

A source is a file the store cites: a news report, a government statement, an official agreement
text. Its file lives either in the repository (the five seed articles under `seeds/documents/`) or in
a source library beside the checkout (`--sources DIR`, by default `../shared/sources`), named by its
path relative to the library root. Either way the build reads it by that name and checks its sha256,
so a record always cites exactly the bytes it was written against.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

import msgspec

from schema.base import Id, Language, Note, Precision, Record, ShortText, date_with_precision

Sha256 = Annotated[str, msgspec.Meta(pattern=r"^[0-9a-f]{64}$", description="Lower-case hex sha256 of the file.")]
FileName = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        max_length=200,
        description="A file name in the repository's own sources folder (no directories).",
    ),
]
LibraryPath = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)+$",
        max_length=300,
        description="A file's path relative to the source library's root (`gsomia/korea-net_...txt`); "
        "no `..`, no leading slash.",
        examples=["nl-treaties/BWBV0001372.md"],
    ),
]
Url = Annotated[str, msgspec.Meta(pattern=r"^https?://\S+$", max_length=1000)]

PublisherKind = Literal[
    "government",
    "treaty_database",
    "news_outlet",
    "wiki",
    "blog",
    "mirror",
    "leaked_document",
    "curator",
]
"""Who published the source: a government (ministry, portal, embassy), a treaty database, a news
outlet, a wiki (Wikisource), a blog, a mirror of another site's page, a leaked document, or the
project's own curator."""

TextKind = Literal["verbatim", "paraphrase", "translation", "machine_translation"]
"""What a language version of the file is: the publisher's words as published (`verbatim`), a
curator's retelling of them (`paraphrase`: never to be quoted as the publisher's words), a translation
by a person, or a machine translation."""


class Version(Record, frozen=True, kw_only=True):
    """One language version of a source file."""

    language: Language
    text_kind: TextKind
    authentic: bool = False
    """Whether this version is an authentic text of the agreement (its final clause names the
    authentic languages). News and statements are never authentic texts."""
    note: Note | None = None


class PublicationDate(Record, frozen=True, kw_only=True):
    """When the source was published. `stated` dates quote the words of the raw text that state them
    (a dateline); `inferred` ones say how in `note`; `unknown` means no source gives one (say why in
    `note`), and then there is no `date`."""

    date: datetime.date | None = None
    precision: Precision = "day"
    basis: Literal["stated", "inferred", "unknown"]
    quote: ShortText | None = None
    note: Note | None = None

    def as_text(self) -> str:
        """The date as precise as it is known (`2016-11`, `week of 2016-11-14`), or `undated`."""
        return "undated" if self.date is None else date_with_precision(self.date, self.precision)


class SourceEntry(Record, frozen=True, kw_only=True):
    """The fields every manifest entry has (documents.yaml and texts.yaml)."""

    id: Id
    title: ShortText
    publisher: ShortText | None
    """Who published it, as the source names itself ("Korea.net", "Yonhap News Agency"); null when
    the text names no publisher (say so in `publisher_note` where the manifest has it)."""
    publisher_kind: PublisherKind
    url: Url | None
    """Where it was published; null when it is not known (required, so that a missing URL is a choice)."""
    published: PublicationDate
    sha256: Sha256
    file: FileName | None = None
    """The file's name in the repository's sources folder (seeds/documents/), for the seed articles."""
    library: LibraryPath | None = None
    """The file's path in the source library, for everything else. Exactly one of `file` and `library`."""
    versions: Annotated[list[Version], msgspec.Meta(min_length=1)]
    """The language versions the file holds, in order."""
    note: Note | None = None

    @property
    def location(self) -> str:
        """Where the file is, for messages: `seeds/...` or `library:...`."""
        return f"library:{self.library}" if self.library else f"repository:{self.file}"

    @property
    def languages(self) -> list[str]:
        return [v.language for v in self.versions]

    def version(self, language: str | None) -> Version:
        """The language version named, or the first one."""
        return next((v for v in self.versions if v.language == language), self.versions[0])

    def attribution(self, language: str | None = None) -> str:
        """How a citation of this source (in one language version) must be credited. A paraphrase is
        never presented as the publisher's words: "curator's paraphrase of Yonhap, 2019-11-22"."""
        version = self.version(language)
        who = self.publisher or "an unnamed publisher"
        when = self.published.as_text()
        if version.text_kind == "paraphrase":
            return f"curator's paraphrase of {who}, {when}"
        kind = {"translation": "translation", "machine_translation": "machine translation"}.get(version.text_kind)
        qualifiers = [q for q in (kind, "authentic text" if version.authentic else None) if q]
        return f"{who}, {when}" + (f" ({', '.join(qualifiers)})" if qualifiers else "")
