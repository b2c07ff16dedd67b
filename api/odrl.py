"""The ODRL route: an agreement's terms as ODRL 2.2 policies in JSON-LD (api/domain/odrl.py)."""

from __future__ import annotations

from typing import Any

from litestar.di import NamedDependency

from api.agreements import AgreementId
from api.domain.odrl import odrl_document
from api.domain.odrl_profile import MEDIA_TYPE
from api.domain.status import today
from api.listing import api_get
from api.params import OnDate
from api.store import Snapshot


@api_get(
    "/agreements/{agreement_id:str}/odrl",
    "getAgreementOdrl",
    "An agreement's terms as ODRL policies",
    media_type=MEDIA_TYPE,
)
def agreement_odrl(db: NamedDependency[Snapshot], agreement_id: AgreementId, on: OnDate = None) -> dict[str, Any]:
    """The agreement's typed terms as W3C ODRL 2.2 policies in JSON-LD (`application/ld+json`): one `Agreement` policy
    per direction of exchange (per leg, for information routed through a hub), with explicit prohibitions, consent
    duties and notification obligations. The `@context` is the W3C ODRL context and the pactstore profile's context,
    inline (also served at /static/pactstore/odrl/pactstore-odrl.jsonld; a copy of the ODRL context is at
    /static/pactstore/odrl/odrl.jsonld). Binding-status claims, provision ids, each rule's basis and the agreement's
    status on `on` (today by default) are profile metadata. The profile is documented in docs/odrl-profile.md."""
    return odrl_document(db, agreement_id, on or today())
