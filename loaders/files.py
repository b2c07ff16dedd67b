"""Reading input files safely: inside their folder, regular, and bounded before a byte is read.

Every file the build reads — seed YAML, the repository's source files, the source library's files —
goes through `read_bounded`. A symlink that leads out of the folder it was found in is refused (a
record symlinked to `/etc/passwd` must not be read and hashed); so is anything that is not a regular
file (`/dev/zero` would be read until memory runs out); and the size is checked with `fstat` on the
open file, before reading, with the read itself capped, so a file that grows while it is read cannot
get past the limit either.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_YAML_BYTES = 2 * 1024 * 1024
"""Curated files are small; anything larger is a mistake or an attack on the parser."""
MAX_SOURCE_BYTES = 16 * 1024 * 1024
"""The largest source in the library is about 125 kB; a source file is a text, not a data dump."""


class UnsafeFile(Exception):
    """The file cannot be read safely; the message says why, for the curator."""


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, with every symlink resolved, lies inside `folder` (also resolved)."""
    try:
        path.resolve(strict=True).relative_to(folder.resolve(strict=True))
    except (OSError, ValueError):
        return False
    return True


def read_bounded(path: Path, folder: Path, limit: int) -> bytes:
    """The bytes of `path`, which must be a regular file inside `folder` of at most `limit` bytes."""
    if not path.exists() and not path.is_symlink():
        raise UnsafeFile("no such file")
    if not inside(path, folder):
        target = os.path.realpath(path)
        raise UnsafeFile(f"it is a link to {target}, outside {folder}; sources are read only from their own folder")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO must not block the build
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise UnsafeFile(f"cannot open it: {exc.strerror}") from None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile("it is not a regular file")
        if info.st_size > limit:
            raise UnsafeFile(f"it is {info.st_size} bytes; the limit is {limit}")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFile(f"it grew past the limit of {limit} bytes while being read")
    return data


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Library:
    """The source libraries a build reads from (`--sources DIR`, repeatable), searched in order."""

    roots: tuple[Path, ...] = ()

    def find(self, relative: str) -> tuple[Path, Path] | None:
        """(file, the root it is under) for a library path, or None when no root has it."""
        for root in self.roots:
            candidate = root / relative
            if candidate.exists() or candidate.is_symlink():
                return candidate, root
        return None

    def describe(self) -> str:
        return ", ".join(str(r) for r in self.roots) if self.roots else "no source library given"
