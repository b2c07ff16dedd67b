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

MAX_FILE_BYTES = 2 * 1024 * 1024
"""Curated files are small; anything larger is a mistake or an attack on the parser."""

MAX_DEPTH = 64

T = TypeVar("T")
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
_PATH_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


class YamlDocument:
    """A parsed YAML file: its plain data and its node tree (for line numbers)."""

    def __init__(self, file: str, data: Any, root: yaml.Node | None) -> None:
        self.file = file
        self.data = data
        self.root = root

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


def _depth(node: yaml.Node, limit: int) -> int:
    """Nesting depth of a node tree, iteratively (deep documents must not blow the stack)."""
    deepest, stack, seen = 0, [(node, 1)], set()
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit or id(current) in seen:
            return deepest
        seen.add(id(current))
        if isinstance(current, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend((v, depth + 1) for _, v in current.value)
    return deepest


def read_yaml(path: Path, label: str) -> tuple[YamlDocument | None, list[SeedError]]:
    """Read one YAML file. Returns the document, or None with the errors that stopped it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [SeedError(file=label, message=f"cannot read the file: {exc.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            SeedError(file=label, message=f"file is {len(raw)} bytes; the limit is {MAX_FILE_BYTES}. Split it.")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            SeedError(file=label, line=line, message=f"not valid UTF-8 at byte {exc.start}; save it as UTF-8")
        ]
    try:
        root = yaml.compose(text, Loader=_Loader)
        if root is not None and _depth(root, MAX_DEPTH) > MAX_DEPTH:
            return None, [SeedError(file=label, message=f"nested deeper than {MAX_DEPTH} levels")]
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return None, [SeedError(file=label, line=line, message=f"invalid YAML: {problem}")]
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as exc:
        return None, [SeedError(file=label, message=f"invalid YAML: {exc}")]
    return YamlDocument(label, data, root), []


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
                    errors.append(doc.error(full, message))
                    reported_lists.add(f"$.{name}")
    path, message = first
    # The whole-file error is usually one of the item errors again; report it only when it is not.
    if not any(path == f"{p}" or path.startswith((f"{p}[", f"{p}.")) for p in reported_lists):
        errors.insert(0, doc.error(path, message))
    return None, errors
