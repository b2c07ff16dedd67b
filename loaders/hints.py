"""Making msgspec's validation messages say how to fix the value.

msgspec says `Invalid enum value 'treatyy' - at $.kind.value` without the values it would have
taken. `with_allowed_values` finds the type expected at the error's path (following the data, so a
tagged union such as `provisions[2]` resolves to the member its `kind` names) and appends the allowed
values, with the closest one first when there is one.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from msgspec import inspect

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_BAD_VALUE = re.compile(r"^Invalid (?:enum )?value (?P<value>'[^']*'|-?\d+)")


def _unwrap(info: inspect.Type) -> inspect.Type:
    while isinstance(info, inspect.Metadata):
        info = info.type
    return info


def _member(info: inspect.UnionType, data: Any) -> inspect.Type | None:
    """The union member `data` is meant to be: by tag for tagged Structs, else by shape."""
    for member in info.types:
        member = _unwrap(member)
        if isinstance(member, inspect.StructType) and isinstance(data, dict):
            if member.tag_field is None or data.get(member.tag_field) == member.tag:
                return member
        elif isinstance(member, inspect.ListType) and isinstance(data, list):
            return member
    return None


def _tags(info: inspect.UnionType, field: str) -> list[str] | None:
    tags = [
        str(m.tag)
        for m in map(_unwrap, info.types)
        if isinstance(m, inspect.StructType) and m.tag_field == field and m.tag is not None
    ]
    return tags or None


def allowed_values(cls: type, data: Any, path: str) -> list[str] | None:
    """The values allowed at `path` in `data` decoded as `cls`, when that is a closed set."""
    info: inspect.Type = inspect.type_info(cls)
    for key, index in _STEP.findall(path):
        info = _unwrap(info)
        if isinstance(info, inspect.UnionType):
            member = _member(info, data)
            if member is None:
                return _tags(info, key) if key else None
            info = member
        if key and isinstance(info, inspect.StructType) and isinstance(data, dict):
            if key == info.tag_field:
                return None  # a valid Struct was picked by this very tag
            field = next((f for f in info.fields if f.encode_name == key), None)
            if field is None:
                return None
            info, data = field.type, data.get(key)
        elif index and isinstance(info, inspect.ListType) and isinstance(data, list):
            position = int(index)
            info, data = info.item_type, data[position] if position < len(data) else None
        else:
            return None
    info = _unwrap(info)
    members = info.types if isinstance(info, inspect.UnionType) else (info,)
    values: list[str] = []
    for member in map(_unwrap, members):
        if isinstance(member, inspect.LiteralType):
            values += [str(v) for v in member.values]
        elif isinstance(member, inspect.EnumType):
            values += [str(m.value) for m in member.cls]
    return values or None


def with_allowed_values(message: str, cls: type, data: Any, path: str) -> str:
    """`message`, plus the allowed values (closest first) when the value is one of a closed set."""
    bad = _BAD_VALUE.match(message)
    if bad is None:
        return message
    values = allowed_values(cls, data, path)
    if not values:
        return message
    close = difflib.get_close_matches(bad.group("value").strip("'"), values, n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{message}{hint} Allowed: {', '.join(values)}"
