"""Many articles in one run: the CLI over files, folders and lists; a local process pool
and a Dask LocalCluster (on loopback) running the same `narrate_one`; a worker killed
mid-batch; Ctrl-C; the same batch twice."""

from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import feedparser
import pytest
from mutagen.mp3 import MP3

from narrator.batch import Done, Failed, Job, narrate_one
from narrator.batch.driver import RECORD_NAME, run_batch
from narrator.batch.run import per_job
from narrator.batch.sources import expand
from narrator.batch.view import LineView
from narrator.feed.config import load_feed
from narrator.feed.episodes import STAGING_NAME, publish_many
from narrator.pipeline import NarrateOptions, narrate
from narrator.speech.render import RenderOptions
from tests.conftest import ROOT, decode_mp3, narrator_job

WORDS = (
    "river harbour council budget station winter plant survey bridge market school train "
    "garden water report season village reader signal harvest museum ferry library"
).split()


def write_article(path: Path, n: int, paragraphs: int = 3, seed: int = 0) -> Path:
    """A Markdown article of our own: a title, a date, two sections, numbers in the text."""
    rng = random.Random(seed * 1000 + n)
    subject = rng.choice(WORDS)

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
        return f"The {' '.join(words)} rose {rng.randint(2, 98)}% in {rng.randint(1990, 2030)}."

    body = "\n\n".join(" ".join(sentence() for _ in range(4)) for _ in range(paragraphs))
    path.write_text(
        f"---\ntitle: Report number {n} on the {subject}\ndate: 2025-03-{1 + n % 28:02d}\n---\n\n"
        f"{body}\n\n## What comes next\n\n{body}\n",
        encoding="utf-8",
    )
    return path


def title_of(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("title: ", 1)[1].split("\n", 1)[0]


def narrator(*args: str, cwd: Path = ROOT, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", "narrate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def feed_entries(out: Path) -> list[feedparser.FeedParserDict]:
    return feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries


def check_published_once(out: Path, titles: set[str]) -> None:
    """Every title once in the feed and the index, each enclosure whole, nothing staged left."""
    folder = out / "default"
    entries = feed_entries(out)
    assert sorted(e.title for e in entries) == sorted(titles)
    assert len({e.id for e in entries}) == len(entries)
    index = json.loads((folder / "episodes.json").read_text())["episodes"]
    assert sorted(e["title"] for e in index) == sorted(titles)
    for entry in entries:
        mp3 = folder / entry.enclosures[0].href.split("/default/", 1)[1]
        assert int(entry.enclosures[0].length) == mp3.stat().st_size
        assert MP3(mp3).info.length > 1
    named = {folder / e["file"] for e in index} | {folder / p for e in index for p in e["sidecars"].values()}
    assert set((folder / "episodes").glob("*.*")) - set((folder / "episodes").glob("*.html")) == named
    assert not (folder / STAGING_NAME).exists()
    assert not list(folder.rglob("*.tmp"))


def test_narrate_one_and_its_job_cross_process_boundaries(tmp_path: Path) -> None:
    job = Job("/a.md", tmp_path, NarrateOptions(voice="tone"), tmp_path, "000001")
    assert pickle.loads(pickle.dumps(job)) == job
    assert pickle.loads(pickle.dumps(narrate_one)) is narrate_one


def test_sources_from_files_folders_and_a_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    for name in ("b.md", "a.txt", "c.html", "notes.pdf"):
        (shelf / name).write_text("x")
    (shelf / "sub").mkdir()
    listed = tmp_path / "reading.list"
    listed.write_text(
        "# my reading list\n\nshelf/a.txt\n  https://example.org/a#part-2   # a comment\n/abs/x.md\n"
    )
    monkeypatch.chdir(tmp_path)
    found = expand([str(shelf), "shelf/a.txt"], listed)
    assert found == [
        str(shelf / "a.txt"),
        "https://example.org/a#part-2",
        "/abs/x.md",
        str(shelf / "b.md"),
        str(shelf / "c.html"),
    ]


def test_several_files_a_folder_and_a_list_become_episodes_of_one_feed(tmp_path: Path) -> None:
    shelf = tmp_path / "shelf"
    shelf.mkdir()
    paths = [write_article(shelf / f"article-{n}.md", n) for n in range(3)]
    loose = write_article(tmp_path / "loose.md", 3)
    listed = tmp_path / "list.txt"
    listed.write_text(f"# more\n{write_article(tmp_path / 'listed.md', 4).name}\n")
    out = tmp_path / "out"
    result = narrator(str(shelf), str(loose), "--list", str(listed), "-o", str(out), "--voice", "tone")
    assert result.returncode == 0, result.stderr
    check_published_once(out, {title_of(p) for p in [*paths, loose, tmp_path / "listed.md"]})
    lines = result.stderr.strip().splitlines()  # not a terminal: one line an article
    assert len(lines) == 5 and all(" published " in line for line in lines), lines
    assert "5 articles in" in result.stdout and "5 published, 0 unchanged, 0 failed" in result.stdout
    assert all(p.exists() for p in paths)


def _titles(out: Path) -> set[str]:
    return {e.title for e in feed_entries(out)}


def test_a_bad_source_is_skipped_with_its_reason_and_the_rest_published(tmp_path: Path) -> None:
    good = [write_article(tmp_path / f"good-{n}.md", n) for n in range(2)]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with socket.socket() as closed:  # a port nothing listens on: refused at once
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    unreachable = f"http://127.0.0.1:{port}/article"
    out = tmp_path / "out"
    args = [str(good[0]), str(tmp_path / "missing.md"), str(empty), unreachable, str(good[1])]
    result = narrator(*args, "-o", str(out), "--voice", "tone", "--jobs", "2")
    assert result.returncode == 2, result.stderr
    check_published_once(out, {title_of(p) for p in good})
    table = result.stdout
    assert "missing.md" in table and "failed: There is no file at" in table
    assert "empty.txt" in table and table.count("failed: ") == 3, table
    assert unreachable in table
    assert "2 published, 0 unchanged, 3 failed" in table
    assert "Traceback" not in result.stderr
    failed = [line for line in result.stderr.splitlines() if " failed " in line]
    assert len(failed) == 3 and all(line.rstrip().endswith(".") for line in failed), failed


def test_the_same_batch_twice_gives_the_same_feed_and_a_changed_article_is_redone(tmp_path: Path) -> None:
    sources = [write_article(tmp_path / f"a{n}.md", n) for n in range(3)]
    out = tmp_path / "out"
    first = narrator(*map(str, sources), "-o", str(out), "--voice", "tone", "--quiet")
    assert first.returncode == 0, first.stderr
    assert first.stdout == ""  # --quiet: no summary
    before = {e.id: e.enclosures[0].href for e in feed_entries(out)}
    again = narrator(*map(str, sources), "-o", str(out), "--voice", "tone")
    assert again.returncode == 0, again.stderr
    assert "0 published, 3 unchanged" in again.stdout
    afresh = narrator(*map(str, sources[:2]), "-o", str(out), "--voice", "tone", "--no-cache")
    assert "2 published, 0 unchanged" in afresh.stdout, afresh.stdout  # --no-cache: narrated again
    assert {e.id: e.enclosures[0].href for e in feed_entries(out)} == before
    write_article(sources[1], 1, paragraphs=4)  # same title and date, more text: a new version
    third = narrator(*map(str, sources), "-o", str(out), "--voice", "tone")
    assert "1 published, 2 unchanged" in third.stdout, third.stdout
    after = {e.id: e.enclosures[0].href for e in feed_entries(out)}
    assert after.keys() == before.keys()
    assert [k for k in before if before[k] != after[k]] != [] and len(after) == 3
    check_published_once(out, _titles(out))
    (out / "default" / RECORD_NAME).unlink()  # without the record: narrated again, from the caches
    fourth = narrator(*map(str, sources), "-o", str(out), "--voice", "tone")
    assert "3 published" in fourth.stdout
    assert {e.id: e.enclosures[0].href for e in feed_entries(out)} == after


def _options(cache: Path, voice: str = "tone") -> NarrateOptions:
    return per_job(NarrateOptions(voice=voice, render=RenderOptions(cache_dir=cache)), 1)


def test_a_process_pool_runs_the_batch_and_a_rerun_renders_nothing(tmp_path: Path) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    sources = [str(write_article(tmp_path / f"p{n}.md", n)) for n in range(4)]
    out, cache = tmp_path / "out", tmp_path / "cache"
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        outcomes = run_batch(sources, out, _options(cache), pool, LineView(open(os.devnull, "w")))
    assert [o.status for o in outcomes] == ["published"] * 4
    assert all(o.rendered > 0 for o in outcomes)
    (out / "default" / RECORD_NAME).unlink()
    fresh = tmp_path / "out2"  # another feed folder, the same cache: nothing spoken or encoded again
    with ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool:
        again = run_batch(sources, fresh, _options(cache), pool, LineView(open(os.devnull, "w")))
    assert [(o.status, o.rendered, o.encoded) for o in again] == [("published", 0, 0)] * 4
    assert [o.episode.path.name for o in again] == [o.episode.path.name for o in outcomes]
    check_published_once(fresh, _titles(fresh))


@pytest.fixture
def dask_cluster() -> Iterator[object]:
    """Two single-thread worker processes and a scheduler, all on loopback, no dashboard."""
    distributed = pytest.importorskip("distributed")
    import dask

    from narrator.batch.executors import DASK_WORKER_CONFIG

    with (
        dask.config.set(DASK_WORKER_CONFIG),
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as cluster,
    ):
        yield cluster


def test_dask_workers_started_with_narrators_config_run_as_a_pool_process(dask_cluster: object) -> None:
    """No MALLOC_TRIM_THRESHOLD_ from the nanny, no profiler sampling the narration; a
    cluster started as Dask starts it is named as slowing narration."""
    import dask
    from distributed import Client, LocalCluster

    from narrator.batch.executors import slow_workers

    with Client(dask_cluster) as client:
        env = client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_"))
        profiling = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        assert slow_workers(client) is None
    assert len(env) == 2 and set(env.values()) == {None}
    assert set(profiling.values()) == {False}
    dasks_own = {  # as Dask sets them (the fixture's config is in force here)
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 65536,
        "distributed.worker.profile.enabled": True,
    }
    with (
        dask.config.set(dasks_own),
        LocalCluster(
            n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
        ) as plain,
        Client(plain) as client,
    ):
        notice = slow_workers(client)
    assert notice is not None and notice.startswith("1 of the cluster's 1 workers run with")
    assert "MALLOC_TRIM_THRESHOLD_ set" in notice and "profiler on" in notice


def test_a_dask_cluster_runs_the_same_jobs(dask_cluster: object, tmp_path: Path) -> None:
    sources = [write_article(tmp_path / f"d{n}.md", n) for n in range(4)]
    bad = tmp_path / "missing.md"
    out = tmp_path / "out"
    address = dask_cluster.scheduler_address  # type: ignore[attr-defined]
    assert address.startswith("tcp://127.0.0.1:")
    result = narrator(*map(str, [*sources, bad]), "-o", str(out), "--voice", "tone", "--cluster", address)
    assert result.returncode == 2, result.stderr
    assert "4 published, 0 unchanged, 1 failed" in result.stdout
    check_published_once(out, {title_of(p) for p in sources})


def test_a_dask_worker_killed_mid_batch_has_its_article_redone_elsewhere(
    dask_cluster: object, tmp_path: Path
) -> None:
    from distributed import Client

    sources = [str(write_article(tmp_path / f"k{n}.md", n, paragraphs=12)) for n in range(4)]
    out = tmp_path / "out"
    killed: list[int] = []
    with Client(dask_cluster) as client:
        pids = client.run(os.getpid)  # worker address -> pid

        def kill_a_busy_worker() -> None:
            for _ in range(400):  # until an article is under way (its progress file is there)
                if list((out / "default").glob(f"{STAGING_NAME}/*/*.progress")):
                    busy = [w for w, tasks in client.processing().items() if tasks]
                    if busy:
                        killed.append(pids[busy[0]])
                        os.kill(pids[busy[0]], signal.SIGKILL)
                        return
                time.sleep(0.05)

        killer = threading.Thread(target=kill_a_busy_worker)
        killer.start()
        executor = client.get_executor(pure=False, retries=2)
        outcomes = run_batch(
            sources, out, _options(tmp_path / "cache"), executor, LineView(open(os.devnull, "w"))
        )
        killer.join()
    assert killed, "no worker was busy to kill"
    assert [o.status for o in outcomes] == ["published"] * 4, [o.reason for o in outcomes]
    check_published_once(out, {title_of(Path(p)) for p in sources})


@pytest.mark.slow
def test_ctrl_c_keeps_finished_episodes_leaves_nothing_staged_and_the_next_run_resumes(
    tmp_path: Path,
) -> None:
    sources = [str(write_article(tmp_path / f"c{n}.md", n, paragraphs=12)) for n in range(6)]
    out, cache = tmp_path / "out", tmp_path / "cache"
    process = narrator_job(["narrate", *sources, "-o", str(out), "--voice", "tone", "--jobs", "2"], cache)
    index = out / "default" / "episodes.json"
    for _ in range(1200):  # until the first episodes are published
        if index.exists() or process.poll() is not None:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.count("Traceback") <= 1, stderr
    kept = _titles(out)
    assert 1 <= len(kept) < 6, kept
    check_published_once(out, kept)
    left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout
    for _ in range(200):
        if not left.split():
            break
        time.sleep(0.05)
        left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout
    assert not left.split()
    resumed = narrator(*sources, "-o", str(out), "--voice", "tone")
    assert resumed.returncode == 0, resumed.stderr
    assert f"{6 - len(kept)} published, {len(kept)} unchanged, 0 failed" in resumed.stdout
    check_published_once(out, {title_of(Path(p)) for p in sources})


_CTRL_C_AFTER_PUBLISH = """
import os, signal, sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import narrator.batch.driver as driver
from narrator.batch.view import LineView
from narrator.feed.episodes import publish_many
from tests.test_batch import _options

def publish_then_ctrl_c(*args, **kwargs):
    listed = publish_many(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGINT)  # the window between the feed and the record
    return listed

driver.publish_many = publish_then_ctrl_c
out, cache, *sources = sys.argv[1:]
try:
    with ThreadPoolExecutor(1) as pool:
        driver.run_batch(sources, Path(out), _options(Path(cache)), pool, LineView(open(os.devnull, "w")))
except KeyboardInterrupt:
    sys.exit(130)
"""


def test_ctrl_c_just_after_a_publish_still_records_it_so_the_next_run_keeps_it(tmp_path: Path) -> None:
    """Run in a process of its own with Ctrl-C not ignored (a job started in the background,
    as CI may be, inherits SIGINT ignored), so Python's own handler is the one held."""
    sources = [str(write_article(tmp_path / f"i{n}.md", n)) for n in range(2)]
    out, cache = tmp_path / "out", tmp_path / "cache"
    stopped = subprocess.run(
        [sys.executable, "-c", _CTRL_C_AFTER_PUBLISH, str(out), str(cache), *sources],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert stopped.returncode == 130, stopped.stderr
    kept = _titles(out)
    assert kept
    with ThreadPoolExecutor(1) as pool:
        again = run_batch(sources, out, _options(cache), pool, LineView(open(os.devnull, "w")))
    assert sorted(o.status for o in again) == sorted(
        ["unchanged"] * len(kept) + ["published"] * (2 - len(kept))
    )
    check_published_once(out, {title_of(Path(s)) for s in sources})


@pytest.mark.slow
def test_a_batch_with_the_default_voice(tmp_path: Path) -> None:
    sources = [write_article(tmp_path / f"v{n}.md", n) for n in range(2)]
    out = tmp_path / "out"
    result = narrator(*map(str, sources), "-o", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    check_published_once(out, _titles(out))
    for entry in feed_entries(out):
        mp3 = out / "default" / entry.enclosures[0].href.split("/default/", 1)[1]
        assert len(decode_mp3(mp3)) / 22050 > 20  # some 160 words spoken at 170 a minute


def test_options_that_name_one_episode_take_one_source(tmp_path: Path) -> None:
    a, b = (write_article(tmp_path / f"{n}.md", n) for n in range(2))
    result = narrator(str(a), str(b), "--slug", "mine", "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "narrator: --title, --slug and --preview take one SOURCE; give a SOURCE or --list."
    )
    assert narrator("-o", str(tmp_path / "out")).returncode == 2
    empty = tmp_path / "empty.list"
    empty.write_text("# nothing yet\n\n")
    listed = narrator("--list", str(empty), "-o", str(tmp_path / "out"))
    assert listed.returncode == 2 and listed.stderr.strip().endswith("names no source; give one a line.")
    assert not (tmp_path / "out").exists()


def test_a_done_result_names_staged_files_in_the_batch_folder(tmp_path: Path) -> None:
    staging = tmp_path / "out" / "default" / STAGING_NAME / "b1"
    staging.mkdir(parents=True)
    source = write_article(tmp_path / "one.md", 1)
    result = narrate_one(Job(str(source), tmp_path / "out", _options(tmp_path / "cache"), staging, "1"))
    assert isinstance(result, Done)
    assert result.episode.path.parent == tmp_path / "out" / "default" / "episodes"
    assert set(result.staged) == {result.episode.path, *(p for _, p in result.episode.sidecars)}
    assert all(tmp.parent == staging and tmp.exists() for tmp in result.staged.values())
    assert not result.episode.path.exists()  # the driver publishes, not the worker
    gone = narrate_one(
        Job(str(tmp_path / "nope.md"), tmp_path / "out", _options(tmp_path / "c"), staging, "2")
    )
    assert isinstance(gone, Failed) and gone.reason.startswith("There is no file at")


def test_the_progress_bar_shows_articles_under_way_and_the_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """The terminal view (rich), driven as the driver drives it."""
    from narrator.batch.driver import Outcome
    from narrator.batch.view import BarView
    from narrator.document import Episode

    view = BarView()
    view.start(3)
    view.running({"a.md": ("Rendering speech", 3, 10), "b.md": ("Encoding audio", 1, None)})
    assert len(view.shown) == 2
    episode = Episode("a", "a", "A", (), None, "", Path("/x/a.mp3"), 10, 61_000)
    view.finished(Outcome("a.md", "published", episode, seconds=2.0))
    view.running({"b.md": ("Encoding audio", 2, 4)})
    view.finished(Outcome("c.md", "failed", reason="There is no file at c.md."))
    assert list(view.shown) == ["b.md"]
    assert view.counts == {"published": 1, "unchanged": 0, "failed": 1}
    view.close()
    assert "c.md: There is no file at c.md." in capsys.readouterr().err


def test_a_single_narration_leaves_a_remote_batchs_staged_files_alone(tmp_path: Path) -> None:
    """A lone `narrate` sweeps the feed folder for temporary files of ended processes, but
    not the batches' staging folders: their files are named by workers' process ids, which
    on another machine say nothing here (a dead process id stands for one)."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    staging = out / "default" / STAGING_NAME / "remote"
    staging.mkdir(parents=True)
    job = Job(str(write_article(tmp_path / "one.md", 1)), out, _options(tmp_path / "cache"), staging, "1")
    done = narrate_one(job)
    assert isinstance(done, Done)
    remote = {}
    for final, tmp in done.staged.items():
        remote[final] = tmp.with_name(tmp.name.replace(f".{os.getpid()}-", f".{dead.pid}-"))
        tmp.rename(remote[final])
    killed = out / "default" / "episodes" / f".old.mp3.{dead.pid}-abc123.tmp"
    killed.parent.mkdir(parents=True)
    killed.write_bytes(b"half")

    lone = narrate(write_article(tmp_path / "two.md", 2), out, _options(tmp_path / "cache"))
    assert all(tmp.exists() for tmp in remote.values())
    assert not killed.exists()  # a killed run's file beside the episodes still goes
    publish_many(load_feed("default"), out / "default", [(done.episode, remote)])
    shutil.rmtree(out / "default" / STAGING_NAME)
    check_published_once(out, {title_of(tmp_path / "one.md"), lone.episode.title})


def test_an_older_index_keeps_an_unchanged_episode_when_another_source_has_its_slug(tmp_path: Path) -> None:
    """An index written before sources were recorded: the batch finds a.md unchanged, and
    b.md, with the same title and date, must not take a.md's episode by its slug."""
    a = write_article(tmp_path / "a.md", 0)
    c = write_article(tmp_path / "c.md", 1)
    out = tmp_path / "out"
    assert narrator(str(a), str(c), "-o", str(out), "--voice", "tone").returncode == 0
    index = out / "default" / "episodes.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["episodes"]:
        entry.pop("source", None)
    index.write_text(json.dumps(data), encoding="utf-8")
    b = tmp_path / "b.md"  # another article, same title and date
    head = a.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    b.write_text(f"{head}\n---\n\nA different letter about the harbour, with its own news for readers.\n")
    again = narrator(str(a), str(b), "-o", str(out), "--voice", "tone")
    assert again.returncode == 0, again.stderr
    assert "1 published, 1 unchanged" in again.stdout, again.stdout
    assert len(feed_entries(out)) == 3  # a.md's, c.md's and b.md's episodes
