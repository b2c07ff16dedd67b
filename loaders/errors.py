"""Seed errors: each names the file, the line where the format allows it, and the record path."""

from __future__ import annotations

import msgspec


class SeedError(msgspec.Struct, frozen=True, kw_only=True):
    file: str
    """Path of the seed file, relative to the seeds directory's parent where possible."""
    path: str = "$"
    """JSON path of the offending value inside the file (`$.provisions[2].citations[0].quote`)."""
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}"


class SeedErrors(Exception):
    """Raised when the seeds cannot be built; carries every error found, not just the first."""

    def __init__(self, errors: list[SeedError]) -> None:
        self.errors = errors
        super().__init__(self.report())

    def report(self) -> str:
        noun = "error" if len(self.errors) == 1 else "errors"
        lines = [f"{len(self.errors)} {noun} in the seeds; nothing was built:"]
        lines += [f"  {e}" for e in self.errors]
        return "\n".join(lines)
