"""Command-line options that several `pactstore` commands share (cli.py, loaders/propose/command.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from api.settings import DEFAULT_SEEDS


def seeds_option(help_text: str = "The seeds directory.") -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The `--seeds` option, with what the command reads there."""
    return click.option(
        "--seeds",
        "seeds_dir",
        type=click.Path(path_type=Path),
        default=DEFAULT_SEEDS,
        show_default=True,
        help=help_text,
    )
