"""`pactstore export DIR`: the click command (cli.py adds it), a thin layer over api/export/release.py."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from api.settings import DEFAULT_DB


@click.command("export")
@click.argument("releases_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--db",
    "db_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=DEFAULT_DB,
    show_default=True,
    help="The database to release (build it first with `pactstore build`).",
)
@click.option(
    "--previous",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="The release folder the changelog compares with. Default: the newest other release in DIR.",
)
def export(releases_dir: Path, db_path: Path, previous: Path | None) -> None:
    """Write a versioned release into DIR/pactstore-<version>/: the SQLite file, one CSV per table and view,
    dyad_years.csv, codebook.csv, a changelog against the previous release, manifest.json and SHA256SUMS.

    The version is the package version plus the first 12 hex digits of the build's content hash
    (0.1.0+3f2a9c1b7d04; `.partial` for a build without some sources). The /downloads page serves the
    releases under build/releases (or $PACTSTORE_RELEASES).

    \b
    Examples:
        pactstore export build/releases
        pactstore export build/releases --db build/pactstore.db --previous build/releases/pactstore-0.1.0+3f2a9c1b7d04
    """
    from api.export.release import export_release

    if not db_path.is_file():
        click.echo(f"error: no database at {db_path}; build one with `pactstore build --db {db_path}`", err=True)
        sys.exit(2)
    try:
        folder, manifest = export_release(db_path, releases_dir, previous)
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(
        f"wrote {folder} ({len(manifest.files)} files"
        + (f"; changes against {manifest.previous}" if manifest.previous else "; the first release")
        + ")"
    )
