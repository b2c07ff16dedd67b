"""Plain data from a YAML node tree in one pass: the fast path for the files that are clean.

PyYAML's constructor is generic Python (a state machine of generators over every node) and was, with
the separate pass of node checks, most of a build's time. Seed files use only plain mappings,
sequences and core scalars, so one tight walk builds the same data. It gives up (`None`) at the
first thing that needs the careful path of loaders/yamlfile.py, which then reports it with its line
and field path: an alias or merge key, a duplicate or non-string key, an integer beyond SQLite's
range, a tag other than the core ones. It also says whether the file may hold a draft's marks
(`review: proposed`, a `TODO`), so that only then the draft check walks the tree again.
"""

from __future__ import annotations

from typing import Any

import yaml

_SAFE = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_TRUE = frozenset(("true", "True", "TRUE"))
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


class _Careful(Exception):
    """The file needs the careful path (it reports the problem with its line and field path)."""


class _Walk:
    __slots__ = ("draft",)

    def __init__(self) -> None:
        self.draft = False

    def build(self, node: yaml.Node) -> Any:
        kind, tag = type(node), node.tag
        if kind is _ScalarNode:
            value = node.value
            if tag == _STR:
                if "TODO" in value:
                    self.draft = True
                return value
            if tag == _INT:
                # Plain decimals only here: YAML 1.1 reads 0755 as octal, 1_000 and 1:30 as well.
                number = int(value) if value.isdigit() and value[0] != "0" else self._int(node)
                if not _INT_MIN <= number <= _INT_MAX:
                    raise _Careful
                return number
            if tag == _NULL:
                return None
            if tag == _BOOL:
                return value in _TRUE
            if tag == _FLOAT:
                return _SAFE.construct_yaml_float(node)
            raise _Careful
        if kind is _SequenceNode and tag == _SEQ:
            return [self.build(child) for child in node.value]
        if kind is _MappingNode and tag == _MAP:
            result: dict[str, Any] = {}
            for key, value in node.value:
                if type(key) is not _ScalarNode or key.tag != _STR:
                    raise _Careful  # a merge key, or a key that is not a field name
                name = key.value
                if name in result:
                    raise _Careful  # a duplicate key
                result[name] = built = self.build(value)
                if name == "review" and built == "proposed":
                    self.draft = True
            return result
        raise _Careful

    @staticmethod
    def _int(node: yaml.ScalarNode) -> int:
        # A 5000-digit literal would make int() raise (Python's digit limit) before any range check.
        if len(node.value) > 40:
            raise _Careful
        return int(_SAFE.construct_yaml_int(node))


def plain_data(root: yaml.Node) -> tuple[Any, bool] | None:
    """The data of an alias-free tree and whether it may hold draft marks, or None for the careful path."""
    walk = _Walk()
    try:
        return walk.build(root), walk.draft
    except _Careful:
        return None
