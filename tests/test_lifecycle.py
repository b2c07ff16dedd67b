"""An agreement's status on a date comes from its events, counting only what had certainly
happened by then."""

from __future__ import annotations

import datetime
from pathlib import Path

import msgspec
import pytest

from api.domain.status import status_on
from schema.agreements import Agreement
from schema.base import When
from tests.conftest import SEEDS


def record(agreement_id: str) -> Agreement:
    path = Path(SEEDS / "agreements" / f"{agreement_id}.yaml")
    return msgspec.yaml.decode(path.read_bytes(), type=Agreement)


D = datetime.date


@pytest.mark.parametrize(
    ("agreement", "on", "status", "deciding"),
    [
        ("jpn-kor-usa-tisa-2014", D(2013, 6, 30), "unknown", []),
        ("jpn-kor-usa-tisa-2014", D(2014, 12, 24), "signed", ["signing-usa"]),
        ("jpn-kor-usa-tisa-2014", D(2014, 12, 28), "signed", ["signing-usa", "signing-kor", "signing-jpn"]),
        ("jpn-kor-usa-tisa-2014", D(2015, 6, 30), "in_force", ["entry-into-force"]),
        ("jpn-kor-usa-tisa-2014", D(2016, 11, 20), "in_force", ["entry-into-force", "in-force-2016"]),
        ("jpn-kor-gsomia-2016", D(2016, 11, 5), "under_negotiation", ["round-1"]),
        ("jpn-kor-gsomia-2016", D(2016, 11, 25), "initialled", ["tentative-signing"]),
        ("jpn-kor-gsomia-2012", D(2013, 1, 1), "abandoned", ["scrapped"]),
        ("kor-usa-gsomia-1987", D(2015, 6, 30), "in_force", ["in-force-2014"]),
        ("chn-kor-military-information-proposal", D(2016, 12, 1), "proposed", ["request-to-negotiate"]),
    ],
)
def test_status_on_a_date(agreement: str, on: datetime.date, status: str, deciding: list[str]) -> None:
    result = status_on(record(agreement).events, on)
    assert (result.status, result.deciding_events) == (status, deciding)


def test_planned_events_never_change_the_status() -> None:
    # Cabinet approval and the formal signing were only announced: the 2016 pact stays initialled.
    result = status_on(record("jpn-kor-gsomia-2016").events, D(2017, 1, 1))
    assert result.status == "initialled"


def test_an_event_known_only_to_the_year_is_undecided_within_that_year() -> None:
    result = status_on(record("jpn-kor-gsomia-2012").events, D(2012, 6, 1))
    assert result.status == "unknown"
    assert set(result.undecided_events) == {"negotiated", "scrapped"}


@pytest.mark.parametrize(
    ("when", "latest"),
    [
        (When(date=D(2016, 11, 14), precision="week"), D(2016, 11, 20)),
        (When(date=D(2016, 2, 1), precision="month"), D(2016, 2, 29)),
        (When(date=D(2016, 12, 1), precision="month"), D(2016, 12, 31)),
        (When(date=D(2012, 1, 1), precision="year"), D(2012, 12, 31)),
        (When(date=D(2016, 11, 12), precision="on_or_before"), D(2016, 11, 12)),
    ],
)
def test_latest_day_an_imprecise_date_allows(when: When, latest: datetime.date) -> None:
    assert when.latest() == latest
