"""Where a batch's jobs run: a local pool of processes, or the workers of a Dask cluster.
Both are `concurrent.futures` executors running the same `narrate_one`."""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from narrator.batch.driver import JobFunction
from narrator.batch.job import ignore_ctrl_c, narrate_one, narrate_one_interruptible
from narrator.errors import InputError

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
def dask_cluster(address: str) -> Iterator[tuple[Executor, JobFunction]]:
    """The workers of the Dask scheduler at `address`. `pure=False`: two jobs that look
    alike are still two runs (Dask would otherwise run one); `retries=2`: an article
    whose run raised is tried again, and one whose worker died goes to another."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--cluster needs Dask: pip install 'narrator[dask]'.") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"No Dask scheduler answered at {address} ({exc}).") from None
    with client:
        yield client.get_executor(pure=False, retries=2), narrate_one
