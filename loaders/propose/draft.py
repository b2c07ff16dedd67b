"""The draft record `pactstore propose` prints: the record format of docs/curating.md, every proposed item
marked `review: proposed` and every gap a `TODO`, which the build refuses until a curator has reviewed
them (loaders/review.py). The rule and confidence behind each proposal are in a comment above it.

The output is a YAML stream: the agreement record first, then the entries for seeds/parties.yaml (parties
the store lacks) and seeds/texts.yaml (when the text has no manifest entry), each headed by where it goes.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from loaders.propose.grouping import DraftProvision, draft_provisions, todo_fields
from loaders.propose.model import PartyProposal, Proposal, Quote
from loaders.propose.reading import scanned_units
from loaders.review import PROPOSED, REVIEW_KEY

_KIND_OF_INSTRUMENT = {"memorandum": "memorandum_of_understanding", "arrangement": "arrangement"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _dump(value: Any, indent: int = 0) -> str:
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in text.splitlines(keepends=True))


def _citation(doc: str, quote: Quote) -> dict[str, Any]:
    cited: dict[str, Any] = {"doc": doc, "language": quote.language, "unit": quote.unit}
    if quote.occurrence is not None:
        cited["occurrence"] = quote.occurrence
    cited["quote"] = quote.quote
    return cited


def ids(proposal: Proposal) -> tuple[str, str]:
    """(agreement id, text id): the manifest's when seeds/texts.yaml lists the file, else proposed from the
    parties and the year of signature."""
    if proposal.text.agreement_id and proposal.text.text_id:
        return proposal.text.agreement_id, proposal.text.text_id
    states = sorted({p.party for p in proposal.parties if p.party and p.kind == "state" and "party" in p.roles})
    year = (proposal.signed.date or "")[:4]
    stem = "-".join([*(states[:4] or ["agreement"]), *([year] if year else [])])
    return stem, f"{stem}-text"


def _party_roles(proposal: Proposal, doc: str) -> list[dict[str, Any]]:
    roles = []
    for party in proposal.parties:
        roles.append(
            {
                "party": party.party or f"TODO: the id of the party named {party.name!r}",
                "roles": list(party.roles),
                "citations": [_citation(doc, c) for c in party.citations],
                REVIEW_KEY: PROPOSED,
            }
        )
    return roles or [{"party": "TODO: the parties' ids", "roles": ["party"], "citations": "TODO: cite the preamble"}]


def _provision(item: DraftProvision, doc: str) -> str:
    body: dict[str, Any] = {"kind": item.kind, "id": item.id}
    body.update(item.fields)
    body.update(todo_fields(item.kind, item.fields))
    body["basis"] = "agreement_text"
    body["citations"] = [_citation(doc, c) for c in item.citations]
    body[REVIEW_KEY] = PROPOSED
    rules = "; ".join(f"{p.language} {p.unit}: {p.rule} ({p.confidence:.2f})" for p in item.proposals)
    return f"  # {rules}\n" + _dump([body], 2)


def _ledger(proposal: Proposal, provisions: list[DraftProvision]) -> list[dict[str, Any]]:
    """Every top-level unit of every version once (a further instrument's root too), with the provisions
    citing it or inside it, or `no_terms: TODO`."""
    from loaders.official_text import split_official_text

    with open(proposal.text.path, encoding="utf-8") as handle:
        versions = split_official_text(handle.read())
    units: dict[str, None] = {}
    for version in versions:
        units.update({u.id: None for u in version.units if u.kind == "instrument"})
        units.update({u.id: None for u in scanned_units(version)})
    governed: dict[str, list[str]] = {unit: [] for unit in units}
    for provision in provisions:
        for citation in provision.citations:
            # The nearest listed unit at or above the cited one governs it (docs/curating.md, the ledger).
            holders = [u for u in units if citation.unit == u or citation.unit.startswith(f"{u}__")]
            if holders:
                governor = max(holders, key=len)
                if provision.id not in governed[governor]:
                    governed[governor].append(provision.id)
    entries = []
    for unit, citing in governed.items():
        entry: dict[str, Any] = {"unit": unit}
        if citing:
            entry["provisions"] = citing
        else:
            entry["no_terms"] = "TODO: why this unit holds no terms (definitions, outside scope: ...)"
        entries.append(entry)
    return entries


def _new_party(party: PartyProposal) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": party.party or "TODO: an id (lowercase, hyphens)",
        "kind": party.kind,
        "name": party.official_name or party.name,
    }
    if party.iso3166:
        entry["short_name"] = party.name
        entry["iso3166"] = dict(party.iso3166)
    entry[REVIEW_KEY] = PROPOSED
    return entry


def render_draft(proposal: Proposal) -> str:
    """The draft as YAML text."""
    agreement_id, doc = ids(proposal)
    provisions = draft_provisions(proposal)
    main = next((i for i in proposal.instruments if i.id == "agreement"), proposal.instruments[0])
    title = main.titles.get("en") or next(iter(main.titles.values()), None)
    languages = ", ".join(dict.fromkeys(lang for i in proposal.instruments for lang in i.languages))
    out = [
        f"# Draft record proposed by `pactstore propose` from {proposal.text.library or proposal.text.path} "
        f"({languages}).",
        "# Every item marked `review: proposed` is a proposal: check it against the text, then delete the mark",
        "# (or the whole item). Every TODO is a gap: fill it in or delete the field. The build refuses the file",
        "# until then. The rule and confidence behind each proposal are in the comment above it.",
        f"# -> seeds/agreements/{agreement_id}.yaml",
    ]
    head: dict[str, Any] = {
        "id": agreement_id,
        "short_name": "TODO: a short label (GSOMIA, NATO Security Agreement (1997))",
        "title": title or "TODO: a descriptive title",
    }
    kind: dict[str, Any] = {"value": _KIND_OF_INSTRUMENT.get(main.kind, "agreement")}
    if proposal.kind_citation:
        kind["citations"] = [_citation(doc, proposal.kind_citation)]
    else:
        kind["citations"] = "TODO: cite the words by which the text names itself"
    kind[REVIEW_KEY] = PROPOSED
    head["kind"] = kind
    out.append(_dump(head).rstrip())
    out.append("parties:")
    out.append(_dump(_party_roles(proposal, doc), 2).rstrip())
    signed = proposal.signed
    if signed.date:
        event: dict[str, Any] = {"id": f"signed-in-{_slug(signed.place or 'place')}", "kind": "signing"}
        if signed.place:
            event["place"] = signed.place
        event["when"] = {"date": datetime.date.fromisoformat(signed.date)}
        event["citations"] = [_citation(doc, c) for c in signed.citations]
        event[REVIEW_KEY] = PROPOSED
        out.append(f"events:\n  # {signed.rule} ({signed.confidence:.2f})")
        out.append(_dump([event], 2).rstrip())
    if provisions:
        out.append("provisions:")
        out.extend(_provision(p, doc).rstrip() for p in provisions)
    out.append("ledger:")
    out.append(_dump(_ledger(proposal, provisions), 2).rstrip())
    anchor = signed.citations[:1] or next((p.citations[:1] for p in proposal.parties if p.citations), [])
    citations: Any = [_citation(doc, c) for c in anchor] or "TODO: a quote that establishes the agreement"
    out.append(_dump({"citations": citations}).rstrip())
    new = [p for p in proposal.parties if p.new]
    if new:
        # Indented as the seeds files indent their lists, so that the part is appended as it is.
        out.append("---\n# -> seeds/parties.yaml, appended to its `parties:` list: parties the store lacks")
        out.append(_dump([_new_party(p) for p in new], 2).rstrip())
    if not proposal.text.text_id:
        out.append("---\n# -> seeds/texts.yaml, appended to its `texts:` list: the text's manifest entry")
        out.append(_dump([_manifest(proposal, agreement_id, doc, title)], 2).rstrip())
    return "\n".join(out) + "\n"


def _manifest(proposal: Proposal, agreement_id: str, doc: str, title: str | None) -> dict[str, Any]:
    languages = list(dict.fromkeys(lang for i in proposal.instruments for lang in i.languages))
    return {
        "id": doc,
        "agreement": agreement_id,
        "title": title or "TODO: the title as the text gives it",
        "publisher": "TODO: who published the text",
        "publisher_kind": "treaty_database",
        "url": "TODO: where it was published (or null)",
        "published": {"basis": "unknown", "note": "TODO: why no date is known, or the date with its quote"},
        "library": proposal.text.library or "TODO: the file's path in the source library",
        "sha256": proposal.text.sha256,
        "versions": [{"language": lang, "text_kind": "verbatim", REVIEW_KEY: PROPOSED} for lang in languages],
        REVIEW_KEY: PROPOSED,
    }
