"""Controlled vocabularies: the subjects information is shared about."""

from __future__ import annotations

import msgspec

from schema.base import Id, Note, Record, ShortText, SubjectId


class Subject(Record, frozen=True, kw_only=True):
    """A subject of shared information. `broader` builds a hierarchy: a scope that covers a
    subject covers everything narrower than it."""

    id: Id
    label: ShortText
    broader: SubjectId | None = None
    note: Note | None = None


class SubjectsFile(Record, frozen=True, kw_only=True):
    """`seeds/subjects.yaml`."""

    subjects: list[Subject] = msgspec.field(default_factory=list)
