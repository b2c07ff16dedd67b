"""Building blocks shared by every record format: ids, fuzzy dates and citations.

Input formats are strict (`forbid_unknown_fields`) so that a typo in a hand-edited record is an
error, not a silently dropped field. Everything is `frozen` and `kw_only`: records are values.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Annotated, Literal

import msgspec

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[
    str,
    msgspec.Meta(
        pattern=SLUG,
        min_length=2,
        max_length=64,
        description="A stable, readable id: lowercase letters, digits and single hyphens.",
        examples=["jpn-kor-gsomia-2016"],
    ),
]
"""Ids are chosen by curators and never derived from file order, so URLs stay stable across edits."""


def _reference(target: str, description: str) -> msgspec.Meta:
    # `extra` is not used by msgspec; the loader reads it to check every reference generically.
    return msgspec.Meta(pattern=SLUG, max_length=64, description=description, extra={"ref": target})


PartyId = Annotated[str, _reference("party", "Id of a party in parties.yaml.")]
DocId = Annotated[str, _reference("document", "Id of a document (documents.yaml) or official text (texts.yaml).")]
AgreementId = Annotated[str, _reference("agreement", "Id of an agreement record.")]
SubjectId = Annotated[str, _reference("subject", "Id of a subject in subjects.yaml.")]
ProvisionRef = Annotated[str, _reference("provision", "Id of another provision of the same agreement.")]
EventRef = Annotated[str, _reference("event", "Id of another event of the same agreement.")]
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=500)]
Note = Annotated[str, msgspec.Meta(min_length=1, max_length=4000)]


class Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of every input format: immutable, keyword-only, unknown fields rejected."""


def dispute_groups(disputes: Mapping[str, str | None]) -> list[list[str]]:
    """Claims linked by `disputes` (claim id -> the id it contests), directly or through another claim:
    one list per contested point of two or more claims, the claims in the order given."""
    parent = {key: key for key in disputes}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    for key, disputed in disputes.items():
        if disputed in parent:
            parent[root(key)] = root(disputed)
    groups: dict[str, list[str]] = {}
    for key in disputes:
        groups.setdefault(root(key), []).append(key)
    return [members for members in groups.values() if len(members) > 1]


Precision = Literal["day", "week", "month", "year", "on_or_before"]


DATE_FORMATS: dict[Precision, str] = {
    "day": "{iso}",
    "week": "week of {iso}",
    "month": "{date.year:04d}-{date.month:02d}",
    "year": "{date.year:04d}",
    "on_or_before": "by {iso}",
}
"""How `date_with_precision` writes each precision. Fields: `date`, `iso` (its ISO form) and `month` (its month's
English name), so a reader can pass a table of its own (the readable pages write `November 2016`)."""

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_with_precision(
    date: datetime.date, precision: Precision, formats: Mapping[Precision, str] = DATE_FORMATS
) -> str:
    """A date as precise as it is known, never padded to a day: `2016-11-23`, `week of 2016-11-14`,
    `2016-11`, `2016`, `by 2014-12-26`."""
    return formats[precision].format(date=date, iso=date.isoformat(), month=MONTH_NAMES[date.month - 1])


class When(Record, frozen=True, kw_only=True):
    """A date as precise as the source allows.

    `date` is the first day of the period when `precision` is coarser than a day (Monday for a
    week, the 1st for a month, 1 January for a year). `on_or_before` means the source only says
    the thing had happened by `date` ("recently asked", "has ... with 32 countries").
    Relative phrases ("on Monday", "next week") are kept as written together with the document
    whose publication date they were resolved against, so a reader can redo the arithmetic.
    """

    date: datetime.date
    precision: Precision = "day"
    as_written: ShortText | None = None
    resolved_against: DocId | None = None
    note: Note | None = None

    def __post_init__(self) -> None:
        # A week that runs past the calendar's end has no last day to count from (the status rule counts an
        # event from its last possible day): refused here, where `validate` and `build` both decode records.
        if self.precision == "week" and self.date > LAST_WEEK_START:
            raise ValueError(
                f"a week starting {self.date.isoformat()} ends after {datetime.date.max.isoformat()}, "
                "the last date the store can hold"
            )

    def latest(self) -> datetime.date:
        """The last day the event may have happened on, given the precision."""
        if self.precision == "week":
            return self.date + datetime.timedelta(days=6)
        if self.precision == "month":
            return _month_end(self.date.year, self.date.month)
        if self.precision == "year":
            return self.date.replace(month=12, day=31)
        return self.date


LAST_WEEK_START = datetime.date.max - datetime.timedelta(days=6)
"""The last first day of a week that ends within the calendar (months and years always do)."""


def _month_end(year: int, month: int) -> datetime.date:
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


TimeUnit = Literal["days", "weeks", "months", "years"]
NoticeChannel = Literal["diplomatic_channel", "depositary", "direct", "public_statement"]
"""How a notice travels: through the diplomatic channel, to the depositary, directly between the
parties' authorities, or by public statement."""
NoticeForm = Literal["written", "oral", "unspecified"]


class Period(Record, frozen=True, kw_only=True):
    """A length of time as a text states it: `{value: 90, unit: days}`, `{value: 6, unit: months}`."""

    value: Annotated[int, msgspec.Meta(ge=0, le=1000)]
    unit: TimeUnit

    def after(self, start: datetime.date) -> datetime.date:
        """The day this period after `start` (a month after 31 January is the last day of February).

        A day past the calendar's end (9999-12-31) is that end: no date the store can be asked about lies
        beyond it, so "after 9999-12-31" and "on 9999-12-31" answer every question alike, and the build never
        overflows on a date a curator may legitimately write."""
        if self.unit in ("days", "weeks"):
            days = self.value * (7 if self.unit == "weeks" else 1)
            if (datetime.date.max - start).days < days:
                return datetime.date.max
            return start + datetime.timedelta(days=days)
        months = self.value * (12 if self.unit == "years" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
        month += 1
        if year > datetime.MAXYEAR:
            return datetime.date.max
        return datetime.date(year, month, min(start.day, _month_end(year, month).day))

    def __str__(self) -> str:
        unit = self.unit if self.value != 1 else self.unit.removesuffix("s")
        return f"{self.value} {unit}"


Quote = Annotated[
    str,
    msgspec.Meta(
        min_length=8,
        max_length=2000,
        description="Verbatim words of the document; whitespace may differ, nothing else may.",
    ),
]


UnitRef = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z]+(_[a-z0-9]+)*(__[a-z]+(_[a-z0-9]+)*)*$",
        max_length=200,
        description=(
            "Id of a unit of an official text (`art_1__item_iv`, `annex_1`); units of a further instrument "
            "of the file start with its id (`note_2__para_1`, `procedure__para_6`)."
        ),
    ),
]
Language = Annotated[
    str, msgspec.Meta(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", description="A BCP 47 language tag.", examples=["en"])
]


class Citation(Record, frozen=True, kw_only=True):
    """A verbatim quote from a source that states the fact it is attached to.

    The source is a news document or an official text (texts.yaml). The loader finds the quote in
    its cleaned text (after whitespace normalisation) and records its character offsets. A quote
    that occurs more than once must say which occurrence it means (1 is the first). A quote from
    an official text names the language version when there are several, and may name the `unit`
    (article, item) it cites: the quote must then lie inside that unit.
    """

    doc: DocId
    quote: Quote
    occurrence: Annotated[int, msgspec.Meta(ge=1)] | None = None
    language: Language | None = None
    unit: UnitRef | None = None


Citations = Annotated[
    list[Citation],
    msgspec.Meta(min_length=1, description="At least one quote that states this fact."),
]


class Actor(Record, frozen=True, kw_only=True):
    """Someone a source attributes a statement to (a minister, a lawmaker, a ministry)."""

    name: ShortText
    office: ShortText | None = None
    party: PartyId | None = None
    affiliation: ShortText | None = None
