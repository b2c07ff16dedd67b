"""Where the readable pages are, and their JSON and CSV twins (the Datasette convention: every page
links the data it shows). Everything that links to a page (the landing page, the charts, Datasette's
cells, search hits) builds the link here."""

from __future__ import annotations

import datetime
from urllib.parse import quote, urlencode

import msgspec

from api.negotiation import CSV, JSON
from api.settings import AGREEMENT_PAGES, API_PREFIX, COMPARE_PAGE, DATA_PREFIX, DATASETTE_DATABASE, PARTY_PAGES


class Twin(msgspec.Struct, frozen=True, kw_only=True):
    """Another representation of what a page shows."""

    label: str
    href: str
    note: str = ""

    @property
    def media_type(self) -> str | None:
        """What the link answers, for the page head's `<link rel="alternate">` (None for Datasette's page)."""
        return _MEDIA_TYPES.get(self.label)


_MEDIA_TYPES = {"JSON": JSON, "CSV": CSV}


def _query(**params: str | datetime.date | None) -> str:
    kept = {k: str(v) for k, v in params.items() if v is not None}
    return f"?{urlencode(kept)}" if kept else ""


def agreement_page(agreement_id: str, on: datetime.date | None = None, language: str | None = None) -> str:
    """The readable page of an agreement (optionally on a date, its official text in a language)."""
    return f"{AGREEMENT_PAGES}/{quote(agreement_id, safe='')}{_query(on=on, language=language)}"


def party_page(party_id: str, on: datetime.date | None = None) -> str:
    """The readable page of a party."""
    return f"{PARTY_PAGES}/{quote(party_id, safe='')}{_query(on=on)}"


def compare_page(a: str | None, b: str | None, on: datetime.date | None = None) -> str:
    """The page comparing agreements `a` and `b`."""
    return f"{COMPARE_PAGE}{_query(a=a, b=b, on=on)}"


def record_json(table: str, record_id: str, on: datetime.date | None = None) -> str:
    """A record as the API gives it (`/api/v1/agreements/{id}`), on a date if one is given."""
    return f"{API_PREFIX}/{table}/{quote(record_id, safe='')}{_query(on=on)}"


def datasette_row(table: str, record_id: str) -> str:
    """A record's row in Datasette."""
    return f"{DATA_PREFIX}/{DATASETTE_DATABASE}/{table}/{quote(record_id, safe='')}"


def landing_twins() -> list[Twin]:
    """The landing page's data: the agreements as JSON and as CSV."""
    return [
        Twin(label="JSON", href=f"{API_PREFIX}/agreements", note="the agreements"),
        Twin(label="CSV", href=f"{API_PREFIX}/agreements.csv", note="the agreements"),
    ]


def agreement_twins(agreement_id: str, on: datetime.date | None) -> list[Twin]:
    """The agreement page's data: the record as JSON, its provisions as CSV, its Datasette row."""
    return [
        Twin(label="JSON", href=record_json("agreements", agreement_id, on), note="the whole record"),
        Twin(label="CSV", href=f"{API_PREFIX}/provisions.csv{_query(agreement=agreement_id)}", note="its provisions"),
        Twin(label="Datasette", href=datasette_row("agreements", agreement_id), note="its row"),
    ]


def party_twins(party_id: str, on: datetime.date | None) -> list[Twin]:
    """The party page's data: the party as JSON, its agreements as CSV, its Datasette row."""
    return [
        Twin(label="JSON", href=record_json("parties", party_id, on), note="the party and its agreements"),
        Twin(label="CSV", href=f"{API_PREFIX}/agreements.csv{_query(party=party_id, on=on)}", note="its agreements"),
        Twin(label="Datasette", href=datasette_row("parties", party_id), note="its row"),
    ]


def compare_twins(a: str, b: str, on: datetime.date | None) -> list[Twin]:
    """The comparison's data: as JSON, and both agreements' provisions as CSV."""
    return [
        Twin(label="JSON", href=f"{API_PREFIX}/compare{_query(a=a, b=b, on=on)}", note="the comparison"),
        Twin(label="CSV", href=f"{API_PREFIX}/provisions.csv{_query(agreement=a)}", note=f"provisions of {a}"),
        Twin(label="CSV", href=f"{API_PREFIX}/provisions.csv{_query(agreement=b)}", note=f"provisions of {b}"),
    ]


def sharing_answer(sender: str, recipient: str, on: datetime.date) -> str:
    """The sharing rule's full answer (channels, conditions, sources) for one direction on a date."""
    return f"{API_PREFIX}/sharing?{urlencode({'from': sender, 'to': recipient, 'on': on.isoformat()})}"
