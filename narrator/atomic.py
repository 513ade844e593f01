"""Publishing files safely: write to a temporary name in the same folder, then rename.

A reader (a podcast app, a player) sees the old file or the new one, never half of one;
a crash leaves at worst a stray temporary file, named with its process id, which the
next publishing run removes once that process is gone. Durable
writes (the default) also survive a power cut: the new file's bytes are flushed to disk
before the rename, and the folder after it, so a renamed name never points at bytes
that never reached the disk and the rename itself is not lost.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path

_STAGED = re.compile(r"^\..+\.(\d+)-[^.]*\.tmp$")
"""A temporary file of `_temporary`: .NAME.PID-RANDOM.tmp."""


def _temporary(path: Path) -> Path:
    """A new empty file beside `path`, hidden, named with this process id."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(tmp_name)


def remove_stale(folder: Path, skip: Collection[Path] = ()) -> int:
    """Remove the temporary files under `folder` whose process has ended (a killed run's);
    returns how many. Files under the `skip` folders are left alone: they may belong to
    processes of other machines, whose ids say nothing here."""
    removed = 0
    for path in folder.rglob(".*.tmp"):
        match = _STAGED.match(path.name)
        if any(path.is_relative_to(other) for other in skip):
            continue
        if match and not process_alive(int(match[1])):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def process_alive(pid: int) -> bool:
    """Whether process `pid` exists (a zombie counts, until its parent reaps it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


@contextlib.contextmanager
def replacing(path: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` atomically.

    `durable=False` is for caches, whose entries are checked when read and made again
    when damaged: they skip the two flushes."""
    tmp = _temporary(path)
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
    return _temporary(path)


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
