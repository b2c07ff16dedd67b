"""Answers as CSV rows: nested fields flattened as `outer.inner`, lists joined, every source quoted in full.

One formatting for every list's CSV (api/listing.py streams it) and for the rows the build stores beside
the answers it precomputes (api/domain/build.py), so a stored row is the row a live one would be."""

from __future__ import annotations

import csv
import functools
import io
import types
from collections.abc import Sequence
from typing import Any

import msgspec

LINE_END = "\r\n"


def _flat(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        if prefix == "terms" or not value:
            out[prefix] = msgspec.json.encode(value).decode() if value else ""
            return
        for key, inner in value.items():
            _flat(inner, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list):
        if prefix.endswith("sources"):  # each quote with its source in full: document or text, language, unit
            out[prefix] = " | ".join(f'{s["cited_as"]}: "{s["quote"]}"' for s in value)
        elif all(not isinstance(v, dict | list) for v in value):
            out[prefix] = "; ".join(str(v) for v in value)
        else:
            out[prefix] = "; ".join(
                ", ".join(str(v) for v in item.values() if v not in (None, "", [], {}))
                if isinstance(item, dict)
                else msgspec.json.encode(item).decode()
                for item in value
            )
    elif value is None:
        out[prefix] = ""
    else:
        out[prefix] = value


@functools.cache
def columns(item_type: type) -> tuple[str, ...]:
    """Header of an item type: its fields, nested Structs flattened as `outer.inner` (worked out once per
    type: reading a Struct's fields resolves its annotations, about as long as writing a hundred rows)."""
    found: list[str] = []
    for field in msgspec.structs.fields(item_type):
        inner = field.type
        members = [t for t in getattr(inner, "__args__", ()) if t is not type(None)]
        if isinstance(inner, types.UnionType) and len(members) == 1:
            inner = members[0]  # `Actor | None` flattens like `Actor`
        if isinstance(inner, type) and issubclass(inner, msgspec.Struct) and field.name != "terms":
            found += [f"{field.encode_name}.{c}" for c in columns(inner)]
        else:
            found.append(field.encode_name)
    return tuple(found)


def writer(buffer: io.StringIO, header: Sequence[str]) -> csv.DictWriter[str]:
    """The CSV writer every list uses: the header's columns, CRLF line ends."""
    return csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator=LINE_END)


def write_item(out: csv.DictWriter[str], item: Any, header: Sequence[str]) -> None:
    """One answer (a Struct, or its JSON as `msgspec.Raw`) as one CSV row of `header`."""
    row: dict[str, Any] = {}
    plain = msgspec.json.decode(item) if isinstance(item, msgspec.Raw) else msgspec.to_builtins(item)
    _flat(plain, "", row)
    out.writerow({c: row.get(c, "") for c in header})


def line(item: Any, header: Sequence[str]) -> bytes:
    """One answer as one CSV row (with its line end), as an export writes it."""
    buffer = io.StringIO()
    write_item(writer(buffer, header), item, header)
    return buffer.getvalue().encode()


class StoredRow(msgspec.Struct, frozen=True):
    """An answer the build stored with its CSV row: lists send `body` as JSON and `csv` as it is."""

    body: msgspec.Raw
    csv: bytes
