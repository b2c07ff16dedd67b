"""Classification markings in a sharing question: which level a marking is under an agreement, and
whether the agreement's classification terms let information so marked through.

The rule (api/domain/sharing.py applies it to every agreement a channel rests on):
- markings are compared after Unicode compatibility normalisation (NFKC: `군사Ⅱ급비밀` is
  `군사II급비밀`, full-width letters are letters), case-folded, with runs of spaces as one;
- under an agreement with a classification-equivalence table, a marking names the row whose English
  or NATO `level`, or any party's `marking` or its `reading`, it equals: "SECRET", "secret", "極秘",
  "特定秘密" and "군사II급비밀" are one row of the Japan-ROK table;
- a table refuses a marking only when it excludes it: no row names it (with a note of the levels it
  covers and, for a marking above its `highest_level`, that it covers nothing above that), or it is
  one of the table's `excluded_levels`; classification levels listed on a firm basis refuse a marking
  that is neither one of them nor, by the agreement's own table, equivalent to one;
- a table or list of levels that is only planned or reported gives a note, never a refusal;
- an agreement without classification terms lets every marking through, with a note saying so;
- a marking that no agreement in the store names is a bad question: the answer lists the names known.
Nothing here names a country or an agreement.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import msgspec

from api.domain import terms
from api.domain.query import Database
from schema.agreements import Agreement
from schema.provisions import ClassificationEquivalence, ClassificationLevels, EquivalenceRow

LEVELS = ("TOP SECRET", "SECRET", "CONFIDENTIAL", "RESTRICTED")
"""The English level names, highest first: the names equivalence rows map each party's marking to.
A NATO or EU name ranks as the English name it contains (COSMIC TOP SECRET as TOP SECRET)."""

_ClassificationTerm = ClassificationEquivalence | ClassificationLevels
_decode_terms = msgspec.json.Decoder(_ClassificationTerm)


def fold(name: str) -> str:
    """A marking as it is compared: NFKC-normalised, case-folded, single-spaced."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


_RANKS = [
    (index, re.compile(rf"(?<![^\W\d_]){re.escape(fold(level))}(?![^\W\d_])")) for index, level in enumerate(LEVELS)
]


def rank(name: str) -> int | None:
    """The place of a level among LEVELS (0 is the highest), or None for a name that holds none."""
    folded = fold(name)
    return next((index for index, pattern in _RANKS if pattern.search(folded)), None)


def above(level: str) -> list[str]:
    """The English levels higher than `level` (none for a name that ranks nowhere)."""
    found = rank(level)
    return list(LEVELS[:found]) if found is not None else []


def row_names(row: EquivalenceRow) -> list[str]:
    """The names one row answers to: its level, every party's marking and its reading."""
    return [row.level, *(name for m in row.markings for name in (m.marking, m.reading) if name)]


def names_of(term: _ClassificationTerm) -> list[str]:
    """Every name a classification term says something about: listed grades; rows; excluded levels;
    the highest level covered and the English levels above it (which the term does not cover)."""
    if isinstance(term, ClassificationLevels):
        return list(term.levels)
    found = [name for row in term.rows for name in row_names(row)] + list(term.excluded_levels)
    if term.highest_level:
        found += [term.highest_level, *above(term.highest_level)]
    return found


def find_row(table: ClassificationEquivalence, marking: str) -> EquivalenceRow | None:
    """The row of the table that `marking` names, if any."""
    wanted = fold(marking)
    return next((row for row in table.rows if wanted in {fold(n) for n in row_names(row)}), None)


@dataclass(frozen=True)
class RowMatch:
    """A marking read under one agreement's table: the row it names."""

    agreement_id: str
    table: ClassificationEquivalence
    row: EquivalenceRow


@dataclass
class Check:
    """What one agreement's classification terms say of a marking: a refusal (why), notes, rows."""

    refused: str | None = None
    notes: list[str] = field(default_factory=list)
    matches: list[RowMatch] = field(default_factory=list)


def _refusal(agreement: Agreement, table: ClassificationEquivalence, marking: str) -> str | None:
    pid = f"{agreement.id}.{table.id}"
    row = find_row(table, marking)
    named = {fold(marking), fold(row.level)} if row is not None else {fold(marking)}
    excluded = next((level for level in table.excluded_levels if fold(level) in named), None)
    if excluded is not None:
        return f"its classification table excludes {excluded} ({pid})"
    if row is not None:
        return None
    covered = ", ".join(r.level for r in table.rows)
    why = f"its classification table has no level {marking} ({pid}): it covers {covered}"
    high = rank(table.highest_level) if table.highest_level else None
    asked = rank(marking)
    if high is not None and asked is not None and asked < high:
        why += f", nothing above {table.highest_level}"
    return why


def _described(row: EquivalenceRow) -> str:
    markings = ", ".join(f"{m.marking} ({m.party})" for m in row.markings)
    if row.inferred:
        return f"{row.level} = {markings}; the row is inferred" + (f": {row.note}" if row.note else "")
    return f"{row.level} = {markings}"


def _read_tables(agreement: Agreement, marking: str, result: Check) -> None:
    """The marking under the agreement's equivalence tables: firm ones match or refuse it, others note."""
    for table in (p for p in agreement.provisions if isinstance(p, ClassificationEquivalence)):
        pid = f"{agreement.id}.{table.id}"
        row = find_row(table, marking)
        if not terms.is_firm(table.basis):
            reading = f"reads {marking} as {row.level}" if row else f"does not name {marking}"
            result.notes.append(f"A {table.basis} classification table {reading} ({pid}).")
            continue
        result.refused = result.refused or _refusal(agreement, table, marking)
        if row is not None and result.refused is None:
            result.matches.append(RowMatch(agreement_id=agreement.id, table=table, row=row))
            result.notes.append(f"{marking} is {_described(row)} ({pid}).")


def _read_levels(
    agreement: Agreement, marking: str | None, direction: tuple[str, str], state_of: terms.StateOf, result: Check
) -> None:
    """The levels the agreement lists for this direction: firm lists refuse a marking they do not hold
    (nor, by the agreement's own table, an equivalent of it); every list gives a note."""
    equivalents = {fold(n) for m in result.matches for n in row_names(m.row)} | ({fold(marking)} if marking else set())
    for listed in (p for p in agreement.provisions if isinstance(p, ClassificationLevels)):
        if not terms.levels_apply(listed, *direction, state_of):
            continue
        names, pid = ", ".join(listed.levels), f"{agreement.id}.{listed.id}"
        firm = terms.is_firm(listed.basis)
        if marking is not None and firm and not equivalents & {fold(level) for level in listed.levels}:
            result.refused = result.refused or f"it covers only {names} of {listed.grading_party} ({pid})"
        verb = "covers" if firm else f"is {listed.basis} to cover"
        result.notes.append(f"Exchange {verb} {names} ({pid}, basis: {listed.basis}).")


def check(agreement: Agreement, marking: str | None, sender: str, recipient: str, state_of: terms.StateOf) -> Check:
    """The rule above, for one agreement and a marking (None: only the notes on its listed levels)."""
    result = Check()
    if marking is not None:
        _read_tables(agreement, marking, result)
    _read_levels(agreement, marking, (sender, recipient), state_of, result)
    stated = any(isinstance(p, ClassificationEquivalence | ClassificationLevels) for p in agreement.provisions)
    if marking is not None and not stated:
        result.notes.append(
            f"{agreement.short_name} states no classification terms in the store: {marking} is not checked against it."
        )
    return result


def known(db: Database, agreements: Collection[str] | None = None) -> list[str]:
    """Every marking or level name the store's agreements (or only `agreements`) know, once each (as
    first written): the English levels first, highest first, then the rest in their own order."""
    rows = [
        row
        for row in db.rows(
            "select agreement_id, record_json from provisions "
            "where kind in ('classification_equivalence', 'classification_levels') order by agreement_id, id"
        )
        if agreements is None or row["agreement_id"] in agreements
    ]
    names: dict[str, str] = {}
    for row in rows:
        for name in names_of(_decode_terms.decode(row["record_json"])):
            names.setdefault(fold(name), name)
    return sorted(names.values(), key=lambda n: (rank(n) if rank(n) is not None else len(LEVELS), fold(n)))


def is_known(marking: str, names: Iterable[str]) -> bool:
    """Whether `marking` is one of `names`, as markings are compared."""
    return fold(marking) in {fold(n) for n in names}
