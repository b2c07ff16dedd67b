"""A synthetic pactstore corpus at global scale, written in the real seeds format.

    .venv/bin/python bench/generate.py --out build/bench/seeds --scale 1.0 --seed 1

At scale 1.0: ~200 states (each with a defence ministry acting for it) and a few international
organisations, 20,000 agreements (bilateral, multilateral, and trilateral ones routed through a
hub whose legs rest on earlier bilateral pacts), ~90,000 dated events (talks, signing, entry
into force, some terminations; every date precision), 300,000 provisions over every provision
kind of schema/provisions.py, and 100,000 news documents of 3-4 kB with page furniture (masthead,
byline, dateline, captions, widgets, an "Other news" tail). Every citation quotes a sentence that
occurs in the cleaned text of the document it names, so the real loader accepts the corpus
(`pactstore validate --seeds <out>`).

The output is a pure function of (--scale, --seed). Next to the seeds directory the generator
writes `corpus.json`: counts, and the ids and parameters a load test needs (agreement ids, states
by number of agreements, party pairs with a channel and a date, search words).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import random
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schema.base import MONTH_NAMES  # noqa: E402  (English month names, as the sources write dates)
from schema.provisions import PROVISION_KINDS  # noqa: E402  (the kinds to cover, from the schema itself)

TEXT_EVERY = 25
"""One bilateral agreement in this many has an official text in the library (texts.yaml) and a unit ledger."""

LIBRARY_FOLDER = "bench-news"
TEXTS_FOLDER = "bench-texts"
"""The library folders of the generated sources (beside the seeds, see `library_root`)."""


def library_root(out: Path) -> Path:
    """The source library of a generated seeds directory: `<out>-library/`, to pass as `--sources`."""
    return out.with_name(f"{out.name}-library")


FULL = {"states": 200, "agreements": 20_000, "provisions": 300_000, "documents": 100_000}

# ---------------------------------------------------------------------------------------------
# Vocabulary

_PREFIX = [
    "Ar",
    "Bel",
    "Cor",
    "Dal",
    "Es",
    "Fen",
    "Gor",
    "Hal",
    "Is",
    "Jor",
    "Kal",
    "Lor",
    "Mar",
    "Nor",
    "Os",
    "Pel",
    "Quen",
    "Ros",
    "Sal",
    "Tor",
    "Ul",
    "Val",
    "Wes",
    "Xan",
    "Yor",
    "Zel",
]
_MIDDLE = ["", "a", "e", "i", "o", "an", "en", "ar", "or", "il"]
_SUFFIX = ["dia", "land", "stan", "ria", "via", "nia", "mark", "ova", "esia", "ana", "ovia", "ton"]
_CAPITAL = ["Port", "burg", "grad", "ville", "haven", "ford", "mouth", "polis"]
_FIRST = [
    "Min-ji",
    "Sung-ho",
    "Hiroshi",
    "Aiko",
    "James",
    "Maria",
    "Olga",
    "Ivan",
    "Lars",
    "Ingrid",
    "Pierre",
    "Amina",
    "Kofi",
    "Ana",
    "Luis",
    "Chen",
    "Wei",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Elena",
    "Marco",
    "Sofia",
    "Jan",
    "Eva",
    "Tomas",
    "Nadia",
    "Yusuf",
    "Leila",
    "Kenji",
    "Yuki",
    "Peter",
    "Ruth",
]
_LAST = [
    "Kim",
    "Lee",
    "Park",
    "Tanaka",
    "Sato",
    "Smith",
    "Garcia",
    "Ivanov",
    "Larsen",
    "Dubois",
    "Mensah",
    "Silva",
    "Wang",
    "Sharma",
    "Haddad",
    "Rossi",
    "Novak",
    "Horvath",
    "Okafor",
    "Nakamura",
    "Jensen",
    "Moreau",
    "Costa",
    "Petrov",
    "Yilmaz",
    "Berg",
    "Kowalski",
    "Santos",
    "Ahmed",
    "Murphy",
]
_OFFICES = [
    "Vice Defense Minister",
    "Defense Minister",
    "Deputy Secretary of Defense",
    "Foreign Minister",
    "Chief of Defence Intelligence",
    "Ambassador",
    "Director General for Defence Policy",
]
_OUTLETS = [
    "The Harbour Herald",
    "Northern Wire Service",
    "The Capital Courier",
    "Continental Press Agency",
    "The Evening Ledger",
    "Eastern Times",
    "Defence Weekly Review",
    "The Morning Dispatch",
    "Global Affairs Daily",
    "The Coastal Observer",
    "Meridian News Agency",
    "The Frontier Post",
]
_TOPICS = [
    ("missile programme", 40),
    ("naval exercises", 30),
    ("border tensions", 30),
    ("nuclear tests", 25),
    ("cyber attacks", 20),
    ("submarine patrols", 15),
    ("satellite surveillance", 12),
    ("air defence", 12),
    ("arms control talks", 10),
    ("troop deployments", 10),
    ("maritime security", 9),
    ("counter-terrorism", 8),
    ("ballistic missile launches", 8),
    ("early-warning radar", 6),
    ("defence budgets", 6),
    ("drone incursions", 5),
    ("peacekeeping operations", 4),
    ("chemical weapons", 3),
    ("space surveillance", 3),
    ("hypersonic glide vehicles", 2),
    ("undersea cables", 2),
    ("electronic warfare", 2),
    ("military logistics", 2),
    ("signals intelligence", 1),
    ("airborne early warning", 1),
    ("amphibious landings", 1),
]
_ADJ = [
    "regional",
    "bilateral",
    "sensitive",
    "classified",
    "new",
    "long-awaited",
    "controversial",
    "preliminary",
    "revised",
    "joint",
]
_NOUN = ["pact", "accord", "framework", "arrangement", "deal", "understanding", "memorandum", "channel"]
_VERB = ["strengthen", "complicate", "reshape", "limit", "support", "deepen", "test", "widen"]
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_REGIONS = ["northern", "southern", "eastern", "western", "central", "maritime"]
_SUBJECT_TOPICS = ["missile-programme", "nuclear-programme", "naval-forces", "cyber-operations", "ground-forces"]
_LEVELS = ["top secret", "secret", "confidential", "restricted"]
_LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh", "ko", "ja", "de", "pt"]

# ---------------------------------------------------------------------------------------------
# YAML: block style as curators write it, strings quoted only where plain YAML would misread them.

_PLAIN = re.compile(r"^(?:[a-z][a-z0-9_-]*|\d{4}-\d{2}-\d{2})$")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if _PLAIN.match(value) and value not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _emit_map(out: list[str], mapping: dict[str, Any], indent: str) -> None:
    for key, value in mapping.items():
        if isinstance(value, dict):
            if len(value) <= 3 and all(_is_scalar(v) for v in value.values()):
                inner = ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items())
                out.append(f"{indent}{key}: {{{inner}}}")
            else:
                out.append(f"{indent}{key}:")
                _emit_map(out, value, indent + "  ")
        elif isinstance(value, list):
            if all(_is_scalar(v) for v in value):
                out.append(f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]")
            else:
                out.append(f"{indent}{key}:")
                for item in value:
                    _emit_item(out, item, indent + "  ")
        else:
            out.append(f"{indent}{key}: {_scalar(value)}")


def _emit_item(out: list[str], item: Any, indent: str) -> None:
    if isinstance(item, dict):
        lines: list[str] = []
        _emit_map(lines, item, indent + "  ")
        lines[0] = f"{indent}- {lines[0][len(indent) + 2 :]}"
        out.extend(lines)
    else:
        out.append(f"{indent}- {_scalar(item)}")


def to_yaml(mapping: dict[str, Any], header: str = "") -> str:
    out = [f"# {line}" for line in header.splitlines()]
    _emit_map(out, mapping, "")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------
# Dates


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _when(rng: random.Random, day: datetime.date, precision: str | None = None) -> tuple[dict[str, Any], datetime.date]:
    """A `when` with a precision, and its latest possible day."""
    if precision is None:
        roll = rng.random()
        precision = (
            "day"
            if roll < 0.8
            else "month"
            if roll < 0.9
            else "week"
            if roll < 0.95
            else "year"
            if roll < 0.98
            else "on_or_before"
        )
    if precision == "week":
        start = _monday(day)
        return {"date": start.isoformat(), "precision": "week"}, start + datetime.timedelta(days=6)
    if precision == "month":
        start = day.replace(day=1)
        following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return {"date": start.isoformat(), "precision": "month"}, following - datetime.timedelta(days=1)
    if precision == "year":
        return {"date": day.replace(month=1, day=1).isoformat(), "precision": "year"}, day.replace(month=12, day=31)
    if precision == "on_or_before":
        return {"date": day.isoformat(), "precision": "on_or_before"}, day
    return {"date": day.isoformat()}, day


def _spoken(day: datetime.date) -> str:
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


# ---------------------------------------------------------------------------------------------
# The world: states, ministries, organisations, subjects


class World:
    def __init__(self, rng: random.Random, n_states: int) -> None:
        self.rng = rng
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < n_states:
            name = rng.choice(_PREFIX) + rng.choice(_MIDDLE) + rng.choice(_SUFFIX)
            if name not in seen:
                seen.add(name)
                names.append(name)
        codes = [a + b for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
        rng.shuffle(codes)
        self.states: list[dict[str, Any]] = []
        for i, name in enumerate(names):
            alpha2 = codes[i]
            alpha3 = alpha2 + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26]
            capital = (
                f"{name[:4]}{rng.choice(_CAPITAL)}"
                if rng.random() < 0.5
                else f"{rng.choice(_CAPITAL).title()} {name[:5]}"
            )
            form = rng.choice(["Republic of ", "Kingdom of ", "", "", "Federation of "])
            self.states.append(
                {
                    "id": alpha3.lower(),
                    "name": f"{form}{name}",
                    "short": name,
                    "alpha2": alpha2,
                    "alpha3": alpha3,
                    "capital": capital,
                }
            )
        # A few big players take part in many agreements (a Zipf-like weight), as in reality.
        self.weights = [1 / (i + 1) ** 0.7 for i in range(n_states)]
        self.by_id = {s["id"]: s for s in self.states}
        self.orgs = [
            {"id": "org-northern-defence-alliance", "name": "Northern Defence Alliance", "short": "NDA"},
            {"id": "org-pacific-security-council", "name": "Pacific Security Council", "short": "PSC"},
            {"id": "org-continental-union", "name": "Continental Union", "short": "CU"},
            {"id": "org-maritime-treaty-organisation", "name": "Maritime Treaty Organisation", "short": "MTO"},
        ]
        self.subjects: list[dict[str, Any]] = [
            {"id": "military-information", "label": "Military information (any subject)"}
        ]
        for region in _REGIONS:
            rid = f"{region}-theatre"
            self.subjects.append({"id": rid, "label": f"The {region} theatre", "broader": "military-information"})
            for topic in _SUBJECT_TOPICS:
                self.subjects.append(
                    {
                        "id": f"{region}-{topic}",
                        "label": f"{topic.replace('-', ' ').capitalize()} ({region})",
                        "broader": rid,
                    }
                )
        self.subject_ids = [s["id"] for s in self.subjects]

    def pick_states(self, k: int) -> list[dict[str, Any]]:
        chosen: dict[str, dict[str, Any]] = {}
        while len(chosen) < k:
            state = self.rng.choices(self.states, weights=self.weights)[0]
            chosen[state["id"]] = state
        return list(chosen.values())

    def person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"


# ---------------------------------------------------------------------------------------------
# Filler text: a pool of varied sentences, so documents are cheap to make yet searchable


def _filler_pool(rng: random.Random, world: World, size: int) -> list[str]:
    topics = [t for t, _ in _TOPICS]
    weights = [w for _, w in _TOPICS]
    pool = []
    for _ in range(size):
        state = rng.choice(world.states)
        other = rng.choice(world.states)
        topic = rng.choices(topics, weights=weights)[0]
        template = rng.randrange(10)
        if template == 0:
            text = (
                f"{world.person()}, a spokesperson for {state['name']}, said on {rng.choice(_WEEKDAYS)} that "
                f"{topic} remained a concern for the government."
            )
        elif template == 1:
            text = (
                f"Analysts in {state['capital']} expect the {rng.choice(_ADJ)} {rng.choice(_NOUN)} to "
                f"{rng.choice(_VERB)} cooperation on {topic} over the coming months."
            )
        elif template == 2:
            text = f"The defence ministry of {state['short']} declined to comment on reports about {topic}."
        elif template == 3:
            text = (
                f"Lawmakers in {state['capital']} demanded more transparency on {topic}, "
                f"citing {rng.randint(2, 40)} closed-door briefings."
            )
        elif template == 4:
            text = (
                f"{state['short']} has held {rng.randint(2, 30)} rounds of {topic} drills with {other['short']} "
                f"since {rng.randint(1990, 2023)}, officials said."
            )
        elif template == 5:
            text = (
                f"Critics warned that the {rng.choice(_NOUN)} could draw {state['short']} into a wider dispute "
                f"over {topic}."
            )
        elif template == 6:
            text = (
                f"According to a survey of {rng.randint(500, 3000)} residents, {rng.randint(20, 80)} percent "
                f"support closer ties with {other['short']}."
            )
        elif template == 7:
            text = (
                f"Officials from {state['short']} and {other['short']} met in {other['capital']} to discuss "
                f"{topic} and the exchange of liaison officers."
            )
        elif template == 8:
            text = (
                f"The opposition called the talks on {topic} hasty and said the public had not been consulted "
                f"for {rng.randint(2, 18)} months."
            )
        else:
            text = (
                f"{world.person()} of the {rng.choice(_ADJ)} research institute in {state['capital']} said "
                f"{topic} had changed the calculus of the region."
            )
        pool.append(text)
    return pool


# ---------------------------------------------------------------------------------------------
# Agreements


class Fact:
    """One fact to cite: the sentence that states it goes into one of the agreement's documents."""

    __slots__ = ("citations", "doc_index", "sentence")

    def __init__(self, sentence: str, doc_index: int | None = None) -> None:
        self.sentence = sentence
        self.doc_index = doc_index
        self.citations: list[dict[str, Any]] = []  # filled once the document's id is known


def _provision(
    rng: random.Random,
    world: World,
    kind: str,
    n: int,
    members: list[str],
    label: str,
    org: dict[str, Any] | None,
    routing: dict[str, Any] | None,
    previous_binding: str | None,
) -> tuple[dict[str, Any], str]:
    """One provision of `kind` with valid field values, and the sentence that states it."""
    pid = f"{kind.replace('_', '-')}-{n}"
    article = f"Article {n}"
    prov: dict[str, Any] = {"kind": kind, "id": pid}
    if kind == "third_country_transfer":
        recipients = rng.choice(["third_countries", "non_parties"])
        approval = rng.choice(["originator", "originator", "all_parties", "none"])
        prov |= {
            "restricted_recipients": recipients,
            "information": rng.choice(
                ["information received under the agreement", "classified military information", "intelligence"]
            ),
            "unless_approved_by": approval,
            "approval_form": rng.choice(["written", "unspecified"]),
        }
        text = f"information received may not be passed to {recipients.replace('_', ' ')}" + (
            "" if approval == "none" else f" without the approval of {approval.replace('_', ' ')}"
        )
    elif kind == "need_to_know_access":
        access = rng.choice(["permitted_officials", "cleared_personnel", "need_to_know"])
        prov["access_limited_to"] = access
        if rng.random() < 0.5:
            threshold = rng.choice(_LEVELS[:3])
            prov |= {
                "clearance_required": True,
                "clearance_threshold": threshold,
                "clearance_cooperation": rng.random() < 0.5,
            }
            text = f"access is limited to {access.replace('_', ' ')}, with a clearance for {threshold} and above"
        else:
            text = f"access is limited to {access.replace('_', ' ')}"
    elif kind == "loss_notification":
        triggers = rng.sample(["loss", "damage", "compromise", "unauthorised_disclosure"], rng.randint(1, 3))
        timing = rng.choice(["immediately", "promptly", "within_days", "unspecified"])
        prov |= {"triggers": triggers, "notify": rng.choice(["originator", "all_parties"]), "timing": timing}
        if timing == "within_days":
            prov["within_days"] = rng.randint(1, 30)
        what = " or ".join(t.replace("_", " ") for t in triggers)
        text = f"any {what} of information must be reported {timing.replace('_', ' ')}"
    elif kind == "intermediary_routing":
        assert routing is not None
        prov |= routing
        text = f"information travels only through {routing['hub']} and the other parties do not exchange it directly"
    elif kind == "binding_status":
        nature = rng.choice(["legal", "political", "diplomatic"])
        prov |= {"legally_binding": nature == "legal", "binding_nature": nature}
        if rng.random() < 0.5:
            prov["ratification_required"] = rng.random() < 0.5
        if previous_binding is not None and rng.random() < 0.5:
            prov["disputes"] = previous_binding
            prov["asserted_by"] = {"name": world.person(), "office": "lawmaker", "party": rng.choice(members)}
        elif rng.random() < 0.3:
            prov["asserted_by"] = {"name": world.person(), "office": "Defense Minister", "party": rng.choice(members)}
        text = (
            f"the instrument is binding only {nature}ly" if nature != "legal" else "the instrument is legally binding"
        )
    elif kind == "scope":
        subjects = rng.sample(world.subject_ids, rng.randint(1, 3))
        prov |= {"subjects": subjects, "limited_to_subjects": rng.random() < 0.6}
        if rng.random() < 0.5:
            prov["information_forms"] = rng.sample(["documents", "verbal", "visual", "electronic", "material"], 2)
        text = f"sharing covers {', '.join(s.replace('-', ' ') for s in subjects)}"
    elif kind == "classification_levels":
        grading = rng.choice(members)
        levels = rng.sample(_LEVELS, rng.randint(1, 3))
        prov |= {"grading_party": grading, "levels": levels}
        if len(members) >= 2 and rng.random() < 0.5:
            a, b = rng.sample(members, 2)
            prov |= {"from_party": a, "to_party": b}
        text = f"grades {', '.join(levels)} of {grading} are exchanged"
    elif kind == "protection_of_classified_information":
        covers = rng.sample(
            ["classified information", "military secrets", "information exchanged directly", "material"], 2
        )
        prov |= {"covers": covers, "maintain_classification": rng.random() < 0.8}
        text = f"the parties protect {' and '.join(covers)}"
    elif kind == "purpose_limitation":
        purpose = rng.choice(
            ["defence purposes", "the purposes of the agreement", "national security", "joint operations"]
        )
        prov["permitted_purposes"] = purpose
        text = f"information may be used only for {purpose}"
    elif kind == "security_authority":
        prov |= {"authority": rng.choice(["National Security Authority", "Designated Security Authority"])}
        if rng.random() < 0.5:
            prov |= {"duties": "implement the security measures", "common_standards": True}
        text = f"each party designates a {prov['authority']}"
    elif kind == "other_agreements":
        permitted = rng.random() < 0.7
        prov["permitted"] = permitted
        if permitted:
            prov["condition"] = "if they do not conflict with this agreement"
        text = "the parties may make other agreements" if permitted else "the parties may not make other agreements"
    elif kind == "entry_into_force_rule":
        instruments = rng.sample(["signature", "ratification", "acceptance", "approval"], rng.randint(1, 2))
        prov |= {
            "instruments": instruments,
            "deposits_required": rng.randint(1, 5),
            "days_after_deposit": rng.choice([0, 30, 60, 90]),
        }
        if org is not None:
            prov["depositary"] = org["id"]
        text = f"it enters into force after deposit of instruments of {' and '.join(instruments)}"
    elif kind == "supersession":
        prov |= {
            "supersedes": f"the security arrangement of {rng.randint(1950, 2000)}",
            "between": rng.choice(["all_parties", "parties_for_which_in_force"]),
        }
        text = f"it replaces {prov['supersedes']}"
    elif kind == "accession":
        prov |= {"open_to": "any state invited by the parties", "days_after_deposit": rng.choice([30, 60, 90])}
        if org is not None:
            prov["deposit_with"] = org["id"]
        text = "any state invited by the parties may accede"
    elif kind == "denunciation":
        months = rng.choice([3, 6, 12])
        prov |= {
            "notice": rng.choice(["written", "unspecified"]),
            "notice_to": rng.choice(["depositary", "other_parties"]),
            "takes_effect_after": {"value": months, "unit": "months"},
            "obligations_survive": rng.random() < 0.7,
        }
        text = f"a party may denounce it with effect {months} months after notice"
    elif kind == "depositary_duties":
        depositary = org["id"] if org is not None else rng.choice(members)
        duties = rng.sample(
            [
                "receive_instruments",
                "inform_of_deposits",
                "inform_of_denunciations",
                "keep_original",
                "transmit_certified_copies",
            ],
            rng.randint(1, 3),
        )
        prov |= {"depositary": depositary, "duties": duties}
        text = f"the depositary must {' and '.join(d.replace('_', ' ') for d in duties)}"
    elif kind == "authentic_languages":
        languages = rng.sample(_LANGUAGES, rng.randint(1, 3))
        prov |= {"languages": languages, "equally_authoritative": True}
        text = f"the texts in {', '.join(languages)} are authentic"
    elif kind in _MINOR_KINDS:
        text = _minor_provision(rng, kind, prov, members, org)
    else:  # a kind added to the schema after this generator: cover it here
        raise ValueError(f"the generator does not know provision kind {kind!r}")
    if len(members) > 2 and rng.random() < 0.1:
        prov["binds"] = rng.sample(members, 2)
    prov["basis"] = rng.choice(["agreement_text", "agreed_in_negotiation", "official_statement", "reported", "planned"])
    return prov, f"Under {article} of the {label}, {text}."


def _period(rng: random.Random) -> dict[str, Any]:
    return {"value": rng.choice([1, 3, 6, 12, 30, 90]), "unit": rng.choice(["days", "months", "years"])}


def _minor_provision(
    rng: random.Random, kind: str, prov: dict[str, Any], members: list[str], org: dict[str, Any] | None
) -> str:
    """The kinds the records revealed later (schema/provisions): fill `prov`, return the stating clause."""
    if kind == "classification_equivalence":
        level = rng.choice(["SECRET", "CONFIDENTIAL", "RESTRICTED"])
        prov["rows"] = [{"level": level, "markings": [{"party": p, "marking": level.title()} for p in members[:3]]}]
        return f"the marking {level} of each party is treated as equivalent"
    if kind == "classification_change":
        prov |= {"changed_by": rng.choice(["originator", "any_party"]), "notify": True}
        return "a change of classification is notified to the recipient"
    if kind == "transmission":
        channels = rng.sample(["diplomatic_courier", "government_to_government", "secure_electronic"], 2)
        prov["channels"] = channels
        return f"information is sent by {' or '.join(c.replace('_', ' ') for c in channels)}"
    if kind == "reproduction_translation":
        prov |= {"markings_retained": True, "consent_required_for": ["reproduction"]}
        return "copies keep their markings and reproduction needs consent"
    if kind == "destruction_return":
        options = rng.sample(["return", "destroy"], rng.randint(1, 2))
        prov |= {"options": options, "when": ["no_longer_needed"]}
        return f"information no longer needed is {' or '.join(o + 'ed' for o in options)}"
    if kind == "visits":
        prov |= {"approval_by": rng.choice(["host", "both"]), "request_in_advance": _period(rng)}
        return "visits are requested in advance and approved by the host"
    if kind == "contractors":
        prov |= {"permitted": True, "facility_clearance_required": True}
        return "contractors may receive information under a facility clearance"
    if kind == "dispute_settlement":
        means = rng.sample(["consultation", "negotiation", "diplomatic_channels"], rng.randint(1, 2))
        prov |= {"means": means, "exclusive": True}
        return f"disputes are settled by {' and '.join(m.replace('_', ' ') for m in means)} only"
    if kind == "costs":
        prov["rule"] = rng.choice(["each_party_own", "shared"])
        return "each party bears its own costs" if prov["rule"] == "each_party_own" else "the costs are shared"
    if kind == "intellectual_property":
        prov["rights_unaffected"] = True
        return "intellectual property rights are not affected"
    if kind == "duration":
        if rng.random() < 0.5:
            prov["indefinite"] = True
            return "it remains in force indefinitely"
        prov |= {"initial_term": {"value": 1, "unit": "years"}, "renewal": "automatic"}
        return "it is renewed each year automatically"
    if kind == "territorial_application":
        prov["territories"] = ["the European part of the Kingdom"]
        return "it applies to the European part of the Kingdom"
    if kind == "compensation_waiver":
        prov |= {"by": "each_party", "for_what": "the use of an invention kept secret"}
        return "each party waives compensation for the use of an invention kept secret"
    if kind == "immunity_waiver":
        prov |= {"organisation": org["id"] if org is not None else members[0], "in_proceedings_on": "classified data"}
        return "the organisation waives its immunity in proceedings on classified data"
    if kind == "legal_change_notification":
        prov["laws"] = "national laws on the protection of classified information"
        return "each party notifies changes in its laws on classified information"
    if kind == "amendment":
        prov["by"] = rng.choice(["mutual_written_consent", "exchange_of_notes"])
        return "it may be amended by mutual written consent"
    raise ValueError(kind)


_MINOR_KINDS = {
    "classification_equivalence": 2,
    "classification_change": 2,
    "transmission": 3,
    "reproduction_translation": 2,
    "destruction_return": 2,
    "visits": 2,
    "contractors": 1,
    "dispute_settlement": 3,
    "costs": 2,
    "intellectual_property": 1,
    "duration": 3,
    "territorial_application": 1,
    "compensation_waiver": 1,
    "immunity_waiver": 1,
    "legal_change_notification": 1,
    "amendment": 2,
}
"""The kinds added to the schema with the curated records, and how often they appear."""

# Provision kinds and how often they appear (routing only in hub arrangements).
_KIND_WEIGHTS = {
    "third_country_transfer": 10,
    "need_to_know_access": 10,
    "loss_notification": 9,
    "binding_status": 6,
    "scope": 9,
    "classification_levels": 8,
    "protection_of_classified_information": 9,
    "purpose_limitation": 7,
    "security_authority": 7,
    "other_agreements": 4,
    "entry_into_force_rule": 5,
    "supersession": 2,
    "accession": 3,
    "denunciation": 5,
    "depositary_duties": 3,
    "authentic_languages": 5,
    **_MINOR_KINDS,
}


class Generator:
    def __init__(self, scale: float, seed: int) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        n_states = max(12, min(FULL["states"], round(FULL["states"] * math.sqrt(scale))))
        self.n_agreements = max(10, round(FULL["agreements"] * scale))
        self.n_provisions = max(self.n_agreements, round(FULL["provisions"] * scale))
        self.n_documents = max(self.n_agreements, round(FULL["documents"] * scale))
        self.world = World(self.rng, n_states)
        missing = set(PROVISION_KINDS) - set(_KIND_WEIGHTS) - {"intermediary_routing"}
        if missing:
            raise SystemExit(f"bench/generate.py does not cover provision kinds {sorted(missing)}")
        self.kinds = list(_KIND_WEIGHTS)
        self.kind_weights = list(_KIND_WEIGHTS.values())
        self.agreements: list[dict[str, Any]] = []
        self.facts: list[list[Fact]] = []  # per agreement
        self.doc_counts: list[int] = []
        self.pair_agreements: dict[tuple[str, str], list[tuple[str, datetime.date | None]]] = {}
        self.sharing: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.anchors: list[list[datetime.date]] = []  # per agreement: each document's publication date
        self.dated_events: list[list[dict[str, Any]]] = []  # per agreement: its dated events, in order
        self.texts: list[tuple[str, str, str, str]] = []  # (agreement id, text id, title, markdown)

    # -- agreements ------------------------------------------------------------------------

    def _new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def make_agreements(self) -> None:
        rng = self.rng
        n_hub = max(1, round(self.n_agreements * 0.05))
        n_multi = round(self.n_agreements * 0.10)
        n_bilateral = self.n_agreements - n_hub - n_multi
        plan = ["bilateral"] * n_bilateral + ["multilateral"] * n_multi
        rng.shuffle(plan)
        plan += ["hub"] * n_hub  # hubs last: their legs are earlier bilateral pacts
        # provisions per agreement: spread the total with variation
        per = [max(3, round(rng.gauss(self.n_provisions / self.n_agreements, 4))) for _ in plan]
        drift = self.n_provisions - sum(per)
        for i in range(abs(drift)):
            j = i % len(per)
            per[j] = max(3, per[j] + (1 if drift > 0 else -1))
        docs = [1] * len(plan)
        for _ in range(self.n_documents - len(plan)):
            docs[rng.randrange(len(plan))] += 1
        self.doc_counts = docs
        for index, form in enumerate(plan):
            if form == "hub" and not self._hub_possible():
                form = "bilateral"
            self._agreement(index, form, per[index])

    def _hub_possible(self) -> bool:
        return any(len(v) >= 2 for v in self._partners().values())

    def _partners(self) -> dict[str, list[str]]:
        if not hasattr(self, "_partner_cache") or self._partner_cache_size != len(self.pair_agreements):
            partners: dict[str, list[str]] = {}
            for a, b in self.pair_agreements:
                partners.setdefault(a, []).append(b)
                partners.setdefault(b, []).append(a)
            self._partner_cache = partners
            self._partner_cache_size = len(self.pair_agreements)
        return self._partner_cache

    def _agreement(self, index: int, form: str, n_provisions: int) -> None:
        rng, world = self.rng, self.world
        org = None
        routing_parts = None
        if form == "bilateral":
            states = world.pick_states(2)
        elif form == "multilateral":
            states = world.pick_states(rng.randint(3, 8))
            org = rng.choice(world.orgs) if rng.random() < 0.6 else None
        else:
            partners = self._partners()
            hubs = [h for h, v in partners.items() if len(v) >= 2]
            hub_id = rng.choice(hubs)
            a_id, b_id = rng.sample(partners[hub_id], 2)
            states = [world.by_id[a_id], world.by_id[b_id], world.by_id[hub_id]]
            routing_parts = (a_id, b_id, hub_id)
        interministerial = form == "hub" or rng.random() < 0.3
        members = [f"{s['id']}-mod" if interministerial else s["id"] for s in states]
        state_ids = sorted(s["id"] for s in states)
        year = rng.randint(1955, 2023)
        if form == "bilateral":
            short = rng.choice(["GSOMIA", "Security Agreement", "MOU on Military Information", "Intelligence Pact"])
            kind_value = "agreement" if short != "MOU on Military Information" else "memorandum_of_understanding"
        elif form == "multilateral":
            short = rng.choice(
                ["Security of Information Agreement", "Multilateral Security Treaty", "Information Sharing Arrangement"]
            )
            kind_value = "treaty" if "Treaty" in short else "arrangement" if "Arrangement" in short else "agreement"
        else:
            short = "TISA"
            kind_value = "memorandum_of_understanding"
        slug = {"GSOMIA": "gsomia", "TISA": "tisa"}.get(short, "-".join(w.lower() for w in short.split()[:2]))
        head = "-".join(state_ids[:4]) + ("-multi" if len(state_ids) > 4 else "")
        aid = self._new_id(f"{head}-{slug}-{year}")
        names = (
            " and ".join(s["short"] for s in states[:2])
            if len(states) == 2
            else ", ".join(s["short"] for s in states[:3]) + (" and others" if len(states) > 3 else "")
        )
        label = f"{year} {names} {short}"
        n_docs = self.doc_counts[index]
        facts: list[Fact] = []

        def cite(sentence: str, doc_index: int | None = None) -> list[dict[str, Any]]:
            fact = Fact(sentence, doc_index)
            facts.append(fact)
            return fact.citations

        record: dict[str, Any] = {
            "id": aid,
            "short_name": short,
            "title": f"{short} between {names} ({year})",
            "kind": {
                "value": kind_value,
                "citations": cite(
                    f"The {label} is {'an' if kind_value == 'agreement' else 'a'} "
                    f"{kind_value.replace('_', ' ')} in form."
                ),
            },
        }
        record["level"] = {
            "value": "interministerial" if interministerial else "intergovernmental",
            "citations": cite(
                f"The {label} was concluded at the level of "
                f"{'the defence ministries' if interministerial else 'the governments'}."
            ),
        }
        record["names"] = [
            {"name": f"{names} {short}", "citations": cite(f"The {label} is widely known as the {names} {short}.")}
        ]
        parties = []
        for s, member in zip(states, members, strict=True):
            roles = ["party"]
            if routing_parts and s["id"] == routing_parts[2]:
                roles = ["party", "intermediary"]
            parties.append(
                {"party": member, "roles": roles, "citations": cite(f"{s['name']} is a party to the {label}.")}
            )
        if org is not None:
            parties.append(
                {
                    "party": org["id"],
                    "roles": ["depositary"],
                    "citations": cite(f"The {org['name']} is the depositary of the {label}."),
                }
            )
        record["parties"] = parties

        events, signed_on, in_force_on, ended_on = self._events(rng, states, members, label, cite, year)
        relations = []
        if routing_parts is not None:
            a_id, b_id, hub_id = routing_parts
            legs = []
            for x in (a_id, b_id):
                pair = tuple(sorted((x, hub_id)))
                leg_id, _ = rng.choice(self.pair_agreements[pair])  # type: ignore[index]
                legs.append(leg_id)
            for leg in dict.fromkeys(legs):
                relations.append(
                    {
                        "kind": "relies_on",
                        "agreement": leg,
                        "citations": cite(f"The {label} rests on the earlier pact {leg}."),
                    }
                )
        elif form == "bilateral":
            pair = tuple(state_ids)
            earlier = self.pair_agreements.get(pair)  # type: ignore[arg-type]
            if earlier and rng.random() < 0.3:
                other, _ = rng.choice(earlier)
                kind = rng.choice(["supersedes", "revives", "complements"])
                relations.append(
                    {
                        "kind": kind,
                        "agreement": other,
                        "citations": cite(f"The {label} {kind} the earlier pact {other}."),
                    }
                )
        if relations:
            record["relations"] = relations
        if signed_on is not None and rng.random() < 0.5:
            signatories = []
            for s, member in list(zip(states, members, strict=True))[:2]:
                person = world.person()
                office = rng.choice(_OFFICES)
                signatories.append(
                    {
                        "person": person,
                        "office": office,
                        "party": member,
                        "signed": {"date": signed_on.isoformat()},
                        "citations": cite(
                            f"{person}, {office} of {s['short']}, signed the {label} on {_spoken(signed_on)}."
                        ),
                    }
                )
            record["signatories"] = signatories
        record["events"] = [e for e, _ in events]

        provisions = []
        routing = None
        if routing_parts is not None:
            a_id, b_id, hub_id = routing_parts
            a, b, h = f"{a_id}-mod", f"{b_id}-mod", f"{hub_id}-mod"
            routing = {
                "hub": h,
                "direct_exchange": False,
                "routes": [
                    {"origin": a, "via": [h], "destination": b, "onward_approval_by": a},
                    {"origin": b, "via": [h], "destination": a, "onward_approval_by": b},
                ],
                "legs_under": [r["agreement"] for r in relations],
            }
        kinds = ["intermediary_routing"] if routing else []
        kinds += rng.choices(self.kinds, weights=self.kind_weights, k=n_provisions - len(kinds))
        previous_binding = None
        for n, kind in enumerate(kinds, start=1):
            prov, sentence = _provision(rng, world, kind, n, members, label, org, routing, previous_binding)
            if kind == "binding_status":
                previous_binding = prov["id"]
            prov["citations"] = cite(sentence)
            provisions.append(prov)
        if form == "bilateral" and index % TEXT_EVERY == 0:
            self._official_text(record, names, provisions)
        record["provisions"] = provisions
        record["citations"] = cite(f"{names} concluded the {label} on the exchange of military information.")

        # Documents: each is anchored on a dated event (published 0-3 days after it) and carries
        # the sentences of the facts assigned to it.
        self.agreements.append(record)
        self.facts.append(facts)
        dated = [(e, latest) for e, latest in events if latest is not None]
        anchors = [
            dated[j % len(dated)][1] + datetime.timedelta(days=rng.randint(0, 3))
            if dated
            else datetime.date(year, 6, 1)
            for j in range(n_docs)
        ]
        self.anchors.append(anchors)
        self.dated_events.append([e for e, _ in dated])
        if form == "bilateral":
            self.pair_agreements.setdefault(tuple(state_ids), []).append((aid, in_force_on))  # type: ignore[arg-type]
        if in_force_on is not None and len(states) >= 2:
            on = in_force_on + datetime.timedelta(days=30)
            if ended_on is None or on < ended_on:
                if routing_parts is not None:
                    self.sharing.append((f"{routing_parts[0]}-mod", f"{routing_parts[1]}-mod", on.isoformat()))
                else:
                    self.sharing.append((states[0]["id"], states[1]["id"], on.isoformat()))

    def _events(self, rng, states, members, label, cite, year):  # type: ignore[no-untyped-def]
        """The agreement's life: (event, latest day) pairs, and its signing, entry into force and end."""
        events: list[tuple[dict[str, Any], datetime.date | None]] = []
        day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))

        def add(
            kind: str, sentence: str, when_day: datetime.date | None, precision: str | None = "day", **extra: Any
        ) -> datetime.date | None:
            eid = kind.replace("_", "-") + (
                f"-{len(events) + 1}"
                if kind in ("negotiation", "announcement", "approval", "opposition", "ratification", "notification")
                else ""
            )
            event: dict[str, Any] = {"id": eid, "kind": kind}
            latest = None
            if extra.get("status") in ("planned", "averted"):
                event["status"] = extra["status"]
            if when_day is not None:
                when, latest = _when(rng, when_day, precision)
                event["when"] = when
            for key, value in extra.items():
                if key != "status":
                    event[key] = value
            dated_index = sum(1 for _, seen in events if seen is not None) if latest is not None else None
            event["citations"] = cite(sentence, dated_index)
            events.append((event, latest))
            return latest

        if rng.random() < 0.3:
            add(
                "proposal",
                f"{states[0]['short']} proposed the {label} in {MONTH_NAMES[day.month - 1]} {day.year}.",
                day,
                "month",
            )
            day += datetime.timedelta(days=rng.randint(30, 200))
        for rnd in range(1, rng.randint(0, 3) + 1):
            place = rng.choice(states)["capital"]
            add(
                "negotiation",
                f"Round {rnd} of the talks on the {label} was held in {place} on {_spoken(day)}.",
                day,
                "day",
                round=rnd,
                place=place,
            )
            day += datetime.timedelta(days=rng.randint(20, 120))
        if rng.random() < 0.1:
            add("talks_resumed", f"Talks on the {label} resumed on {_spoken(day)}.", day, "day")
            day += datetime.timedelta(days=rng.randint(20, 120))
        if rng.random() < 0.05:
            add(
                "decision",
                f"The government of {states[0]['short']} decided to sign the {label} on {_spoken(day)}.",
                day,
                "day",
                party=states[0]["id"],
            )
            day += datetime.timedelta(days=rng.randint(5, 30))
        if rng.random() < 0.15:
            add(
                "opposition",
                f"Civic groups protested against the {label} on {_spoken(day)}.",
                day,
                None,
                actors=[{"name": "Civic groups"}],
                causes=[rng.choice(["domestic_opposition", "secrecy_of_negotiations", "haste", "historical_disputes"])],
            )
        signed_on = in_force_on = ended_on = None
        if rng.random() < 0.9:
            if rng.random() < 0.2:
                add("initialling", f"Negotiators initialled the {label} on {_spoken(day)}.", day, "day")
                day += datetime.timedelta(days=rng.randint(10, 90))
            if rng.random() < 0.1:
                add(
                    "legal_review",
                    f"The {label} was sent for legal review before {_spoken(day)}.",
                    day,
                    "on_or_before",
                    party=members[0],
                    approving_body="Ministry of Legislation",
                )
            signed_on = day
            add("signing", f"The {label} was signed in {states[-1]['capital']} on {_spoken(day)}.", day, "day")
            if rng.random() < 0.2:
                add(
                    "announcement",
                    f"The defence ministry announced the signing of the {label} on {_spoken(day)}.",
                    day,
                    "day",
                    party=members[0],
                )
            if rng.random() < 0.05:
                add(
                    "provisional_application",
                    f"The parties apply the {label} provisionally from {_spoken(day)}.",
                    day,
                    "day",
                )
            if rng.random() < 0.05:
                day += datetime.timedelta(days=rng.randint(5, 30))
                add(
                    "parliament_notification",
                    f"The {label} was laid before the parliament of {states[0]['short']} on {_spoken(day)}.",
                    day,
                    "day",
                    party=states[0]["id"],
                )
            for state in states[:2] if rng.random() < 0.2 else []:
                day += datetime.timedelta(days=rng.randint(5, 60))
                add(
                    rng.choice(["ratification", "notification"]),
                    f"{state['short']} completed its procedures for the {label} on {_spoken(day)}.",
                    day,
                    "day",
                    party=state["id"],
                )
            if rng.random() < 0.05:
                day += datetime.timedelta(days=rng.randint(5, 60))
                add("exchange_of_notes", f"Notes on the {label} were exchanged on {_spoken(day)}.", day, "day")
            if rng.random() < 0.8:
                day += datetime.timedelta(days=rng.randint(10, 400))
                in_force_on = add("entry_into_force", f"The {label} entered into force on {_spoken(day)}.", day, None)
                if rng.random() < 0.1:
                    later = day + datetime.timedelta(days=rng.randint(300, 3000))
                    add(
                        "in_force_attested",
                        f"The {label} was still in force as of {_spoken(later)}.",
                        later,
                        "on_or_before",
                    )
                if rng.random() < 0.05:
                    later = day + datetime.timedelta(days=rng.randint(366, 700))
                    add("renewal", f"The {label} was renewed on {_spoken(later)}.", later, "day")
                roll = rng.random()
                if roll >= 0.97:  # a notice to end it, withdrawn before it took effect, and the averted end
                    notice_day = day + datetime.timedelta(days=rng.randint(400, 3000))
                    effect = notice_day + datetime.timedelta(days=90)
                    add(
                        "termination_notice",
                        f"{states[0]['short']} gave notice to terminate the {label} on {_spoken(notice_day)}.",
                        notice_day,
                        "day",
                        party=states[0]["id"],
                        takes_effect={"date": effect.isoformat()},
                    )
                    add(
                        "notice_withdrawn",
                        f"{states[0]['short']} withdrew its notice on the {label} on "
                        f"{_spoken(notice_day + datetime.timedelta(days=30))}.",
                        notice_day + datetime.timedelta(days=30),
                        "day",
                        party=states[0]["id"],
                        notices=["termination-notice"],
                    )
                    add(
                        "termination",
                        f"The {label} did not end on {_spoken(effect)} after all.",
                        effect,
                        "day",
                        status="averted",
                    )
                if roll < 0.08:
                    day += datetime.timedelta(days=rng.randint(365, 6000))
                    ended_on = add(
                        "termination",
                        f"The {label} was terminated on {_spoken(day)}.",
                        day,
                        "day",
                        causes=["domestic_opposition"],
                    )
                elif roll < 0.11:
                    day += datetime.timedelta(days=rng.randint(365, 4000))
                    ended_on = add("suspension", f"The {label} was suspended on {_spoken(day)}.", day, "day")
            else:
                add(
                    "entry_into_force",
                    f"The {label} is expected to enter into force by {_spoken(day + datetime.timedelta(days=90))}.",
                    day + datetime.timedelta(days=90),
                    "day",
                    status="planned",
                )
        elif rng.random() < 0.5:
            day += datetime.timedelta(days=rng.randint(30, 400))
            ended_on = add(
                "abandonment",
                f"The talks on the {label} collapsed on {_spoken(day)}.",
                day,
                None,
                causes=["domestic_opposition"],
            )
        else:
            add(
                "signing",
                f"The {label} is due to be signed later this year, officials said.",
                None,
                None,
                status="planned",
            )
        if rng.random() < 0.1:
            add(
                "consultations",
                f"Follow-up consultations on the {label} are planned, officials said.",
                None,
                None,
                status="planned",
            )
        return events, signed_on, in_force_on, ended_on

    def _official_text(self, record: dict[str, Any], names: str, provisions: list[dict[str, Any]]) -> None:
        """An official text in the library, one article per provision, each provision citing its article,
        and the record's unit ledger accounting for every unit (texts.yaml, docs/curating.md)."""
        text_id = f"{record['id']}-text"
        title = f"Agreement between {names} on the protection of classified information"
        lines = [
            f"##{title}",
            "",
            "The Parties, desiring to protect the information they exchange, have agreed as follows:",
        ]
        ledger: list[dict[str, Any]] = [{"unit": "preamble", "no_terms": "recitals"}]
        for n, prov in enumerate(provisions, start=1):
            clause = f"The Parties agree on the {prov['kind'].replace('_', ' ')} terms numbered {n} of this Agreement."
            lines += ["", f"### Article  {n}", "", clause]
            prov["citations"].append({"doc": text_id, "unit": f"art_{n}", "quote": clause.rstrip(".")})
            ledger.append({"unit": f"art_{n}", "provisions": [prov["id"]]})
        record["ledger"] = ledger
        self.texts.append((record["id"], text_id, title, "\n".join(lines) + "\n"))

    # -- documents ---------------------------------------------------------------------------

    def write(self, out: Path, progress) -> dict[str, Any]:  # type: ignore[no-untyped-def]
        rng, world = self.rng, self.world
        docs_dir = out / "documents"
        agreements_dir = out / "agreements"
        library_dir = library_root(out) / LIBRARY_FOLDER
        docs_dir.mkdir(parents=True)
        library_dir.mkdir(parents=True)
        agreements_dir.mkdir(parents=True)
        pool = _filler_pool(rng, world, max(3000, min(60_000, self.n_documents // 2)))
        manifest: list[dict[str, Any]] = []
        doc_number = 0
        started = time.perf_counter()
        for a_index, (record, facts) in enumerate(zip(self.agreements, self.facts, strict=True)):
            anchors = self.anchors[a_index]
            dated_events = self.dated_events[a_index]
            n_docs = len(anchors)
            # facts -> documents: event facts to the document anchored on them, the rest in turn
            per_doc: list[list[Fact]] = [[] for _ in range(n_docs)]
            for k, fact in enumerate(facts):
                target = fact.doc_index % n_docs if fact.doc_index is not None else k % n_docs
                per_doc[target].append(fact)
            for j in range(n_docs):
                published = anchors[j]
                outlet = rng.choice(_OUTLETS) if rng.random() < 0.85 else None
                slug = re.sub(r"[^a-z0-9]+", "-", (outlet or "unattributed").lower()).strip("-")
                doc_id = f"{slug}-{published.isoformat()}-{doc_number}"
                headline = f"{record['short_name']} news: {record['title']} - report {doc_number}"
                text, quotes = _document_text(
                    rng, world, pool, record, per_doc[j], outlet, published, headline, doc_number
                )
                data = text.encode()
                sha = hashlib.sha256(data).hexdigest()
                file = f"{doc_number:06d}_{sha[:16]}.txt"
                for fact, (quote, occurrence) in zip(per_doc[j], quotes, strict=True):
                    citation: dict[str, Any] = {"doc": doc_id, "quote": quote}
                    if occurrence:
                        citation["occurrence"] = occurrence
                    fact.citations.append(citation)
                caption = f"Delegates from {record['title'].split(' between ')[-1]} pose after the meeting"
                entry: dict[str, Any] = {"id": doc_id}
                # Most sources are library files (named by path, never copied into the seeds); a few, like
                # the seed articles, live in the seeds' own documents/ folder.
                if doc_number % 20 == 0:
                    (docs_dir / file).write_bytes(data)
                    entry["file"] = file
                else:
                    (library_dir / file).write_bytes(data)
                    entry["library"] = f"{LIBRARY_FOLDER}/{file}"
                entry |= {
                    "sha256": sha,
                    "title": headline,
                    "publisher_kind": "news_outlet",
                    "url": None if doc_number % 3 else f"https://news.example/{doc_id}",
                    "versions": [{"language": "en", "text_kind": "verbatim"}],
                }
                if outlet:
                    entry |= {"publisher": outlet, "publisher_quote": outlet}
                else:
                    entry |= {"publisher": None, "publisher_note": "The text names no outlet."}
                entry["published"] = {
                    "date": published.isoformat(),
                    "basis": "stated",
                    "quote": _dateline(published, doc_number),
                }
                entry["captions"] = [caption[:120]]
                manifest.append(entry)
                if j < len(dated_events) and "precision" not in dated_events[j]["when"] and rng.random() < 0.3:
                    # a relative date as the report wrote it, resolved against this report
                    when = dated_events[j]["when"]
                    weekday = _WEEKDAYS[datetime.date.fromisoformat(when["date"]).weekday()]
                    when |= {"as_written": f"on {weekday}", "resolved_against": doc_id}
                doc_number += 1
            if a_index % 2000 == 0 and a_index:
                progress(
                    f"  documents for {a_index} agreements "
                    f"({doc_number} documents, {time.perf_counter() - started:.1f}s)"
                )
        progress(f"writing {len(self.agreements)} agreement records")
        header = "Synthetic agreement generated by bench/generate.py (not a real agreement).\n"
        header += "yaml-language-server: $schema=../../docs/schema/agreement.schema.json"
        counts = {"events": 0, "provisions": 0, "citations": 0}
        for record in self.agreements:
            (agreements_dir / f"{record['id']}.yaml").write_text(to_yaml(record, header))
            counts["events"] += len(record["events"])
            counts["provisions"] += len(record["provisions"])
        progress("writing documents.yaml, parties.yaml, subjects.yaml")
        (out / "documents.yaml").write_text(
            to_yaml({"documents": manifest}, "Synthetic source documents generated by bench/generate.py.")
        )
        texts_dir = library_root(out) / TEXTS_FOLDER
        texts_dir.mkdir(parents=True)
        texts = []
        for agreement_id, text_id, title, markdown in self.texts:
            data = markdown.encode()
            (texts_dir / f"{agreement_id}.md").write_bytes(data)
            texts.append(
                {
                    "id": text_id,
                    "agreement": agreement_id,
                    "title": title,
                    "publisher": "Synthetic treaty database",
                    "publisher_kind": "treaty_database",
                    "url": None,
                    "published": {"basis": "unknown", "note": "A generated text carries no publication date."},
                    "library": f"{TEXTS_FOLDER}/{agreement_id}.md",
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "versions": [{"language": "en", "text_kind": "verbatim", "authentic": True}],
                }
            )
        (out / "texts.yaml").write_text(
            to_yaml({"texts": texts}, "Synthetic official texts generated by bench/generate.py.")
        )
        parties: list[dict[str, Any]] = []
        for s in world.states:
            parties.append(
                {
                    "id": s["id"],
                    "kind": "state",
                    "name": s["name"],
                    "short_name": s["short"],
                    "iso3166": {"alpha2": s["alpha2"], "alpha3": s["alpha3"]},
                }
            )
        for s in world.states:
            parties.append(
                {
                    "id": f"{s['id']}-mod",
                    "kind": "ministry",
                    "name": f"Ministry of Defence of {s['name']}",
                    "acts_for": s["id"],
                }
            )
        for org in world.orgs:
            parties.append(
                {"id": org["id"], "kind": "international_organisation", "name": org["name"], "short_name": org["short"]}
            )
        (out / "parties.yaml").write_text(
            to_yaml({"parties": parties}, "Synthetic states and ministries (bench/generate.py).")
        )
        (out / "subjects.yaml").write_text(
            to_yaml({"subjects": world.subjects}, "Synthetic subject tree (bench/generate.py).")
        )
        return {
            "documents": len(manifest),
            "texts": len(texts),
            "parties": len(parties),
            "subjects": len(world.subjects),
            **counts,
        }


def _dateline(day: datetime.date, n: int) -> str:
    hour = 1 + n % 12
    minute = n % 60
    return f"{hour}:{minute:02d} {'AM' if n % 2 else 'PM'}, {MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def _document_text(rng, world, pool, record, facts, outlet, published, headline, number):  # type: ignore[no-untyped-def]
    """A news page: furniture lines around paragraphs mixing the facts' sentences with filler.

    Returns the raw text and, per fact, the quote and its occurrence (None when unique)."""
    target = rng.randint(3000, 4000)
    sentences = [f.sentence for f in facts]
    size = sum(len(s) + 1 for s in sentences) + 400
    filler = []
    for sentence in rng.sample(pool, 40):
        if size >= target:
            break
        filler.append(sentence)
        size += len(sentence) + 1
    body = sentences + filler
    rng.shuffle(body)
    paragraphs = []
    i = 0
    while i < len(body):
        k = rng.randint(2, 4)
        paragraphs.append(" ".join(body[i : i + k]))
        i += k
    lines = []
    if rng.random() < 0.2:
        lines.append("Go to Contents Go to Navigation")
    if outlet:
        lines.append(outlet)
    lines.append(headline)
    lines.append(f"By {world.person()}")
    lines.append(_dateline(published, number))
    if rng.random() < 0.2:
        lines.append("(ATTN: UPDATES throughout)")
    caption = f"Delegates from {record['title'].split(' between ')[-1]} pose after the meeting"
    lines.append(paragraphs[0])
    lines.append(caption + " in the capital")
    lines.extend(paragraphs[1:])
    lines.extend(
        rng.sample(
            ["Send Feedback", "How can we improve?", "Thanks for your feedback!", "Share this article", "Comments (3)"],
            2,
        )
    )
    lines.append("Other news")
    lines.extend(rng.sample(pool, 3))
    text = "\n\n".join(lines) + "\n"
    # The cleaned text keeps the headline and the paragraphs, joined by a space after normalising.
    clean = " ".join([headline, *paragraphs])
    quotes = []
    for sentence in sentences:
        quote = sentence.rstrip(".")
        count = clean.count(quote)
        quotes.append((quote, 1 if count > 1 else None))
    return text, quotes


def generate(out: Path, scale: float, seed: int, progress=print) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for folder in (out, library_root(out)):
        if folder.exists():
            shutil.rmtree(folder)
    gen = Generator(scale, seed)
    progress(
        f"generating {gen.n_agreements} agreements, ~{gen.n_provisions} provisions, {gen.n_documents} documents, "
        f"{len(gen.world.states)} states (scale {scale}, seed {seed})"
    )
    gen.make_agreements()
    progress(f"  agreements planned ({time.perf_counter() - started:.1f}s); writing documents")
    counts = gen.write(out, progress)
    counts["agreements"] = len(gen.agreements)
    counts["citations"] = sum(len(f.citations) for facts in gen.facts for f in facts)
    states_by_degree: dict[str, int] = {}
    for record in gen.agreements:
        for party in record["parties"]:
            state = party["party"].removesuffix("-mod")
            if state in gen.world.by_id:
                states_by_degree[state] = states_by_degree.get(state, 0) + 1
    topic_words = [t for t, _ in _TOPICS]
    meta = {
        "scale": scale,
        "seed": seed,
        "counts": counts,
        "seconds": round(time.perf_counter() - started, 2),
        "bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
        "agreement_ids": [r["id"] for r in gen.agreements],
        "states_by_agreements": sorted(states_by_degree.items(), key=lambda kv: -kv[1]),
        "provision_kinds": sorted(PROVISION_KINDS),
        "sharing": gen.sharing,
        # frequent, middling and rare words of the filler text, and state names (one per state)
        "search_terms": [*topic_words, *(s["short"] for s in gen.world.states[:40])],
    }
    (out.parent / "corpus.json").write_text(json.dumps(meta))
    progress(
        f"generated {out} in {meta['seconds']:.1f}s: {counts['agreements']} agreements, "
        f"{counts['provisions']} provisions, "
        f"{counts['events']} events, {counts['documents']} documents, {counts['citations']} citations, "
        f"{meta['bytes'] / 1e6:.0f} MB"
    )
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("build/bench/seeds"), help="seeds directory to (re)create")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 20,000 agreements; 0.01 for a quick run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.scale, args.seed)


if __name__ == "__main__":
    main()
