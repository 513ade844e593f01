"""Where a batch's jobs run: a local pool of processes, or the workers of a Dask cluster.
Both are `concurrent.futures` executors running the same `narrate_one`."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TYPE_CHECKING

from narrator.batch.driver import JobFunction
from narrator.batch.job import ignore_ctrl_c, narrate_one, narrate_one_interruptible
from narrator.errors import InputError

if TYPE_CHECKING:
    from distributed import Client

CONNECT_TIMEOUT_S = 20
DASK_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}
"""Dask config for worker processes that narrate, leaving them as a pool's process is.
Dask's nanny starts each worker with glibc's MALLOC_TRIM_THRESHOLD_ set, which also fixes
the mmap threshold: every large buffer (numpy's FFT blocks, the encoder's and decoder's)
is mapped and faulted in afresh: about 25 times the page faults and 20 to 35 % more CPU per
article (bench/README.md, batch_speed). And each worker samples its task's stack every
10 ms for Dask's profiler, taking the GIL from the narration each time. Set it with
`dask.config.set` for a LocalCluster, or in a YAML file under ~/.config/dask/ on each
worker machine (see the README)."""


@contextlib.contextmanager
def local_pool(jobs: int) -> Iterator[tuple[Executor, JobFunction]]:
    """`jobs` spawned processes (no engine state copied from this one); a Ctrl-C stops
    the articles under way in them, and leaves idle ones alone."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=ignore_ctrl_c) as pool:
        yield pool, narrate_one_interruptible


@contextlib.contextmanager
def dask_cluster(
    address: str, notify: Callable[[str], None] | None = None
) -> Iterator[tuple[Executor, JobFunction]]:
    """The workers of the Dask scheduler at `address`. `pure=False`: two jobs that look
    alike are still two runs (Dask would otherwise run one); `retries=2`: an article
    whose run raised is tried again, and one whose worker died goes to another.
    `notify` hears one sentence if workers run with settings that slow narration."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            "--cluster needs Dask; install it from narrator's folder with `pip install '.[dask]'`."
        ) from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"No Dask scheduler answered at {address} ({exc}).") from None
    with client:
        notice = slow_workers(client)
        if notice and notify:
            notify(notice)
        yield client.get_executor(pure=False, retries=2), narrate_one


def slow_workers(client: Client) -> str | None:
    """A sentence naming what in the cluster's workers slows narration (DASK_WORKER_CONFIG
    not applied), or None: asked of every worker, so a forgotten YAML file on one machine
    shows up."""
    try:
        found = client.run(_slowing, on_error="return")
    except OSError:  # a notice only: a cluster that cannot answer (its comms fail) still runs the batch
        return None
    found = {worker: settings for worker, settings in found.items() if isinstance(settings, list)}
    slowed = [settings for settings in found.values() if settings]
    if not slowed:
        return None
    what = " and ".join(sorted({s for settings in slowed for s in settings}))
    return (
        f"{len(slowed)} of the cluster's {len(found)} workers run with {what}, which slows "
        "narration; see the README's Dask worker set-up."
    )


def _slowing() -> list[str]:
    """On a worker: its settings that slow a narration (see DASK_WORKER_CONFIG)."""
    import dask

    settings = ["MALLOC_TRIM_THRESHOLD_ set"] if "MALLOC_TRIM_THRESHOLD_" in os.environ else []
    if dask.config.get("distributed.worker.profile.enabled", False):
        settings.append("Dask's profiler on")
    return settings
