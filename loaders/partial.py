"""A build without some sources: leave out every whole record that needs one.

When a library file is missing (no `--sources`, or a library without it), the records that cite it
are left out whole, never just the facts that cite it: an agreement missing its termination would be
wrong, not partial. Leaving a record out can leave others without what they refer to (a relation to
an agreement left out, a party whose facts cite a missing source, an official text of an agreement
left out), so this runs to a fixed point. What is left out is listed, with the reason, for the build's
report, `build_info`, `/api/v1/health` and the landing page.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import msgspec

from loaders.seeds_model import LeftOut, MissingSource, Seeds
from loaders.walk import walk
from schema.base import Citation


def _needs(record: msgspec.Struct) -> Iterator[tuple[str, str]]:
    """(target, id) of everything a record cites or refers to."""
    for _path, value, target in walk(record):
        if target is not None:
            yield target, value
        elif isinstance(value, Citation):
            yield "document", value.doc


def leave_out_incomplete(seeds: Seeds) -> None:
    """Drop from `seeds` every record that needs a missing source or a record dropped before it."""
    gone: dict[str, dict[str, str]] = {"document": {}, "party": {}, "agreement": {}}
    for missing in seeds.missing_sources.values():
        gone["document"][missing.id] = f"the source {missing.id} ({missing.location}) is missing"

    def reason(record: msgspec.Struct) -> str | None:
        for target, value in _needs(record):
            if value in gone.get(target, {}):
                if value in seeds.missing_sources:
                    return f"cites the missing source {value} ({seeds.missing_sources[value].location})"
                return f"refers to {target} {value}, which is left out"
        return None

    def leave_out(target: str, kind: str, record_id: str, file: str, because: str) -> None:
        gone[target][record_id] = because
        seeds.left_out.append(LeftOut(kind=kind, id=record_id, file=file, because=because))

    changed = True
    while changed:
        changed = False
        for party_id, party in list(seeds.parties.items()):
            if why := reason(party):
                del seeds.parties[party_id]
                leave_out("party", "party", party_id, "parties.yaml", why)
                changed = True
        for agreement_id, agreement in list(seeds.agreements.items()):
            if why := reason(agreement):
                del seeds.agreements[agreement_id]
                leave_out("agreement", "agreement", agreement_id, seeds.agreement_files.pop(agreement_id), why)
                changed = True
        for text_id, text in list(seeds.texts.items()):
            if text.entry.agreement in gone["agreement"]:
                # Not an error, and not a missing source: the text is there, its record is not.
                del seeds.texts[text_id]
                leave_out(
                    "document", "text", text_id, "texts.yaml", f"its agreement {text.entry.agreement} is left out"
                )
                changed = True


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'} {'is' if n == 1 else 'are'}"


def partial_report(missing: Sequence[MissingSource], left_out: Sequence[LeftOut]) -> str:
    """What a build without some sources lacks: each missing source (with its URL) and each record left out."""
    lines = [f"Partial build: {_count(len(missing), 'source')} missing, so {_count(len(left_out), 'record')} left out."]
    lines += ["Missing sources:"] + [f"  {m.id}  {m.location}  {m.url or '(no URL recorded)'}" for m in missing]
    lines += ["Left out:"] + [f"  {r.kind} {r.id} ({r.file}): {r.because}" for r in left_out]
    lines.append("Pass the library with --sources DIR (e.g. --sources ../shared/sources) for a complete build.")
    return "\n".join(lines)
