"""The comparison route: two agreements' terms side by side, kind by kind (api/domain/compare.py)."""

from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.domain.compare import Comparison, compare
from api.domain.status import today
from api.listing import api_get
from api.params import OnDate
from api.store import Snapshot
from schema.base import SLUG

CompareId = Annotated[
    str, QueryParameter(pattern=SLUG, max_length=64, description="An agreement id (`jpn-kor-gsomia-2016`).")
]


@api_get("/compare", "compareAgreements", "Compare two agreements' terms")
def compare_agreements(db: NamedDependency[Snapshot], a: CompareId, b: CompareId, on: OnDate = None) -> Comparison:
    """Agreements `a` and `b` side by side: their status on `on` (today by default) and their typed terms kind by
    kind. A kind is `only_a`, `only_b` or `both`; for a kind both have, every typed field (and the basis) is compared
    as the set of values each side's provisions give, and `differs` says whether the kind differs at all. The
    provisions themselves come with their sources. An id that names no agreement is a 400 naming `a` or `b`."""
    return compare(db, a, b, on or today())
