"""Writing a release (api/export/__init__.py says what one holds and how it is versioned).

The release is written into a hidden folder beside its final place and renamed into it when complete, so a
reader (the /downloads page) never sees half a release. Every name in it is one of ours: table and view
names are checked against SAFE_NAME before they become file names.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import msgspec

from api.domain.dyads import DyadYear, dyad_years
from api.domain.query import connect
from api.export.changelog import Change, changes
from api.export.codebook import Entry, file_entries, table_entries
from api.settings import VERSION
from loaders.search_index import index_search_entries

SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")
RELEASE_NAME = re.compile(r"^pactstore-[0-9A-Za-z.+!_-]+$")
DATABASE_FILE = "pactstore.sqlite"
LISTS = ("manifest.json", "SHA256SUMS")
"""The release's own lists of its files: every other file is in both."""
CACHES = ("agreement_details", "agreement_summaries", "sharing_terms", "provision_details")
"""Precomputed API answers (JSON blobs): in the SQLite file, not as CSV (they repeat the other tables)."""
WITHHELD = (
    "update documents set raw_text = '', clean_text = ''",
    "update document_blocks set text = ''",
    "update search_entries set text = '' where kind = 'document'",
    "insert into documents_fts (documents_fts) values ('rebuild')",
)
"""The article texts, which remain their publishers' (api/export/__init__.py), and their indexes."""


class FileEntry(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    """Path inside the release folder (`csv/events.csv`)."""
    bytes: int
    sha256: str


class Manifest(msgspec.Struct, frozen=True, kw_only=True):
    """manifest.json: which release this is, of which build, and its files."""

    version: str
    package_version: str
    content_hash: str
    build_id: str
    built_at: str
    exported_at: str
    partial: bool
    previous: str | None
    """The version of the release the changelog compares with; null for a first release."""
    files: list[FileEntry]


def release_version(content_hash: str, partial: bool) -> str:
    """`<package version>+<12 hex digits of the content hash>`, `.partial` for a partial build."""
    return f"{VERSION}+{content_hash[:12]}" + (".partial" if partial else "")


def read_manifest(folder: Path) -> Manifest | None:
    """A release folder's manifest, or None when it is no (complete) release."""
    try:
        return msgspec.json.decode((folder / "manifest.json").read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError):
        return None


def releases(folder: Path) -> list[tuple[Path, Manifest]]:
    """The complete releases in `folder`, newest export first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            manifest = read_manifest(path) if path.is_dir() and RELEASE_NAME.match(path.name) else None
            if manifest is not None:
                found.append((path, manifest))
    return sorted(found, key=lambda item: item[1].exported_at, reverse=True)


def _csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _withhold(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        for statement in WITHHELD:
            connection.execute(statement)
        index_search_entries(connection)
    with sqlite3.connect(path) as connection:
        connection.execute("vacuum")


def _exported_tables(connection: sqlite3.Connection) -> list[str]:
    """Tables and views to write as CSV: all but full-text indexes (and their shadow tables) and caches."""
    virtual = [r[0] for r in connection.execute("select name from sqlite_master where sql like 'CREATE VIRTUAL%'")]
    names = []
    for (name,) in connection.execute(
        "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' order by name"
    ):
        if name in CACHES or any(name == v or name.startswith(f"{v}_") for v in virtual):
            continue
        if not SAFE_NAME.match(name):
            raise ValueError(f"table name {name!r} is not safe as a file name")
        names.append(name)
    return names


def _dyad_row(d: DyadYear) -> list[Any]:
    plain = msgspec.to_builtins(d)
    return ["; ".join(v) if isinstance(v, list) else v for v in plain.values()]


def _changelog_markdown(version: str, previous: str | None, found: list[Change]) -> str:
    lines = [f"# Data changelog: {version}", ""]
    lines.append(f"Against release {previous}." if previous else "The first release: every record is new.")
    for kind in ("added", "removed", "changed"):
        group = [c for c in found if c.change == kind]
        lines += ["", f"## {kind.capitalize()} ({len(group)})", ""]
        lines += [f"- {c.table} `{c.id}`" + (f": {', '.join(c.columns)}" if c.columns else "") for c in group]
    return "\n".join(lines) + "\n"


def _readme(manifest: Manifest, tables: list[str]) -> str:
    return "\n".join(
        [
            f"# pactstore {manifest.version}",
            "",
            f"Built {manifest.built_at} (build {manifest.build_id}, content hash {manifest.content_hash}), "
            f"exported {manifest.exported_at}."
            + (" A partial build: some library sources were missing." if manifest.partial else ""),
            "",
            f"- `{DATABASE_FILE}`: the SQLite database (open it with Datasette or sqlite3).",
            f"- `csv/`: one CSV per table and view ({len(tables)}), UTF-8 with a header row.",
            "- `dyad_years.csv`: who could share with whom, by ordered pair of states and year (ATOP-style).",
            "- `codebook.csv`: every column of every CSV here - meaning, type, allowed values.",
            "- `changelog.csv`, `CHANGELOG.md`: records added, removed and changed since "
            + (f"release {manifest.previous}." if manifest.previous else "nothing (the first release)."),
            "- `manifest.json`, `SHA256SUMS`: the files and their SHA-256 (`sha256sum -c SHA256SUMS`).",
            "",
            "The article texts (documents.raw_text and clean_text, document_blocks.text) are withheld: they remain",
            "their publishers' and are quoted for citation only. The curated records are CC BY 4.0.",
            "",
        ]
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_release(db_path: Path, releases_dir: Path, previous: Path | None = None) -> tuple[Path, Manifest]:
    """Write the release of the database at `db_path` into `releases_dir`; the changelog compares it with
    `previous` (a release folder), else with the newest other release there."""
    with sqlite3.connect(f"{Path(db_path).resolve().as_uri()}?immutable=1", uri=True) as source:
        build = source.execute("select build_id, built_at, content_hash, partial from build_info").fetchone()
        version = release_version(build[2], bool(build[3]))
        name = f"pactstore-{version}"
        if not RELEASE_NAME.match(name):
            raise ValueError(f"release name {name!r} is not safe as a folder name")
        releases_dir.mkdir(parents=True, exist_ok=True)
        temp = releases_dir / f".{name}.{os.getpid()}.building"
        shutil.rmtree(temp, ignore_errors=True)
        temp.mkdir()
        with sqlite3.connect(temp / DATABASE_FILE) as copy:
            source.backup(copy)
    try:
        return _write(temp, releases_dir / name, version, build, previous, releases_dir)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


def _write(
    temp: Path, final: Path, version: str, build: Sequence[Any], previous: Path | None, releases_dir: Path
) -> tuple[Path, Manifest]:
    database = temp / DATABASE_FILE
    _withhold(database)
    before = previous or next((p for p, m in releases(releases_dir) if m.version != version), None)
    before_manifest = read_manifest(before) if before is not None else None
    if previous is not None and before_manifest is None:
        raise ValueError(f"{previous} is not a release folder (it has no manifest.json)")
    with sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True) as connection:
        tables = _exported_tables(connection)
        for table in tables:
            cursor = connection.execute(f"select * from [{table}]")
            _csv(temp / "csv" / f"{table}.csv", [d[0] for d in cursor.description], cursor)
        entries: list[Entry] = [*table_entries(connection, tables), *file_entries()]
    db = connect(database)
    try:
        dyads = dyad_years(db)
    finally:
        db.connection.close()
    _csv(temp / "dyad_years.csv", [f.name for f in msgspec.structs.fields(DyadYear)], map(_dyad_row, dyads))
    _csv(temp / "codebook.csv", [f.name for f in msgspec.structs.fields(Entry)], map(msgspec.structs.astuple, entries))
    found = changes(before / DATABASE_FILE if before is not None else None, database)
    _csv(
        temp / "changelog.csv",
        ["table", "id", "change", "columns"],
        ([c.table, c.id, c.change, "; ".join(c.columns)] for c in found),
    )
    previous_version = before_manifest.version if before_manifest is not None else None
    (temp / "CHANGELOG.md").write_text(_changelog_markdown(version, previous_version, found), encoding="utf-8")
    manifest = Manifest(
        version=version,
        package_version=VERSION,
        content_hash=str(build[2]),
        build_id=str(build[0]),
        built_at=str(build[1]),
        exported_at=datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
        partial=bool(build[3]),
        previous=previous_version,
        files=[],
    )
    (temp / "README.md").write_text(_readme(manifest, tables), encoding="utf-8")
    listed = [
        FileEntry(name=p.relative_to(temp).as_posix(), bytes=p.stat().st_size, sha256=_sha256(p))
        for p in sorted(temp.rglob("*"))
        if p.is_file() and p.name not in LISTS
    ]
    manifest = msgspec.structs.replace(manifest, files=listed)
    (temp / "manifest.json").write_bytes(msgspec.json.format(msgspec.json.encode(manifest), indent=2) + b"\n")
    sums = io.StringIO()
    for name, digest in [*((e.name, e.sha256) for e in listed), ("manifest.json", _sha256(temp / "manifest.json"))]:
        sums.write(f"{digest}  {name}\n")
    (temp / "SHA256SUMS").write_text(sums.getvalue(), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)  # the same version again: the same data, exported anew
    os.replace(temp, final)
    return final, manifest
