"""Work shared with a pool's idle threads: in order, never stuck behind busy threads."""

from __future__ import annotations

import gc
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from narrator.audio.sharing import shared


def test_results_come_in_order_without_helpers() -> None:
    assert shared(lambda n: n * n, range(5), None) == [0, 1, 4, 9, 16]
    assert shared(lambda n: n, [], None) == []


def test_an_idle_helper_works_beside_the_caller() -> None:
    both = threading.Barrier(2, timeout=10)  # each piece ends only once the other has begun
    done_by: dict[int, str] = {}

    def work(n: int) -> int:
        done_by[n] = threading.current_thread().name
        both.wait()
        return n

    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        assert shared(work, range(2), pool) == [0, 1]
    assert sorted(name.startswith("helper") for name in done_by.values()) == [False, True]


def test_with_every_helper_busy_the_caller_does_it_all() -> None:
    """As a mastering thread does when its fellows master other parts: nothing waits for
    a thread that will not come (the pool's one thread is held until the end)."""
    release = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        pool.submit(release.wait, 5)  # at most: a sharing that waited would fail, not hang
        names = shared(lambda _: threading.current_thread().name, range(4), pool)
        release.set()
    assert names == [threading.current_thread().name] * 4


def test_an_error_in_a_helper_reaches_the_caller() -> None:
    helper_began = threading.Event()

    def work(n: int) -> int:
        if n == 0:
            assert helper_began.wait(10)
            return n
        helper_began.set()
        raise ValueError(f"piece {n}")

    with ThreadPoolExecutor(1) as pool:
        try:
            shared(work, range(2), pool)
        except ValueError as exc:
            assert str(exc) == "piece 1"
        else:
            raise AssertionError("the helper's error was lost")


def test_offers_left_in_a_busy_pool_keep_nothing_alive() -> None:
    """A first run offers every part's pieces to a pool whose threads are all busy; the
    stale offers they reach much later must not still hold the pieces (the samples)."""
    release = threading.Event()
    pieces = [np.zeros(1 << 20, dtype=np.uint8) for _ in range(3)]
    alive = weakref.ref(pieces[1])
    with ThreadPoolExecutor(1) as pool:
        pool.submit(release.wait, 5)
        assert shared(len, pieces, pool) == [1 << 20] * 3
        del pieces
        gc.collect()
        assert alive() is None
        release.set()


def test_a_pool_shut_down_meanwhile_leaves_the_work_to_the_caller() -> None:
    """A part still being mastered as its run ends on an error finishes instead of failing."""
    pool = ThreadPoolExecutor(1)
    pool.shutdown()
    assert shared(lambda n: n + 1, range(3), pool) == [1, 2, 3]
