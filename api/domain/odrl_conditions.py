"""The terms of a transfer that ODRL rules cannot say, as profile metadata on each policy: the
classification-equivalence tables (and the constraint their levels make), and every other condition
of an exchange that the mapping does not turn into a rule (docs/odrl-profile.md, "Conditions")."""

from __future__ import annotations

from api.domain import terms
from api.domain.odrl_profile import Json, party_iri
from api.domain.odrl_terms import Terms
from schema.provisions import ClassificationEquivalence, LossNotification, Marking, ProvisionBase

RULE_KINDS = frozenset(
    {
        "third_country_transfer",
        "purpose_limitation",
        "need_to_know_access",
        "loss_notification",
        "scope",
        "classification_levels",
        "classification_equivalence",
    }
)
"""Transfer terms the mapping turns into rules, constraints or their own metadata; the other
transfer terms (terms.TRANSFER_KINDS) are listed as `pactstore:condition`."""


def equivalence_constraints(policy_terms: Terms, recipient: str, notes: list[str]) -> list[tuple[Json, ProvisionBase]]:
    """A `pactstore:classification isAnyOf` the English levels of every equivalence table agreed on
    a firm basis; a table only planned or reported becomes a note."""
    found: list[tuple[Json, ProvisionBase]] = []
    for table in policy_terms.provisions(ClassificationEquivalence, recipient):
        levels = [row.level for row in table.rows]
        if terms.is_firm(table.basis):
            constraint = policy_terms.constraint("pactstore:classification", "isAnyOf", levels, table)
            found.append((constraint, table))
        else:
            notes.append(
                f"{policy_terms.pid(table)}: a {table.basis} classification table ({', '.join(levels)}); "
                "not a constraint, as the basis is not agreed."
            )
    return found


def _marking(marking: Marking) -> Json:
    node: Json = {"pactstore:party": party_iri(marking.party), "pactstore:markingText": marking.marking}
    if marking.reading:
        node["pactstore:reading"] = marking.reading
    return node


def equivalence_nodes(policy_terms: Terms, recipient: str) -> list[Json]:
    """Every equivalence table binding `recipient`: per level, each party's marking in its own script."""
    tables = []
    for table in policy_terms.provisions(ClassificationEquivalence, recipient):
        rows = []
        for row in table.rows:
            node: Json = {"pactstore:level": row.level, "pactstore:marking": [_marking(m) for m in row.markings]}
            if row.protected_as:
                node["pactstore:protectedAs"] = [_marking(m) for m in row.protected_as]
            if row.inferred:
                node["pactstore:inferred"] = True
            if row.note:
                node["pactstore:note"] = row.note
            rows.append(node)
        out: Json = {"pactstore:provision": policy_terms.pid(table), "pactstore:basis": table.basis}
        out["pactstore:row"] = rows
        if table.highest_level:
            out["pactstore:highestLevel"] = table.highest_level
        if table.excluded_levels:
            out["pactstore:excludedLevel"] = list(table.excluded_levels)
        tables.append(out)
    return tables


def condition_nodes(policy_terms: Terms, recipient: str) -> list[Json]:
    """The transfer terms binding `recipient` that no rule states: kind, summary, provision, basis."""
    found = []
    for provision in policy_terms.provisions(ProvisionBase, recipient):
        kind = terms.kind_of(provision)
        if kind in terms.TRANSFER_KINDS and kind not in RULE_KINDS:
            found.append(
                {
                    "pactstore:provision": policy_terms.pid(provision),
                    "pactstore:basis": provision.basis,
                    "pactstore:kind": kind,
                    "pactstore:summary": provision.summary(),
                }
            )
    return found


def investigation(loss: LossNotification) -> Json:
    """What an `inform` duty adds for a loss: the recipient investigates and reports the results."""
    found: Json = {}
    if loss.investigation is not None:
        found["pactstore:investigation"] = loss.investigation
    if loss.report_results is not None:
        found["pactstore:reportResults"] = loss.report_results
    return found


def add_metadata(policy: Json, policy_terms: Terms, recipient: str) -> None:
    """Put the equivalence tables and the other conditions binding `recipient` on the policy."""
    tables = equivalence_nodes(policy_terms, recipient)
    if tables:
        policy["pactstore:classificationEquivalence"] = tables
    conditions = condition_nodes(policy_terms, recipient)
    if conditions:
        policy["pactstore:condition"] = conditions
