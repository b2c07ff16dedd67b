"""A proposal against a curated record: what the text states that the record lacks, and what the record
holds that the proposal does not find in the text; `pactstore propose --against` and `make eval` use it.

A match is the same kind of term, in the same language version, in the same article: a proposal citing
`art_2__para_4` matches a record citing `art_2` or `art_2__para_1` (an article's units count as the article;
for a further instrument, a unit below its root: `note_1__para_2`). Each (kind, language, article) counts
once however many quotes cite it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from loaders.propose.grouping import article_of
from loaders.propose.model import Proposal
from loaders.review import unreviewed
from loaders.yamlfile import convert, read_yaml
from schema.agreements import Agreement
from schema.base import Citation

Item = tuple[str, str, str]
"""(kind, language, article)."""


def read_record(path: Path) -> Agreement:
    """The record in `path`, decoded strictly; ValueError (each problem with its line) if it is none,
    or still a draft: a comparison is with a reviewed record, as the build would take it."""
    doc, errors = read_yaml(path, path.name)
    if doc is not None and not errors:
        errors = unreviewed(doc)
    record, more = convert(doc, Agreement) if doc is not None and not errors else (None, [])
    if record is None:
        problems = [f"line {e.line}: {e.message}" if e.line else e.message for e in [*errors, *more]]
        raise ValueError(f"{path} is no record to compare with: " + ("; ".join(problems[:5]) or "it is empty"))
    return record


def _text_id(record: Agreement, proposal: Proposal) -> str | None:
    if proposal.text.text_id:
        return proposal.text.text_id
    docs = Counter(c.doc for p in record.provisions for c in p.citations)
    return docs.most_common(1)[0][0] if docs else None


def record_items(record: Agreement, proposal: Proposal) -> dict[Item, list[str]]:
    """The record's terms as (kind, language, article) -> the units its citations name there."""
    text_id = _text_id(record, proposal)
    instruments = {i.id for i in proposal.instruments}
    languages = list(dict.fromkeys(lang for i in proposal.instruments for lang in i.languages))
    items: dict[Item, list[str]] = {}
    for provision in record.provisions:
        kind = str(type(provision).__struct_config__.tag)
        for citation in provision.citations:
            if not isinstance(citation, Citation) or citation.doc != text_id or citation.unit is None:
                continue
            language = citation.language or (languages[0] if len(languages) == 1 else "")
            key = (kind, language, article_of(citation.unit, instruments))
            items.setdefault(key, []).append(citation.unit)
    return items


def proposal_items(proposal: Proposal) -> dict[Item, list[str]]:
    instruments = {i.id for i in proposal.instruments}
    items: dict[Item, list[str]] = {}
    for provision in proposal.provisions():
        key = (provision.kind, provision.language, article_of(provision.unit, instruments))
        items.setdefault(key, []).append(provision.unit)
    return items


@dataclass
class Comparison:
    record: str
    proposed: dict[Item, list[str]]
    recorded: dict[Item, list[str]]
    parties_proposed: set[str] = field(default_factory=set)
    parties_recorded: set[str] = field(default_factory=set)
    signing_proposed: tuple[str | None, str | None] = (None, None)
    signing_recorded: tuple[str | None, str | None] = (None, None)

    @property
    def matched(self) -> set[Item]:
        return set(self.proposed) & set(self.recorded)

    @property
    def only_in_text(self) -> list[Item]:
        """Proposed from the text, absent from the record."""
        return sorted(set(self.proposed) - set(self.recorded))

    @property
    def only_in_record(self) -> list[Item]:
        """In the record, not found in the text by any rule."""
        return sorted(set(self.recorded) - set(self.proposed))

    def report(self) -> str:
        lines = [
            f"Against {self.record}: {len(self.matched)} terms (kind, language, article) in both, "
            f"{len(self.only_in_text)} the text states that the record lacks, "
            f"{len(self.only_in_record)} the record holds that no rule found in the text."
        ]
        lines.append("The text states, the record lacks:")
        lines += [
            f"  {k:38} {lang:3} {a:18} ({', '.join(self.proposed[(k, lang, a)])})" for k, lang, a in self.only_in_text
        ]
        lines.append("The record holds, the text does not support (no rule found it):")
        lines += [
            f"  {k:38} {lang:3} {a:18} ({', '.join(self.recorded[(k, lang, a)])})" for k, lang, a in self.only_in_record
        ]
        extra, missing = self.parties_proposed - self.parties_recorded, self.parties_recorded - self.parties_proposed
        lines.append(
            f"Parties: proposed but not in the record {sorted(extra)}; in the record, not proposed {sorted(missing)}."
        )
        if self.signing_proposed != self.signing_recorded:
            lines.append(f"Signing: proposed {self.signing_proposed}, recorded {self.signing_recorded}.")
        return "\n".join(lines)


def compare(proposal: Proposal, record: Agreement, name: str) -> Comparison:
    signing = next((e for e in record.events if e.kind == "signing"), None)
    return Comparison(
        record=name,
        proposed=proposal_items(proposal),
        recorded=record_items(record, proposal),
        parties_proposed={p.party for p in proposal.parties if p.party},
        parties_recorded={p.party for p in record.parties},
        signing_proposed=(proposal.signed.date, proposal.signed.place),
        signing_recorded=(
            signing.when.date.isoformat() if signing and signing.when else None,
            signing.place if signing else None,
        ),
    )


def compare_with_record(proposal: Proposal, path: Path) -> Comparison:
    return compare(proposal, read_record(path), str(path))
