"""What the graph draws for its channels, before any layout: lines, boxes and routes.

The sharing rule gives channels pair by pair; drawn so, a pact among fourteen states is 91 lines.
Instead:

- a pact whose channels join every pair of its parties and that reaches three or more nodes is one
  box with a spoke to each node (a *hub*), whatever its category;
- a pact among the members of one node (a group of states, with the organisation that stands with
  it) is a box with one spoke to that node (*within*);
- the other direct channels between two nodes are bundled by category: one line for all the pacts
  in force between them, one for those not yet in force;
- routes through a hub stay routes, hop by hop.

Every drawn thing names the agreements it stands for, so nothing the rule found is lost: a line
stands for every pair of its agreements' parties among the two nodes, a box for every pair among its
nodes.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import msgspec

from api.domain.graph import DirectEdge, GroupPact
from api.pages.share_graph_data import GraphData

HUB_MIN_NODES = 3


class Bundle(msgspec.Struct, frozen=True, kw_only=True):
    """The pacts of one category giving a direct channel between nodes `a` and `b` (a < b)."""

    a: str
    b: str
    category: str
    pacts: tuple[DirectEdge, ...]
    """One channel per agreement, in the order of the graph's channels."""


class Pact(msgspec.Struct, frozen=True, kw_only=True):
    """One agreement drawn as a box joined to each of its nodes."""

    channel: DirectEdge | GroupPact
    """One of the agreement's channels: its name, category, status and since when."""
    nodes: tuple[str, ...]
    """The nodes joined to the box, sorted."""
    members: tuple[str, ...]
    """The parties whose channels the box stands for, sorted."""
    within: bool
    """Only one node: the pact is among the members of a group."""


class Drawn(msgspec.Struct, frozen=True, kw_only=True):
    bundles: tuple[Bundle, ...]
    pacts: tuple[Pact, ...]


def _complete(channels: list[DirectEdge]) -> bool:
    parties = {s for d in channels for s in (d.a, d.b)}
    pairs = {frozenset((d.a, d.b)) for d in channels}
    return len(pairs) == len(parties) * (len(parties) - 1) // 2


def _box(channel: DirectEdge | GroupPact, nodes: list[str], members: list[str]) -> Pact:
    """The agreement of `channel` as a box joined to `nodes`, standing for the channels among `members`."""
    return Pact(channel=channel, nodes=tuple(nodes), members=tuple(members), within=len(nodes) == 1)


def drawn(graph: GraphData) -> Drawn:
    """The bundles and boxes for the graph's direct channels and group channels (routes are drawn as they are)."""
    by_agreement: dict[str, list[DirectEdge]] = defaultdict(list)
    for d in graph.direct:
        by_agreement[d.agreement_id].append(d)
    routed = {r.agreement_id for r in graph.routes}
    pacts: list[Pact] = []
    bundled: dict[tuple[str, str, str], dict[str, DirectEdge]] = defaultdict(dict)
    for aid, channels in by_agreement.items():
        parties = sorted({s for d in channels for s in (d.a, d.b)})
        nodes = sorted({graph.node(s) for s in parties})
        boxed = aid not in routed and _complete(channels)
        if boxed and (len(nodes) >= HUB_MIN_NODES or len(nodes) == 1):
            pacts.append(_box(channels[0], nodes, parties))
            continue
        for d in channels:
            a, b = sorted((graph.node(d.a), graph.node(d.b)))
            if a != b:  # a pair inside one node is drawn by the line that joins the node to the others
                bundled[(a, b, d.category)].setdefault(aid, d)
    pacts.extend(_box(w, [graph.node(w.group)], [w.group]) for w in graph.within)
    bundles = tuple(
        Bundle(a=a, b=b, category=category, pacts=tuple(found.values())) for (a, b, category), found in bundled.items()
    )
    return Drawn(bundles=bundles, pacts=tuple(pacts))


def links(graph: GraphData, found: Drawn) -> list[tuple[str, str, float]]:
    """Who is drawn joined to whom, for the node order: (a, b, weight). A box pulls its nodes together
    about as much as one line does, however many they are."""
    result = [(b.a, b.b, 1.0) for b in found.bundles]
    for pact in found.pacts:
        k = len(pact.nodes)
        result.extend((a, b, 1.0 / (k - 1)) for i, a in enumerate(pact.nodes) for b in pact.nodes[i + 1 :])
    for r in graph.routes:
        path = [graph.node(s) for s in r.path]
        result.extend((a, b, 1.0) for a, b in itertools.pairwise(path) if a != b)
    return result
