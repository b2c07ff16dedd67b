"""Provisions across agreements, one agreement's provisions, and one provision by id. Lists send
the answers the build stored (api/domain/build.py), as they are."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from api.domain import records
from api.domain.agreements import require
from api.domain.errors import NotFound
from api.domain.models import ProvisionOut
from api.domain.party_codes import party_agreements, require_agreements, resolve_parties
from api.domain.query import Database, Where, page
from schema.provisions import Basis, ProvisionKind


class ProvisionFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a list of provisions may be narrowed to; several values of one filter mean any of them."""

    kind: Sequence[ProvisionKind] | None = None
    party: Sequence[str] | None = None
    agreement: Sequence[str] | None = None
    basis: Sequence[Basis] | None = None


def list_provisions(db: Database, filters: ProvisionFilters, limit: int, offset: int) -> tuple[list[msgspec.Raw], int]:
    """A page of provisions across agreements (each as the build stored it), and how many match."""
    parties = resolve_parties(db, filters.party)
    require_agreements(db, filters.agreement)
    where = Where().any_of("kind", filters.kind)
    if parties:
        where.condition(f"agreement_id in ({party_agreements(parties)})", *parties, *parties)
    where.any_of("agreement_id", filters.agreement).any_of("basis", filters.basis)
    rows, total = page(
        db, "provisions", where, order_by="agreement_id, rowid", limit=limit, offset=offset, columns="id"
    )
    return records.stored_provisions(db, rows), total


def agreement_provisions(
    db: Database, agreement_id: str, kind: Sequence[ProvisionKind] | None, limit: int, offset: int
) -> tuple[list[msgspec.Raw], int]:
    """A page of one agreement's provisions, optionally of some kinds."""
    require(db, agreement_id)
    where = Where().equal("agreement_id", agreement_id).any_of("kind", kind)
    rows, total = page(db, "provisions", where, order_by="rowid", limit=limit, offset=offset, columns="id")
    return records.stored_provisions(db, rows), total


def provision(db: Database, provision_id: str) -> ProvisionOut:
    """One provision as the build stored it."""
    rows = db.rows("select id from provisions where id = ?", (provision_id,))
    if not rows:
        raise NotFound(
            "provision", provision_id, "Provision ids look like `jpn-kor-gsomia-2016.no-third-country-transfer`."
        )
    return records.stored_provision_answers(db, rows)[0]
