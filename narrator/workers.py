"""One pool of worker processes for a run, shared by the stages that fan out (speech
renders sentences in it, audio masters parts in it), so each worker starts once.

Workers are spawned, not forked: no engine or library state is copied from the parent,
and they start only when a stage first has work for them (a run that finds everything in
the cache starts none).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


class LazyPool(Executor):
    """A process pool made on the first submit: a run with nothing to render or encode
    never pays for one."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait, cancel_futures=cancel_futures)


@contextmanager
def worker_pool(workers: int) -> Iterator[Executor | None]:
    """A pool of `workers` processes, or None when there is one worker (work stays here)."""
    if workers <= 1:
        yield None
        return
    with LazyPool(workers) as pool:
        yield pool
