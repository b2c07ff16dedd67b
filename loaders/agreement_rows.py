"""Table rows of one agreement record: the agreement, its names, parties, signatories, relations,
events, provisions (with their routes and subjects), ledger and every citation inside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from loaders.rows import Only, as_written, citation_rows, iso_date, state_of, to_json
from loaders.seeds import Seeds
from schema.agreements import Agreement
from schema.lifecycle import STATUS_AFTER
from schema.provisions import IntermediaryRouting, ProvisionBase, Scope

BASE_FIELDS = {f.name for f in msgspec.structs.fields(ProvisionBase)}
"""The fields every provision has; the rest are its kind's own (the `data` column)."""

AGREEMENT_TABLES = (
    "agreements",
    "texts",
    "text_versions",
    "text_units",
    "agreement_status_periods",
    "agreement_names",
    "agreement_parties",
    "signatories",
    "relations",
    "events",
    "provisions",
    "provision_routes",
    "provision_subjects",
    "text_ledger",
    "citations",
)
"""The tables written from agreement records and texts, parents first so foreign keys hold row by row."""


def agreement_rows(seeds: Seeds, agreement: Agreement) -> dict[str, list[dict[str, Any]]]:
    aid = agreement.id
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in AGREEMENT_TABLES}
    dated = sorted((e.when for e in agreement.events if e.when and e.status == "occurred"), key=lambda w: w.date)
    dates = [w.date for w in dated]
    rows["agreements"] = [
        {
            "id": aid,
            "short_name": agreement.short_name,
            "title": agreement.title,
            "record": agreement.record,
            "kind": agreement.kind.value,
            "level": agreement.level.value if agreement.level else None,
            "first_date": min(dates).isoformat() if dates else None,
            "last_date": max(dates).isoformat() if dates else None,
            "first_date_as_written": as_written(dated[0]) if dated else None,
            "last_date_as_written": as_written(max(dated, key=lambda w: w.date)) if dated else None,
            "parties": "; ".join(dict.fromkeys(p.party for p in agreement.parties)) or None,
            "party_count": len(agreement.parties),
            "provision_count": len(agreement.provisions),
            "event_count": len(agreement.events),
            "note": agreement.note,
            "source_file": seeds.agreement_files[aid],
            "record_json": msgspec.json.encode(agreement).decode(),
        }
    ]
    rows["agreement_names"] = [{"agreement_id": aid, "name": n.name} for n in agreement.names]
    rows["agreement_parties"] = [
        {"agreement_id": aid, "party_id": p.party, "role": role, "state_id": state_of(seeds, p.party)}
        for p in agreement.parties
        for role in p.roles
    ]
    for n, s in enumerate(agreement.signatories):
        rows["signatories"].append(
            {
                "id": f"{aid}.signatory-{n + 1}",
                "agreement_id": aid,
                "person": s.person,
                "office": s.office,
                "party_id": s.party,
                "signed": iso_date(s.signed),
                "signed_precision": s.signed.precision if s.signed else None,
                "signed_as_written": as_written(s.signed),
            }
        )
    rows["relations"] = [
        {"agreement_id": aid, "kind": r.kind, "other_agreement_id": r.agreement, "note": r.note}
        for r in agreement.relations
    ]
    for e in agreement.events:
        rows["events"].append(
            {
                "id": f"{aid}.{e.id}",
                "agreement_id": aid,
                "event_id": e.id,
                "kind": e.kind,
                "status": e.status,
                "date": iso_date(e.when),
                "precision": e.when.precision if e.when else None,
                "latest_date": e.when.latest().isoformat() if e.when else None,
                "date_as_written": as_written(e.when),
                "as_written": e.when.as_written if e.when else None,
                "resolved_against": e.when.resolved_against if e.when else None,
                "party_id": e.party,
                "place": e.place,
                "round": e.round,
                "approving_body": e.approving_body,
                "causes": to_json(e.causes),
                "actors": to_json(e.actors),
                "status_after": STATUS_AFTER.get(e.kind) if e.status == "occurred" else None,
                "takes_effect": iso_date(e.takes_effect),
                "takes_effect_precision": e.takes_effect.precision if e.takes_effect else None,
                "channel": e.channel,
                "form": e.form,
                "notices": to_json(e.notices),
                "condition": e.condition,
                "reserved_right": e.reserved_right,
                "asserted_by": to_json(e.asserted_by) if e.asserted_by else None,
                "disputes": f"{aid}.{e.disputes}" if e.disputes else None,
                "preferred": int(e.preferred),
                "note": e.note,
            }
        )
    for p in agreement.provisions:
        pid = f"{aid}.{p.id}"
        data = {k: v for k, v in msgspec.structs.asdict(p).items() if k not in BASE_FIELDS}
        rows["provisions"].append(
            {
                "id": pid,
                "agreement_id": aid,
                "provision_id": p.id,
                "kind": type(p).__struct_config__.tag,
                "label": p.label,
                "summary": p.summary(),
                "basis": p.basis,
                "binds": to_json(p.binds),
                "asserted_by": p.asserted_by.name if p.asserted_by else None,
                "asserted_by_office": p.asserted_by.office if p.asserted_by else None,
                "asserted_by_party": p.asserted_by.party if p.asserted_by else None,
                "disputes": f"{aid}.{p.disputes}" if p.disputes else None,
                "note": p.note,
                "quotes": "",  # filled in below, with each quote's source
                "data": msgspec.json.encode(data).decode(),
                "record_json": msgspec.json.encode(p).decode(),
            }
        )
        if isinstance(p, IntermediaryRouting):
            for n, route in enumerate(p.routes):
                rows["provision_routes"].append(
                    {
                        "id": f"{pid}.route-{n + 1}",
                        "provision_id": pid,
                        "agreement_id": aid,
                        "n": n + 1,
                        "origin": route.origin,
                        "hub": p.hub,
                        "via": to_json(route.via),
                        "destination": route.destination,
                        "onward_approval_by": route.onward_approval_by,
                    }
                )
        if isinstance(p, Scope):
            rows["provision_subjects"] += [
                {"provision_id": pid, "subject_id": s, "agreement_id": aid} for s in p.subjects
            ]
    texts = [t for t, text in seeds.texts.items() if text.entry.agreement == aid]
    rows["text_ledger"] = [
        {
            "agreement_id": aid,
            "text_id": entry.text or texts[0],
            "unit_id": entry.unit,
            "provisions": to_json([f"{aid}.{p}" for p in entry.provisions]),
            "no_terms": entry.no_terms,
        }
        for entry in agreement.ledger
    ]
    citations = rows["citations"]
    citations += citation_rows(seeds, aid, "agreement", aid, Only(agreement.citations), "$")
    for field in ("kind", "level"):
        claim = getattr(agreement, field)
        if claim is not None:
            citations += citation_rows(seeds, aid, f"agreement_{field}", aid, claim, f"$.{field}")
    # Each list of the record, with the owner type and owner id (as the rows above name it) of its citations.
    owners: list[tuple[str, str, Callable[[int, Any], str]]] = [
        ("names", "agreement_name", lambda _, name: f"{aid}:{name.name}"),
        ("parties", "agreement_party", lambda _, party: f"{aid}:{party.party}"),
        ("signatories", "signatory", lambda n, _: f"{aid}.signatory-{n + 1}"),
        ("relations", "relation", lambda _, r: f"{aid}:{r.kind}:{r.agreement}"),
        ("events", "event", lambda _, e: f"{aid}.{e.id}"),
        ("provisions", "provision", lambda _, p: f"{aid}.{p.id}"),
    ]
    for field, owner_type, owner_id in owners:
        for n, item in enumerate(getattr(agreement, field)):
            citations += citation_rows(seeds, aid, owner_type, owner_id(n, item), item, f"$.{field}[{n}]")
    quoted: dict[str, list[str]] = {}
    for c in citations:
        if c["owner_type"] == "provision":
            quoted.setdefault(c["owner_id"], []).append(f'"{c["quote"]}" ({c["cited_as"]})')
    for row in rows["provisions"]:
        row["quotes"] = "\n".join(quoted.get(row["id"], []))
    return rows
