"""GET /api/v1/agreements/{id}/odrl: the agreement's terms as ODRL 2.2 policies in JSON-LD.

Checked against the real app and seed database, and as JSON-LD: every answer is expanded with
pyld against the shipped copy of the W3C ODRL context (a document loader that fetches nothing),
must drop no key, must use only absolute IRIs, and must survive compaction back unchanged.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import msgspec
import pytest
import sqlite_utils
from litestar import Litestar
from pyld import jsonld

from api.domain import odrl, odrl_profile
from api.odrl import agreement_odrl
from schema.agreements import Agreement
from schema.provisions import ClassificationLevels, IntermediaryRouting, LossNotification, Route, ThirdCountryTransfer
from tests.conftest import ROOT, problem

ODRL = "http://www.w3.org/ns/odrl/2/"
NS = "urn:pactstore:odrl:"
SHIPPED_ODRL = ROOT / "api" / "static" / "odrl" / "odrl.jsonld"
SHIPPED_ODRL_SHA256 = "88e7f9f9048f7c4997ecdd09dd82f864f92eb267ef3d4297dd7db971132583c1"
"""Recorded in api/static/odrl/README.md: the copy must stay byte for byte as fetched."""
GSOMIA, TISA, NATO = "jpn-kor-gsomia-2016", "jpn-kor-usa-tisa-2014", "nato-1997-security-of-information"
ROUTE = "/api/v1/agreements/{agreement_id:str}/odrl"


# Fixtures and helpers ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def odrl_app(built) -> Litestar:  # type: ignore[no-untyped-def]
    """The real app, with the ODRL route registered if the route table does not have it yet."""
    from api.app import create_app

    app = create_app(built.path)
    if not any(route.path == ROUTE for route in app.routes):
        app.register(agreement_odrl)
    return app


@pytest.fixture
async def http(odrl_app: Litestar):  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=odrl_app), base_url="http://test") as client:
        yield client


async def fetch(http: httpx.AsyncClient, agreement_id: str, query: str = "") -> dict[str, Any]:
    response = await http.get(f"/api/v1/agreements/{agreement_id}/odrl{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    return response.json()


def shipped_context(variant: str = "shipped") -> dict[str, Any]:
    document = json.loads(SHIPPED_ODRL.read_text())
    if variant == "uid-as-property":
        # The shipped (published) context maps `uid` to `@id`; a proposed change (w3c/odrl#30, see
        # the README beside it) maps it to an odrl:uid property. Our answers must mean the same under either.
        document["@context"]["uid"] = {"@type": "@id", "@id": "odrl:uid"}
    return document


class OfflineLoader:
    """Serves the shipped ODRL context for its W3C URL and refuses every other URL."""

    def __init__(self, variant: str = "shipped") -> None:
        self.document = shipped_context(variant)
        self.asked: list[str] = []

    def __call__(self, url: str, options: Any = None) -> dict[str, Any]:
        self.asked.append(url)
        if url != odrl_profile.ODRL_CONTEXT:
            raise jsonld.JsonLdError(f"refusing to fetch {url}", "jsonld.LoadDocumentError", code="loading failed")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": copy.deepcopy(self.document),
        }


def expand(document: dict[str, Any], loader: OfflineLoader) -> list[Any]:
    dropped: list[Any] = []
    expanded = jsonld.expand(document, {"documentLoader": loader}, on_property_dropped=dropped.append)
    assert dropped == [], f"expansion dropped {dropped}: a term is missing from a context"
    return expanded


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def by_uid(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["uid"]: p for p in document["@graph"]}


def uid(agreement_id: str, sender: str, receiver: str) -> str:
    return f"urn:pactstore:policy:{agreement_id}:{sender}-to-{receiver}"


def party(party_id: str) -> str:
    return f"urn:pactstore:party:{party_id}"


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def ids(value: Any) -> set[str]:
    return {v["@id"] for v in listed(value)}


def constraint(rule: dict[str, Any], left: str) -> dict[str, Any]:
    found = [c for c in rule.get("constraint", []) if c["leftOperand"] == left]
    assert len(found) == 1, (left, rule)
    return found[0]


def rules(policy: dict[str, Any], kind: str, action: str) -> list[dict[str, Any]]:
    return [r for r in policy.get(kind, []) if r["action"] == action]


def used_iris(expanded: Any) -> set[str]:
    """Every property, type and node IRI of an expanded document."""
    found: set[str] = set()
    for node in nodes(expanded):
        found |= {k for k in node if not k.startswith("@")}
        found |= set(listed(node.get("@type", [])))
        if "@id" in node:
            found.add(node["@id"])
    return found


# The mapping on the real seeds ----------------------------------------------------------------------


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_gsomia_has_one_policy_per_direction_with_the_agreed_terms(http: httpx.AsyncClient) -> None:
    document = await fetch(http, GSOMIA, "?on=2016-11-20")
    policies = by_uid(document)
    assert set(policies) == {uid(GSOMIA, "kor", "jpn"), uid(GSOMIA, "jpn", "kor")}
    for originator, recipient in (("kor", "jpn"), ("jpn", "kor")):
        policy = policies[uid(GSOMIA, originator, recipient)]
        assert policy["@type"] == "Agreement"
        assert policy["profile"] == odrl_profile.PROFILE
        assert policy["conflict"] == "perm"
        assert policy["pactstore:agreement"] == f"urn:pactstore:agreement:{GSOMIA}"
        assert policy["pactstore:status"] == "initialled"
        expected = [party(originator), party(recipient), f"urn:pactstore:asset:{GSOMIA}:{originator}"]
        for kind in ("permission", "prohibition", "obligation"):
            for rule in policy[kind]:
                assert [rule["assigner"], rule["assignee"], rule["target"]] == expected

        # No passing on outside the parties: stated as a prohibition, lifted only by the originator's consent.
        outside = {party("kor"), party("jpn")}
        [prohibition] = rules(policy, "prohibition", "distribute")
        beyond = constraint(prohibition, "recipient")
        assert (beyond["operator"], ids(beyond["rightOperand"])) == ("isNoneOf", outside)
        assert prohibition["pactstore:provision"] == [f"urn:pactstore:provision:{GSOMIA}.no-third-country-transfer"]
        assert prohibition["pactstore:basis"] == ["agreed_in_negotiation"]
        [consent] = rules(policy, "permission", "distribute")
        assert constraint(consent, "recipient") == beyond
        assert consent["duty"] == [{"action": "obtainConsent", "consentingParty": party(originator)}]

        # The base permission stays among the parties (use includes distribute); only cleared officials
        # whose duties need it see it; it is used for the purpose it was provided for, at the table's levels.
        [use] = rules(policy, "permission", "use")
        among = constraint(use, "recipient")
        assert (among["operator"], ids(among["rightOperand"])) == ("isAnyOf", outside)
        access = constraint(use, "pactstore:accessLimitedTo")
        assert access["rightOperand"] == {"@id": "pactstore:needToKnow"}
        assert access["pactstore:basis"] == "agreement_text"
        assert constraint(use, "pactstore:clearanceRequired")["rightOperand"] is True
        assert constraint(use, "purpose")["rightOperand"] == "the purpose for which it was provided"
        levels = constraint(use, "pactstore:classification")
        assert (levels["operator"], levels["rightOperand"]) == ("isAnyOf", ["SECRET", "CONFIDENTIAL"])
        assert levels["pactstore:provision"] == f"urn:pactstore:provision:{GSOMIA}.equivalent-markings"
        assert not [c for c in use["constraint"] if c["leftOperand"] == "pactstore:subject"], "scope is not a limit"

        # Loss or compromise: the recipient tells the originator at once, investigates and reports back.
        [inform] = rules(policy, "obligation", "inform")
        assert inform["informedParty"] == party(originator)
        event = constraint(inform, "event")
        assert event["operator"] == "isAnyOf"
        assert ids(event["rightOperand"]) == {"pactstore:loss", "pactstore:compromise"}
        delay = constraint(inform, "delayPeriod")
        assert (delay["operator"], delay["rightOperand"]) == ("lteq", {"@value": "PT0S", "@type": "xsd:duration"})
        assert (inform["pactstore:investigation"], inform["pactstore:reportResults"]) == (True, True)
        assert "pactstore:bindingStatus" not in policy

        # The equivalence table, each party's markings in its own script; the other transfer terms as
        # conditions, and no term about the instrument itself.
        [table] = policy["pactstore:classificationEquivalence"]
        rows = {row["pactstore:level"]: row for row in table["pactstore:row"]}
        assert {m["pactstore:markingText"] for m in rows["SECRET"]["pactstore:marking"]} == {
            "極秘",
            "特定秘密",
            "군사II급비밀",
        }
        assert rows["CONFIDENTIAL"]["pactstore:inferred"] is True
        assert table["pactstore:highestLevel"] == "SECRET"
        kinds = {c["pactstore:kind"] for c in policy["pactstore:condition"]}
        assert {
            "destruction_return",
            "classification_change",
            "visits",
            "protection_of_classified_information",
        } <= kinds
        assert not kinds & {"duration", "denunciation", "dispute_settlement", "authentic_languages"}
        assert all(c["pactstore:summary"] and c["pactstore:provision"] for c in policy["pactstore:condition"])


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_tisa_routes_through_the_hub_with_chained_policies(http: httpx.AsyncClient) -> None:
    document = await fetch(http, TISA)
    policies = by_uid(document)
    assert set(policies) == {
        uid(TISA, "kor-mnd", "usa-dod"),
        uid(TISA, "usa-dod", "jpn-mod"),
        uid(TISA, "jpn-mod", "usa-dod"),
        uid(TISA, "usa-dod", "kor-mnd"),
    }, "no policy for a direct exchange between the end parties"
    subjects = {"urn:pactstore:subject:dprk-nuclear-programme", "urn:pactstore:subject:dprk-missile-programme"}
    for origin, destination in (("kor-mnd", "jpn-mod"), ("jpn-mod", "kor-mnd")):
        first = policies[uid(TISA, origin, "usa-dod")]
        asset = f"urn:pactstore:asset:{TISA}:{origin}"

        [to_hub] = rules(first, "permission", "distribute")
        assert (to_hub["assignee"], to_hub["target"]) == (party(origin), asset)
        assert constraint(to_hub, "recipient")["operator"] == "eq"
        assert constraint(to_hub, "recipient")["rightOperand"] == {"@id": party("usa-dod")}
        [next_policy] = [d for d in to_hub["duty"] if d["action"] == "nextPolicy"]
        assert next_policy["target"] in policies, "nextPolicy must name a policy of this document"
        second = policies[next_policy["target"]]
        assert second["uid"] == uid(TISA, "usa-dod", destination)

        [direct] = rules(first, "prohibition", "distribute")
        assert direct["assignee"] == party(origin)
        assert constraint(direct, "recipient")["rightOperand"] == {"@id": party(destination)}
        assert direct["pactstore:provision"] == [f"urn:pactstore:provision:{TISA}.routing-through-us"]

        [onward] = rules(second, "permission", "distribute")
        assert (onward["assigner"], onward["assignee"], onward["target"]) == (party(origin), party("usa-dod"), asset)
        assert constraint(onward, "recipient")["rightOperand"] == {"@id": party(destination)}
        assert {"action": "obtainConsent", "consentingParty": party(origin)} in onward["duty"]
        [use] = rules(second, "permission", "use")
        assert (use["assigner"], use["assignee"]) == (party(origin), party(destination))

        for rule in (to_hub, onward, use):
            scope = constraint(rule, "pactstore:subject")
            assert (scope["operator"], ids(scope["rightOperand"])) == ("isAnyOf", subjects)
            assert scope["pactstore:provision"] == f"urn:pactstore:provision:{TISA}.scope-subjects"
        assert first["pactstore:legUnder"] == [
            "urn:pactstore:agreement:" + ("kor-usa-gsomia-1987" if origin == "kor-mnd" else "jpn-usa-gsomia-2007")
        ]

    for policy in policies.values():
        claims = {c["pactstore:provision"].rsplit(".", 1)[1]: c for c in policy["pactstore:bindingStatus"]}
        assert set(claims) >= {
            "binding-diplomatic-only",
            "no-ratification-per-defense-minister",
            "ratification-required-per-opposition",
            "not-legally-binding-per-text",
        }
        assert claims["not-legally-binding-per-text"]["pactstore:basis"] == "agreement_text"
        assert claims["binding-diplomatic-only"]["pactstore:legallyBinding"] is False
        assert claims["no-ratification-per-defense-minister"]["pactstore:ratificationRequired"] is False
        disputed = claims["ratification-required-per-opposition"]
        assert disputed["pactstore:ratificationRequired"] is True
        assert disputed["pactstore:disputes"] == f"urn:pactstore:provision:{TISA}.no-ratification-per-defense-minister"
        assert disputed["pactstore:assertedBy"]["pactstore:name"] == "Jin Sung-Joon"
    # Korean grades are only planned: a note, not a constraint.
    kor_first = policies[uid(TISA, "kor-mnd", "usa-dod")]
    assert any("korean-grades-passed-to-japan" in n for n in kor_first["pactstore:note"])
    assert "pactstore:classification" not in json.dumps(document["@graph"])


@pytest.mark.library
async def test_nato_group_is_a_party_collection_that_exchanges_with_itself(http: httpx.AsyncClient) -> None:
    policies = by_uid(await fetch(http, NATO))
    assert set(policies) == {
        uid(NATO, "nato-parties", "nato-parties"),
        uid(NATO, "nato-parties", "nato"),
        uid(NATO, "nato", "nato-parties"),
    }, "the depositary (usa) is not a party to the exchange"
    collection = {"@type": "PartyCollection", "uid": party("nato-parties")}
    members = policies[uid(NATO, "nato-parties", "nato-parties")]
    [use] = rules(members, "permission", "use")
    assert use["assigner"] == collection
    assert use["assignee"] == collection
    assert constraint(use, "pactstore:accessLimitedTo")["rightOperand"] == {"@id": "pactstore:clearedPersonnel"}
    assert constraint(use, "pactstore:clearanceThreshold")["rightOperand"] == "CONFIDENTIAL"
    assert "North Atlantic Treaty" in constraint(use, "purpose")["rightOperand"]
    [prohibition] = rules(members, "prohibition", "distribute")
    assert ids(constraint(prohibition, "recipient")["rightOperand"]) == {party("nato-parties"), party("nato")}
    [consent] = rules(members, "permission", "distribute")
    assert consent["duty"] == [{"action": "obtainConsent", "consentingParty": collection}]
    assert policies[uid(NATO, "nato", "nato-parties")]["permission"][0]["assigner"] == party("nato")


async def test_unknown_agreement_is_a_404_problem(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/v1/agreements/no-such-pact/odrl")
    assert response.status_code == 404
    assert "no-such-pact" in problem(response)["detail"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_context_is_odrl_and_the_published_profile_context(http: httpx.AsyncClient) -> None:
    document = await fetch(http, GSOMIA)
    served = await http.get(odrl_profile.PROFILE_CONTEXT_PATH)
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("application/ld+json")
    assert document["@context"] == [odrl_profile.ODRL_CONTEXT, served.json()["@context"]]
    copy_ = await http.get(odrl_profile.ODRL_CONTEXT_COPY_PATH)
    assert copy_.status_code == 200
    assert hashlib.sha256(copy_.content).hexdigest() == SHIPPED_ODRL_SHA256
    assert hashlib.sha256(SHIPPED_ODRL.read_bytes()).hexdigest() == SHIPPED_ODRL_SHA256


# Valid JSON-LD against the ODRL context, offline ------------------------------------------------------


def test_the_loader_fetches_nothing() -> None:
    loader = OfflineLoader()
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand({"@context": "https://example.org/other.jsonld", "a": 1}, {"documentLoader": loader})
    assert loader.asked == ["https://example.org/other.jsonld"]


@pytest.mark.library  # the vocabulary check needs every record, NATO 1997 (a party collection) included
@pytest.mark.parametrize("variant", ["shipped", "uid-as-property"])
async def test_every_answer_expands_to_odrl_and_profile_iris_only(
    http: httpx.AsyncClient, db: sqlite_utils.Database, variant: str
) -> None:
    absolute = re.compile(r"^(http://www\.w3\.org/|urn:pactstore:|_:)")
    seen: set[str] = set()
    for row in db.query("select id from agreements order by id"):
        document = await fetch(http, row["id"])
        loader = OfflineLoader(variant)
        expanded = expand(document, loader)
        assert set(loader.asked) == {odrl_profile.ODRL_CONTEXT}
        assert len(expanded) == len(document["@graph"])
        for node in nodes(expanded):
            for key in node:
                assert key.startswith("@") or key.startswith((ODRL, NS)), (row["id"], key)
            for iri in [*listed(node.get("@type", [])), *([node["@id"]] if "@id" in node else [])]:
                assert absolute.match(iri), (row["id"], iri)
        seen |= used_iris(expanded)
    for term in (
        "Agreement",
        "permission",
        "prohibition",
        "obligation",
        "obtainConsent",
        "nextPolicy",
        "inform",
        "distribute",
        "use",
        "PartyCollection",
        "perm",
        "isNoneOf",
        "recipient",
        "event",
        "delayPeriod",
    ):
        assert ODRL + term in seen, term
    for term in (
        "provision",
        "basis",
        "bindingStatus",
        "subject",
        "loss",
        "compromise",
        "accessLimitedTo",
        "classificationEquivalence",
        "markingText",
        "condition",
    ):
        assert NS + term in seen, term


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("variant", ["shipped", "uid-as-property"])
async def test_next_policy_targets_are_policies_of_the_same_graph(http: httpx.AsyncClient, variant: str) -> None:
    expanded = expand(await fetch(http, TISA), OfflineLoader(variant))
    # With the shipped (published) context uid names the node; with the proposed one it is an odrl:uid property.
    policy_ids = {p[ODRL + "uid"][0]["@id"] if variant == "uid-as-property" else p["@id"] for p in expanded}
    targets = [
        duty[ODRL + "target"][0]["@id"]
        for duty in nodes(expanded)
        if duty.get(ODRL + "action") == [{"@id": ODRL + "nextPolicy"}]
    ]
    assert len(targets) == 2
    assert set(targets) <= policy_ids


_ALIASES = {"type": "@type", "uid": "@id"}


def shape(value: Any, path: str = "") -> set[str]:
    """Key paths of a compact document (lists flattened; the context's aliases `type` and `uid` read as
    `@type` and `@id`, since compaction may pick either spelling)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= shape(item, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key == "@context":
                continue
            step = f"{path}/{_ALIASES.get(key, key)}"
            found.add(step)
            found |= shape(item, step)
    return found


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
@pytest.mark.parametrize("agreement_id", [GSOMIA, TISA, pytest.param(NATO, marks=pytest.mark.library)])
async def test_round_trip_expand_then_compact_keeps_every_key(http: httpx.AsyncClient, agreement_id: str) -> None:
    document = await fetch(http, agreement_id)
    loader = OfflineLoader()
    compacted = jsonld.compact(expand(document, loader), {"@context": document["@context"]}, {"documentLoader": loader})
    assert compacted["@context"] == document["@context"]
    assert shape(compacted) == shape(document)
    assert len(shape(document)) > 40

    def quads(doc: dict[str, Any]) -> str:
        options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
        return jsonld.normalize(doc, options)

    assert quads(compacted) == quads(document)
    assert "urn:pactstore:odrl:provision" in quads(document)


def test_profile_terms_are_defined_and_documented(built) -> None:  # type: ignore[no-untyped-def]
    terms = set(odrl_profile.profile_context()) - {"pactstore"}
    assert odrl_profile.profile_context()["pactstore"] == NS
    doc = (ROOT / "docs" / "odrl-profile.md").read_text()
    undocumented = sorted(t for t in terms if f"`{t}`" not in doc)
    assert not undocumented, f"docs/odrl-profile.md does not list {undocumented}"
    used: set[str] = set()
    for agreement in _agreements(built.path):
        text = json.dumps(odrl.policies(agreement, _parties(built.path)))
        used |= set(re.findall(r'"(pactstore:[A-Za-z]+)"', text))
    assert used <= terms, f"used but not defined in pactstore-odrl.jsonld: {sorted(used - terms)}"


# The mapping on variations of a real record ----------------------------------------------------------


def _agreements(path: Any) -> list[Agreement]:
    rows = sqlite_utils.Database(path).query("select record_json from agreements order by id")
    return [msgspec.json.decode(r["record_json"], type=Agreement) for r in rows]


def _parties(path: Any) -> dict[str, odrl.PartyInfo]:
    rows = sqlite_utils.Database(path).query("select id, kind, state_id from parties")
    return {r["id"]: odrl.PartyInfo(kind=r["kind"], state=r["state_id"]) for r in rows}


@pytest.fixture
def gsomia(built) -> tuple[Agreement, dict[str, odrl.PartyInfo]]:  # type: ignore[no-untyped-def]
    [record] = [a for a in _agreements(built.path) if a.id == GSOMIA]
    return record, _parties(built.path)


def policies_of(agreement: Agreement, parties: dict[str, odrl.PartyInfo]) -> dict[str, dict[str, Any]]:
    return by_uid({"@graph": odrl.policies(agreement, parties)})


def _replace(agreement: Agreement, kind: type, **changes: Any) -> Agreement:
    provisions = [msgspec.structs.replace(p, **changes) if isinstance(p, kind) else p for p in agreement.provisions]
    return msgspec.structs.replace(agreement, provisions=provisions)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_agreed_classification_levels_constrain_one_direction(gsomia) -> None:  # type: ignore[no-untyped-def]
    record, parties = gsomia
    cite = record.provisions[0].citations
    levels = ClassificationLevels(
        id="levels",
        grading_party="kor",
        levels=["II", "III"],
        from_party="kor",
        to_party="jpn",
        basis="agreement_text",
        citations=cite,
    )
    agreed = policies_of(msgspec.structs.replace(record, provisions=[levels]), parties)
    use = rules(agreed[uid(GSOMIA, "kor", "jpn")], "permission", "use")[0]
    grades = constraint(use, "pactstore:classification")
    assert (grades["operator"], grades["rightOperand"]) == ("isAnyOf", ["II", "III"])
    assert grades["pactstore:gradingParty"] == party("kor")
    assert "constraint" not in rules(agreed[uid(GSOMIA, "jpn", "kor")], "permission", "use")[0]
    planned = msgspec.structs.replace(levels, basis="planned")
    noted = policies_of(msgspec.structs.replace(record, provisions=[planned]), parties)
    assert "constraint" not in rules(noted[uid(GSOMIA, "kor", "jpn")], "permission", "use")[0]
    assert noted[uid(GSOMIA, "kor", "jpn")]["pactstore:note"]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_approval_by_nobody_or_all_parties(gsomia) -> None:  # type: ignore[no-untyped-def]
    record, parties = gsomia
    nobody = policies_of(_replace(record, ThirdCountryTransfer, unless_approved_by="none"), parties)
    policy = nobody[uid(GSOMIA, "kor", "jpn")]
    assert len(rules(policy, "prohibition", "distribute")) == 1
    assert rules(policy, "permission", "distribute") == []
    everyone = policies_of(_replace(record, ThirdCountryTransfer, unless_approved_by="all_parties"), parties)
    [consent] = rules(everyone[uid(GSOMIA, "jpn", "kor")], "permission", "distribute")
    assert consent["duty"][0]["consentingParty"] == [party("kor"), party("jpn")]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_notification_timing_and_binds(gsomia) -> None:  # type: ignore[no-untyped-def]
    record, parties = gsomia
    days = policies_of(_replace(record, LossNotification, timing="within_days", within_days=3), parties)
    [inform] = rules(days[uid(GSOMIA, "kor", "jpn")], "obligation", "inform")
    assert constraint(inform, "delayPeriod")["rightOperand"] == {"@value": "P3D", "@type": "xsd:duration"}
    unstated = policies_of(_replace(record, LossNotification, timing="unspecified"), parties)
    [inform] = rules(unstated[uid(GSOMIA, "kor", "jpn")], "obligation", "inform")
    assert [c["leftOperand"] for c in inform["constraint"]] == ["event"]
    japan_only = policies_of(_replace(record, LossNotification, binds=["jpn"]), parties)
    assert rules(japan_only[uid(GSOMIA, "kor", "jpn")], "obligation", "inform")
    assert "obligation" not in japan_only[uid(GSOMIA, "jpn", "kor")]


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_routes_sharing_a_leg_get_policies_of_their_own(built) -> None:  # type: ignore[no-untyped-def]
    [record] = [a for a in _agreements(built.path) if a.id == TISA]
    [routing] = [p for p in record.provisions if isinstance(p, IntermediaryRouting)]
    extra = Route(origin="kor-mnd", via=["usa-dod"], destination="usa", onward_approval_by="kor-mnd")
    widened = _replace(record, IntermediaryRouting, routes=[*routing.routes, extra])
    graph = odrl.policies(widened, _parties(built.path))
    uids = [p["uid"] for p in graph]
    assert len(uids) == len(set(uids)) == 6
    assert uid(TISA, "kor-mnd", "usa-dod") + ":for-kor-mnd-to-usa" in uids
    targets = [
        d["target"] for p in graph for r in p["permission"] for d in r.get("duty", []) if d["action"] == "nextPolicy"
    ]
    assert len(targets) == 3
    assert set(targets) <= set(uids)
