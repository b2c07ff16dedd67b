"""Provisions across agreements, one agreement's provisions, and one provision by id. Lists send
the answers the build stored (api/domain/build.py), as they are."""

from __future__ import annotations

import msgspec

from api.domain import records
from api.domain.agreements import require, require_agreement, require_party
from api.domain.errors import NotFound
from api.domain.models import ProvisionOut
from api.domain.query import Database, Where, page
from schema.provisions import Basis, ProvisionKind


class ProvisionFilters(msgspec.Struct, frozen=True, kw_only=True):
    """What a list of provisions may be narrowed to."""

    kind: ProvisionKind | None = None
    party: str | None = None
    agreement: str | None = None
    basis: Basis | None = None


def list_provisions(db: Database, filters: ProvisionFilters, limit: int, offset: int) -> tuple[list[msgspec.Raw], int]:
    """A page of provisions across agreements (each as the build stored it), and how many match."""
    require_party(db, filters.party)
    require_agreement(db, filters.agreement)
    where = Where().equal("kind", filters.kind)
    if filters.party:
        where.condition(f"agreement_id in ({records.PARTY_AGREEMENTS})", filters.party, filters.party)
    where.equal("agreement_id", filters.agreement).equal("basis", filters.basis)
    rows, total = page(db, "provisions", where, order_by="agreement_id, rowid", limit=limit, offset=offset)
    return records.stored_provisions(db, rows), total


def agreement_provisions(
    db: Database, agreement_id: str, kind: ProvisionKind | None, limit: int, offset: int
) -> tuple[list[msgspec.Raw], int]:
    """A page of one agreement's provisions, optionally of one kind."""
    require(db, agreement_id)
    where = Where().equal("agreement_id", agreement_id).equal("kind", kind)
    rows, total = page(db, "provisions", where, order_by="rowid", limit=limit, offset=offset)
    return records.stored_provisions(db, rows), total


def provision(db: Database, provision_id: str) -> ProvisionOut:
    """One provision as the build stored it."""
    rows = db.rows("select id from provisions where id = ?", (provision_id,))
    if not rows:
        raise NotFound(
            "provision", provision_id, "Provision ids look like `jpn-kor-gsomia-2016.no-third-country-transfer`."
        )
    return records.stored_provision_answers(db, rows)[0]
