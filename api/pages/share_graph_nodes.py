"""Where the graph's parties sit and their names go.

Parties sit on the two sides of an ellipse, clockwise from the top (right side downwards, then
left side upwards), in an order that keeps partners close: starting from a chain in which each
party follows the one it is most strongly joined to, two parties swap places while that shortens
the channels drawn between them all (a local search), so lines are short and cross less. Each name is set
beside its node, away from the centre, and nodes are spaced vertically by at least the tallest
name, so names never meet however many parties there are: the ellipse grows downwards instead.
"""

from __future__ import annotations

import math
import textwrap
from typing import Literal

import msgspec

from api.pages.links import party_page
from api.pages.placement import Box, text_box
from api.pages.shapes import Point
from api.pages.share_graph_data import GraphNode
from api.pages.text_metrics import text_width
from api.pages.vocabulary import words

WIDTH = 960.0
MARGIN = 16.0
NODE_R = 23.0
NAME_SIZE, NAME_LINE, NAME_WRAP = 14.0, 16.0, 18
MIN_HALF_HEIGHT = 160.0
"""Half the vertical distance between a side's first and last node, at least."""


class NodeShape(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    parties: str
    """The parties drawn in the node, space-separated."""
    state: bool
    tip: str
    href: str
    """The party's page."""
    centre: Point
    r: float
    code: str
    code_at: Point
    anchor: Literal["start", "middle", "end"]
    lines: tuple[tuple[Point, str], ...]
    """The name, line by line: where each line's baseline starts and its text."""


MAX_SWAP_ROUNDS = 12
CHAIN_MEMORY = 3


def order(nodes: tuple[GraphNode, ...], links: list[tuple[str, str, float]], top: float) -> list[GraphNode]:
    """The nodes in clockwise order; `links` are (a, b, weight), how strongly a and b pull together."""
    ordered = sorted(nodes, key=lambda n: (n.kind != "state", n.label.casefold(), n.id))
    slots = list(positions(ordered, top)[0].values())  # where the 1st, 2nd, ... node of any order sits
    index = {node.id: i for i, node in enumerate(ordered)}
    near: list[list[tuple[int, float]]] = [[] for _ in ordered]
    for a, b, weight in links:
        if a in index and b in index and a != b:
            near[index[a]].append((index[b], weight))
            near[index[b]].append((index[a], weight))
    slot_of = _chain(near)  # node i sits in slot slot_of[i]
    apart = [[math.hypot(p.x - q.x, p.y - q.y) for q in slots] for p in slots]

    def pull(i: int, slot: int, skip: int) -> float:
        row = apart[slot]
        return sum(w * row[slot_of[j]] for j, w in near[i] if j != skip)

    for _ in range(MAX_SWAP_ROUNDS):
        improved = False
        for i in range(len(ordered)):
            if not near[i]:
                continue  # a party drawn with no channel stays where alphabetical order put it
            for j in range(i + 1, len(ordered)):
                si, sj = slot_of[i], slot_of[j]
                before = pull(i, si, j) + pull(j, sj, i)
                after = pull(i, sj, j) + pull(j, si, i)
                if after < before - 1e-6:
                    slot_of[i], slot_of[j] = sj, si
                    improved = True
        if not improved:
            break
    return [node for _, node in sorted(zip(slot_of, ordered, strict=True), key=lambda pair: pair[0])]


def _chain(near: list[list[tuple[int, float]]]) -> list[int]:
    """A first order to improve on: from the most connected node, each next node the one most strongly
    joined to the last few placed (ties: alphabetical), so that partners start out side by side."""
    strength = [sum(w for _, w in row) for row in near]
    pending = set(range(len(near)))
    chain: list[int] = []
    while pending:
        recent = {j: 1.0 / (1 + age) for age, j in enumerate(reversed(chain[-CHAIN_MEMORY:]))}
        scores = {i: sum(w * recent.get(j, 0.0) for j, w in near[i]) for i in pending}
        best = max(pending, key=lambda i: (scores[i], strength[i] if not chain or not scores[i] else 0, -i))
        chain.append(best)
        pending.discard(best)
    slot_of = [0] * len(near)
    for slot, i in enumerate(chain):
        slot_of[i] = slot
    return slot_of


def name_lines(node: GraphNode) -> list[str]:
    return textwrap.wrap(node.label, NAME_WRAP) or [node.id]


def positions(nodes: list[GraphNode], top: float) -> tuple[dict[str, Point], float, float]:
    """Node centres below `top` (right side top to bottom, then left side bottom to top), the x of the
    centre line and the canvas height."""
    n = len(nodes)
    cx = WIDTH / 2
    if n == 0:
        return {}, cx, top + 120
    if n == 1:
        return {nodes[0].id: Point(x=cx, y=top + 80)}, cx, top + 160
    widest = max(text_width(line, NAME_SIZE, bold=True) for node in nodes for line in name_lines(node))
    rx = max(150.0, min(290.0, WIDTH / 2 - MARGIN - widest - NODE_R - 12))
    tallest = max(len(name_lines(node)) for node in nodes) * NAME_LINE
    step = max(2 * NODE_R + 14, tallest + 10)
    right = nodes[: (n + 1) // 2]
    left = list(reversed(nodes[(n + 1) // 2 :]))  # listed top to bottom; clockwise, they run bottom to top
    half = max(MIN_HALF_HEIGHT, step * (len(right) - 1) / 2)
    cy = top + 56 + half
    ry = half / math.sin(math.radians(60))  # the first and last node of a side sit 60° above and below its middle
    pos: dict[str, Point] = {}
    for side, sign in ((right, 1), (left, -1)):
        k = len(side)
        for j, node in enumerate(side):
            dy = 0.0 if k == 1 else -half + 2 * half * j / (k - 1)
            dx = rx * math.sqrt(max(0.0, 1 - (dy / ry) ** 2))
            pos[node.id] = Point(x=cx + sign * dx, y=cy + dy)
    return pos, cx, cy + half + 56


def node_shape(node: GraphNode, at: Point, cx: float, pacts: int) -> NodeShape:
    lines = name_lines(node)
    if abs(at.x - cx) < 1:
        anchor: Literal["start", "middle", "end"] = "middle"
        x, first = at.x, at.y + NODE_R + 18
    else:
        anchor = "start" if at.x > cx else "end"
        x = at.x + (NODE_R + 10) * (1 if at.x > cx else -1)
        first = at.y + 5 - NAME_LINE * (len(lines) - 1) / 2
    kind = "" if node.kind == "state" else f", {words(node.kind)}"
    together = f", drawn with {node.with_label}" if node.with_label else ""
    tip = f"{node.label} ({node.id}{kind}{together}): shares under {pacts} pact{'s' if pacts != 1 else ''} shown here"
    return NodeShape(
        id=node.id,
        parties=" ".join(node.parties or (node.id,)),
        state=node.kind == "state",
        tip=tip,
        href=party_page(node.id),
        centre=at,
        r=NODE_R,
        code=node.code,
        code_at=Point(x=at.x, y=at.y + 4),
        anchor=anchor,
        lines=tuple((Point(x=x, y=first + k * NAME_LINE), line) for k, line in enumerate(lines)),
    )


def name_box(shape: NodeShape) -> Box:
    x, first = shape.lines[0][0].x, shape.lines[0][0].y
    return text_box(
        x, first, [t for _, t in shape.lines], NAME_SIZE, bold=True, anchor=shape.anchor, line_height=NAME_LINE
    )
