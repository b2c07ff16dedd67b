"""Checks that cross files: unique ids, references, quotes, dates and agreement consistency.

Every check produces a `SeedError` with the file, line and JSON path of the offending value;
`check_seeds` returns them all so one run of `pactstore validate` lists every problem.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping

from loaders.citations import NotFound, locate
from loaders.errors import SeedError
from loaders.ledger_checks import check_ledger
from loaders.lifecycle_checks import check_lifecycle
from loaders.seeds import Seeds
from loaders.walk import walk
from loaders.yamlfile import YamlDocument
from schema.agreements import Agreement
from schema.base import Citation, When
from schema.lifecycle import STATUS_AFTER
from schema.provisions import IntermediaryRouting

_RELATIVE = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|next|last|"
    r"this|ago|recently|currently|earlier|later|soon|since|has|have|will)\b",
    re.I,
)
"""Words that make a date relative to the document that states it ("on Monday", "next week", "has asked");
a date written out in full ("van 18 april 2001", "6th day of March, 1997") needs no reference document."""
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ALIGNED = {
    "week": (lambda d: d.weekday() == 0, "a Monday (the first day of the week)"),
    "month": (lambda d: d.day == 1, "the 1st of the month"),
    "year": (lambda d: (d.month, d.day) == (1, 1), "1 January"),
}


def check_seeds(seeds: Seeds) -> list[SeedError]:
    errors: list[SeedError] = []
    sources = {**seeds.documents, **seeds.texts}  # once, not per record: it has one entry per document
    parties_doc = seeds.files.get(_file(seeds, "parties.yaml"))
    if parties_doc is not None:
        for index, party in enumerate(seeds.parties.values()):
            errors += _check_record(seeds, parties_doc, party, f"$.parties[{index}]", sources=sources)
            if party.acts_for == party.id:
                errors.append(parties_doc.error(f"$.parties[{index}].acts_for", "a party cannot act for itself"))
    texts_doc = seeds.files.get(_file(seeds, "texts.yaml"))
    if texts_doc is not None:
        for index, text in enumerate(seeds.texts.values()):
            errors += _check_record(seeds, texts_doc, text.entry, f"$.texts[{index}]", sources=sources)
    subjects_doc = seeds.files.get(_file(seeds, "subjects.yaml"))
    if subjects_doc is not None:
        for index, subject in enumerate(seeds.subjects.values()):
            errors += _check_record(seeds, subjects_doc, subject, f"$.subjects[{index}]", sources=sources)
        errors += _check_subject_cycles(seeds, subjects_doc)
    for agreement_id, agreement in seeds.agreements.items():
        doc = seeds.files[seeds.agreement_files[agreement_id]]
        errors += _check_record(seeds, doc, agreement, "$", agreement, sources=sources)
        errors += _check_agreement(seeds, doc, agreement)
        errors += check_lifecycle(doc, agreement)
        errors += check_ledger(seeds, doc, agreement)
    return errors


def _file(seeds: Seeds, name: str) -> str:
    return str((seeds.root / name).relative_to(seeds.root.parent))


def _check_record(
    seeds: Seeds,
    doc: YamlDocument,
    record: object,
    prefix: str,
    agreement: Agreement | None = None,
    *,
    sources: Mapping[str, object] | None = None,
) -> Iterator[SeedError]:
    provision_ids = {p.id for p in agreement.provisions} if agreement else set()
    event_ids = {e.id for e in agreement.events} if agreement else set()
    known = {
        "party": seeds.parties,
        "document": sources if sources is not None else {**seeds.documents, **seeds.texts},
        "agreement": seeds.agreements,
        "subject": seeds.subjects,
        "provision": provision_ids,
        "event": event_ids,
    }
    for path, value, target in walk(record):  # type: ignore[arg-type]
        where = prefix + path[1:]
        if target is not None:
            if target in seeds.incomplete or (target == "document" and value in seeds.unusable_documents):
                continue  # its own file is broken and already reported; don't pile on
            if value not in known[target]:
                yield doc.error(where, f"unknown {target} {value!r}{_suggest(value, known[target])}")
            elif target == "agreement" and agreement is not None and value == agreement.id:
                yield doc.error(where, "an agreement cannot refer to itself")
        elif isinstance(value, Citation):
            source = seeds.source(value.doc)
            if source is not None:
                try:
                    locate(source, value)
                except NotFound as exc:
                    yield doc.error(f"{where}.quote", str(exc))
        elif isinstance(value, When):
            yield from _check_when(seeds, doc, value, where)


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=2, cutoff=0.75)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def _check_when(seeds: Seeds, doc: YamlDocument, when: When, where: str) -> Iterator[SeedError]:
    aligned = _ALIGNED.get(when.precision)
    if aligned and not aligned[0](when.date):
        yield doc.error(f"{where}.date", f"with precision {when.precision!r} the date must be {aligned[1]}")
    if when.as_written and not when.resolved_against and _RELATIVE.search(when.as_written):
        yield doc.error(
            f"{where}.resolved_against",
            f"{when.as_written!r} is relative: name the document whose publication date it was resolved against",
        )
    if when.resolved_against and when.resolved_against in seeds.documents:
        published = seeds.documents[when.resolved_against].entry.published.date
        if published is None:
            yield doc.error(
                f"{where}.resolved_against", f"{when.resolved_against} has no publication date to resolve against"
            )
            return
        written = (when.as_written or "").lower()
        named = [i for i, day in enumerate(_WEEKDAYS) if re.search(rf"\b{day}\b", written)]
        if named and when.precision == "day":
            if when.date.weekday() != named[0]:
                yield doc.error(
                    f"{where}.date",
                    f"{when.as_written!r} names a {_WEEKDAYS[named[0]].title()}, but {when.date} is a "
                    f"{when.date.strftime('%A')}",
                )
            elif abs((when.date - published).days) > 7:
                yield doc.error(
                    f"{where}.date",
                    f"{when.as_written!r} resolved against {published} should fall within a week of it",
                )


def _check_subject_cycles(seeds: Seeds, doc: YamlDocument) -> Iterator[SeedError]:
    for index, subject in enumerate(seeds.subjects.values()):
        seen, current = {subject.id}, subject.broader
        while current is not None and current in seeds.subjects:
            if current in seen:
                yield doc.error(f"$.subjects[{index}].broader", f"{subject.id!r} is its own broader subject")
                break
            seen.add(current)
            current = seeds.subjects[current].broader


def _states(seeds: Seeds, party_id: str) -> set[str]:
    """A party and every party it acts for, up the chain."""
    chain: set[str] = set()
    current: str | None = party_id
    while current is not None and current not in chain:
        chain.add(current)
        party = seeds.parties.get(current)
        current = party.acts_for if party else None
    return chain


def _check_agreement(seeds: Seeds, doc: YamlDocument, agreement: Agreement) -> Iterator[SeedError]:
    members = [p.party for p in agreement.parties]
    member_set = set(members)
    related = set().union(*(_states(seeds, m) for m in members)) if members else set()

    for label, items in (("parties", members),):
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item in seen:
                yield doc.error(f"$.{label}[{index}].party", f"{item!r} is listed twice; give it several roles")
            seen.add(item)
    groups = [m for m in members if m in seeds.parties and seeds.parties[m].kind == "group"]
    if len(member_set) < 2 and not groups:
        yield doc.error(
            "$.parties", "an agreement has at least two parties, or one group party that stands for several"
        )

    for label, records in (("events", agreement.events), ("provisions", agreement.provisions)):
        seen = set()
        for index, record in enumerate(records):
            if record.id in seen:
                yield doc.error(f"$.{label}[{index}].id", f"duplicate id {record.id!r} in {label}")
            seen.add(record.id)

    def party_of_agreement(path: str, party: str | None, *, exact: bool = False) -> Iterator[SeedError]:
        if party is None or party not in seeds.parties:
            return
        ok = party in member_set if exact else bool(_states(seeds, party) & related)
        if not ok:
            yield doc.error(path, f"{party!r} is not a party to {agreement.id} (parties: {', '.join(members)})")

    for index, signatory in enumerate(agreement.signatories):
        yield from party_of_agreement(f"$.signatories[{index}].party", signatory.party)
    for index, event in enumerate(agreement.events):
        path = f"$.events[{index}]"
        yield from party_of_agreement(f"{path}.party", event.party)
        if event.status == "occurred" and event.kind in STATUS_AFTER and event.when is None:
            yield doc.error(f"{path}.when", f"an occurred {event.kind!r} changes the status, so it needs a date")
        if event.status == "planned" and event.causes:
            yield doc.error(f"{path}.causes", "a planned event has no causes yet")
    for index, provision in enumerate(agreement.provisions):
        path = f"$.provisions[{index}]"
        for j, bound in enumerate(provision.binds):
            yield from party_of_agreement(f"{path}.binds[{j}]", bound, exact=True)
        if provision.disputes == provision.id:
            yield doc.error(f"{path}.disputes", "a claim cannot dispute itself")
        if isinstance(provision, IntermediaryRouting):
            yield from party_of_agreement(f"{path}.hub", provision.hub, exact=True)
            hub_role = next((p for p in agreement.parties if p.party == provision.hub), None)
            if hub_role is not None and "intermediary" not in hub_role.roles:
                yield doc.error(f"{path}.hub", f"{provision.hub!r} needs the role 'intermediary' in $.parties")
            for r, route in enumerate(provision.routes):
                for name in ("origin", "destination", "onward_approval_by"):
                    yield from party_of_agreement(f"{path}.routes[{r}].{name}", getattr(route, name), exact=True)
                for v, hop in enumerate(route.via):
                    yield from party_of_agreement(f"{path}.routes[{r}].via[{v}]", hop, exact=True)
                if route.origin == route.destination:
                    yield doc.error(f"{path}.routes[{r}]", "a route must end somewhere other than it starts")
            for j, leg in enumerate(provision.legs_under):
                if not any(r.agreement == leg for r in agreement.relations):
                    yield doc.error(
                        f"{path}.legs_under[{j}]",
                        f"add a relation to {leg!r} (kind relies_on) in $.relations",
                    )
