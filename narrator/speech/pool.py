"""Render sentences into the cache in worker processes, one engine per process.

Speech engines are not thread-safe (pyttsx3's eSpeak NG binding holds global state), so
each worker process builds its own engine the first time it is given sentences for that
voice, and keeps it for every later batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor, as_completed
from dataclasses import dataclass
from pathlib import Path

from narrator.speech.cache import SentenceCache
from narrator.speech.engine import Engine, EngineOptions

_BATCH = 8


@dataclass(frozen=True)
class EngineSpec:
    """How to build an engine in any process (picklable, unlike an engine)."""

    name: str
    options: EngineOptions


_worker_engines: dict[EngineSpec, Engine] = {}
"""This worker process's engines, built on first use (empty in the parent)."""


def _render_batch(spec: EngineSpec, cache_root: str, jobs: list[tuple[str, str]]) -> int:
    if spec not in _worker_engines:
        from narrator.speech import load_engine

        _worker_engines[spec] = load_engine(spec.name, spec.options)
    return synthesize_into(_worker_engines[spec], SentenceCache(Path(cache_root)), jobs)


def synthesize_into(engine: Engine, cache: SentenceCache, jobs: Sequence[tuple[str, str]]) -> int:
    """Speak each (key, text) and store it in the cache; returns how many were done."""
    for key, text in jobs:
        pcm = b"".join(chunk.pcm for chunk in engine.synthesize([text]))
        cache.write(key, pcm)
    return len(jobs)


def synthesize_parallel(
    pool: Executor,
    spec: EngineSpec,
    cache: SentenceCache,
    jobs: Sequence[tuple[str, str]],
    progress: Callable[[int], None],
) -> None:
    """Spread `jobs` over the pool's workers in batches; `progress(n)` after each batch."""
    batches = [list(jobs[i : i + _BATCH]) for i in range(0, len(jobs), _BATCH)]
    futures = [pool.submit(_render_batch, spec, str(cache.root), batch) for batch in batches]
    for future in as_completed(futures):
        progress(future.result())
