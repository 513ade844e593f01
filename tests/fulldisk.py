"""A disk that fills up at a chosen step of publishing, for the CLI run as a subprocess.

    python -m tests.fulldisk STEP narrate SOURCE ...

runs `narrator narrate SOURCE ...` (the real command, in this process) with every write
from STEP on failing as a full disk fails: `write`, `sendfile` and `fsync` raise
OSError(ENOSPC). Opening, renaming and deleting still work, as they do on a full disk.
STEP is a name of narrator.feed.episodes.PUBLISH_STEPS, or 'start' for a disk full
before publishing begins (while the episode's files are staged).

A fake rather than a small tmpfs: it needs no root, and it fails at an exact step.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys
from typing import Any

_full = [False]


def _no_space(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _File:
    """A file object whose writes fail once the disk is full."""

    def __init__(self, raw: Any) -> None:
        self._raw = raw

    def write(self, data: Any) -> int:
        if _full[0]:
            _no_space()
        return self._raw.write(data)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if _full[0] and self._raw.writable():
            _no_space()  # buffered bytes reach the disk here
        self._raw.flush()

    def __enter__(self) -> _File:
        return self

    def __exit__(self, *exc: object) -> None:
        self._raw.close()

    def __iter__(self) -> Any:
        return iter(self._raw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


def install(step: str) -> None:
    """Make the disk full from `step` on."""
    real_open, real_write, real_fsync, real_sendfile = io.open, os.write, os.fsync, os.sendfile

    def opened(*args: Any, **kwargs: Any) -> Any:
        handle = real_open(*args, **kwargs)
        mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
        return _File(handle) if any(c in mode for c in "wax+") else handle

    def guarded(real: Any) -> Any:
        return lambda *a, **k: _no_space() if _full[0] else real(*a, **k)

    io.open = builtins.open = opened
    os.write, os.fsync, os.sendfile = guarded(real_write), guarded(real_fsync), guarded(real_sendfile)

    from narrator.feed import episodes

    real_step = episodes._step

    def step_then_fill(name: str) -> None:
        real_step(name)
        if name == step:
            _full[0] = True

    episodes._step = step_then_fill
    if step == "start":
        _full[0] = True


if __name__ == "__main__":
    install(sys.argv[1])
    from narrator.cli import main

    sys.argv = ["narrator", *sys.argv[2:]]
    main()
