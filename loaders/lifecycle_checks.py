"""Checks on an agreement's lifecycle that the schema alone cannot express: notices acted on are
notices, contested claims have exactly one preferred claim, planned steps carry no outcome, and
inferred rows of an equivalence table say why."""

from __future__ import annotations

from collections.abc import Iterator

from loaders.errors import SeedError
from loaders.yamlfile import YamlDocument
from schema.agreements import Agreement, Event
from schema.base import dispute_groups
from schema.provisions import ClassificationEquivalence

_ACTS_ON = {
    "notice_suspended": {"termination_notice"},
    "notice_withdrawn": {"termination_notice", "notice_suspended"},
}
_TAKES_EFFECT = {"termination_notice", "withdrawal", "termination", "entry_into_force"}


def _claim_sets(events: list[Event]) -> list[set[str]]:
    """Groups of events linked by `disputes`, each group one contested step."""
    return [set(group) for group in dispute_groups({e.id: e.disputes for e in events})]


def check_lifecycle(doc: YamlDocument, agreement: Agreement) -> Iterator[SeedError]:
    by_id = {e.id: e for e in agreement.events}
    index = {e.id: i for i, e in enumerate(agreement.events)}
    for i, event in enumerate(agreement.events):
        path = f"$.events[{i}]"
        if event.kind in _ACTS_ON:
            if not event.notices:
                yield doc.error(f"{path}.notices", f"a {event.kind} names the notices it acts on")
            for j, notice in enumerate(event.notices):
                target = by_id.get(notice)
                if target is not None and target.kind not in _ACTS_ON[event.kind]:
                    allowed = " or ".join(sorted(_ACTS_ON[event.kind]))
                    yield doc.error(f"{path}.notices[{j}]", f"{notice!r} is a {target.kind}, not a {allowed}")
        elif event.notices:
            yield doc.error(f"{path}.notices", "only notice_suspended and notice_withdrawn act on notices")
        if event.condition and event.kind != "notice_suspended":
            yield doc.error(f"{path}.condition", "a condition belongs to a notice_suspended event")
        if event.takes_effect is not None and event.kind not in _TAKES_EFFECT:
            yield doc.error(f"{path}.takes_effect", f"a {event.kind} does not take effect later; give `when` only")
        if event.disputes == event.id:
            yield doc.error(f"{path}.disputes", "a claim cannot dispute itself")
    for group in _claim_sets(agreement.events):
        preferred = sorted(e for e in group if by_id[e].preferred)
        first = min(group, key=index.__getitem__)
        if len(preferred) != 1:
            found = f"{len(preferred)} are ({', '.join(preferred)})" if preferred else "none is"
            yield doc.error(
                f"$.events[{index[first]}].preferred",
                f"the claims {', '.join(sorted(group))} dispute each other: mark exactly one `preferred: true` "
                f"(the one the status follows); {found}",
            )
    for event in agreement.events:
        if event.preferred and not any(event.id in g for g in _claim_sets(agreement.events)):
            yield doc.error(
                f"$.events[{index[event.id]}].preferred", "`preferred` marks one of several disputing claims"
            )
    for i, provision in enumerate(agreement.provisions):
        if isinstance(provision, ClassificationEquivalence):
            for r, row in enumerate(provision.rows):
                if row.inferred and (not row.note or not row.citations):
                    yield doc.error(
                        f"$.provisions[{i}].rows[{r}]",
                        "an inferred row needs a `note` saying why and `citations` to the nearest statement",
                    )
