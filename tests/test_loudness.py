"""Podcast loudness, measured by an independent meter (ffmpeg's ebur128) on the MP3."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import pytest

from narrator.audio.loudness import measure
from narrator.pipeline import NarrateOptions, narrate
from narrator.speech.render import RenderOptions
from tests.conftest import EXAMPLE, ebur128


@pytest.mark.slow
def test_the_seed_episode_is_at_minus_16_lufs_with_headroom(seed: Path, tmp_path: Path) -> None:
    result = narrate(
        seed, tmp_path / "out", NarrateOptions(render=RenderOptions(cache_dir=tmp_path / "cache"))
    )
    loudness, peak = ebur128(result.episode.path)
    assert -17.0 <= loudness <= -15.0, loudness
    assert peak <= -1.0, peak
    assert result.mastered.gain_db > 3  # eSpeak NG renders far below -16 LUFS


def test_a_quiet_voice_is_brought_up_too(tmp_path: Path) -> None:
    result = narrate(EXAMPLE, tmp_path / "out", NarrateOptions(voice="tone"))
    loudness, peak = ebur128(result.episode.path)
    assert -17.0 <= loudness <= -15.0, loudness
    assert peak <= -1.0, peak


def test_our_meter_agrees_with_ffmpeg(tmp_path: Path) -> None:
    """The streaming meter on raw PCM against ebur128 on the same samples as WAV."""
    result = narrate(EXAMPLE, tmp_path / "out", NarrateOptions(voice="tone"))
    pcm = tmp_path / "decoded.pcm"
    wav = tmp_path / "decoded.wav"
    ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    subprocess.run(
        [ffmpeg, "-v", "error", "-i", str(result.episode.path), "-f", "s16le", "-ac", "1", str(pcm)],
        check=True,
    )
    subprocess.run(
        [ffmpeg, "-v", "error", "-f", "s16le", "-ar", "22050", "-ac", "1", "-i", str(pcm), str(wav)],
        check=True,
    )
    ours = measure(pcm, 22050)
    theirs, _ = ebur128(wav)
    assert abs(ours - theirs) <= 0.15, (ours, theirs)
