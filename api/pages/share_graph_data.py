"""What the who-shares-with-whom graph shows, as data: parties, the channels between them, and their categories.

`share_graph_data` is the one place the graph reads the database. The layout (`share_graph`) takes a
`GraphData` and nothing else, so the source can change (the sharing rule of a domain layer, say)
without touching the layout or the template. Each channel names its category; the legend shows
`GraphData.categories` in order, so a new category (e.g. "not yet in force") is a change of data:
add an `EdgeCategory` and give channels its key. `share_graph_edges.EDGE_STYLES` says how each key is
drawn (unknown keys: a dashed grey line).

Today's rule, kept as it was: a channel is direct between two states party to an agreement that is
initialled, signed or in force (by its latest known status, or its status on a given day), unless
the agreement routes that pair's exchange through a hub; routed exchanges are drawn hop by hop.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Literal

import msgspec

from api.pages.vocabulary import words
from api.store import Snapshot


class GraphNode(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    label: str
    """Short name, else name."""
    kind: str
    """state, group, international_organisation, ...: anything but `state` is drawn greyed, dashed."""
    code: str = ""
    """Drawn inside the circle: ISO alpha-3, a short name of five letters or fewer, or ''."""


class EdgeCategory(msgspec.Struct, frozen=True, kw_only=True):
    """A kind of channel, as the legend lists it."""

    key: str
    """Channels refer to it; `share_graph_edges.EDGE_STYLES[key]` is how it is drawn; `sg-<key>` its CSS class."""
    label: str
    drawn_as: Literal["direct", "route"] = "direct"


class DirectChannel(msgspec.Struct, frozen=True, kw_only=True):
    """States `a` and `b` may share directly under the agreement."""

    agreement_id: str
    short_name: str
    category: str
    status: str
    since: str | None
    a: str
    b: str


class HubRoute(msgspec.Struct, frozen=True, kw_only=True):
    """Information passes from `path[0]` to `path[-1]` through the states between them, hop by hop."""

    agreement_id: str
    short_name: str
    category: str
    status: str
    path: tuple[str, ...]
    approval: str | None
    """Whose approval the onward hop needs (a label), when a record says."""


class GraphData(msgspec.Struct, frozen=True, kw_only=True):
    on: datetime.date | None
    """The day the statuses are taken on; None: each agreement's latest known status."""
    nodes: tuple[GraphNode, ...]
    direct: tuple[DirectChannel, ...]
    routes: tuple[HubRoute, ...]
    categories: tuple[EdgeCategory, ...]
    """The legend's entries, in order."""

    def label(self, node: str) -> str:
        return next((n.label for n in self.nodes if n.id == node), node)


IN_FORCE = EdgeCategory(key="in_force", label="direct: both are parties to a pact in force")
PENDING = EdgeCategory(key="pending", label="direct, not yet in force: initialled or signed")
ROUTE = EdgeCategory(key="route", label="through a hub, hop by hop (hover for whose approval)", drawn_as="route")
CATEGORIES = (IN_FORCE, PENDING, ROUTE)
_DRAWN_STATUSES = {"in_force": IN_FORCE.key, "signed": PENDING.key, "initialled": PENDING.key}
_strings = msgspec.json.Decoder(list[str])


def describe(graph: GraphData) -> list[str]:
    """One plain sentence per channel, for the figure's description and caption."""
    lines = []
    for d in graph.direct:
        since = f" since {d.since}" if d.since else ""
        lines.append(f"{graph.label(d.a)} – {graph.label(d.b)}: {d.short_name}, {words(d.status)}{since}")
    for r in graph.routes:
        arrow = " → ".join(graph.label(s) for s in r.path)
        rule = f", onward only with the approval of {r.approval}" if r.approval else ""
        lines.append(f"{arrow}: {r.short_name} ({words(r.status)}), through the hub{rule}")
    return lines


def _label(row: object) -> str:
    return row["short_name"] or row["name"]  # type: ignore[index]


def _statuses(db: Snapshot, on: datetime.date | None) -> dict[str, tuple[str, str]]:
    """Agreement id → (status, since) on `on`, or the latest known one."""
    if on is None:
        rows = db.rows("select agreement_id, status, valid_from from agreement_status_periods where valid_to is null")
    else:
        rows = db.rows(
            "select agreement_id, status, valid_from from agreement_status_periods "
            "where valid_from <= ? and (valid_to is null or ? < valid_to)",
            (on.isoformat(), on.isoformat()),
        )
    return {r["agreement_id"]: (r["status"], r["valid_from"]) for r in rows}


def share_graph_data(db: Snapshot, on: datetime.date | None = None) -> GraphData:
    """Parties and the channels between them, from each agreement's status: its latest known status
    (the open-ended period) by default, or its status on `on`."""
    parties = {r["id"]: r for r in db.rows("select id, kind, name, short_name, iso_alpha3, state_id from parties")}

    def state_of(party: str | None) -> str | None:
        return parties[party]["state_id"] if party in parties else None

    status = _statuses(db, on)
    names = {r["id"]: r["short_name"] for r in db.rows("select id, short_name from agreements")}
    members: dict[str, list[str]] = defaultdict(list)
    state_ids: set[str] = set()
    for r in db.rows("select distinct state_id from agreement_parties where state_id is not null"):
        state_ids.add(r["state_id"])
    for r in db.rows(
        "select distinct agreement_id, state_id from agreement_parties where role = 'party' and state_id is not null "
        "order by agreement_id, state_id"
    ):
        members[r["agreement_id"]].append(r["state_id"])

    routes: list[HubRoute] = []
    routed: set[tuple[str, frozenset[str]]] = set()
    for r in db.rows(
        "select agreement_id, origin, hub, via, destination, onward_approval_by from provision_routes "
        "order by agreement_id, provision_id, n"
    ):
        aid = r["agreement_id"]
        hops = _strings.decode(r["via"]) if r["via"] else []
        path: list[str] = []
        for s in (state_of(p) for p in [r["origin"], *(hops or [r["hub"]]), r["destination"]]):
            if s is not None and (not path or path[-1] != s):
                path.append(s)
        if len(path) < 2:
            continue
        routed.add((aid, frozenset((path[0], path[-1]))))
        state_ids.update(path)
        current = status.get(aid)
        if current is None or current[0] not in _DRAWN_STATUSES:
            continue
        approver = parties.get(r["onward_approval_by"])
        approval = None
        if approver is not None:
            approval = _label(approver)
            approver_state = parties.get(approver["state_id"])
            if approver_state is not None and approver_state["id"] != approver["id"]:
                approval += f" ({_label(approver_state)})"
        routes.append(
            HubRoute(
                agreement_id=aid,
                short_name=names.get(aid, aid),
                category=ROUTE.key,
                status=current[0],
                path=tuple(path),
                approval=approval,
            )
        )

    direct: list[DirectChannel] = []
    for aid in sorted(members):
        current = status.get(aid)
        if current is None or current[0] not in _DRAWN_STATUSES:
            continue
        states = members[aid]
        for i, a in enumerate(states):
            for b in states[i + 1 :]:
                # A pact that routes a pair's exchange through a hub gives that pair no direct channel.
                if (aid, frozenset((a, b))) in routed:
                    continue
                direct.append(
                    DirectChannel(
                        agreement_id=aid,
                        short_name=names.get(aid, aid),
                        category=_DRAWN_STATUSES[current[0]],
                        status=current[0],
                        since=current[1],
                        a=a,
                        b=b,
                    )
                )

    nodes = []
    for s in sorted(state_ids):
        row = parties.get(s)
        if row is None:
            nodes.append(GraphNode(id=s, label=s, kind="state"))
            continue
        short = row["short_name"]
        code = row["iso_alpha3"] or (short if short and len(short) <= 5 else "")
        nodes.append(GraphNode(id=s, label=_label(row), kind=row["kind"], code=code))
    return GraphData(on=on, nodes=tuple(nodes), direct=tuple(direct), routes=tuple(routes), categories=CATEGORIES)
