"""Placing the paragraphs of one instrument version into units: preamble, chapters, articles,
numbered paragraphs, items, final clause, annexes, appendices, sections, tables and their rows.

Headings open units (an article closes the previous one, an appendix nests in the open annex);
list markers open paragraphs and items below the open unit, kept on a stack of open list levels.
A cut (the copy is incomplete) marks every open unit as a fragment; text that resumes after a cut
belongs to the article before the next heading, which is then a fragment too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.texts.headings import Heading
from loaders.texts.numbering import Sequence, follows, number_value, parse_marker, read_number, style
from loaders.texts.tables import Row
from loaders.texts.tokens import FINAL_CLAUSE, Token, is_cjk

# The closing words of a preamble; text after them and before any unit is the agreement's body.
_AGREED = re.compile(
    r"(?:agreed? as follows|agreed upon the following|het volgende overeengekomen|overeengekomen als volgt"
    r"|de ce qui suit|次のとおり(?:協定|一致)する|合意した|합의하였다|합의한다)\W*$",
    re.I,
)
_PREFIXES = {"article": "art", "chapter": "chp", "part": "part", "section": "sec"}
_CONTAINERS = ("annex", "appendix", "attachment")
_ROMAN_NEXT = {"i": "ii", "v": "vi", "x": "xi"}
_CAPTION_END = tuple(".;:,。")


@dataclass(eq=False)
class Node:
    id: str
    kind: str
    number: str | None
    heading: str | None
    parent: Node | None
    seq: Sequence | None = None
    label: str | None = None
    caption: str | None = None
    fragment: bool = False
    cells: tuple[str, ...] | None = None
    first: int = -1
    last: int = -1
    tables: int = 0


@dataclass
class Block:
    raw_start: int
    raw_end: int
    text: str


class Builder:
    def __init__(self, tokens: list[Token], *, root: Node | None) -> None:
        self.tokens = tokens
        self.blocks: list[Block] = []
        self.nodes: list[Node] = []
        self.ids: set[str] = set()
        self.root = root
        if root is not None:
            self._register(root)
        self.stack: list[Node] = []  # open units: heading-made ones first, then open list levels
        self.base = 0  # how many of `stack` are heading-made
        self.after_cut = self.partial = False  # a leading cut token (the copy starts after page 1) sets both
        self.captioning: Node | None = None  # the unit whose heading was just read
        self.preamble_closed = False
        self.headed = any(
            t.heading is not None and t.heading.kind in ("article", "chapter", "part", "section") for t in tokens
        )

    # -- bookkeeping ---------------------------------------------------------------------------------
    def _register(self, node: Node) -> Node:
        if node.id in self.ids:
            raise ValueError(f"two units would get the id {node.id!r}; the numbering is not understood")
        self.ids.add(node.id)
        self.nodes.append(node)
        return node

    def _child_id(self, parent: Node | None, name: str) -> str:
        return f"{parent.id}__{name}" if parent is not None else name

    def _attach(self, block: Block | Token, node: Node | None) -> None:
        self.blocks.append(Block(block.raw_start, block.raw_end, block.text))
        node = node or self.root
        while node is not None:
            node.first = len(self.blocks) - 1 if node.first < 0 else node.first
            node.last = len(self.blocks) - 1
            node = node.parent

    def _open(self) -> Node | None:
        return self.stack[-1] if self.stack else self.root

    def _in_annex(self) -> bool:
        return any(n.kind in _CONTAINERS for n in self.stack[: self.base])

    def _next_article(self, index: int) -> int | None:
        for token in self.tokens[index + 1 :]:
            if token.heading is not None and token.heading.kind == "article":
                return number_value(token.heading.number or "")
        return None

    def _next_marker(self, index: int) -> str | None:
        for token in self.tokens[index + 1 :]:
            if token.kind == "heading":
                return None
            if token.kind == "block":
                marker = parse_marker(token.text, cjk=is_cjk(token.text))
                if marker:
                    return marker.token.lower()
        return None

    # -- tokens --------------------------------------------------------------------------------------
    def run(self) -> None:
        for index, token in enumerate(self.tokens):
            if token.kind == "cut":
                for node in self.stack:
                    node.fragment = True
                self.after_cut = self.partial = True
                self.captioning = None
            elif token.kind == "heading" and token.heading is not None:
                self.heading(token, token.heading)
            elif token.kind == "title":
                self.title(token)
            elif token.kind == "table":
                self._resume(index)
                self.table(token.rows)
            else:
                self._resume(index)
                self.block(token, index)

    def heading(self, token: Token, heading: Heading) -> None:
        self.after_cut = False
        if heading.kind == "note":
            if self.root is not None:
                self.root.label, self.root.number = heading.label, heading.number
            self.stack, self.base = [], 0
            self._attach(token, self.root)
            self.captioning = self.root
            return
        kind = heading.kind
        heads = self.stack[: self.base]
        if kind in ("chapter", "part", "annex"):
            parent, keep = self.root, []
        elif kind == "article":
            keep = [n for n in heads if n.kind in ("chapter", "part")][:1]
            parent = keep[-1] if keep else self.root
        elif kind == "appendix":
            annexes = [i for i, n in enumerate(heads) if n.kind == "annex"]
            keep = heads[: annexes[-1] + 1] if annexes else []
            parent = keep[-1] if keep else self.root
        else:  # attachment, section
            inner = [i for i, n in enumerate(heads) if n.kind in (*_CONTAINERS, "chapter", "part")]
            if kind == "attachment":
                inner = [i for i in inner if heads[i].kind in ("appendix", "annex")]
            keep = heads[: inner[-1] + 1] if inner else []
            parent = keep[-1] if keep else self.root
        node = self._heading_node(kind, heading, token.text, parent)
        self.stack = [*keep, node]
        self.base = len(self.stack)
        self._attach(token, node)
        self.captioning = node

    def _heading_node(self, kind: str, heading: Heading, text: str, parent: Node | None) -> Node:
        siblings = [n for n in self.nodes if n.kind == kind and n.parent is parent]
        number = heading.number
        seq = read_number(number, siblings[-1].seq if siblings else None) if number else None
        if number is None:
            name = str(sum(1 for n in siblings if n.number is None) + 1)
        elif seq is None:  # "1 bis", "unique": kept as written
            name = re.sub(r"[^a-z0-9]+", "_", number.lower()).strip("_")
        else:
            name = str(seq[1])
        prefix = _PREFIXES.get(kind, kind)
        # Articles keep their plain number inside chapters: "art_12", as they are cited.
        owner = parent if kind != "article" or parent is self.root else self.root
        node_id = self._child_id(owner, f"{prefix}_{name}")
        if kind == "appendix" and node_id in self.ids:
            # A repeated "Appendix A" heading (running header) continues the same appendix.
            return next(n for n in self.nodes if n.id == node_id)
        node = Node(node_id, kind, number, text, parent, seq, label=heading.label, caption=heading.caption)
        return self._register(node)

    def title(self, token: Token) -> None:
        if self.captioning is not None:
            self.captioning.caption = self.captioning.caption or token.text
            self._attach(token, self.captioning)
            return
        # A section title inside a unit ("Specificatie betreffende artikel II") closes its lists, not the unit.
        del self.stack[max(self.base, 0) :]
        if not self.stack:
            self.base = 0
        self._attach(token, self._open())

    def _resume(self, index: int) -> None:
        """After a cut, text that does not open a unit of its own is a fragment of the article before
        the next heading (or of the unit that was open)."""
        if not self.after_cut:
            return
        self.after_cut = False
        token = self.tokens[index]
        marker = parse_marker(token.text, cjk=is_cjk(token.text)) if token.kind == "block" else None
        if marker and not self.headed and read_number(marker.token, None) == ("num", number_value(marker.token)):
            return  # a numbered paragraph starts afresh
        following = self._next_article(index)
        if following is not None and following > 1:
            node_id = self._child_id(self.root, f"art_{following - 1}")
            node = next((n for n in self.nodes if n.id == node_id), None)
            if node is None:
                node = self._register(Node(node_id, "article", None, None, self.root, ("num", following - 1)))
            node.fragment = True
            self.stack, self.base = [node], 1
        elif self.stack:
            del self.stack[self.base or 1 :]
        else:
            node_id = self._child_id(self.root, "body")
            node = next((n for n in self.nodes if n.id == node_id), None)
            node = node or self._register(Node(node_id, "body", None, None, self.root))
            node.fragment = True
            self.stack, self.base = [node], 1

    def _caption(self, token: Token) -> bool:
        node = self.captioning
        self.captioning = None
        if node is None or node.kind not in ("article", "chapter", "part", "section", *_CONTAINERS):
            return False
        text = token.text
        if (
            node.caption is not None
            or token.lines > 1
            or len(text) > 150
            or text.endswith(_CAPTION_END)
            or parse_marker(text)
        ):
            return False
        if not is_cjk(text) and not text[0].isupper():
            return False
        node.caption = text
        self._attach(token, node)
        return True

    def block(self, token: Token, index: int) -> None:
        if self._caption(token):
            return
        tops = [n for n in self.nodes if n.parent is self.root and n is not self.root]
        if not tops and not self.stack and self.root is None and (self.headed or not self.preamble_closed):
            marker = parse_marker(token.text, cjk=is_cjk(token.text))
            if self.headed or not (marker and read_number(marker.token, None)):
                self.stack, self.base = [self._register(Node("preamble", "preamble", None, None, None))], 1
        elif (
            any(n.kind not in ("preamble", "body") for n in tops)
            and not self._in_annex()
            and FINAL_CLAUSE.match(token.text)
            and not any(n.kind == "final_clause" for n in tops)
        ):
            node = Node(self._child_id(self.root, "final_clause"), "final_clause", None, None, self.root)
            self.stack, self.base = [self._register(node)], 1
        if self.stack and self.stack[0].kind == "preamble" and not self.headed and self._numbered(token):
            self.stack, self.base = [], 0  # without headings, the first numbered paragraph ends the preamble
        if self.stack and self.stack[0].kind in ("preamble", "final_clause"):
            # Preamble and final clause have no inner structure.
            self._attach(token, self.stack[0])
            if self.stack[0].kind == "preamble" and _AGREED.search(token.text):
                self.preamble_closed = True
                if not self.headed:
                    self.stack, self.base = [], 0
            return
        if self.preamble_closed and not self.stack and not parse_marker(token.text, cjk=is_cjk(token.text)):
            node = Node(self._child_id(self.root, "body"), "body", None, None, self.root)
            self.stack, self.base = [self._register(node)], 1
        self._marked(token, index)

    @staticmethod
    def _numbered(token: Token) -> bool:
        marker = parse_marker(token.text, cjk=is_cjk(token.text))
        return marker is not None and (read_number(marker.token, None) or ("",))[0] == "num"

    def _marked(self, token: Token, index: int) -> None:
        marker = parse_marker(token.text, cjk=is_cjk(token.text))
        read: Sequence | None = None
        if marker:
            # Disambiguate "i"/"v"/"x"/"c" against the open lists that would expect them next.
            for node in self.stack[self.base :]:
                candidate = read_number(marker.token, node.seq)
                if candidate and node.seq and candidate[0] == node.seq[0]:
                    read = candidate
            read = read or read_number(marker.token, None)
            lower = marker.token.lower()
            if read and read[0] == "letter" and lower in _ROMAN_NEXT and self._next_marker(index) == _ROMAN_NEXT[lower]:
                read = ("roman", number_value(lower) or 1)  # "(i)" after "(h)", when "(ii)" follows
        if marker is None or read is None:
            # Unmarked text after a list closes its items (flush-out text belongs to the parent),
            # but stays inside a numbered paragraph, which runs until the next number.
            while len(self.stack) > max(self.base, 1) and (self.stack[-1].seq or ("",))[0] != "num":
                self.stack.pop()
            self._attach(token, self._open())
            return
        family, value = read
        # A sibling in the innermost open list this number continues (b after a), else in the
        # innermost list of its kind; a restart ("a", "1", "i") is a new nested list instead.
        same = [i for i, n in enumerate(self.stack) if i >= self.base and n.seq and n.seq[0] == family]
        after = [i for i in same if follows(self.stack[i].seq, read)]
        # "5." after "4." and its items "1)" to "4)" continues the list punctuated like it.
        styled = [i for i in after if self.stack[i].label and style(self.stack[i].label or "") == style(marker.label)]
        candidates: list[int | None] = [*(styled or after or same)] or [None]
        level = candidates[-1]
        if level is not None and value not in ("a", 1):
            del self.stack[level:]
        parent = self._open()
        top = parent is self.root or (self.stack and parent is self.stack[self.base - 1] and self.base > 0)
        if family == "num" and (top or not self.stack):
            kind = "paragraph"
        elif parent is not None and parent.kind in ("item", "subitem", "annex_item"):
            kind = "subitem"
        else:
            kind = "annex_item" if self._in_annex() else "item"
        # Items keep their numeral as written ("item_iv"), lower-cased: that is how lawyers cite them.
        name = f"para_{value}" if kind == "paragraph" else f"item_{_item_name(marker.token, read)}"
        node = Node(self._child_id(parent, name), kind, marker.token, None, parent, read, label=marker.label)
        self.stack.append(self._register(node))
        self._attach(token, node)

    def table(self, rows: list[Row]) -> None:
        self.captioning = None
        parent = self._open()
        if parent is None:
            parent = self.root
        count = (parent.tables if parent is not None else sum(1 for n in self.nodes if n.kind == "table")) + 1
        if parent is not None:
            parent.tables = count
        table = self._register(Node(self._child_id(parent, f"table_{count}"), "table", None, None, parent))
        for number, row in enumerate(rows, start=1):
            node = Node(f"{table.id}__row_{number}", "table_row", str(number), None, table, cells=row.cells)
            self._attach(Block(row.raw_start, row.raw_end, row.text), self._register(node))


def _item_name(token: str, read: Sequence) -> str:
    if read[0] == "letter" and not token.isascii():
        return str(read[1])  # 가 -> a
    return token.lower()
