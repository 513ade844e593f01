"""What is published stays whole: concurrent narrations, killed runs, feed commands,
and Apple Podcasts' RSS rules that can be checked offline."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from PIL import Image

from narrator.errors import FeedError
from narrator.feed.artwork import check_artwork
from narrator.feed.episodes import KILL_AT, PUBLISH_STEPS
from tests.conftest import EXAMPLE, FIXTURES, ROOT

ITUNES = {"itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd", "atom": "http://www.w3.org/2005/Atom"}


def _start(source: Path, out: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "narrator",
            "narrate",
            str(source),
            "--output",
            str(out),
            "--voice",
            "tone",
            "--quiet",
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _tone(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return _run("narrate", str(source), "--output", str(out), "--voice", "tone", "--quiet")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_two_narrations_at_once_are_both_in_the_feed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    runs = [_start(EXAMPLE, out), _start(FIXTURES / "dump_newspaper_with_ads.txt", out)]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read() if run.stderr else ""
    entries = feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries
    assert len(entries) == 2
    assert len(json.loads((out / "default" / "episodes.json").read_text())["episodes"]) == 2


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder with the example published in it (from `_article(out)`), to copy."""
    out = tmp_path_factory.mktemp("published") / "out"
    _article(out).write_text(EXAMPLE.read_text())
    assert _tone(_article(out), out).returncode == 0
    return out


def _article(published: Path) -> Path:
    """The file the `published` folder's episode was narrated from: what replaces it."""
    return published.parent / EXAMPLE.name


def _longer(published: Path) -> Path:
    """That file edited, longer (every test that edits it writes the same text)."""
    added = "Numbers are read as words, and this sentence was added after the first narration."
    _article(published).write_text(EXAMPLE.read_text().replace("Numbers are read as words.", added))
    return _article(published)


@pytest.mark.slow
@pytest.mark.parametrize("step", PUBLISH_STEPS)
@pytest.mark.parametrize("change", ["replaced", "added"])
def test_a_run_killed_at_each_step_of_publishing_leaves_a_valid_feed(
    step: str, change: str, published: Path, tmp_path: Path
) -> None:
    """Killed (SIGKILL) at each point between publishing's steps, while replacing an
    episode (the same article, longer) or adding another: every enclosure in the feed
    exists with its exact length, and the index lists what the feed lists."""
    out = tmp_path / "out"
    shutil.copytree(published, out)
    feed, index_path = out / "default" / "feed.xml", out / "default" / "episodes.json"
    before = feed.read_bytes()
    source = FIXTURES / "dump_newspaper_with_ads.txt"
    if change == "replaced":
        source = _longer(published)
    killed = _start(source, out, env={KILL_AT: step})
    killed.wait(timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr.read() if killed.stderr else ""
    parsed = feedparser.parse(feed.read_bytes())
    indexed = {e["guid"] for e in json.loads(index_path.read_text())["episodes"]}
    assert not parsed.bozo and {e.id for e in parsed.entries} <= indexed  # feed.xml is made from the index
    assert len(parsed.entries) == (2 if change == "added" and step == "written" else 1)
    for entry in parsed.entries:
        name = entry.enclosures[0].href.rsplit("/", 1)[1]
        assert (out / "default" / "episodes" / name).stat().st_size == int(entry.enclosures[0].length)
    # the kill landed inside publishing: before feed.xml was replaced, or just after
    assert (feed.read_bytes() != before) == (step == "written")
    assert _tone(source, out).returncode == 0  # the next run publishes over what was left
    assert not list(out.rglob(".*.tmp"))  # and removes the killed run's temporary files


def test_feed_list_remove_and_rebuild(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for source in (EXAMPLE, FIXTURES / "dump_newspaper_with_ads.txt"):
        assert (
            _run("narrate", str(source), "--output", str(out), "--voice", "tone", "--quiet").returncode == 0
        )
    listed = _run("feed", "list", "--output", str(out))
    slugs = [line.split("\t")[0] for line in listed.stdout.splitlines()]
    assert len(slugs) == 2
    removed = _run("feed", "remove", slugs[0], "--output", str(out))
    assert removed.returncode == 0, removed.stderr
    assert not list((out / "default" / "episodes").glob(f"{slugs[0]}*"))
    assert len(feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries) == 1
    missing = _run("feed", "remove", "no-such-episode", "--output", str(out))
    assert missing.returncode == 2 and "no episode" in missing.stderr
    (out / "default" / "feed.xml").unlink()
    assert _run("feed", "rebuild", "--output", str(out)).returncode == 0
    assert len(feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries) == 1


def test_a_broken_index_is_refused_by_every_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run("narrate", str(EXAMPLE), "--output", str(out), "--voice", "tone", "--quiet").returncode == 0
    (out / "default" / "episodes.json").write_text("[")
    for args in (("feed", "list"), ("feed", "rebuild"), ("narrate", str(EXAMPLE), "--voice", "tone")):
        result = _run(*args, "--output", str(out))
        assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1, args


def test_apple_podcasts_rules_checkable_offline(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for source in (EXAMPLE, FIXTURES / "dump_newspaper_with_ads.txt"):
        assert (
            _run("narrate", str(source), "--output", str(out), "--voice", "tone", "--quiet").returncode == 0
        )
    folder = out / "default"
    tree = etree.fromstring((folder / "feed.xml").read_bytes())
    channel = tree.find("channel")
    one = lambda path: channel.xpath(path, namespaces=ITUNES)  # noqa: E731
    assert one("title/text()") and one("description/text()") and one("link/text()")
    assert one("language/text()") == ["en"]
    assert one("itunes:author/text()") and one("itunes:owner/itunes:email/text()")
    assert one("itunes:explicit/text()")[0] in ("yes", "no", "true", "false")
    assert one("itunes:category/@text")
    assert one("atom:link[@rel='self']/@href") == ["http://127.0.0.1:8000/default/feed.xml"]
    (image_url,) = one("itunes:image/@href")
    with Image.open(folder / image_url.rsplit("/", 1)[1]) as image:
        assert image.format in ("JPEG", "PNG") and image.mode == "RGB"
        assert image.size[0] == image.size[1] and 1400 <= image.size[0] <= 3000
    assert (folder / image_url.rsplit("/", 1)[1]).stat().st_size <= 512 * 1024
    items = channel.findall("item")
    guids = [i.findtext("guid") for i in items]
    urls = [i.find("enclosure").get("url") for i in items]
    assert len(set(guids)) == len(guids) == 2 and len(set(urls)) == len(urls)
    for item in items:
        assert item.findtext("title") and item.find("enclosure").get("type") == "audio/mpeg"
        name = item.find("enclosure").get("url").rsplit("/", 1)[1]
        assert int(item.find("enclosure").get("length")) == (folder / "episodes" / name).stat().st_size
        assert int(item.findtext("itunes:duration", namespaces=ITUNES)) > 0
        assert item.findtext("itunes:episodeType", namespaces=ITUNES) == "full"
        parsedate_to_datetime(item.findtext("pubDate"))  # RFC 2822


def test_artwork_rules(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    Image.new("RGB", (1400, 1400), (10, 20, 30)).save(good)
    check_artwork(good)
    for name, image in (
        ("small.png", Image.new("RGB", (1000, 1000))),
        ("wide.jpg", Image.new("RGB", (3000, 2000))),
        ("cmyk.jpg", Image.new("CMYK", (1500, 1500))),
        ("gif.gif", Image.new("RGB", (1500, 1500))),
    ):
        image.save(tmp_path / name)
        with pytest.raises(FeedError):
            check_artwork(tmp_path / name)


def _full_disk_at(step: str, source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """`narrator narrate` with the disk full from `step` on (see tests/fulldisk.py)."""
    return subprocess.run(
        [sys.executable, "-m", "tests.fulldisk", step, "narrate", str(source), "--output", str(out)]
        + ["--voice", "tone", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.parametrize("step", ["start", *PUBLISH_STEPS])
@pytest.mark.parametrize("change", ["replaced", "added"])
def test_a_full_disk_at_each_step_of_publishing_leaves_a_valid_feed(
    step: str, change: str, published: Path, tmp_path: Path
) -> None:
    """Every write failing with ENOSPC from each point between publishing's steps on: the
    CLI says one sentence and exits 2, the feed parses, every enclosure exists with its
    exact length, the published episode is still there, no file is left that the index
    does not list, and the next run (disk freed) publishes."""
    out = tmp_path / "out"
    shutil.copytree(published, out)
    folder = out / "default"
    feed, index_path = folder / "feed.xml", folder / "episodes.json"
    before = {e.id for e in feedparser.parse(feed.read_bytes()).entries}
    index_before = json.loads(index_path.read_text())["episodes"]
    source = FIXTURES / "dump_newspaper_with_ads.txt"
    if change == "replaced":
        source = _longer(published)
    done = _full_disk_at(step, source, out)
    if step == "written":  # only deletions are left to do: nothing to write, nothing fails
        assert done.returncode == 0, done.stderr
    else:
        assert done.returncode == 2, done.stderr
        assert done.stderr.count("\n") == 1 and done.stderr.startswith("narrator: "), done.stderr
        assert "No space left on device" in done.stderr or step == "start", done.stderr
    parsed = feedparser.parse(feed.read_bytes())
    index = json.loads(index_path.read_text())["episodes"]
    assert not parsed.bozo and {e.id for e in parsed.entries} <= {e["guid"] for e in index}
    assert before <= {e.id for e in parsed.entries}  # no finished episode lost
    for entry in parsed.entries:
        name = entry.enclosures[0].href.rsplit("/", 1)[1]
        assert (folder / "episodes" / name).stat().st_size == int(entry.enclosures[0].length)
    either = index + index_before  # the old version's files stay while the old feed.xml names them
    listed = (
        {Path(e["file"]).name for e in either}
        | {Path(p).name for e in either for p in e["sidecars"].values()}
        | {f"{e['slug']}.html" for e in either}
    )
    assert {p.name for p in (folder / "episodes").glob("*") if not p.name.startswith(".")} <= listed
    assert not list((folder / "episodes").glob(".*.tmp"))
    assert _tone(source, out).returncode == 0
