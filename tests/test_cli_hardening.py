"""Findings of the fuzz and fault campaign (issue 19) that only the whole command shows:
each is one sentence and exit 2, or right output, through the real `narrator` entry."""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from tests.conftest import EXAMPLE, FIXTURES

NARRATOR = str(Path(sys.executable).with_name("narrator"))


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NARRATOR, *args], input=stdin, capture_output=True, text=True, timeout=300)


def _narrate(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return _run("narrate", str(source), "--output", str(out), "--voice", "tone", "--quiet")


def _one_sentence(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("narrator: "), done.stderr
    assert "Traceback" not in done.stderr


def test_speakable_lines_reads_numbers_too_long_for_words() -> None:
    """307 digits overflowed num2words; past 4,300, Python's int conversion limit."""
    lines = ["Before.", "It was " + "7" * 307 + " dollars.", "Then " + "12" * 2600 + " more.", "After."]
    done = _run("speakable", "--lines", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert len(out) == 4 and out[0] == "Before." and out[3] == "After."
    assert "seven" in out[1] and not any(char.isdigit() for char in out[1] + out[2])


def test_non_ascii_digits_are_read_not_dropped() -> None:
    done = _run("speakable", "--lines", stdin="It cost \u0663 dinars.\nThey ate \uff13 apples.\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["It cost three dinars.", "They ate three apples."]


@pytest.mark.slow
def test_a_control_character_in_a_title_reaches_neither_tags_nor_feed(tmp_path: Path) -> None:
    page = tmp_path / "controls.html"
    title = "Harbour\x07 ferry\x85 returns\x1b after repairs"
    body = "<p>The ferry sailed again on Monday after six weeks of repairs to its hull.</p>" * 6
    page.write_text(
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )
    out = tmp_path / "out"
    done = _narrate(page, out)
    assert done.returncode == 0, done.stderr
    parsed = feedparser.parse((out / "default" / "feed.xml").read_bytes())
    assert not parsed.bozo and parsed.entries[0].title == "Harbour ferry returns after repairs"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published") / "out"
    assert _narrate(EXAMPLE, out).returncode == 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["episodes.json", "feed.xml"])
def test_an_index_or_feed_that_is_a_folder_is_one_sentence(
    name: str, published: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(published, out)
    target = out / "default" / name
    target.unlink()
    target.mkdir()
    _one_sentence(_narrate(EXAMPLE, out))


def _without_override() -> None:
    """Run as root (CI), narrator would write into folders whatever their mode says: its
    process drops the two capabilities that let root pass file permissions (from the
    bounding set, so the interpreter it execs never gets them), and meets the folder's mode
    as any user does."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0):  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.mark.slow
def test_a_read_only_output_folder_is_one_sentence(published: Path, tmp_path: Path) -> None:
    """The episodes folder cannot be written: found after the whole article has been spoken,
    one sentence, exit 2, the folder as it was."""
    out = tmp_path / "out"
    shutil.copytree(published, out)
    episodes = out / "default" / "episodes"
    before = sorted(p.name for p in episodes.iterdir())
    episodes.chmod(0o555)
    try:
        done = subprocess.run(
            [NARRATOR, "narrate", str(FIXTURES / "dump_newspaper_with_ads.txt"), "--output", str(out)]
            + ["--voice", "tone", "--quiet"],
            preexec_fn=_without_override if os.geteuid() == 0 else None,
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        episodes.chmod(0o755)
    _one_sentence(done)
    assert sorted(p.name for p in episodes.iterdir()) == before
