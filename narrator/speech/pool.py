"""Render sentences into the cache in a pool of processes, one engine per process.

Speech engines are not thread-safe (pyttsx3's eSpeak NG binding holds global state), so
each worker process builds its own engine once, in the pool's initializer, and keeps it
for every batch it is given. Workers are spawned, not forked, so no engine state is
copied from the parent. Workers die with their parent: a narration killed mid-speech
(SIGKILL, a power cut of the process) leaves no worker rendering on, nor, since the
workers hold its pipe, multiprocessing's resource tracker.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from narrator.speech.cache import SentenceCache
from narrator.speech.engine import Engine, EngineOptions

_BATCH = 8
_PR_SET_PDEATHSIG = 1
"""Linux prctl option: the signal a process gets when the thread that started it ends."""


@dataclass(frozen=True)
class EngineSpec:
    """How to build an engine in any process (picklable, unlike an engine)."""

    name: str
    options: EngineOptions


_worker_engine: Engine | None = None
"""This worker process's engine, built once by `_start_worker` (None in the parent)."""


def _start_worker(spec: EngineSpec) -> None:
    global _worker_engine  # noqa: PLW0603 - one engine per worker process, by design
    from narrator.speech import load_engine

    die_with_parent()
    _worker_engine = load_engine(spec.name, spec.options)


def die_with_parent() -> None:
    """End this process when the process that started it ends: the parent's death signal
    on Linux (given when the parent's thread that started this process ends: the pool is
    used and closed in one thread), else a thread that watches the parent's process id."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    parent_pid = parent.pid if parent is not None and parent.pid else os.getppid()
    if sys.platform.startswith("linux"):
        try:
            if ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
                if os.getppid() != parent_pid:  # the parent died before the call
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(1)
    os._exit(1)


def _render_batch(cache_root: str, jobs: list[tuple[str, str]]) -> list[str]:
    assert _worker_engine is not None
    synthesize_into(_worker_engine, SentenceCache(Path(cache_root)), jobs)
    return [key for key, _ in jobs]


def synthesize_into(engine: Engine, cache: SentenceCache, jobs: Sequence[tuple[str, str]]) -> None:
    """Speak each (key, text) and store it in the cache."""
    for key, text in jobs:
        pcm = b"".join(chunk.pcm for chunk in engine.synthesize([text]))
        cache.write(key, pcm)


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """SIGINT blocked while workers are started: Ctrl-C reaches the whole foreground
    group, and a worker started with it blocked (the mask survives exec) never sees it,
    so this process alone stops the run, without a traceback from every worker. A Ctrl-C
    that comes meanwhile waits in this process's mask and is raised on leaving."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no such signal mask
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def synthesize_parallel(
    spec: EngineSpec, cache: SentenceCache, jobs: Sequence[tuple[str, str]], workers: int
) -> Iterator[list[str]]:
    """Spread `jobs` over `workers` spawned processes; yields the keys of each batch as it
    lands in the cache. Closing the iterator early drops the batches not begun."""
    import multiprocessing  # here: a run with little to render never starts a process
    from concurrent.futures import ProcessPoolExecutor, as_completed

    batches = [list(jobs[i : i + _BATCH]) for i in range(0, len(jobs), _BATCH)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(spec,)
    ) as pool:
        with _ctrl_c_held():  # the submits start the workers
            futures = [pool.submit(_render_batch, str(cache.root), batch) for batch in batches]
        try:
            for future in as_completed(futures):
                yield future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)  # drop the batches not begun
            raise
