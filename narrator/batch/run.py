"""`narrator narrate` with many sources: expand them, pick the executor, run the batch,
show it, and sum it up. The exit code: 0 if every source made an episode, 2 if some failed."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from narrator.batch.driver import run_batch
from narrator.batch.executors import dask_cluster, local_pool
from narrator.batch.sources import expand
from narrator.batch.view import BarView, LineView, summary
from narrator.errors import InputError
from narrator.pipeline import NarrateOptions
from narrator.speech.render import RenderOptions

SOME_FAILED = 2


@dataclass(frozen=True)
class Where:
    """Where and how wide the batch runs."""

    jobs: int | None = None
    """Articles at once on this machine (default: one per CPU)."""
    cluster: str | None = None
    """A Dask scheduler's address; its workers run the articles instead."""
    workers: int | None = None
    """Speech processes and encoding threads per article (default: one, so that each
    article keeps to one core and `jobs` articles use `jobs` cores)."""


def per_job(options: NarrateOptions, workers: int) -> NarrateOptions:
    """`options` with `workers` speech processes and encoding threads for each article."""
    render = RenderOptions(cache_dir=options.render.cache_dir, workers=workers)
    return replace(options, render=render, audio=replace(options.audio, workers=workers))


def narrate_batch(
    sources: list[str],
    list_file: Path | None,
    output: Path,
    options: NarrateOptions,
    where: Where,
    lines: bool,
    quiet: bool = False,
) -> int:
    """Narrate every source; print the summary (not when quiet); the exit code."""
    found = expand(sources, list_file)
    if not found:
        raise InputError(f"The list {list_file} names no source; give one a line.")
    jobs = where.jobs or os.cpu_count() or 1
    # Articles side by side use the cores: each narrates on one (speech, then each part
    # mastered in turn, in its own process), unless asked otherwise.
    options = per_job(options, where.workers or 1)
    start = time.monotonic()
    view = LineView() if lines else BarView()
    executor = dask_cluster(where.cluster, _warn) if where.cluster else local_pool(min(jobs, len(found)))
    try:
        with executor as (pool, fn):
            outcomes = run_batch(found, output, options, pool, view, fn)
    finally:
        view.close()
    if not quiet:
        summary(outcomes, time.monotonic() - start)
    return SOME_FAILED if any(o.status == "failed" for o in outcomes) else 0


def _warn(message: str) -> None:
    """A notice on stderr: the batch goes on."""
    print(message, file=sys.stderr)
