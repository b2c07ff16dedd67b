"""Every seed agreement's status the day before, of and after each of its events, as its sources tell it,
through the real app's status route. The expected statuses are written by hand from the sources (dates
in the comments), not read back from the records."""

from __future__ import annotations

import datetime

import httpx
import pytest

from schema.base import When

D = datetime.date
P, S = "pending", "suspended"
"""A termination notice pending (not yet in effect) or suspended on the day."""

# (day, status, certain, notice): `certain` is False inside the span of an imprecise date that may have
# changed the status; `notice` is P, S or None.
EXPECTED: dict[str, list[tuple[str, str, bool, str | None]]] = {
    # JoongAng Daily, 9 Nov 2016: resumption announced 27 Oct; talks in Tokyo 1 Nov, in Seoul 9 Nov; the
    # 14 Nov report: tentatively signed on Monday 14 Nov; MOD Japan, MOFA Japan, BusinessKorea: signed in
    # Seoul on 23 Nov 2016 and in force the same day; MOFA Japan 2019: extended annually; Yonhap/NHK/Korea.net
    # 2019: decided 22 Aug, notice 23 Aug, due to lapse at the end of 22 Nov, suspended on 22 Nov; Asia
    # Economy 2023: both notes withdrawn on 21 March 2023.
    "jpn-kor-gsomia-2016": [
        ("2016-10-26", "unknown", True, None),
        ("2016-10-27", "unknown", True, None),
        ("2016-10-28", "unknown", True, None),
        ("2016-10-31", "unknown", True, None),
        ("2016-11-01", "under_negotiation", True, None),
        ("2016-11-02", "under_negotiation", True, None),
        ("2016-11-08", "under_negotiation", True, None),
        ("2016-11-09", "under_negotiation", True, None),
        ("2016-11-10", "under_negotiation", True, None),
        ("2016-11-12", "under_negotiation", True, None),
        ("2016-11-13", "under_negotiation", True, None),
        ("2016-11-14", "initialled", True, None),
        ("2016-11-15", "initialled", True, None),
        ("2016-11-22", "initialled", True, None),
        ("2016-11-23", "in_force", True, None),
        ("2016-11-24", "in_force", True, None),
        ("2017-11-22", "in_force", True, None),
        ("2017-11-23", "in_force", True, None),
        ("2017-11-24", "in_force", True, None),
        ("2018-11-22", "in_force", True, None),
        ("2018-11-23", "in_force", True, None),
        ("2018-11-24", "in_force", True, None),
        ("2019-08-21", "in_force", True, None),
        ("2019-08-22", "in_force", True, None),
        ("2019-08-23", "in_force", True, P),
        ("2019-08-24", "in_force", True, P),
        ("2019-11-21", "in_force", True, P),
        ("2019-11-22", "in_force", True, S),
        ("2019-11-23", "in_force", True, S),
        ("2019-11-24", "in_force", True, S),
        ("2020-08-23", "in_force", True, S),
        ("2020-08-24", "in_force", True, S),
        ("2020-08-25", "in_force", True, S),
        ("2020-11-23", "in_force", True, S),
        ("2023-03-15", "in_force", True, S),
        ("2023-03-16", "in_force", True, S),
        ("2023-03-17", "in_force", True, S),
        ("2023-03-20", "in_force", True, S),
        ("2023-03-21", "in_force", True, None),
        ("2023-03-22", "in_force", True, None),
    ],
    # Negotiated "in 2012" (JoongAng Daily, our-bureau); draft finalised in June 2012 (ROK MOFA, 3 July
    # 2012); approved by the Cabinet on 26 June, to be signed on 29 June, the signing called off (the
    # tistory post) at the last minute (Oslo Times).
    "jpn-kor-gsomia-2012": [
        ("2011-12-31", "unknown", True, None),
        ("2012-01-01", "unknown", False, None),
        ("2012-05-31", "unknown", False, None),
        ("2012-06-01", "unknown", False, None),
        ("2012-06-25", "unknown", False, None),
        ("2012-06-26", "unknown", False, None),
        ("2012-06-27", "unknown", False, None),
        ("2012-06-28", "unknown", False, None),
        ("2012-06-29", "abandoned", True, None),
        ("2012-06-30", "abandoned", True, None),
        ("2012-12-31", "abandoned", True, None),
        ("2013-01-01", "abandoned", True, None),
    ],
    # Signed by the US on 23 Dec and by Seoul and Tokyo on 26 Dec 2014; in force 29 Dec 2014 (Yonhap);
    # described as in force on 9 Nov 2016 (JoongAng Daily). The protest is of the week of 22 Dec.
    "jpn-kor-usa-tisa-2014": [
        ("2014-12-21", "unknown", True, None),
        ("2014-12-22", "unknown", True, None),
        ("2014-12-23", "signed", True, None),
        ("2014-12-24", "signed", True, None),
        ("2014-12-25", "signed", True, None),
        ("2014-12-26", "signed", True, None),
        ("2014-12-27", "signed", True, None),
        ("2014-12-28", "signed", True, None),
        ("2014-12-29", "in_force", True, None),
        ("2014-12-30", "in_force", True, None),
        ("2016-11-08", "in_force", True, None),
        ("2016-11-09", "in_force", True, None),
        ("2016-11-10", "in_force", True, None),
    ],
    # "Concluded in 1987" (Oslo Times); in force, in the present tense, on 29 Dec 2014 (Yonhap).
    "kor-usa-gsomia-1987": [
        ("1986-12-31", "unknown", True, None),
        ("1987-01-01", "unknown", False, None),
        ("1987-12-30", "unknown", False, None),
        ("1987-12-31", "signed", True, None),
        ("1988-01-01", "signed", True, None),
        ("2014-12-28", "signed", True, None),
        ("2014-12-29", "in_force", True, None),
        ("2014-12-30", "in_force", True, None),
    ],
    # Text agreed on 29 Nov 2006 (the US embassy's cable of 7 Dec 2006), legal review and Cabinet approval
    # planned for early 2007; "concluded in 2007" (Oslo Times); in force on 29 Dec 2014 (Yonhap).
    "jpn-usa-gsomia-2007": [
        ("2006-11-28", "unknown", True, None),
        ("2006-11-29", "under_negotiation", True, None),
        ("2006-11-30", "under_negotiation", True, None),
        ("2006-12-31", "under_negotiation", True, None),
        ("2007-01-01", "under_negotiation", False, None),
        ("2007-03-31", "under_negotiation", False, None),
        ("2007-12-30", "under_negotiation", False, None),
        ("2007-12-31", "signed", True, None),
        ("2008-01-01", "signed", True, None),
        ("2014-12-28", "signed", True, None),
        ("2014-12-29", "in_force", True, None),
        ("2014-12-30", "in_force", True, None),
    ],
    # Beijing "has asked" Seoul to negotiate (our-bureau, 12 Nov 2016).
    "chn-kor-military-information-proposal": [
        ("2016-11-11", "unknown", True, None),
        ("2016-11-12", "proposed", True, None),
        ("2016-11-13", "proposed", True, None),
    ],
    # Signed at Brussels on 6 March 1997 (its final clause); its entry into force awaits deposits that no
    # source in the store dates.
    "nato-1997-security-of-information": [
        ("1997-03-05", "unknown", True, None),
        ("1997-03-06", "signed", True, None),
        ("1997-03-07", "signed", True, None),
        ("2026-12-01", "signed", True, None),
    ],
}
CASES = [(agreement, *row) for agreement, rows in EXPECTED.items() for row in rows]


@pytest.mark.library  # the records cite documents of the source library
@pytest.mark.parametrize(("agreement", "day", "status", "certain", "notice"), CASES)
async def test_the_status_around_every_event(
    client: httpx.AsyncClient, agreement: str, day: str, status: str, certain: bool, notice: str | None
) -> None:
    body = (await client.get(f"/api/v1/agreements/{agreement}/status?on={day}")).json()
    found = "pending" if body["termination_pending"] else "suspended" if body["notice_suspended"] else None
    assert (body["status"], body["certain"], found) == (status, certain, notice)


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
