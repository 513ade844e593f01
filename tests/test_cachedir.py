"""Nothing left behind: a killed narration's speech workers die with it and its temporary
folder (under the cache folder) is removed by the next run; `cache clear` removes only
narrator's own entries."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from narrator import cachedir
from tests.conftest import EXAMPLE, ROOT

SENTENCES = " ".join(f"The ferry made crossing number {i} of the day before noon." for i in range(400))


def _narrate(source: Path, out: Path, cache: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "narrator", "narrate", str(source), "--output", str(out)]
        + ["--voice", "tone", "--quiet", "--no-cache"],
        cwd=ROOT,
        env={**os.environ, "NARRATOR_CACHE": str(cache)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.slow
def test_a_narration_killed_mid_speech_leaves_nothing_behind(tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(f"Harbour ferry crossings\n\n{SENTENCES}\n")
    cache = tmp_path / "cache"
    run = _narrate(source, tmp_path / "out", cache)
    parent = psutil.Process(run.pid)
    workers: list[psutil.Process] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and run.poll() is None and time.monotonic() < deadline:
        workers = parent.children(recursive=True)  # the resource tracker, then speech workers
        time.sleep(0.05)
    assert workers, "the narration ended before its speech workers started"
    run_folders = list((cache / cachedir.RUNS).glob(f"{run.pid}-*"))
    assert run_folders  # its temporary files are under the cache folder
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=5)
    running = [p.pid for p in alive if _running(p)]  # a zombie has ended: only its reaping is left
    assert not running, running
    assert run_folders[0].exists()  # nothing removed it yet

    nxt = _narrate(EXAMPLE, tmp_path / "out", cache)
    assert nxt.wait(timeout=300) == 0
    assert not run_folders[0].exists()
    assert not list((cache / cachedir.RUNS).iterdir())  # nor its own


def test_a_run_folder_is_removed_at_its_end_and_a_dead_runs_by_the_next(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / cachedir.RUNS / f"{dead.pid}-abc"
    (stale / "sentences").mkdir(parents=True)
    (stale / "sentences" / "x.s16").write_bytes(b"\0" * 100)
    living = tmp_path / cachedir.RUNS / f"{os.getppid()}-def"  # the test runner's parent: alive
    living.mkdir()
    with cachedir.run_folder(tmp_path) as work:
        assert work.parent == tmp_path / cachedir.RUNS and work.name.startswith(f"{os.getpid()}-")
        (work / "part.mp3").write_bytes(b"x")
        assert not stale.exists() and living.exists()
    assert not work.exists()


def test_cache_clear_removes_only_narrators_entries(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    sentence = cache / "sentences" / "ab" / "abcdef.s16"
    part, meta = cache / "parts" / "cd" / "cdef.mp3", cache / "parts" / "cd" / "cdef.json"
    for path in (sentence, part, meta):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    strangers = [cache / "notes.txt", cache / "sentences" / "README", cache / "parts" / "cd" / "keep.txt"]
    for path in strangers:
        path.write_text("not narrator's")
    done = subprocess.run(
        [sys.executable, "-m", "narrator", "cache", "clear"],
        cwd=ROOT,
        env={**os.environ, "NARRATOR_CACHE": str(cache)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "1 cached sentences and 1 encoded parts" in done.stdout
    assert not sentence.exists() and not part.exists() and not meta.exists()
    assert all(path.read_text() == "not narrator's" for path in strangers)
    assert not (cache / "sentences" / "ab").exists()  # the folders its entries leave empty go too


@pytest.mark.parametrize(
    ("value", "size"),
    [
        ("", cachedir.DEFAULT_MAX_SIZE),
        ("1048576", 1 << 20),
        ("500M", 500 << 20),
        ("500mb", 500 << 20),
        ("1.5G", 3 << 29),
        ("2 GB", 2 << 30),
        ("800KiB", 800 << 10),
    ],
)
def test_the_cache_limit_reads_the_common_ways_of_writing_a_size(
    value: str, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NARRATOR_CACHE_MAX_SIZE", value)
    assert cachedir.max_size() == size


@pytest.mark.parametrize("value", ["abc", "-1", "1.5.2G", "10 parsecs"])
def test_a_cache_limit_that_is_not_a_size_is_one_sentence_and_exit_2(value: str, tmp_path: Path) -> None:
    for args in (
        ("cache", "info"),
        ("narrate", str(EXAMPLE), "--voice", "tone", "--output", str(tmp_path / "o")),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "narrator", *args],
            cwd=ROOT,
            env={**os.environ, "NARRATOR_CACHE": str(tmp_path / "cache"), "NARRATOR_CACHE_MAX_SIZE": value},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"narrator: NARRATOR_CACHE_MAX_SIZE={value!r} is not a size; give bytes, or a number with "
            "K, M or G (500M, 1.5G)."
        )
    assert not (tmp_path / "o").exists()
