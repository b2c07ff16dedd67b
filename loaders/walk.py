"""Walking a decoded record: every Struct, and every value the schema marks as a reference.

The schema marks reference fields with `Meta(extra={"ref": "party"})` (see schema/base.py), so the
loader checks every reference of every record without a hand-kept list of fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import msgspec
from msgspec import inspect

Visit = tuple[str, Any, str | None]
"""(JSON path, value, reference target or None)."""


@cache
def _info(cls: type) -> inspect.Type:
    return inspect.type_info(cls)


def _may_yield(info: inspect.Type) -> bool:
    """Whether a value of this type can hold a Struct or a reference (else walking it yields nothing)."""
    if isinstance(info, inspect.StructType):
        return True
    if isinstance(info, inspect.Metadata):
        return (info.extra or {}).get("ref") is not None or _may_yield(info.type)
    if isinstance(info, inspect.UnionType):
        return any(_may_yield(member) for member in info.types)
    if isinstance(info, inspect.ListType):
        return _may_yield(info.item_type)
    return False


@cache
def _fields(cls: type) -> tuple[tuple[str, str, inspect.Type], ...]:
    """The fields of a Struct class worth visiting: scalar fields without a reference yield nothing, and
    skipping them (most fields of a record) saves a generator per field per record."""
    info = _info(cls)
    assert isinstance(info, inspect.StructType)
    return tuple((f.name, f.encode_name, f.type) for f in info.fields if _may_yield(f.type))


def walk(value: msgspec.Struct) -> Iterator[Visit]:
    """Yield every Struct (target None) and every reference value (target set) inside `value`."""
    yield from _visit(value, _info(type(value)), "$")


def _visit(value: Any, info: inspect.Type, path: str) -> Iterator[Visit]:
    if value is None:
        return
    if isinstance(info, inspect.Metadata):
        target = (info.extra or {}).get("ref")
        if target is not None:
            yield path, value, target
        yield from _visit(value, info.type, path)
    elif isinstance(info, inspect.UnionType):
        for member in info.types:
            if isinstance(member, inspect.NoneType):
                continue
            if isinstance(member, inspect.StructType) and not isinstance(value, member.cls):
                continue
            yield from _visit(value, member, path)
            return
    elif isinstance(info, inspect.ListType):
        for index, item in enumerate(value):
            yield from _visit(item, info.item_type, f"{path}[{index}]")
    elif isinstance(info, inspect.StructType):
        yield path, value, None
        for name, encode_name, field_type in _fields(info.cls):
            yield from _visit(getattr(value, name), field_type, f"{path}.{encode_name}")
