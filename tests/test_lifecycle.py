"""Every seed agreement's status the day before, of and after each of its events, as its sources tell it,
through the real app's status route. The expected statuses are written by hand from the sources (dates
in the comments), not read back from the records."""

from __future__ import annotations

import datetime

import httpx
import pytest

from schema.base import When

D = datetime.date
P, S, A = "pending", "suspended", "provisional"
"""A termination notice pending (not yet in effect) or suspended on the day; applied provisionally."""

# (day, status, certain, qualifier): `certain` is False inside the span of an imprecise date (or an end
# that may have come) that may have changed the status; `qualifier` is P, S, A or None.
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
    # The Dutch treaty database's texts (final clauses; entry into force where the text fixes it).
    # "GEDAAN te Brasilia, op 7 december 2011"; entry into force not dated by any source.
    "bra-nld-2011-defence-cooperation": [
        ("2011-12-06", "unknown", True, None),
        ("2011-12-07", "signed", True, None),
        ("2011-12-08", "signed", True, None),
    ],
    # "DONE in The Hague, on 12 april 2007"; applied provisionally "from the first day of the second month
    # following the date of signature", 1 June 2007.
    "che-nld-2007-military-exercises": [
        ("2007-04-11", "unknown", True, None),
        ("2007-04-12", "signed", True, None),
        ("2007-04-13", "signed", True, None),
        ("2007-05-31", "signed", True, None),
        ("2007-06-01", "signed", True, A),
        ("2007-06-02", "signed", True, A),
    ],
    # "GEDAAN te Bergen, op 6 oktober 1997"; "met ingang van 1 december 1997 voorlopig toegepast".
    "deu-nld-1997-german-netherlands-corps": [
        ("1997-10-05", "unknown", True, None),
        ("1997-10-06", "signed", True, None),
        ("1997-10-07", "signed", True, None),
        ("1997-11-30", "signed", True, None),
        ("1997-12-01", "signed", True, A),
        ("1997-12-02", "signed", True, A),
    ],
    # The 2001 treaty as the 2006 text names it: "van 18 april 2001".
    "deu-nld-2001-classified-information": [
        ("2001-04-17", "unknown", True, None),
        ("2001-04-18", "signed", True, None),
        ("2001-04-19", "signed", True, None),
    ],
    # "GEDAAN te Münster op 8 november 2006", applied provisionally from the date of signature.
    "deu-nld-2006-defence-cooperation": [
        ("2006-11-07", "unknown", True, None),
        ("2006-11-08", "signed", True, A),
        ("2006-11-09", "signed", True, A),
    ],
    # "GEDAAN te Velsen op 18 oktober 2007".
    "eurogendfor-2007": [
        ("2007-10-17", "unknown", True, None),
        ("2007-10-18", "signed", True, None),
        ("2007-10-19", "signed", True, None),
    ],
    # No dated event in its text's pages in the store.
    "fra-gbr-1998-european-air-group": [
        ("2026-12-01", "unknown", True, None),
    ],
    # Done at Amman on 2 October 2014 and in force on signature; it lasts until the end of the Mission
    # "but in any case for no longer than a period of one year" (Article 13(2)): it may have ended any day
    # after signature, and had certainly ended by 2 October 2015.
    "jor-nld-2014-troop-deployment": [
        ("2014-10-01", "unknown", True, None),
        ("2014-10-02", "in_force", True, None),
        ("2014-10-03", "in_force", False, None),
        ("2015-10-01", "in_force", False, None),
        ("2015-10-02", "terminated", True, None),
    ],
    # The evaluation set's texts: signed, their entry into force awaiting deposits no source dates.
    # "DONE in Paris, this 19 day of August 2002".
    "esa-2002-classified-information": [
        ("2002-08-18", "unknown", True, None),
        ("2002-08-19", "signed", True, None),
        ("2002-08-20", "signed", True, None),
    ],
    # "GEDAAN te Brussel, de vijfentwintigste mei tweeduizend elf".
    "eu-2011-classified-information": [
        ("2011-05-24", "unknown", True, None),
        ("2011-05-25", "signed", True, None),
        ("2011-05-26", "signed", True, None),
    ],
    # "ondertekend te Parijs op 22 juni 1955", as the 1964 text names it.
    "nato-1955-atomic-information": [
        ("1955-06-21", "unknown", True, None),
        ("1955-06-22", "signed", True, None),
        ("1955-06-23", "signed", True, None),
    ],
    # "DONE in Paris this 21st day of September 1960".
    "nato-1960-secrecy-of-inventions": [
        ("1960-09-20", "unknown", True, None),
        ("1960-09-21", "signed", True, None),
        ("1960-09-22", "signed", True, None),
    ],
    # "DONE at Paris this 18th day of June 1964"; in force until the parties end it together.
    "nato-1964-atomic-information": [
        ("1964-06-17", "unknown", True, None),
        ("1964-06-18", "signed", True, None),
        ("1964-06-19", "signed", True, None),
    ],
    # "Gedaan te 's-Gravenhage, de 16e mei 1961".
    "deu-nld-1961-secrecy-of-inventions": [
        ("1961-05-15", "unknown", True, None),
        ("1961-05-16", "signed", True, None),
        ("1961-05-17", "signed", True, None),
    ],
    # Approved by the Council in 1952 and incorporated in C-M(55)15: approvals, no status of a treaty.
    "nato-1952-security-agreement": [
        ("1952-04-18", "unknown", True, None),
        ("1952-04-19", "unknown", True, None),
        ("1955-03-02", "unknown", True, None),
    ],
    # "FAIT à Rabat, le 21 mai 2013", applied provisionally from signature.
    "mar-nld-2013-military-cooperation": [
        ("2013-05-20", "unknown", True, None),
        ("2013-05-21", "signed", True, A),
        ("2013-05-22", "signed", True, A),
    ],
}
CASES = [(agreement, *row) for agreement, rows in EXPECTED.items() for row in rows]


@pytest.mark.library  # the records cite documents of the source library
@pytest.mark.parametrize(("agreement", "day", "status", "certain", "qualifier"), CASES)
async def test_the_status_around_every_event(
    client: httpx.AsyncClient, agreement: str, day: str, status: str, certain: bool, qualifier: str | None
) -> None:
    body = (await client.get(f"/api/v1/agreements/{agreement}/status?on={day}")).json()
    found = [
        name
        for name, key in ((P, "termination_pending"), (S, "notice_suspended"), (A, "provisionally_applied"))
        if body[key] is not None
    ]
    assert (body["status"], body["certain"], found) == (status, certain, [qualifier] if qualifier else [])


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
