"""The sharing question: may A pass information to B on a date, by which route, under which terms?
The cases the five sources decide, and generic ones on edited copies of the seeds."""

from __future__ import annotations

import datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.domain.sharing import evaluate
from api.store import Store
from cli import main
from loaders.builder import BuildResult
from tests.conftest import build_seeds as build
from tests.conftest import problem

TISA = "jpn-kor-usa-tisa-2014"
GSOMIA = "jpn-kor-gsomia-2016"


async def ask(client: httpx.AsyncClient, query: str) -> dict:
    response = await client.get(f"/api/v1/sharing?{query}")
    assert response.status_code == 200, response.text
    return response.json()


def reasons(answer: dict) -> dict[str, str]:
    return {c["agreement"]["id"]: c["reason"] for c in answer["considered"]}


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_seoul_to_tokyo_in_mid_2013_has_no_channel(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2013-06-30")
    assert answer["channel_exists"] is False
    assert answer["channels"] == []
    assert reasons(answer)[TISA] == "not_in_force"
    assert reasons(answer)["jpn-kor-gsomia-2012"] == "not_in_force"
    explained = {c["agreement"]["id"]: c for c in answer["considered"]}
    assert explained["jpn-kor-gsomia-2012"]["status"] == "abandoned"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_mid_2015_missiles_go_through_washington_with_seouls_approval(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2015-06-30&subject=dprk-missile-programme")
    assert answer["channel_exists"] is True
    (channel,) = answer["channels"]
    assert channel["agreement"]["id"] == TISA
    assert channel["route"] == "via_hub"
    hops = [
        (
            h["sender"]["state_id"],
            h["recipient"]["state_id"],
            h["under"]["id"],
            h["approval_from"]["state_id"] if h["approval_from"] else None,
        )
        for h in channel["hops"]
    ]
    assert hops == [("kor", "usa", "kor-usa-gsomia-1987", None), ("usa", "jpn", "jpn-usa-gsomia-2007", "kor")]
    assert channel["status"]["status"] == "in_force"
    assert [e["event_id"] for e in channel["status"]["deciding_events"]] == ["entry-into-force"]
    assert channel["status"]["deciding_events"][0]["sources"]
    scope = next(c for c in channel["conditions"] if c["provision_id"] == f"{TISA}.scope-subjects")
    assert scope["sources"]
    binding = {c["provision_id"].split(".")[1]: c for c in channel["binding"]}
    assert binding["binding-diplomatic-only"]["legally_binding"] is False
    assert binding["ratification-required-per-opposition"]["disputes"] == f"{TISA}.no-ratification-per-defense-minister"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_mid_2015_outside_the_scope_has_no_channel(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2015-06-30&subject=dprk-conventional-forces")
    assert answer["channel_exists"] is False
    assert reasons(answer)[TISA] == "out_of_scope"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_a_subject_broader_than_the_scope_is_outside_it(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2015-06-30&subject=dprk")
    assert reasons(answer)[TISA] == "out_of_scope"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_mid_november_2016_only_the_hub_route_is_in_force(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2016-11-20")
    assert [c["agreement"]["id"] for c in answer["channels"]] == [TISA]
    gsomia = next(c for c in answer["considered"] if c["agreement"]["id"] == GSOMIA)
    # Tentatively signed on 14 November; the formal signing (23 November) was still ahead.
    assert (gsomia["status"], gsomia["reason"]) == ("initialled", "not_in_force")


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_tokyo_passing_seouls_information_on_under_the_2016_terms(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2016-11-20&onward_to=chn")
    rules = {r["agreement"]["id"]: r for r in answer["onward"]}
    gsomia = rules[GSOMIA]
    assert gsomia["verdict"] == "originator_approval_required"
    assert gsomia["agreement_in_force"] is False
    assert "without each other's approval" in gsomia["sources"][0]["quote"]
    assert rules[TISA]["verdict"] == "not_stated"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_the_other_direction_needs_tokyos_approval(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=jpn&to=kor&on=2015-06-30&subject=dprk-nuclear-programme")
    (channel,) = answer["channels"]
    assert channel["hops"][1]["approval_from"]["state_id"] == "jpn"
    assert channel["notes"] == []  # the classification plan is stated for Seoul -> Tokyo only


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_a_direct_pact_and_a_hub_without_that_route(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=usa&on=2015-06-30")
    assert [(c["agreement"]["id"], c["route"]) for c in answer["channels"]] == [("kor-usa-gsomia-1987", "direct")]
    assert reasons(answer)[TISA] == "no_route"


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_a_planned_classification_plan_is_a_note_not_a_rule(client: httpx.AsyncClient) -> None:
    # SECRET is a marking the store knows (from another agreement's table); the plan does not list it.
    answer = await ask(client, "from=kor&to=jpn&on=2015-06-30&classification=SECRET")
    (channel,) = answer["channels"]
    assert channel["agreement"]["id"] == TISA
    assert any("planned" in note and "korean-grades-passed-to-japan" in note for note in channel["notes"])


@pytest.mark.library  # NATO 1997 (its parties are a group) cites its official text
async def test_group_parties_without_members_are_reported(client: httpx.AsyncClient) -> None:
    answer = await ask(client, "from=kor&to=jpn&on=2015-06-30")
    assert reasons(answer)["nato-1997-security-of-information"] == "members_not_listed"


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("from=kor&to=nobody", "to"),
        ("from=kor&to=kor-mnd", "to"),
        ("from=kor&to=jpn&subject=weather", "subject"),
        ("from=kor&to=jpn&on=2015-02-30", "on"),
        ("from=kor&to=jpn&onward_to=mars", "onward_to"),
        ("to=jpn", "from"),
    ],
)
async def test_bad_questions_are_400(client: httpx.AsyncClient, query: str, parameter: str) -> None:
    response = await client.get(f"/api/v1/sharing?{query}")
    assert response.status_code == 400
    assert problem(response)["invalid_params"][0]["name"] == parameter


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_cli_answers_the_same_question(built: BuildResult) -> None:
    result = CliRunner().invoke(
        main,
        [
            "sharing",
            "--from",
            "kor",
            "--to",
            "jpn",
            "--on",
            "2015-06-30",
            "--subject",
            "dprk-missile-programme",
            "--db",
            str(built.path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "kor -> jpn on 2015-06-30 about dprk-missile-programme: 1 channel(s)" in result.stdout
    assert "usa-dod -> jpn-mod under US–Japan military intelligence pact, with kor-mnd's approval" in result.stdout
    bad = CliRunner().invoke(main, ["sharing", "--from", "kor", "--to", "nowhere", "--db", str(built.path)])
    assert bad.exit_code == 2
    assert "no party with id 'nowhere'" in bad.stderr


@pytest.mark.library  # the GSOMIA's 2019 notice and suspension are in the library's documents
def test_the_command_line_says_what_hangs_over_a_channel(built: BuildResult) -> None:
    """Seoul's notice of 23 Aug 2019 was due to take effect at the end of 22 Nov; it was suspended on 22 Nov."""

    def lines(on: str) -> list[str]:
        args = ["sharing", "--from", "kor", "--to", "jpn", "--on", on, "--db", str(built.path)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        start = result.stdout.index("  GSOMIA (jpn-kor-gsomia-2016), direct, in_force since 2016-11-23")
        return result.stdout[start:].splitlines()[:2]

    assert "termination notice pending" in lines("2019-09-01")[1]
    assert "takes effect 2019-11-23" in lines("2019-09-01")[1]
    assert "suspended by" in lines("2019-12-01")[1]
    assert not lines("2023-06-01")[1].startswith("    termination notice")


# Generic behaviour, on edited copies of the seeds: the rules come from records, not from code.


def rebuilt(seeds: Path, tmp_path: Path) -> Store:
    target = tmp_path / "edited.db"
    build(seeds, target)
    return Store(target)


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
def test_a_hub_route_needs_every_leg_in_force(seeds_copy: Path, tmp_path: Path) -> None:
    path = seeds_copy / "agreements" / "jpn-usa-gsomia-2007.yaml"
    text = path.read_text()
    # Reuse a real quote as the (made-up) citation for a termination, to test the rule, not the data.
    assert text.endswith("\ncitations: *concluded\n")
    path.write_text(
        text.replace(
            "\ncitations: *concluded\n",
            """
  - id: ended
    kind: termination
    when: {date: 2015-01-01, precision: year}
    citations: *concluded
citations: *concluded
""",
        )
    )
    answer = evaluate(
        rebuilt(seeds_copy, tmp_path).snapshot(), "kor", "jpn", datetime.date(2016, 6, 30), "dprk-missile-programme"
    )
    assert answer.channel_exists is False
    considered = {c.agreement.id: c for c in answer.considered}
    assert considered[TISA].reason == "leg_not_in_force"
    assert "jpn" in considered[TISA].explanation


def test_a_new_direct_pact_is_found_without_code_changes(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "agreements" / "chn-usa-test-pact.yaml").write_text("""
id: chn-usa-test-pact
short_name: Test pact
title: A bilateral pact written for a test
kind:
  value: agreement
  citations: &c
    - doc: our-bureau-2016-11-12
      quote: It has recently asked China to start negotiations on such a pact
parties:
  - {party: usa, roles: [party], citations: *c}
  - {party: chn, roles: [party], citations: *c}
events:
  - {id: in-force, kind: entry_into_force, when: {date: 2016-01-01}, citations: *c}
provisions:
  - kind: scope
    id: only-missiles
    subjects: [dprk-missile-programme]
    citations: *c
citations: *c
""")
    store = rebuilt(seeds_copy, tmp_path)
    inside = evaluate(store.snapshot(), "chn", "usa", datetime.date(2016, 6, 30), "dprk-missile-programme")
    assert [(c.agreement.id, c.route) for c in inside.channels] == [("chn-usa-test-pact", "direct")]
    outside = evaluate(store.snapshot(), "usa", "chn", datetime.date(2016, 6, 30), "dprk-nuclear-programme")
    assert outside.channel_exists is False
    before = evaluate(store.snapshot(), "usa", "chn", datetime.date(2015, 6, 30))
    assert before.channel_exists is False
