"""`pactstore propose`: read an official text and propose a draft record for a curator to review.

`propose(path)` runs the text loader, then reads every language version it has a table for
(`languages/<code>.toml`): the parties its preamble names, the date and place of signature, and a
typed provision for every statement of a kind the schema knows, each pinned to its unit with a
verbatim quote, a confidence and the rule that fired. `render_draft` writes it as a draft record
(`review: proposed` marks and TODOs, which the build refuses), `compare` checks it against a record.
How it works, the rules and the figures: docs/extraction.md.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import msgspec
import yaml

from loaders.official_text import split_official_text
from loaders.propose.equivalence import read_tables
from loaders.propose.fields import ResolveParty
from loaders.propose.model import InstrumentProposal, PartyProposal, Proposal, ProvisionProposal, Quote, TextProposal
from loaders.propose.parties import PartyIndex, find_parties, party_index
from loaders.propose.reading import Cut, quote_of, read_version, scanned_units
from loaders.propose.signing import read_signing, signed
from loaders.propose.tables import available_languages, load_language
from loaders.quotes import NormalisedText
from loaders.yamlfile import SAFE_LOADER
from schema.texts import OfficialText

__all__ = ["Proposal", "propose"]


def _manifest_entry(seeds_dir: Path, sha256: str) -> tuple[str | None, str | None]:
    """(text id, agreement id) of the seeds/texts.yaml entry for the file with this sha256, if any."""
    path = seeds_dir / "texts.yaml"
    if not path.is_file():
        return None, None
    # libyaml where it is built in: the pure-Python loader takes most of a second on seeds/texts.yaml.
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
    for entry in data.get("texts", []):
        if entry.get("sha256") == sha256:
            return entry.get("id"), entry.get("agreement")
    return None, None


def _resolver(index: PartyIndex) -> ResolveParty:
    def resolve(name: str, _language: str) -> str | None:
        words = name.split()
        # "United States of America which ..." -> the longest leading words that name a party.
        for end in range(len(words), 0, -1):
            known = index.resolve(" ".join(words[:end]))
            if known is not None:
                return known.party
        return None

    return resolve


def _party_in(index: PartyIndex, text: str) -> str | None:
    """The party a table's header cell speaks of ("The Netherlands Classification" -> nld)."""
    for match in index.matcher.finditer(text):
        known = index.resolve(match.group())
        if known is not None:
            return known.party
    return None


def _self_reference(versions: list[tuple[OfficialText, NormalisedText]]) -> Quote | None:
    """The first words by which the main instrument names itself, preferring the English version."""
    ordered = sorted(versions, key=lambda v: (not v[0].main, v[0].language != "en"))
    for version, normalised in ordered:
        if version.language not in available_languages():
            continue
        pattern = load_language(version.language).self_reference
        import re

        for unit in scanned_units(version):
            if unit.kind == "preamble":
                continue
            match = re.search(pattern, unit.text)
            if match:
                cut = Cut(match.group(), unit.clean_start + match.start(), unit.clean_start + match.end())
                quote = quote_of(version, normalised, cut)
                if quote is not None:
                    return quote
    return None


def _with_depositary(parties: list[PartyProposal], provisions: list[ProvisionProposal]) -> list[PartyProposal]:
    """The depositary a term names gets the role (a party of the text, or a party of its own)."""
    result = list(parties)
    for provision in provisions:
        depositary = provision.fields.get("depositary") or provision.fields.get("deposit_with")
        if not isinstance(depositary, str):
            continue
        citation = provision.citation()
        for index, party in enumerate(result):
            if party.party == depositary:
                roles = party.roles if "depositary" in party.roles else [*party.roles, "depositary"]
                citations = party.citations
                if all(c.unit != citation.unit or c.language != citation.language for c in citations):
                    citations = [*citations, citation]
                result[index] = msgspec.structs.replace(party, roles=roles, citations=citations)
                break
        else:
            result.append(
                PartyProposal(
                    name=depositary,
                    party=depositary,
                    roles=["depositary"],
                    citations=[citation],
                    confidence=provision.confidence,
                    rule=provision.rule,
                )
            )
    return result


def propose(
    path: Path, *, language: str | None = None, seeds_dir: Path = Path("seeds"), stemming: bool = True
) -> Proposal:
    """Read the official text at `path` and propose its record (every language with a table, or only
    `language`)."""
    began = time.perf_counter()
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    versions = split_official_text(data.decode("utf-8"))
    if language is not None:
        present = sorted({v.language for v in versions})
        if language not in available_languages():
            raise ValueError(f"no table for {language!r}: propose reads {', '.join(available_languages())}")
        if language not in present:
            raise ValueError(f"the text has no {language!r} version: it has {', '.join(present)}")
    text_id, agreement_id = _manifest_entry(seeds_dir, sha256)
    index = party_index((seeds_dir / "parties.yaml").resolve())
    resolve = _resolver(index)
    read = [
        (v, NormalisedText(v.clean))
        for v in versions
        if v.language in available_languages() and (language is None or v.language == language)
    ]
    instruments: dict[str, InstrumentProposal] = {}
    for version in versions:
        held = instruments.get(version.instrument)
        languages = [*(held.languages if held else []), version.language]
        titles = {**(held.titles if held else {}), **({version.language: version.title} if version.title else {})}
        instruments[version.instrument] = InstrumentProposal(
            id=version.instrument,
            kind=version.instrument_kind,
            languages=languages,
            titles=titles,
            provisions=held.provisions if held else [],
        )
    for version, normalised in read:
        found = list(
            read_version(
                version, load_language(version.language), resolve=resolve, stemming=stemming, normalised=normalised
            )
        )
        found += read_tables(version, normalised, lambda cell: _party_in(index, cell))
        held = instruments[version.instrument]
        instruments[version.instrument] = msgspec.structs.replace(held, provisions=[*held.provisions, *found])
    preambles = []
    for version, normalised in read:
        if not version.main:
            continue
        units = scanned_units(version)
        first = next((u for u in units if u.kind == "preamble"), units[0] if units else None)
        if first is not None:
            preambles.append((version, normalised, first))
    patterns = {code: load_language(code).parties for code in {v.language for v, _ in read}}
    parties = find_parties(index, preambles, patterns)
    provisions = [p for i in instruments.values() for p in i.provisions]
    readings = [read_signing(v, load_language(v.language), n) for v, n in read if v.main]
    return Proposal(
        text=TextProposal(
            path=str(path),
            sha256=sha256,
            library=f"{path.parent.name}/{path.name}" if path.parent.name else None,
            text_id=text_id,
            agreement_id=agreement_id,
        ),
        instruments=list(instruments.values()),
        parties=_with_depositary(parties, provisions),
        signed=signed(readings),
        kind_citation=_self_reference(read),
        seconds=round(time.perf_counter() - began, 3),
    )
