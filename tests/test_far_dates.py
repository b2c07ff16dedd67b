"""Dates at the calendar's end (9999-12-31): `validate` and `build` agree, with a located error for a date whose
span runs past the end, and the arithmetic on dates near it never overflows."""

from __future__ import annotations

import datetime
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from api.app import create_app
from cli import main
from schema.base import Period
from tests.conftest import SOURCES

GSOMIA = Path("agreements") / "jpn-kor-gsomia-2016.yaml"
ROUND_1 = "    when: {date: 2016-11-01}\n    note: The talks revived"
"""The `when` of a status-changing event (a negotiation round) in the seeds."""


def _move_round_1(seeds: Path, when: str) -> int:
    """Put the round's date at `when`; the line it is on."""
    path = seeds / GSOMIA
    text = path.read_text()
    assert ROUND_1 in text, "test setup: the round's date moved in the seeds"
    path.write_text(text.replace(ROUND_1, ROUND_1.replace("{date: 2016-11-01}", when), 1))
    return text[: text.index(ROUND_1)].count("\n") + 1


def _sources() -> list[str]:
    return [arg for root in SOURCES for arg in ("--sources", str(root))]


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_week_that_ends_after_the_calendar_is_a_located_error(seeds_copy: Path, tmp_path: Path, command: str) -> None:
    line = _move_round_1(seeds_copy, "{date: 9999-12-27, precision: week}")
    args = [command, "--seeds", str(seeds_copy), *_sources()]
    if command == "build":
        args += ["--db", str(tmp_path / "p.db")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an OverflowError
    assert f"{GSOMIA.as_posix()}:{line}: $.events[1].when: a week starting 9999-12-27 ends after 9999-12-31" in (
        result.stderr
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "p.db").exists()


@pytest.mark.library  # about records that cite the source library (left out of a build without it)
async def test_the_last_week_of_the_calendar_builds_and_answers(seeds_copy: Path, tmp_path: Path) -> None:
    _move_round_1(seeds_copy, "{date: 9999-12-20, precision: week}")  # the calendar's last Monday but one
    db = tmp_path / "p.db"
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds_copy), "--db", str(db), *_sources()])
    assert result.exit_code == 0, result.output
    app = create_app(db)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        url = "/api/v1/agreements/jpn-kor-gsomia-2016/status"
        answers = [await client.get(url, params={"on": day}) for day in ("9999-12-25", "9999-12-26", "9999-12-31")]
        rounds = (await client.get("/api/v1/events?agreement=jpn-kor-gsomia-2016&kind=negotiation")).json()
    assert [a.status_code for a in answers] == [200, 200, 200]
    # A round of talks, even one still under way, does not take an agreement in force back to negotiation.
    assert {a.json()["status"] for a in answers} == {"in_force"}
    assert {a.json()["certain"] for a in answers} == {True}
    moved = next(e for e in rounds["items"] if e["event_id"] == "round-1")
    assert (moved["date"], moved["latest_date"]) == ("9999-12-20", "9999-12-26")


@pytest.mark.parametrize(
    ("period", "start", "expected"),
    [
        (Period(value=6, unit="days"), datetime.date(9999, 12, 25), datetime.date(9999, 12, 31)),
        (Period(value=7, unit="days"), datetime.date(9999, 12, 25), datetime.date.max),
        (Period(value=1000, unit="weeks"), datetime.date(9990, 1, 1), datetime.date.max),
        (Period(value=1, unit="months"), datetime.date(9999, 11, 30), datetime.date(9999, 12, 30)),
        (Period(value=1, unit="months"), datetime.date(9999, 12, 1), datetime.date.max),
        (Period(value=1000, unit="years"), datetime.date(9000, 1, 1), datetime.date.max),
        (Period(value=1, unit="months"), datetime.date(2016, 1, 31), datetime.date(2016, 2, 29)),
        (Period(value=1, unit="years"), datetime.date(2016, 2, 29), datetime.date(2017, 2, 28)),
    ],
)
def test_a_period_after_a_date_stops_at_the_calendars_end(
    period: Period, start: datetime.date, expected: datetime.date
) -> None:
    assert period.after(start) == expected
