"""Liveness, and which build of the database is being served."""

from __future__ import annotations

import msgspec
from litestar.di import NamedDependency

from api.domain.models import Health
from api.listing import api_get
from api.settings import VERSION
from api.store import Snapshot


@api_get("/health", "getHealth", "Health and build")
def health(db: NamedDependency[Snapshot]) -> Health:
    """Answers 200 while the service can read its database, with the build id, build time, schema version and row
    counts of the database it serves; `partial` says whether the build lacked sources, and which records it left
    out for want of them."""
    db.value("select 1")
    # the build's own fields, with the service's status and version (the code serving it, not the one that built it)
    return msgspec.convert({**msgspec.structs.asdict(db.build), "status": "ok", "version": VERSION}, Health)
