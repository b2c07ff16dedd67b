"""`pactstore propose PATH`: the click command (cli.py adds it), a thin layer over loaders/propose/."""

from __future__ import annotations

from pathlib import Path

import click
import msgspec

from loaders.options import seeds_option
from loaders.propose import propose as run_propose
from loaders.propose.compare import compare_with_record
from loaders.propose.draft import render_draft


@click.command("propose")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--language", default=None, help="Read only this language version (en, nl, fr).")
@click.option("--json", "as_json", is_flag=True, help="Print the proposal as one JSON document, not a draft.")
@click.option("--against", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A record to check.")
@seeds_option("The seeds directory (its parties and source manifests resolve names and documents).")
def propose(path: Path, language: str | None, as_json: bool, against: Path | None, seeds_dir: Path) -> None:
    """Read an official text and propose a draft record for a curator to review (docs/extraction.md).

    \b
    Examples:
        pactstore propose ../shared/sources/nl-treaties/BWBV0001724.md > draft.yaml
        pactstore propose ../shared/sources/nl-treaties/BWBV0001724.md --language nl --json
        pactstore propose ../shared/sources/nl-treaties/BWBV0001724.md \\
            --against seeds/agreements/esa-2002-classified-information.yaml
    """
    try:
        proposal = run_propose(path, language=language, seeds_dir=seeds_dir)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if against is not None:
        try:
            comparison = compare_with_record(proposal, against)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(comparison.report())
    elif as_json:
        click.echo(msgspec.json.format(msgspec.json.encode(proposal), indent=2).decode())
    else:
        click.echo(render_draft(proposal), nl=False)
