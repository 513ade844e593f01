"""The installed `narrator` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import version
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3

from narrator.clean import clean
from narrator.pipeline import Narration
from narrator.speakable import to_script
from narrator.speakable.sentences import split_sentences
from tests.conftest import EXAMPLE, FIXTURES, ROOT, Page, decode_mp3, narrator_job


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "narrator", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_narrate_with_the_default_voice(page: Page, espeak_episode: Narration, tmp_path: Path) -> None:
    """The command prints what it wrote; its sentences are in the cache since `espeak_episode`."""
    out = tmp_path / "out"
    result = run("narrate", str(page.path), "--output", str(out))
    assert result.returncode == 0, result.stderr
    mp3, vtt, srt, chapters, feed = (Path(line) for line in result.stdout.split())
    assert mp3.parent == out / "default" / "episodes" and mp3.suffix == ".mp3"
    assert [p.name for p in (vtt, srt, chapters)] == [
        mp3.stem + s for s in (".vtt", ".srt", ".chapters.json")
    ]
    assert all(p.is_file() for p in (vtt, srt, chapters))
    assert feed == out / "default" / "feed.xml"
    words = len(to_script(clean(page.path)).text().split())
    seconds = len(decode_mp3(mp3)) / 22050
    assert words / 300 * 60 < seconds < words / 120 * 60, (words, seconds)  # the profile speaks 170 wpm
    titles = [c.sub_frames["TIT2"].text[0] for c in ID3(mp3).getall("CHAP")]
    assert titles == ["Introduction", *page.headings]
    (entry,) = feedparser.parse(feed.read_bytes()).entries
    assert int(entry.enclosures[0].length) == mp3.stat().st_size
    assert entry.title == page.title


def test_clean_prints_the_json_shape(page: Page) -> None:
    result = run("clean", str(page.path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["title", "byline", "published", "publisher", "language", "sections"]
    assert [s["heading"] for s in data["sections"]] == [None, *page.headings]


def test_voices_lists_espeak_voices() -> None:
    result = run("voices")
    assert result.returncode == 0, result.stderr
    assert "espeak\ten-us\t" in result.stdout


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "menu.txt").write_text("Home\nNews\nSport\nWeather\nContact us\n")
    return {
        "missing": tmp_path / "missing.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "no article": tmp_path / "menu.txt",
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "no article"])
def test_bad_input_is_one_sentence_exit_2_and_writes_nothing(case: str, tmp_path: Path) -> None:
    source = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out"
    result = run("narrate", str(source), "--output", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("narrator: ") and lines[0].endswith(".")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_input_leaves_a_published_feed_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = run(
        "narrate",
        str(ROOT / "examples" / "listening-is-reading.txt"),
        "--output",
        str(out),
        "--voice",
        "tone",
    )
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for source in _bad_inputs(tmp_path).values():
        assert run("narrate", str(source), "--output", str(out)).returncode == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--voice", "no-such-voice", "Unknown voice"), ("--feed", "no-such-feed", "Unknown feed")],
)
def test_unknown_voice_or_feed(option: str, value: str, message: str, tmp_path: Path) -> None:
    result = run(
        "narrate",
        str(ROOT / "examples" / "listening-is-reading.txt"),
        option,
        value,
        "--output",
        str(tmp_path / "out"),
    )
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_missing_speech_engine_says_what_to_install(tmp_path: Path) -> None:
    """With pyttsx3 not importable, the error names the package to install."""
    code = (
        "import sys; sys.modules['pyttsx3'] = None; sys.modules['pyttsx3.drivers'] = None\n"
        "from narrator.cli import app; app()"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "narrate",
            str(ROOT / "examples" / "listening-is-reading.txt"),
            "--output",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "pip install" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_clean_markdown_format_and_forced_kind(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text((ROOT / "tests" / "fixtures" / "blog_opengraph_only.html").read_text())
    as_html = run("clean", str(page), "--format", "markdown")
    assert as_html.returncode == 0, as_html.stderr
    assert as_html.stdout.startswith("---\ntitle: Sourdough without the fuss\n")
    assert "\n## The method I actually use\n" in as_html.stdout
    as_text = run("clean", str(page), "--from", "text", "--format", "json")
    assert as_text.returncode == 0, as_text.stderr
    assert json.loads(as_text.stdout)["title"].startswith("<")  # read as a text dump: markup and all


@pytest.mark.parametrize(("args", "code"), [(["--help"], 0), (["clean", "/no/such/article.txt"], 2)])
def test_leaving_early_still_does_what_a_normal_exit_does(args: list[str], code: int, tmp_path: Path) -> None:
    """main() exits as Python does: a worker thread still running finishes its file, exit
    handlers run, unflushed output arrives, and the code is kept."""
    late = tmp_path / "late.txt"
    script = (
        "import atexit, sys, threading, time\n"
        "atexit.register(lambda: sys.stderr.write('exit handler ran\\n'))\n"
        f"write = lambda: (time.sleep(0.3), open({str(late)!r}, 'w').write('done'))\n"
        "threading.Thread(target=write).start()\n"
        "print('unflushed', end='')\n"
        f"sys.argv = ['narrator', *{args!r}]\n"
        "from narrator.cli import main\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith("unflushed")
    assert "exit handler ran" in result.stderr
    assert late.read_text() == "done"


@pytest.mark.slow
def test_ctrl_c_while_speaking_ends_the_run_publishing_nothing(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole foreground group (narrator and its speech
    workers): the run ends with 130, every process with it, and the feed is not written."""
    paragraphs = [b.text for s in clean(EXAMPLE).sections for b in s.blocks if b.kind == "paragraph"]
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    article = tmp_path / "long.md"  # 160 sentences, every one new to the cache
    article.write_text(
        "# A long article\n\n"
        + "\n\n".join(" ".join(f"Note {n}.{i}: {s}" for i, s in enumerate(sentences)) for n in range(16))
    )
    cache, out = tmp_path / "cache", tmp_path / "out"
    process = narrator_job(["narrate", str(article), "--output", str(out), "--quiet"], cache)
    for _ in range(600):  # until the speech workers have written their first sentences
        if len(list(cache.glob("sentences/*/*.s16"))) >= 4 or process.poll() is not None:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert not (out / "default" / "feed.xml").exists()
    assert stderr.count("Traceback") <= 1, stderr  # the interrupted run's own, not one per worker
    for _ in range(200):  # multiprocessing's resource tracker ends once narrator has
        left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout
        if not left.split():
            break
        time.sleep(0.05)
    assert not left.split(), subprocess.run(
        ["ps", "-o", "pid,args", "-g", str(process.pid)], capture_output=True, text=True
    ).stdout


def _narrate_tone(source: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run("narrate", str(source), "--output", str(out), "--voice", "tone", *args)


def test_title_author_date_and_slug_override_what_was_found(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _narrate_tone(
        EXAMPLE, out, "--title", "Heard, not read", "--author", "Ana Ruiz", "--author", "Bo Lee",
        "--date", "2024-05-06T07:08:00+02:00", "--slug", "heard-not-read", "--quiet",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    mp3 = Path(result.stdout.split()[0])  # named by the slug and a hash of its content
    assert mp3.parent == out / "default" / "episodes"
    assert re.fullmatch(r"heard-not-read-[0-9a-f]{10}", mp3.stem)
    tags = ID3(mp3)
    assert tags["TIT2"].text == ["Heard, not read"] and tags["TPE1"].text == ["Ana Ruiz/Bo Lee"]  # ID3v2.3
    (entry,) = feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries
    assert entry.title == "Heard, not read"
    assert parsedate_to_datetime(entry.published).isoformat() == "2024-05-06T07:08:00+02:00"
    bad = _narrate_tone(EXAMPLE, out, "--slug", "Not A Slug")
    assert bad.returncode == 2 and "slug" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


def test_every_episode_has_a_pub_date_and_narrated_tops_the_feed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    undated = tmp_path / "undated.md"
    undated.write_text("# Bees in the city\n\nRooftop hives have doubled in number over five years.\n")
    before = datetime.now(UTC).replace(microsecond=0)
    for source, args in (
        (EXAMPLE, ()),
        (undated, ()),
        (FIXTURES / "dump_newspaper_with_ads.txt", ("--date", "narrated")),
    ):
        assert _narrate_tone(source, out, "--quiet", *args).returncode == 0
    entries = feedparser.parse((out / "default" / "feed.xml").read_bytes()).entries
    dates = {e.title: parsedate_to_datetime(e.published) for e in entries}
    assert len(dates) == 3
    assert before <= dates["Bees in the city"] <= datetime.now(UTC)  # no date found: when narrated
    # the article says 2025; narrated now, it is the newest (pubDate has whole seconds: the
    # undated episode, narrated just before it, may share its second)
    river = next(title for title in dates if title.startswith("River town votes"))
    assert dates[river] == max(dates.values()) and dates[river] >= before


def test_preview_renders_only_the_opening_and_publishes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    page = FIXTURES / "dump_station_with_player_and_bios.txt"
    result = run("narrate", str(page), "--output", str(out), "--preview", "8")  # eSpeak NG keeps to its rate
    assert result.returncode == 0, result.stderr
    preview = Path(result.stdout.strip())
    assert preview.parent == out / "previews"
    seconds = len(decode_mp3(preview)) / 22050
    assert 6 <= seconds <= 20, seconds  # the whole page takes over two minutes
    assert not (out / "default").exists()


@pytest.mark.parametrize("rate", ["30", "900", "0"])  # 0 once passed as "no rate given"
def test_a_rate_the_engine_cannot_speak_is_refused_with_its_range(rate: str, tmp_path: Path) -> None:
    result = run("narrate", str(EXAMPLE), "--output", str(tmp_path / "out"), "--rate", rate)
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"narrator: The espeak engine speaks 80 to 450 words a minute, not {rate}."
    )
    assert not (tmp_path / "out").exists()


def test_feed_list_finds_a_feed_folder_by_name(tmp_path: Path) -> None:
    show = tmp_path / "garden.toml"
    show.write_text((ROOT / "feeds" / "default.toml").read_text())
    out = tmp_path / "out"
    assert _narrate_tone(EXAMPLE, out, "--feed", str(show), "--quiet").returncode == 0
    listed = run("feed", "list", "--feed", "garden", "--output", str(out))  # no feeds/garden.toml here
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split("\t")[0] == "2026-11-20-listening-is-reading-too"
    missing = run("feed", "list", "--feed", "nothing-here", "--output", str(out))
    assert missing.returncode == 2 and "Unknown feed" in missing.stderr


def test_version_usage_and_counts(tmp_path: Path) -> None:
    assert run("--version").stdout.strip() == f"narrator {version('narrator')}"
    assert "narrate [OPTIONS] SOURCE" in run("narrate", "--help").stdout
    one = tmp_path / "one.md"
    one.write_text("# One part\n\nA single paragraph, with nothing under a heading.\n")
    result = _narrate_tone(one, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert " 1 chapter, " in result.stderr and " 1 part encoded" in result.stderr, result.stderr


def test_an_output_that_is_a_file_is_one_sentence(tmp_path: Path) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("mine")
    result = _narrate_tone(EXAMPLE, taken)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"narrator: cannot use {taken}/default/episodes: Not a directory."
    ]
    assert taken.read_text() == "mine"


def test_a_preview_lasts_about_as_long_as_asked_when_paragraphs_are_long_and_full_of_figures(
    tmp_path: Path,
) -> None:
    """The preview is cut after a sentence and counted in spoken words ("$4.2m" is five)."""
    figures = "The plan of March 11, 2025 costs $4.2m. Of that, 45% goes to the 1,250 m sea wall. "
    article = tmp_path / "long.md"
    article.write_text(
        "---\ntitle: The harbour plan\nauthor: Ann Writer\ndate: 2025-03-14\n---\n\n"
        + figures * 12
        + "\n\n## What comes next\n\n"
        + figures * 12,
        encoding="utf-8",
    )
    out = tmp_path / "out"
    for asked in (10, 30):
        result = run("narrate", str(article), "--output", str(out), "--preview", str(asked))
        assert result.returncode == 0, result.stderr
        seconds = len(decode_mp3(Path(result.stdout.strip()))) / 22050
        assert asked * 0.6 <= seconds <= asked * 1.5 + 6, (asked, seconds)  # a sentence is ~5 s
