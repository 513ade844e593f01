"""Shared fixtures: the article pages (ours, and the seed from ../shared when it is there),
the episode narrated once per session, and real readers for what we write."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import imageio_ffmpeg
import pytest

if TYPE_CHECKING:
    from narrator.pipeline import Narration

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "npr-kherson-page-dump.txt"
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = ROOT / "examples" / "listening-is-reading.txt"
NO_SHARED = "../shared not found"
"""The skip reason of every test that reads third-party text from ../shared."""


def narrator_job(args: list[str], cache: Path) -> subprocess.Popen[str]:
    """`narrator ARGS` started as a terminal starts a job: its own process group, Ctrl-C
    (SIGINT) not ignored, so a test can send it to the whole group as a terminal would."""
    return subprocess.Popen(
        [sys.executable, "-m", "narrator", *args],
        cwd=ROOT,
        env={**os.environ, "NARRATOR_CACHE": str(cache)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        process_group=0,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def needs_shared(path: Path) -> Path:
    """`path` (under ../shared), or skip the calling test: a clone stands alone."""
    if not path.exists():
        pytest.skip(NO_SHARED)
    return path


needs_shared_dir = pytest.mark.skipif(not SHARED.is_dir(), reason=NO_SHARED)
"""Mark for tests that read ../shared as a whole (the benchmark pages)."""


def needs_gpo() -> str:
    """gPodder's `gpo`: skip where it is missing, except in CI (CI=true), which installs it
    and must run the tests that subscribe with it."""
    gpo = shutil.which("gpo")
    if gpo is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI=true but gPodder's gpo is not installed (.ci/run installs it as root)")
        pytest.skip("gPodder's gpo not installed (apt-get install gpodder)")
    return gpo


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Rendered-sentence caches of the tests (and the CLIs they start) stay in a temp folder."""
    os.environ["NARRATOR_CACHE"] = str(tmp_path_factory.mktemp("narrator-cache"))


@pytest.fixture
def seed() -> Path:
    return needs_shared(SEED)


@dataclass(frozen=True)
class Page:
    """A page dump in the seed's shape and what the cleaner must find in it."""

    path: Path
    title: str
    byline: tuple[str, ...]
    published: str
    publisher: str
    headings: tuple[str, str]
    spoken_byline: str
    spoken_date: str


STATION = Page(
    path=FIXTURES / "dump_station_with_player_and_bios.txt",
    title="A lake town tests floating wetlands to clean its harbor. Will the plants survive winter?",
    byline=("Anna Lindqvist", "Marcus Bell"),
    published="2024-10-02T07:42:00-04:00",
    publisher="Lakeshore Public Media",
    headings=("Why the harbor turns green", "What happens when the ice comes"),
    spoken_byline="By Anna Lindqvist and Marcus Bell.",
    spoken_date="October second, twenty twenty-four.",
)
SEED_PAGE = Page(
    path=SEED,
    title="Russia retreats from Kherson. Why is the U.S. nudging Ukraine on peace talks?",
    byline=("Greg Myre", "Tom Bowman"),
    published="2022-11-11T08:18:00-05:00",
    publisher="NPR",
    headings=("The significance of Kherson", "Ukraine's cautious reaction"),
    spoken_byline="By Greg Myre and Tom Bowman.",
    spoken_date="November eleventh, twenty twenty-two.",
)


@pytest.fixture(
    scope="session",
    params=[pytest.param(STATION, id="station"), pytest.param(SEED_PAGE, id="seed", marks=pytest.mark.slow)],
)
def page(request: pytest.FixtureRequest) -> Page:
    """Our page dump in the seed's shape, then the seed itself (slow tier, when ../shared is there)."""
    if request.param is SEED_PAGE:
        needs_shared(SEED)
    return request.param


@pytest.fixture(scope="session")
def espeak_episode(page: Page, tmp_path_factory: pytest.TempPathFactory) -> Narration:
    """`page` narrated once a session with the default voice (eSpeak NG), into the default
    feed; tests that only read the episode share it. Its sentences stay in the session's
    cache, so a CLI run on the same page afterwards speaks nothing again."""
    from narrator.pipeline import NarrateOptions, narrate

    return narrate(page.path, tmp_path_factory.mktemp("episode"), NarrateOptions())


def decode_mp3(path: Path, rate: int = 22050) -> array:
    """Decode with ffmpeg (an independent decoder) to mono s16 samples."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    raw = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        check=True,
        capture_output=True,
    ).stdout
    samples = array("h")
    samples.frombytes(raw)
    return samples


def ffmpeg_packets(path: Path) -> list[int]:
    """The size of each MP3 frame, as ffmpeg's demuxer finds them (an independent reader)."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    listing = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(path), "-map", "0:a", "-c", "copy", "-f", "framecrc", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [int(line.split(",")[4]) for line in listing.splitlines() if line and not line.startswith("#")]


def ffmpeg_chapters(path: Path) -> list[tuple[float, float, str]]:
    """Chapters as ffmpeg's own ID3 reader sees them: (start s, end s, title)."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    meta = subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(path), "-f", "ffmetadata", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    chapters = []
    for block in meta.split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in block.strip().splitlines() if "=" in line)
        num, den = (int(x) for x in fields["TIMEBASE"].split("/"))
        scale = num / den
        chapters.append((int(fields["START"]) * scale, int(fields["END"]) * scale, fields["title"]))
    return chapters


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) by ffmpeg's ebur128 filter."""
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    log = subprocess.run(
        [ffmpeg, "-hide_banner", "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    summary = log[log.rindex("Summary:") :]
    loudness = float(summary.split("I:")[1].split("LUFS")[0])
    peak = float(summary.split("Peak:")[1].split("dBFS")[0])
    return loudness, peak
