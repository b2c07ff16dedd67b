"""Parties: every state's ISO 3166 codes are the standard's (checked against pycountry, not a hand list)."""

from __future__ import annotations

import pycountry

from tests.conftest import SEEDS, load_test_seeds


def test_every_state_has_the_iso_codes_of_its_country() -> None:
    seeds = load_test_seeds(SEEDS)
    wrong = {}
    for party in seeds.parties.values():
        if party.kind != "state":
            continue
        assert party.iso3166 is not None, f"{party.id} is a state without ISO 3166 codes"
        country = pycountry.countries.get(alpha_3=party.iso3166.alpha3)
        if country is None or country.alpha_2 != party.iso3166.alpha2:
            wrong[party.id] = (party.iso3166.alpha2, party.iso3166.alpha3)
    assert wrong == {}


def test_a_state_id_is_its_alpha3_code_in_lower_case() -> None:
    seeds = load_test_seeds(SEEDS)
    states = [p for p in seeds.parties.values() if p.kind == "state" and p.iso3166]
    assert states
    assert [p.id for p in states if p.id != p.iso3166.alpha3.lower()] == []  # type: ignore[union-attr]
