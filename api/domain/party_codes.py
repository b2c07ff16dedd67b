"""Naming parties and agreements in filters: a party by its id in any case or by a state's ISO 3166
alpha-2 or alpha-3 code (`kor`, `KOR`, `KR`, `kr`), several at once; an unknown value is a bad parameter
that says where the known ones are.

Codes are looked up in the parties table's ISO columns (the loader checks them against ISO 3166);
pycountry only tells a code of a state the store does not hold from a code that is none.
"""

from __future__ import annotations

from collections.abc import Sequence

import pycountry

from api.domain.errors import BadParameter
from api.domain.query import Database, placeholders

PARTIES_HINT = "see /api/v1/parties for the ids"
AGREEMENTS_HINT = "see /api/v1/agreements for the ids"


def _country(code: str) -> str | None:
    """The ISO 3166 name of an alpha-2 or alpha-3 code, or None."""
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3:
        country = pycountry.countries.get(alpha_3=code)
    else:
        return None
    return str(country.name) if country is not None else None


def resolve_party(db: Database, value: str, parameter: str = "party") -> str:
    """The id of the party `value` names: an id in any case, or a state's ISO 3166 code."""
    lowered = value.lower()
    if db.exists("parties", lowered):
        return lowered
    code = value.upper()
    row = db.row(
        "select id from parties where iso_alpha2 = ? union all select id from parties where iso_alpha3 = ?",
        (code, code),
    )
    if row is not None:
        return str(row["id"])
    name = _country(code)
    if name is not None:
        raise BadParameter(
            parameter, f"{value!r} is ISO 3166 for {name}, which is not a party in the store; {PARTIES_HINT}"
        )
    raise BadParameter(parameter, f"no party with id or ISO 3166 code {value!r}; {PARTIES_HINT}")


def resolve_parties(db: Database, values: Sequence[str] | None, parameter: str = "party") -> list[str] | None:
    """The party ids several values name (None when the filter was not asked for)."""
    if not values:
        return None
    return list(dict.fromkeys(resolve_party(db, value, parameter) for value in values))


def require_agreements(db: Database, values: Sequence[str] | None, parameter: str = "agreement") -> None:
    """A bad parameter naming every value that is no agreement's id."""
    if not values:
        return
    known = {r["id"] for r in db.rows(f"select id from agreements where id in ({placeholders(values)})", values)}
    unknown = [v for v in values if v not in known]
    if unknown:
        raise BadParameter(parameter, f"no agreement with id {', '.join(map(repr, unknown))}; {AGREEMENTS_HINT}")


def party_agreements(parties: Sequence[str]) -> str:
    """Ids of the agreements any of `parties` belongs to, itself or through an organisation acting for it;
    bind `parties` twice. Two index scans in a UNION (an `or` across the columns can make SQLite scan)."""
    marks = placeholders(parties)
    return (
        f"select agreement_id from agreement_parties where party_id in ({marks}) "
        f"union select agreement_id from agreement_parties where state_id in ({marks})"
    )
