"""Work shared with idle threads of a pool the caller itself may belong to.

A part is mastered in one thread of the mastering pool; its MP3 streams and its filter
and true-peak blocks are independent pieces of work. The thread offers them to the pool
and starts on them itself; any pool thread that comes free joins in, taking the next
piece not yet begun. So a lone part is worked on by every thread, while in a busy pool
(a first run, every thread on a part of its own) the offering thread simply does all of
its pieces: it never waits for a thread that may not come, and no more threads are at
work than the pool has. An offer that a pool thread reaches after the pieces are done
holds nothing (the pieces and the work are dropped then), so a long queue of stale
offers costs no memory.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def shared(work: Callable[[T], R], items: Sequence[T], helpers: Executor | None) -> list[R]:
    """`work` of each item, in order, done here and by any of `helpers`' threads that
    come free meanwhile. The first error raised by any piece is raised here."""
    offer = _Offer(work, items)
    if helpers is not None:
        # a pool being shut down (a run ending on an error) takes no more: all is done here
        with contextlib.suppress(RuntimeError):
            for _ in range(len(items) - 1):
                helpers.submit(offer.take_part)
    offer.take_part()
    return offer.results()


class _Offer(Generic[T, R]):
    """Pieces handed out one at a time to whichever thread asks next."""

    def __init__(self, work: Callable[[T], R], items: Sequence[T]) -> None:
        self._lock = threading.Condition()
        self._work: Callable[[T], R] | None = work
        self._items: list[T] = list(items)
        self._results: list[R | None] = [None] * len(self._items)
        self._error: BaseException | None = None
        self._next = 0
        self._busy = 0

    def take_part(self) -> None:
        """Do pieces until none is left to begin."""
        while True:
            with self._lock:
                if self._work is None or self._next >= len(self._items) or self._error:
                    return
                index, work, item = self._next, self._work, self._items[self._next]
                self._next += 1
                self._busy += 1
            try:
                result: R | None = work(item)
                error = None
            except BaseException as exc:  # handed to the offering thread
                result, error = None, exc
            with self._lock:
                self._results[index] = result
                self._error = self._error or error
                self._busy -= 1
                self._lock.notify_all()

    def results(self) -> list[R]:
        """Once the pieces others began are done: every result (or the first error), and
        the offer emptied for any pool thread that reaches it later."""
        with self._lock:
            self._lock.wait_for(lambda: self._busy == 0)
            results, error = self._results, self._error
            self._work, self._items, self._results, self._error = None, [], [], None
        if error is not None:
            raise error
        return results  # type: ignore[return-value]  # every piece was done
