"""The page of one party at `/parties/{id}`: who it is, the organisations acting for it, what the sources
state about it, its agreements with their status on a date, and with whom it can share on that date
(the sharing rule's graph, api/domain/partners.py), for `templates/party.html`."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

import msgspec
from litestar.di import NamedDependency
from litestar.params import PathParameter
from litestar.response import Template

from api.domain import parties
from api.domain.partners import PartnerChannel, partners
from api.domain.status import today
from api.pages import links
from api.pages.events_view import when
from api.pages.landing import SiteLinks
from api.pages.quotes import QuoteContext, QuoteView
from api.pages.routes import page_route
from api.pages.terms_view import words
from api.params import OnDate
from api.store import Snapshot

PartyId = Annotated[str, PathParameter(description="A party id; one that names none is a 404 page.")]


class AgreementLine(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    short_name: str
    title: str
    href: str
    kind: str
    as_party: str | None
    """The organisation it is party as, when not itself."""
    roles: str
    status: str
    status_class: str
    since: str | None
    others: tuple[tuple[str, str], ...]
    """(name, page) of the other parties."""


class ChannelLine(msgspec.Struct, frozen=True, kw_only=True):
    agreement: str
    agreement_href: str
    open: bool
    status: str
    how: str
    """"Directly", "Sends through United States", "Relays, as the hub, from South Korea to Japan" ..."""
    approval: str | None
    since: str | None


class PartnerLine(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    href: str
    open: tuple[ChannelLine, ...]
    pending: tuple[ChannelLine, ...]
    answers: tuple[tuple[str, str], ...]
    """(label, href) of the sharing rule's full answers, one per direction."""


class FactLine(msgspec.Struct, frozen=True, kw_only=True):
    says: str
    quotes: tuple[QuoteView, ...]


def _how(channel: PartnerChannel, names: dict[str, str]) -> str:
    if channel.route == "direct":
        return "Directly"
    hubs = ", ".join(names.get(s, s) for s in channel.path[1:-1])
    if channel.direction == "sends":
        return f"Sends through {hubs}"
    if channel.direction == "receives":
        return f"Receives through {hubs}"
    ends = f"{names.get(channel.path[0], channel.path[0])} to {names.get(channel.path[-1], channel.path[-1])}"
    return f"Relays, as the hub, from {ends}"


def _channel(channel: PartnerChannel, names: dict[str, str], on: datetime.date | None) -> ChannelLine:
    return ChannelLine(
        agreement=channel.short_name,
        agreement_href=links.agreement_page(channel.agreement_id, on),
        open=channel.category == "in_force",
        status=words(channel.status),
        how=_how(channel, names),
        approval=channel.approval,
        since=channel.since,
    )


def party_context(db: Snapshot, party_id: str, on: datetime.date | None = None) -> dict[str, Any]:
    """Everything `party.html` shows of the party on `on` (today by default)."""
    day = on or today()
    detail = parties.party_detail(db, party_id, day)
    shares = partners(db, party_id, day)
    names = {r["id"]: r["short_name"] or r["name"] for r in db.rows("select id, name, short_name from parties")}
    quotes = QuoteContext(db)
    agreements = [
        AgreementLine(
            id=m.agreement.id,
            short_name=m.agreement.short_name,
            title=m.agreement.title,
            href=links.agreement_page(m.agreement.id, on),
            kind=words(m.agreement.kind),
            as_party=names.get(m.as_party, m.as_party) if m.as_party != party_id else None,
            roles=", ".join(words(r) for r in m.roles),
            status=words(m.agreement.status),
            status_class=m.agreement.status,
            since=m.agreement.status_since,
            others=tuple(
                (names.get(p, p), links.party_page(p, on))
                for p in m.agreement.parties
                if p not in (party_id, m.as_party)
            ),
        )
        for m in detail.agreements
    ]
    partner_lines = []
    for partner in shares.partners:
        channels = [_channel(c, names, on) for c in partner.channels]
        answers = (
            (
                f"{names.get(party_id, party_id)} → {partner.state.name}",
                links.sharing_answer(party_id, partner.state.id, day),
            ),
            (
                f"{partner.state.name} → {names.get(party_id, party_id)}",
                links.sharing_answer(partner.state.id, party_id, day),
            ),
        )
        partner_lines.append(
            PartnerLine(
                id=partner.state.id,
                name=partner.state.name,
                href=links.party_page(partner.state.id, on),
                open=tuple(c for c in channels if c.open),
                pending=tuple(c for c in channels if not c.open),
                answers=answers,
            )
        )
    party = detail.party
    return {
        "site": SiteLinks(),
        "p": party,
        "kind": words(party.kind),
        "on": day.isoformat(),
        "on_given": on is not None,
        "acts_for": (names.get(party.acts_for, party.acts_for), links.party_page(party.acts_for, on))
        if party.acts_for
        else None,
        "state": (shares.state.name, links.party_page(shares.state.id, on)) if shares.state.id != party.id else None,
        "agents": [(a.name, links.party_page(a.id, on)) for a in detail.acting_for_it],
        "facts": [
            FactLine(
                says=f"{f.count} {f.agreement_type}, as of {when(f.as_of, f.as_of_precision)}",
                quotes=tuple(quotes.views(f.sources)),
            )
            for f in detail.facts
        ],
        "agreements": agreements,
        "partners": partner_lines,
        "open_count": sum(1 for p in partner_lines if p.open),
        "data_links": links.party_twins(party_id, on),
    }


@page_route("/parties/{party_id:str}", operation_id="getPartyPage", summary="A party's page")
def party_page(db: NamedDependency[Snapshot], party_id: PartyId, on: OnDate = None) -> Template:
    return Template(template_name="party.html", context=party_context(db, party_id, on))
