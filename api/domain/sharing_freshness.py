"""How far the store's evidence reaches for a sharing answer: the agreements its channels rest on
(every hop's), or those looked at when there is no channel, and a sentence for each whose latest
fact is older than the date asked about."""

from __future__ import annotations

import msgspec

from api.domain.freshness import evidence_out, freshness
from api.domain.sharing_answer import SharingAnswer
from api.domain.sharing_world import World


def _rested_on(answer: SharingAnswer) -> list[str]:
    if answer.channels:
        ids = [c.agreement.id for c in answer.channels] + [h.under.id for c in answer.channels for h in c.hops]
    else:
        ids = [c.agreement.id for c in answer.considered]
    return list(dict.fromkeys(ids))


def with_freshness(world: World, answer: SharingAnswer) -> SharingAnswer:
    """`answer` with `evidence_until` (the earliest latest fact among the agreements it rests on) and
    a freshness sentence for each of them whose evidence ends before the date."""
    results = [(world.agreements[i], world.rule(world.agreements[i], answer.on)) for i in _rested_on(answer)]
    dated = [r.evidence_until for _, r in results if r.evidence_until is not None]
    earliest = min(dated, key=lambda e: e.latest, default=None)
    sentences = [freshness(r.evidence_until, answer.on, a.short_name) for a, r in results]
    return msgspec.structs.replace(
        answer, evidence_until=evidence_out(earliest), freshness=[s for s in sentences if s is not None]
    )
