"""The audio stage's own process, forked as `narrator narrate` starts.

After a one-paragraph edit a run masters a single part, and importing numpy for it (some
45 ms) was the longest step of that run, taken after the article had been read and
spoken. Forked before the pipeline's own imports, this process imports numpy and the
mastering code on the other core meanwhile, then masters the parts it is sent in a
`mastering_pool`, as `Mastering` does in-process. It is a concurrent.futures.Executor;
calls and results cross two pipes as pickles.

Only the CLI starts one, first thing, while it has no threads (forking a threaded process
can copy a held lock); the library masters in threads unless it is given one.
"""

from __future__ import annotations

import functools
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import CancelledError, Executor, Future
from typing import IO, Any

_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameters (malloc.h)."""
_KEEP_FREED = 32 << 20
"""Freed blocks up to this size stay in the heap for reuse (glibc's largest mmap threshold)."""

_CANCEL = None
"""Sent instead of a call: drop the calls not yet started, then stop."""
_PARENT_ENDS: set[int] = set()
"""The pipe ends this process holds for its live MasteringProcesses. A process forked
later closes its copies at once: else an earlier child would never see its calls pipe
close, and never end."""


class MasteringProcess(Executor):
    """A forked process that runs the calls it is given in `workers` threads."""

    def __init__(self, workers: int) -> None:
        calls_r, calls_w = os.pipe()
        results_r, results_w = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:
            for fd in (calls_r, calls_w, results_r, results_w):
                os.close(fd)
            raise
        if self._pid == 0:
            code = 0
            try:
                for fd in (calls_w, results_r, *_PARENT_ENDS):
                    os.close(fd)
                _serve(calls_r, results_w, workers)
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)  # never the parent's atexit handlers or buffered output
        os.close(calls_r)
        os.close(results_w)
        self._ends = (calls_w, results_r)
        _PARENT_ENDS.update(self._ends)
        self._calls: IO[bytes] = os.fdopen(calls_w, "wb")
        self._results: IO[bytes] = os.fdopen(results_r, "rb")
        self._futures: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()
        self._sent = 0
        self._closed = False
        self._ended = False
        """The process has ended (its results pipe closed): no call can be run any more."""
        self._reader = threading.Thread(target=self._read, name="mastering-results", daemon=True)
        self._reader.start()

    @classmethod
    def start(cls, workers: int) -> MasteringProcess | None:
        """One, or None where no process can be forked (no fork on this system, or the
        process limit reached): then mastering stays in threads."""
        try:
            return cls(workers) if hasattr(os, "fork") else None
        except OSError:
            return None

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_running_or_notify_cancel()  # once sent, a call runs: it cannot be taken back
        with self._lock:
            if self._closed:
                raise RuntimeError("the mastering process has been shut down")
            try:
                if self._ended:
                    raise BrokenPipeError
                data = pickle.dumps((self._sent, fn, args, kwargs))
                self._futures[self._sent] = future
                self._calls.write(data)
                self._calls.flush()
            except BrokenPipeError:
                self._futures.pop(self._sent, None)
                future.set_exception(RuntimeError("the mastering process has ended"))
            self._sent += 1
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                try:
                    if cancel_futures:
                        pickle.dump(_CANCEL, self._calls)
                    self._calls.close()
                except BrokenPipeError:
                    pass  # it has ended already
                _PARENT_ENDS.difference_update(self._ends)
        if wait:
            self._reader.join()
            os.waitpid(self._pid, 0)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        """Leaving on an error (Ctrl-C included) drops the parts not yet begun."""
        self.shutdown(wait=True, cancel_futures=exc_type is not None)

    def _read(self) -> None:
        """Hand each result to its future; when the process ends, fail any left waiting."""
        with self._results:
            while True:
                try:
                    ident, result, error = pickle.load(self._results)
                except (EOFError, OSError, pickle.UnpicklingError):
                    break
                with self._lock:
                    future = self._futures.pop(ident)
                if error is None:
                    future.set_result(result)
                else:
                    future.set_exception(error)
        with self._lock:
            self._ended = True
            left, self._futures = list(self._futures.values()), {}
        for future in left:
            future.set_exception(RuntimeError("the mastering process ended before finishing its parts"))


def reuse_freed_memory() -> bool:
    """Have glibc keep freed blocks of up to 32 MB for reuse; False where it is not glibc.

    By default glibc maps every block over 128 KB afresh and returns it to the kernel when
    freed, so each FFT block's temporaries (a few hundred KB each) would come back as new
    pages, every page a fault on first touch; reused, they are faulted in once. Only this
    process, which is ours alone,
    changes its allocator: peak memory stays what the work needs, and all of it goes back
    when the process ends."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    # Both: setting either stops glibc adjusting the other, and a trim threshold alone
    # leaves every block over 128 KB mapped afresh (25,000 faults for that part)
    return bool(mallopt(_M_MMAP_THRESHOLD, _KEEP_FREED) and mallopt(_M_TRIM_THRESHOLD, _KEEP_FREED))


def _serve(calls_fd: int, results_fd: int, workers: int) -> None:
    """The child: import the mastering code, then run calls until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    reuse_freed_memory()
    from narrator.audio.parts import mastering_pool, prepare

    prepare()
    lock = threading.Lock()
    with (
        os.fdopen(calls_fd, "rb") as calls,
        os.fdopen(results_fd, "wb") as results,
        mastering_pool(workers) as pool,
    ):

        def reply(ident: int, future: Future[Any]) -> None:
            error = future.exception() if not future.cancelled() else CancelledError()
            try:
                data = pickle.dumps((ident, None if error else future.result(), error))
            except (pickle.PicklingError, TypeError, AttributeError) as unpicklable:
                data = pickle.dumps((ident, None, RuntimeError(repr(error or unpicklable))))
            with lock:
                try:
                    results.write(data)
                    results.flush()
                except OSError:
                    pass  # the parent has gone: nobody is waiting for this part

        while True:
            try:
                call = pickle.load(calls)
            except EOFError:
                break
            if call is _CANCEL:
                pool.shutdown(wait=False, cancel_futures=True)
                break
            ident, fn, args, kwargs = call
            pool.submit(fn, *args, **kwargs).add_done_callback(functools.partial(reply, ident))
