"""Publishing survives a power cut: every file put in place under the feed folder is
flushed to disk before its rename, and its folder after; a run stopped at any rename
leaves a feed whose every enclosure exists with its exact length."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from narrator import atomic
from narrator.pipeline import NarrateOptions, narrate
from narrator.speech.render import RenderOptions
from tests.conftest import EXAMPLE, FIXTURES


def _options(tmp_path: Path) -> NarrateOptions:
    return NarrateOptions(voice="tone", render=RenderOptions(cache_dir=tmp_path / "cache"))


def test_each_staged_file_is_synced_before_its_rename_and_its_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    narrate(EXAMPLE, out, _options(tmp_path))  # the sentences and parts cached: fewer events
    events: list[tuple[str, str]] = []
    fsync, replace = os.fsync, os.replace

    def recorded_fsync(fd: int) -> None:
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        fsync(fd)

    def recorded_replace(src: str | Path, dst: str | Path) -> None:
        events.append(("rename", f"{src} {dst}"))
        replace(src, dst)

    monkeypatch.setattr(os, "fsync", recorded_fsync)
    monkeypatch.setattr(os, "replace", recorded_replace)
    done = narrate(FIXTURES / "dump_newspaper_with_ads.txt", out, _options(tmp_path))
    monkeypatch.undo()

    renames = [(n, *e[1].split(" ")) for n, e in enumerate(events) if e[0] == "rename" and str(out) in e[1]]
    published = {Path(dst) for _, _, dst in renames}
    episode = done.episode
    assert {episode.path, *(p for _, p in episode.sidecars), done.feed_path} <= published
    assert done.feed_path.with_name("episodes.json") in published or len(published) >= 6
    for n, src, dst in renames:
        synced = [m for m, e in enumerate(events) if e == ("fsync", src)]
        assert synced and max(synced) < n, f"{dst} renamed before its bytes were synced"
        folder = [m for m, e in enumerate(events) if e == ("fsync", str(Path(dst).parent))]
        assert [m for m in folder if m > n], f"{Path(dst).parent} not synced after {dst} was renamed"


@pytest.mark.slow
def test_a_run_stopped_at_any_rename_leaves_every_enclosure_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publishing an edited article again is stopped at each of its renames in turn (the
    rename fails, as on a full disk or a crash): the feed still lists only files that
    exist with the length it gives."""
    out = tmp_path / "out"
    second = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    second.write_text(text)
    narrate(second, out, _options(tmp_path))
    # the same file edited, longer: its episode is replaced
    second.write_text(text.replace("Numbers are read as words.", "Numbers are read out as words, in full."))
    replace = os.replace
    step = 0
    while True:
        calls = 0

        def failing_replace(src: str | Path, dst: str | Path, stop: int = step) -> None:
            nonlocal calls
            if str(out) in str(dst):
                calls += 1
                if calls > stop:
                    raise OSError(28, "No space left on device")
            replace(src, dst)

        monkeypatch.setattr(os, "replace", failing_replace)
        try:
            narrate(second, out, _options(tmp_path))
            stopped = False
        except OSError:
            stopped = True
        monkeypatch.undo()
        _assert_whole(out)
        if not stopped:
            break
        step += 1
    assert step >= 5  # the MP3, three sidecars, index and feed at least


def test_a_new_version_comes_under_new_names_and_the_old_goes_last(tmp_path: Path) -> None:
    out = tmp_path / "out"
    edited = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8")
    edited.write_text(text)
    first = narrate(edited, out, _options(tmp_path)).episode
    assert narrate(edited, out, _options(tmp_path)).episode.path == first.path  # same bytes, same name
    edited.write_text(text.replace("Numbers are read as words.", "Numbers are read out as words, in full."))
    second = narrate(edited, out, _options(tmp_path)).episode
    assert second.guid == first.guid and second.path != first.path
    assert sorted(p.name for p in second.path.parent.iterdir()) == sorted(
        [*(p.name for p in (second.path, *(p for _, p in second.sidecars))), f"{second.slug}.html"]
    )
    _assert_whole(out)


def _assert_whole(out: Path) -> None:
    for feed in out.glob("*/feed.xml"):
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        for entry in parsed.entries:
            for enclosure in entry.enclosures:
                name = enclosure.href.rsplit("/", 1)[-1]
                files = list(feed.parent.glob(f"**/{name}"))
                assert files, f"{name} is in the feed but not on disk"
                assert files[0].stat().st_size == int(enclosure.length), name


def test_temporary_files_of_dead_runs_are_removed_and_a_living_runs_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    episodes = tmp_path / "episodes"
    episodes.mkdir()
    stale = episodes / f".a.mp3.{dead.pid}-k2j4h5g6.tmp"
    stale.write_bytes(b"")
    mine = atomic.stage(episodes / "b.mp3")
    assert mine.name.startswith(f".b.mp3.{os.getpid()}-")
    stranger = episodes / ".notes.tmp"
    stranger.write_text("not narrator's")
    elsewhere = tmp_path / ".staging" / "batch" / f".c.mp3.{dead.pid}-a1b2c3d4.tmp"
    elsewhere.parent.mkdir(parents=True)
    elsewhere.write_bytes(b"")  # another machine's worker: its process id says nothing here
    assert atomic.remove_stale(tmp_path, skip=[tmp_path / ".staging"]) == 1
    assert not stale.exists() and mine.exists() and stranger.exists() and elsewhere.exists()
