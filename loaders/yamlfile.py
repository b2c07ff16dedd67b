"""Reading hand-edited YAML strictly and safely, with line numbers for every error.

PyYAML's safe loader constructs only plain data (no Python objects). msgspec then converts that
data into the schema's Structs. msgspec's errors carry a JSON path but no line
(`Expected int - at $.provisions[2].round`); `line_of` maps the path back through the YAML node
tree. Each item of a top-level list is converted on its own first, so one run reports every
broken record of a file rather than only the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import msgspec
import yaml

from loaders.errors import SeedError
from loaders.files import MAX_YAML_BYTES, UnsafeFile, read_bounded
from loaders.hints import with_allowed_values
from loaders.yaml_plain import plain_data

MAX_FILE_BYTES = MAX_YAML_BYTES

MAX_DEPTH = 64
"""Nesting levels, aliases followed. The seeds' records nest about 8 deep."""

MAX_VALUES = 100_000
"""Values (nodes) in one file with every alias expanded; the largest record has under 700. An alias
bomb (`a: &a [x, x, x]`, `b: &b [*a, *a, *a]`, ...) parses in microseconds into shared lists whose
expansion, which msgspec and the citation checks walk, is billions of values long."""

_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
"""SQLite's INTEGER range."""

T = TypeVar("T")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML has it (several times faster than the pure-Python one)."""
_Base = SAFE_LOADER


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader, minus YAML 1.1's surprises: dates stay strings (msgspec parses them and
    names the field when one is invalid, where PyYAML raises a bare ValueError) and only
    true/false are booleans, so `NO` (Norway) or `on` stay strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_PATH_IN_MESSAGE = re.compile(r" - at `(\$[^`]*)`$")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INTS = yaml.constructor.SafeConstructor()
_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


class YamlDocument:
    """A parsed YAML file: its plain data and its node tree (for line numbers).

    A file read by the fast path keeps its text rather than its tree (a tree takes many times the
    memory): the tree is composed again only when an error needs a line."""

    def __init__(
        self, file: str, data: Any, root: yaml.Node | None, *, text: str | None = None, may_be_draft: bool = True
    ) -> None:
        self.file = file
        self.data = data
        self._root = root
        self._text = text
        self.may_be_draft = may_be_draft
        """False when the file holds neither `review: proposed` nor `TODO` (loaders/review.py)."""

    @property
    def root(self) -> yaml.Node | None:
        if self._root is None and self._text is not None:
            self._root = yaml.compose(self._text, Loader=_Loader)
            self._text = None
        return self._root

    def line_of(self, path: str) -> int | None:
        """The 1-based line of the value at a JSON path, or of its nearest existing parent."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for key, index in _PATH_STEP.findall(path):
            if isinstance(node, yaml.MappingNode) and key:
                match = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            elif isinstance(node, yaml.SequenceNode) and index:
                position = int(index)
                match = node.value[position] if position < len(node.value) else None
            else:
                match = None
            if match is None:
                break
            node = match
            line = node.start_mark.line + 1
        return line

    def error(self, path: str, message: str) -> SeedError:
        return SeedError(file=self.file, path=path, message=message, line=self.line_of(path))


_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def _scan(loader: Any) -> tuple[int | None, bool, int]:
    """From the parser's events: the line where the text nests deeper than MAX_DEPTH (or None),
    whether it uses aliases, and how many values (nodes) it has.

    This runs before composing: libyaml's composer recurses in C, and a file of a few hundred
    kilobytes of `[[[[...` crashes the whole process with a segfault, which no `except` catches."""
    depth = values = 0
    aliases = False
    get_event = loader.get_event
    while loader.check_event():
        event = get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            values += 1
        elif kind in _OPENS:
            values += 1
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark.line + 1, aliases, values
        elif kind in _CLOSES:
            depth -= 1
        elif kind is yaml.AliasEvent:
            aliases = True
    return None, aliases, values


def _step(path: str, key: str) -> str:
    return f"{path}.{key}" if _IDENTIFIER.fullmatch(key) else f"{path}[{key!r}]"


class _NodeProblem(Exception):
    """A problem that stops the file: nothing can be built from its data."""

    def __init__(self, node: yaml.Node, path: str, message: str) -> None:
        super().__init__(message)
        self.node, self.path, self.message = node, path, message


def _check_nodes(root: yaml.Node, label: str) -> list[SeedError]:
    """Checks on the node tree, which plain data can no longer show, in one iterative pass.

    Returns the duplicate keys (PyYAML silently keeps the last one, so a hand edit can lose a
    field without a word); raises `_NodeProblem` for what makes the data unusable:

    - a key that is not a field name (`1:`, `~:`, `[a, b]:`): every mapping in the seeds is a record;
    - an integer SQLite cannot store (beyond 64 bits), which would crash the build, not fail the check;
    - an alias that refers to its own anchor (a cycle), or nests deeper than MAX_DEPTH;
    - an alias bomb: its expanded size, which msgspec and the citation checks would walk, passes MAX_VALUES.

    A shared (aliased) node is checked once; its expanded size and height are remembered.
    """
    duplicates: list[SeedError] = []
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, str, int, bool]] = [(root, "$", 1, False)]
    while stack:
        node, path, depth, done = stack.pop()
        children: list[tuple[yaml.Node, str]] = []
        if isinstance(node, yaml.SequenceNode):
            children = [(child, f"{path}[{i}]") for i, child in enumerate(node.value)]
        elif isinstance(node, yaml.MappingNode):
            children = [(value, _step(path, str(key.value))) for key, value in node.value]
        if done:
            active.discard(id(node))
            size[id(node)] = 1 + sum(size[id(child)] for child, _ in children)
            # Height and depth count collections (a scalar adds no level), like the text's own nesting.
            height[id(node)] = isinstance(node, yaml.CollectionNode) + max(
                (height[id(child)] for child, _ in children), default=0
            )
            if size[id(node)] > MAX_VALUES:
                raise _NodeProblem(node, path, f"expands to more than {MAX_VALUES} values (YAML aliases included)")
            continue
        if depth > MAX_DEPTH and isinstance(node, yaml.CollectionNode):
            raise _NodeProblem(node, path, f"nested deeper than {MAX_DEPTH} levels (YAML aliases included)")
        active.add(id(node))
        stack.append((node, path, depth, True))
        if isinstance(node, yaml.MappingNode):
            duplicates += _check_keys(node, path, label)
        elif isinstance(node, yaml.ScalarNode) and node.tag == _INT_TAG:
            _check_int(node, path)
        for child, child_path in reversed(children):
            if id(child) in active:
                raise _NodeProblem(child, child_path, "a YAML alias refers to its own anchor (a cycle)")
            if id(child) in size:  # an alias to a node checked already
                if depth + height[id(child)] > MAX_DEPTH:
                    raise _NodeProblem(
                        child, child_path, f"nested deeper than {MAX_DEPTH} levels (YAML aliases included)"
                    )
                continue
            stack.append((child, child_path, depth + 1, False))
    return duplicates


def _check_keys(node: yaml.MappingNode, path: str, label: str) -> list[SeedError]:
    duplicates: list[SeedError] = []
    first: dict[str, yaml.Node] = {}
    for key, _ in node.value:
        if key.tag == _MERGE_TAG:  # `<<: *anchor`: explicit keys override merged ones, by design
            continue
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR_TAG:
            shown = (
                key.value
                if isinstance(key, yaml.ScalarNode)
                else "a " + type(key).__name__.removesuffix("Node").lower()
            )
            raise _NodeProblem(key, path, f"key {shown!s} is not a field name; keys are plain names")
        earlier = first.setdefault(key.value, key)
        if earlier is not key:
            duplicates.append(
                SeedError(
                    file=label,
                    path=_step(path, key.value),
                    line=key.start_mark.line + 1,
                    message=f"duplicate key {key.value!r} (also on line {earlier.start_mark.line + 1}); "
                    "YAML would silently keep only the last one",
                )
            )
    return duplicates


def _check_int(node: yaml.ScalarNode, path: str) -> None:
    # A 5000-digit literal would make int() raise (Python's digit limit) before any range check.
    value = _INTS.construct_yaml_int(node) if len(node.value) <= 40 else None
    if value is None or not _INT_MIN <= value <= _INT_MAX:
        raise _NodeProblem(
            node,
            path,
            f"integer {node.value[:30]}{'...' if len(node.value) > 30 else ''} is out of range (at most {_INT_MAX:,})",
        )


def read_yaml(path: Path, label: str, folder: Path | None = None) -> tuple[YamlDocument | None, list[SeedError]]:
    """Read one YAML file, which must lie inside `folder` (default: its own directory) and be at most
    MAX_FILE_BYTES. Returns the document (None if unusable) and the errors found in it."""
    try:
        raw = read_bounded(path, folder or path.parent, MAX_FILE_BYTES)
    except UnsafeFile as exc:
        hint = " Split it." if "limit" in str(exc) else ""
        return None, [SeedError(file=label, message=f"cannot read the file: {exc}.{hint}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            SeedError(file=label, line=line, message=f"not valid UTF-8 at byte {exc.start}; save it as UTF-8")
        ]
    loader = _Loader(text)
    try:
        deep, aliases, values = _scan(loader)
        if deep is not None:
            return None, [SeedError(file=label, line=deep, message=f"nested deeper than {MAX_DEPTH} levels")]
        root = yaml.compose(text, Loader=_Loader)
        # Without aliases the tree is as large as the text's values and nests as deep: the alias checks
        # have nothing to find, and a clean file needs no more than one walk (loaders/yaml_plain.py).
        fast = plain_data(root) if root is not None and not aliases and values <= MAX_VALUES else None
        if fast is not None:
            data, may_be_draft = fast
            return YamlDocument(label, data, None, text=text, may_be_draft=may_be_draft), []
        duplicates = _check_nodes(root, label) if root is not None else []
        data = loader.construct_document(root) if root is not None else None
    except _NodeProblem as exc:
        return None, [SeedError(file=label, path=exc.path, line=exc.node.start_mark.line + 1, message=exc.message)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(label, exc, last_line=text.count("\n") + 1)]
    except yaml.reader.ReaderError as exc:  # a control character; libyaml counts the position in bytes
        line = text.encode()[: exc.position].count(b"\n") + 1
        return None, [SeedError(file=label, line=line, message=f"invalid YAML: {exc.reason}")]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return None, [SeedError(file=label, message=f"invalid YAML: {exc}")]
    finally:
        loader.dispose()
    return YamlDocument(label, data, root), duplicates


def _syntax_error(label: str, exc: yaml.MarkedYAMLError, *, last_line: int) -> SeedError:
    """A YAML syntax error at the line where the problem starts.

    PyYAML marks two places: where it noticed the problem, and the construct it was reading. For an
    unclosed quote or bracket the construct's start is where the curator must look (the parser only
    notices at the end of the file); for everything else the place it was noticed is (the start of
    the enclosing mapping may be far above). The other line is named in the message.

    At the end of a file without a final line break, libyaml puts its mark on the line after the
    last one (it adds the missing break itself): such a mark is the last line."""
    start, found = exc.context_mark, exc.problem_mark
    unclosed = bool(exc.context) and ("quoted scalar" in str(exc.context) or "flow" in str(exc.context))
    mark, other = (start, found) if unclosed and start else (found or start, start)
    problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    line, other_line = (min(m.line + 1, last_line) if m else None for m in (mark, other))
    if line and other_line and other_line != line:
        verb = "noticed on" if unclosed else "in the construct starting on"
        problem += f" ({verb} line {other_line})"
    return SeedError(file=label, line=line, message=f"invalid YAML: {problem}")


def _split(exc: msgspec.ValidationError) -> tuple[str, str]:
    message = str(exc)
    found = _PATH_IN_MESSAGE.search(message)
    if not found:
        return "$", message
    return found.group(1), message[: found.start()]


def _list_fields(cls: type) -> dict[str, Any]:
    info = msgspec.inspect.type_info(cls)
    fields = {}
    for field in info.fields:  # type: ignore[attr-defined]
        inner = field.type
        if isinstance(inner, msgspec.inspect.Metadata):
            inner = inner.type
        if isinstance(inner, msgspec.inspect.ListType):
            fields[field.encode_name] = inner
    return fields


def _item_type(cls: type, name: str) -> Any:
    hints = msgspec.structs.fields(cls)
    field = next(f for f in hints if f.encode_name == name)
    tp = field.type
    while hasattr(tp, "__metadata__"):  # Annotated[list[X], Meta]
        tp = tp.__origin__
    return tp.__args__[0]


def convert(doc: YamlDocument, cls: type[T]) -> tuple[T | None, list[SeedError]]:
    """Convert the document's data into `cls`, reporting every broken list item separately."""
    try:
        return msgspec.convert(doc.data, cls), []
    except msgspec.ValidationError as whole:
        first = _split(whole)
    errors: list[SeedError] = []
    reported_lists: set[str] = set()
    if isinstance(doc.data, dict):
        for name in _list_fields(cls):
            items = doc.data.get(name)
            if not isinstance(items, list):
                continue
            item_type = _item_type(cls, name)
            for index, item in enumerate(items):
                try:
                    msgspec.convert(item, item_type)
                except msgspec.ValidationError as exc:
                    path, message = _split(exc)
                    full = f"$.{name}[{index}]{path[1:]}"
                    errors.append(doc.error(full, with_allowed_values(message, item_type, item, path)))
                    reported_lists.add(f"$.{name}")
    path, message = first
    # The whole-file error is usually one of the item errors again; report it only when it is not.
    if not any(path == f"{p}" or path.startswith((f"{p}[", f"{p}.")) for p in reported_lists):
        errors.insert(0, doc.error(path, with_allowed_values(message, cls, doc.data, path)))
    return None, errors
