"""The forked audio process: calls run there and their results, errors and the process's
own end come back to the right futures."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import threading
import time
from concurrent.futures import CancelledError
from pathlib import Path

import pytest

from narrator.audio.process import MasteringProcess
from narrator.pipeline import NarrateOptions, narrate
from narrator.speech.render import RenderOptions
from tests.conftest import EXAMPLE, ROOT


def _square(x: int, plus: int = 0) -> int:
    return x * x + plus


def _fail(message: str) -> None:
    raise ValueError(message)


def _lock() -> threading.Lock:
    return threading.Lock()  # cannot be pickled


def _faults_allocating_again() -> int:
    """Page faults of allocating and filling 1 MB a second time, the first freed: what the
    filters do block after block."""
    import numpy as np

    first = np.ones(1 << 20, dtype=np.uint8)
    del first
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    np.ones(1 << 20, dtype=np.uint8)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


_FAULTS_IN_NEW_PYTHON = """
import sys
from narrator.audio.process import MasteringProcess, reuse_freed_memory
from tests.test_audio_process import _faults_allocating_again
if sys.argv[1] == "process":
    with MasteringProcess(1) as process:
        print(process.submit(_faults_allocating_again).result(timeout=60))
else:
    if sys.argv[1] == "reuse":
        assert reuse_freed_memory()
    print(_faults_allocating_again())
"""


def test_calls_run_in_the_forked_process_and_results_come_back() -> None:
    with MasteringProcess(2) as process:
        pid = process.submit(os.getpid).result(timeout=30)
        squares = [process.submit(_square, n, plus=1) for n in range(20)]
        assert [f.result(timeout=30) for f in squares] == [n * n + 1 for n in range(20)]
    assert pid != os.getpid()
    assert not Path(f"/proc/{pid}").exists()  # ended and reaped, no zombie left


def test_an_error_reaches_the_call_that_raised_it() -> None:
    with MasteringProcess(1) as process:
        failed, fine = process.submit(_fail, "no such part"), process.submit(_square, 3)
        unpicklable = process.submit(_lock)
        with pytest.raises(ValueError, match="no such part"):
            failed.result(timeout=30)
        assert fine.result(timeout=30) == 9
        with pytest.raises(RuntimeError, match="pickle"):
            unpicklable.result(timeout=30)


def test_a_process_that_dies_fails_its_waiting_calls_instead_of_hanging() -> None:
    process = MasteringProcess(1)
    dying = process.submit(os._exit, 3)
    with pytest.raises(RuntimeError, match="ended before finishing"):
        dying.result(timeout=30)
    with pytest.raises(RuntimeError, match="has ended"):
        process.submit(_square, 2).result(timeout=30)
    process.shutdown()


def test_two_at_once_each_end_when_shut_down_first_to_last() -> None:
    first, second = MasteringProcess(1), MasteringProcess(1)  # the second inherits nothing of the first
    pids = [p.submit(os.getpid).result(timeout=30) for p in (first, second)]
    ended = threading.Event()
    closer = threading.Thread(target=lambda: (first.shutdown(), ended.set()), daemon=True)
    closer.start()
    assert ended.wait(30), "the first process never saw its pipe close"
    second.shutdown()
    assert not any(Path(f"/proc/{pid}").exists() for pid in pids)


def test_leaving_on_an_error_drops_the_calls_not_begun() -> None:
    with pytest.raises(KeyboardInterrupt), MasteringProcess(1) as process:
        first = process.submit(time.sleep, 1.0)
        queued = [process.submit(_square, n) for n in range(5)]
        raise KeyboardInterrupt
    assert first.result(timeout=30) is None  # the call under way finishes
    for future in queued:
        with pytest.raises(CancelledError):
            future.result(timeout=30)


def test_when_no_process_can_be_forked_mastering_stays_in_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # fork at the process limit

    open_fds = len(os.listdir("/proc/self/fd"))
    monkeypatch.setattr(os, "fork", no_more_processes)
    assert MasteringProcess.start(2) is None
    assert len(os.listdir("/proc/self/fd")) == open_fds  # its pipes closed again


def test_narrating_through_the_process_gives_the_same_episode(tmp_path: Path) -> None:
    episodes = []
    for name, process in (("threads", None), ("process", MasteringProcess(2))):
        options = NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / f"cache-{name}"))
        try:
            done = narrate(EXAMPLE, tmp_path / name, options, executor=process)
        finally:
            if process:
                process.shutdown()
        assert done.mastered.encoded == done.mastered.parts > 3
        episodes.append(done.episode.path.read_bytes())
    assert episodes[0] == episodes[1]


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_the_audio_process_reuses_freed_memory_instead_of_faulting_in_new_pages() -> None:
    def in_new_python(mode: str) -> int:
        run = [sys.executable, "-c", _FAULTS_IN_NEW_PYTHON, mode]
        return int(subprocess.run(run, check=True, capture_output=True, text=True, cwd=ROOT).stdout)

    pages = (1 << 20) // resource.getpagesize()
    assert in_new_python("default") > pages / 2  # glibc's default: the freed MB went back
    assert in_new_python("reuse") < pages / 10
    assert in_new_python("process") < pages / 10
