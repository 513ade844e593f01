"""Publishing files safely: write to a temporary name in the same folder, then rename.

A reader (a podcast app, a player) sees the old file or the new one, never half of one;
a crash leaves at worst a stray temporary file, which the next run ignores.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def stage(path: Path) -> Path:
    """A new temporary file beside `path`, to be renamed over it by `commit` later."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp_name)


def commit(staged: dict[Path, Path]) -> None:
    """Rename each staged temporary file over its final path."""
    for final, tmp in staged.items():
        os.chmod(tmp, 0o644)
        os.replace(tmp, final)


def write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically, flushed to disk first."""
    with replacing(path) as tmp:
        with tmp.open("wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` so concurrent runs update it one at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
