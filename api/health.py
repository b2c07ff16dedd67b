"""Liveness, and which build of the database is being served."""

from __future__ import annotations

from litestar import get
from litestar.di import NamedDependency

from api.models import Health
from api.store import Snapshot


@get(
    "/api/v1/health",
    operation_id="getHealth",
    summary="Health and build",
    description="Answers 200 while the service can read its database, with the build id, build time, schema "
    "version and row counts of the database it serves.",
    tags=["service"],
    sync_to_thread=False,
)
def health(db: NamedDependency[Snapshot]) -> Health:
    db.value("select 1")
    build = db.build
    return Health(
        status="ok",
        build_id=build.build_id,
        built_at=build.built_at,
        schema_version=build.schema_version,
        content_hash=build.content_hash,
        version=build.pactstore_version,
        counts=build.counts,
    )
