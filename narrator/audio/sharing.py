"""Work shared with idle threads of a pool the caller itself may belong to.

A part is mastered in one thread of the mastering pool; its MP3 streams and true-peak
blocks are independent pieces of work. Offered to the pool, they run on whichever of its
threads are idle, and the offering thread does every piece no thread has begun by the
time it gets there. So it never waits on a pool whose threads are all busy (itself
perhaps among them), and no more threads are at work than the pool has.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def shared(work: Callable[[T], R], items: Sequence[T], helpers: Executor | None) -> list[R]:
    """`work` of each item, in order: the first here, the rest offered to `helpers`
    and done here unless one of its threads has begun it."""
    if not items:
        return []
    offered = [helpers.submit(work, item) if helpers else None for item in items[1:]]
    results = [work(items[0])]
    for item, future in zip(items[1:], offered, strict=True):
        results.append(future.result() if future is not None and not future.cancel() else work(item))
    return results
