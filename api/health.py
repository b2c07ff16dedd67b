"""Liveness, and which build of the database is being served."""

from __future__ import annotations

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
    build = db.build
    return Health(
        status="ok",
        build_id=build.build_id,
        built_at=build.built_at,
        schema_version=build.schema_version,
        content_hash=build.content_hash,
        version=VERSION,
        counts=build.counts,
        partial=build.partial,
        missing_sources=build.missing_sources,
        left_out=build.left_out,
    )
