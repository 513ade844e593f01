"""Work shared with a pool's idle threads: in order, never stuck behind busy threads."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from narrator.audio.sharing import shared


def test_results_come_in_order_without_helpers() -> None:
    assert shared(lambda n: n * n, range(5), None) == [0, 1, 4, 9, 16]
    assert shared(lambda n: n, [], None) == []


def test_an_idle_helper_takes_work_while_the_caller_does_its_own() -> None:
    helper_began = threading.Event()
    done_by: dict[int, str] = {}

    def work(n: int) -> int:
        done_by[n] = threading.current_thread().name
        if n == 0:  # the caller's first item ends only once a helper has begun another
            assert helper_began.wait(10), "no helper took any work"
        else:
            helper_began.set()
        return n

    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        assert shared(work, range(2), pool) == [0, 1]
    assert done_by[0] == threading.current_thread().name
    assert done_by[1].startswith("helper")


def test_with_every_helper_busy_the_caller_does_it_all() -> None:
    """As a mastering thread does when its fellows master other parts: nothing waits for
    a thread that will not come (the pool's one thread is held until the end)."""
    release = threading.Event()
    with ThreadPoolExecutor(1, thread_name_prefix="helper") as pool:
        pool.submit(release.wait, 5)  # at most: a sharing that waited would fail, not hang
        names = shared(lambda _: threading.current_thread().name, range(4), pool)
        release.set()
    assert names == [threading.current_thread().name] * 4
