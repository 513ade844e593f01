"""One pool of worker processes for a run, shared by the stages that fan out (speech
renders sentences in it, audio masters parts in it), so each worker starts once.

Workers are spawned, not forked: no engine or library state is copied from the parent,
and they start only when a stage first has work for them (a run that finds everything in
the cache starts none).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def worker_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of `workers` processes, or None when there is one worker (work stays here)."""
    if workers <= 1:
        yield None
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool
