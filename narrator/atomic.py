"""Publishing files safely: write to a temporary name in the same folder, then rename.

A reader (a podcast app, a player) sees the old file or the new one, never half of one;
a crash leaves at worst a stray temporary file, which the next run ignores. Durable
writes (the default) also survive a power cut: the new file's bytes are flushed to disk
before the rename, and the folder after it, so a renamed name never points at bytes
that never reached the disk and the rename itself is not lost.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def replacing(path: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` atomically.

    `durable=False` is for caches, whose entries are checked when read and made again
    when damaged: they skip the two flushes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if durable:
            commit({path: tmp})
        else:
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
    """Rename each staged temporary file over its final path, each flushed to disk just
    before its rename, then flush the folders that hold them (the renames)."""
    for final, tmp in staged.items():
        os.chmod(tmp, 0o644)
        sync(tmp)
        os.replace(tmp, final)
    for folder in dict.fromkeys(final.parent for final in staged):
        sync(folder)


def sync(path: Path) -> None:
    """Flush a file's bytes, or a folder's entries, to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data` atomically (see `replacing`)."""
    with replacing(path, durable) as tmp:
        tmp.write_bytes(data)


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
