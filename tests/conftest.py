"""Shared fixtures: the seed page from ../shared, and real readers for what we write."""

from __future__ import annotations

import os
import subprocess
from array import array
from pathlib import Path

import imageio_ffmpeg
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "npr-kherson-page-dump.txt"
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = ROOT / "examples" / "listening-is-reading.txt"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Rendered-sentence caches of the tests (and the CLIs they start) stay in a temp folder."""
    os.environ["NARRATOR_CACHE"] = str(tmp_path_factory.mktemp("narrator-cache"))


@pytest.fixture
def seed() -> Path:
    if not SEED.exists():
        pytest.fail(f"the seed page is missing: {SEED} (shared/ must sit beside the checkout)")
    return SEED


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
