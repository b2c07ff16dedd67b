"""`make eval`: how well `pactstore propose` finds the terms of the records curated by hand.

For each text of the evaluation set, proposals are compared with the record (loaders/propose/compare.py):
a match is the same kind of term in the same language version and the same article (a unit inside the
record's cited unit, or the other way round, or another unit of the same article). Precision is the share
of proposed (kind, language, article) triples the record holds; recall the share of the record's triples
proposed. Figures are given per kind and per language, separately for the development texts (used while
writing the patterns: the three hand-curated for this evaluation, then the other records of library texts)
and the held-out texts (never used: the honest figures), with the time per text.

    .venv/bin/python bench/eval.py [--sources ../shared/sources] [--no-stemming]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaders.propose import propose  # noqa: E402
from loaders.propose.compare import Comparison, compare, read_record  # noqa: E402
from loaders.propose.parties import party_index  # noqa: E402

GROUPS: dict[str, list[tuple[str, str]]] = {
    "development (used while writing patterns)": [
        ("nato-1997-security-of-information", "nl-treaties/BWBV0001372.md"),
        ("esa-2002-classified-information", "nl-treaties/BWBV0001724.md"),
        ("nato-1960-secrecy-of-inventions", "nl-treaties/BWBV0005054.md"),
    ],
    "further development (the other records of library texts)": [
        ("fra-gbr-1998-european-air-group", "nl-treaties/BWBV0001463.md"),
        ("bra-nld-2011-defence-cooperation", "nl-treaties/BWBV0005623.md"),
        ("mar-nld-2013-military-cooperation", "nl-treaties/BWBV0006174.md"),
        ("jor-nld-2014-troop-deployment", "nl-treaties/BWBV0006403.md"),
        ("che-nld-2007-military-exercises", "nl-treaties/BWBV0001997.md"),
        ("deu-nld-2006-defence-cooperation", "nl-treaties/BWBV0001836.md"),
        ("deu-nld-1997-german-netherlands-corps", "nl-treaties/BWBV0001318.md"),
        ("eurogendfor-2007", "nl-treaties/BWBV0005856.md"),
    ],
    # Records curated by others after the tables were written (the Dutch-US batch); BWBV0005109 of that batch
    # is left out: its signing clause was read while writing the signing patterns.
    "unseen records (curated by others, never used while writing patterns)": [
        ("nld-usa-1954-offshore-procurement", "nl-treaties/BWBV0005245.md"),
        ("nld-usa-1955-patents-and-technical-information", "nl-treaties/BWBV0005299.md"),
        ("nld-usa-1959-classified-patent-applications", "nl-treaties/BWBV0005280.md"),
        ("nld-usa-1978-defence-equipment-mou", "nl-treaties/BWBV0003739.md"),
    ],
    "held out (never used while writing patterns)": [
        ("eu-2011-classified-information", "nl-treaties/BWBV0005395.md"),
        ("deu-nld-1961-secrecy-of-inventions", "nl-treaties/BWBV0004252.md"),
        ("nato-1964-atomic-information", "nl-treaties/BWBV0004382.md"),
    ],
}


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def _table(title: str, rows: dict[str, list[int]]) -> list[str]:
    """rows: name -> [matched proposals, proposals, matched record terms, record terms]."""
    lines = [f"| {title} | precision | recall | proposed | in records |", "| --- | --- | --- | --- | --- |"]
    for name, (hit_p, proposed, hit_r, recorded) in sorted(rows.items()):
        lines.append(f"| {name} | {_ratio(hit_p, proposed)} | {_ratio(hit_r, recorded)} | {proposed} | {recorded} |")
    return lines


def _add(rows: dict[str, list[int]], name: str, comparison: Comparison, keep: callable) -> None:  # type: ignore[valid-type]
    proposed = [i for i in comparison.proposed if keep(i)]
    recorded = [i for i in comparison.recorded if keep(i)]
    row = rows[name]
    row[0] += sum(1 for i in proposed if i in comparison.recorded)
    row[1] += len(proposed)
    row[2] += sum(1 for i in recorded if i in comparison.proposed)
    row[3] += len(recorded)


def evaluate(group: str, texts: list[tuple[str, str]], sources: Path, stemming: bool) -> list[str]:
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    by_language: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    overall: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    parties: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    times, signing = [], []
    for record_id, library_path in texts:
        path = sources / library_path
        began = time.perf_counter()
        proposal = propose(path, seeds_dir=ROOT / "seeds", stemming=stemming)
        times.append((record_id, time.perf_counter() - began))
        comparison = compare(proposal, read_record(ROOT / "seeds" / "agreements" / f"{record_id}.yaml"), record_id)
        for kind in {i[0] for i in [*comparison.proposed, *comparison.recorded]}:
            _add(by_kind, kind, comparison, lambda i, k=kind: i[0] == k)
        for language in {i[1] for i in [*comparison.proposed, *comparison.recorded]}:
            _add(by_language, language, comparison, lambda i, lang=language: i[1] == lang)
        _add(overall, "all kinds", comparison, lambda _i: True)
        hits = len(comparison.parties_proposed & comparison.parties_recorded)
        row = parties["parties (by id)"]
        row[0] += hits
        row[1] += len(comparison.parties_proposed)
        row[2] += hits
        row[3] += len(comparison.parties_recorded)
        date_ok = comparison.signing_proposed[0] == comparison.signing_recorded[0]
        place_ok = comparison.signing_proposed[1] == comparison.signing_recorded[1]
        signing.append(
            f"{record_id}: date {'right' if date_ok else 'wrong or missing'}, place "
            f"{'right' if place_ok else 'wrong or missing'}"
        )
    lines = [f"### {group}", "", *_table("overall", overall), "", *_table("kind", by_kind), ""]
    lines += [*_table("language", by_language), "", *_table("identity", parties), ""]
    lines += [f"- signing, {s}" for s in signing]
    lines += [f"- time, {record_id}: {seconds:.2f} s" for record_id, seconds in times]
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "sources")
    parser.add_argument("--no-stemming", dest="stemming", action="store_false", help="Match <word> tokens literally.")
    args = parser.parse_args()
    if not (args.sources / "nl-treaties").is_dir():
        sys.exit(f"the source library is not at {args.sources} (pass --sources DIR)")
    began = time.perf_counter()
    party_index((ROOT / "seeds" / "parties.yaml").resolve())
    print(
        f"Evaluation of `pactstore propose` (stemming {'on' if args.stemming else 'off'}); party index built in "
        f"{time.perf_counter() - began:.2f} s, once per run.\n"
    )
    for group, texts in GROUPS.items():
        print("\n".join(evaluate(group, texts, args.sources, args.stemming)))


if __name__ == "__main__":
    main()
