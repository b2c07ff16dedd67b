"""The pactstore ODRL profile: its namespace, JSON-LD contexts and the IRIs of what policies name
(docs/odrl-profile.md). The policies themselves are built in api/domain/odrl.py."""

from __future__ import annotations

import functools
import json
from typing import Any

from api.settings import STATIC as SETTINGS_STATIC

MEDIA_TYPE = "application/ld+json"
ODRL_CONTEXT = "http://www.w3.org/ns/odrl.jsonld"
"""The W3C ODRL 2.2 context; a verbatim copy ships as api/static/odrl/odrl.jsonld (see its README)."""
PROFILE = "urn:pactstore:odrl-profile"
NAMESPACE = "urn:pactstore:odrl:"
STATIC = SETTINGS_STATIC / "odrl"
PROFILE_CONTEXT_FILE = STATIC / "pactstore-odrl.jsonld"
PROFILE_CONTEXT_PATH = "/static/pactstore/odrl/pactstore-odrl.jsonld"
ODRL_CONTEXT_COPY_PATH = "/static/pactstore/odrl/odrl.jsonld"

Json = dict[str, Any]


@functools.cache
def profile_context() -> Json:
    """The profile's JSON-LD context object (the `@context` of pactstore-odrl.jsonld)."""
    found: Json = json.loads(PROFILE_CONTEXT_FILE.read_text())["@context"]
    return found


def context() -> list[Any]:
    """The `@context` of every answer: the W3C ODRL context and the profile's, inline."""
    return [ODRL_CONTEXT, profile_context()]


# IRIs ---------------------------------------------------------------------------------------------


def party_iri(party_id: str) -> str:
    """A party."""
    return f"urn:pactstore:party:{party_id}"


def agreement_iri(agreement_id: str) -> str:
    """An agreement."""
    return f"urn:pactstore:agreement:{agreement_id}"


def provision_iri(agreement_id: str, provision_id: str) -> str:
    """A provision of an agreement."""
    return f"urn:pactstore:provision:{agreement_id}.{provision_id}"


def asset_iri(agreement_id: str, originator: str) -> str:
    """The information `originator` provides under the agreement."""
    return f"urn:pactstore:asset:{agreement_id}:{originator}"


def policy_iri(agreement_id: str, sender: str, receiver: str) -> str:
    """The policy for what `sender` passes to `receiver` under the agreement."""
    return f"urn:pactstore:policy:{agreement_id}:{sender}-to-{receiver}"


def subject_iri(subject_id: str) -> str:
    """A subject of shared information."""
    return f"urn:pactstore:subject:{subject_id}"
