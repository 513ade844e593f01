"""Podcast loudness, measured by an independent meter (ffmpeg's ebur128) on the MP3."""

from __future__ import annotations

import subprocess
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import pytest

from narrator.audio.loudness import band_limited, integrated_loudness, measure, true_peak
from narrator.pipeline import NarrateOptions, Narration, narrate
from tests.conftest import EXAMPLE, ebur128


@pytest.mark.slow
def test_the_espeak_episode_is_at_minus_16_lufs_with_headroom(espeak_episode: Narration) -> None:
    loudness, peak = ebur128(espeak_episode.episode.path)
    assert -17.0 <= loudness <= -15.0, loudness
    assert peak <= -1.0, peak
    assert espeak_episode.recording.gain_db > 3  # eSpeak NG renders far below -16 LUFS


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


def test_a_full_scale_1_khz_sine_reads_minus_3_lufs_and_its_true_peak_is_found() -> None:
    """BS.1770's own reference: a 0 dBFS 1 kHz sine on one channel is -3.01 LUFS. A sine at
    a quarter of the sample rate, sampled 45 degrees off its crests, peaks between samples."""
    t = np.arange(10 * 22050)
    tone = (0.1 * 32767 * np.sin(2 * np.pi * 1000 * t / 22050)).astype(np.int16)
    _, analysis = band_limited(tone, 22050)
    assert abs(integrated_loudness(analysis) - (-23.01)) <= 0.05
    between = (0.5 * 32767 * np.sin(np.pi / 2 * t + np.pi / 4)).astype(np.int16)
    assert np.abs(between).max() / 32767 == pytest.approx(0.354, abs=0.002)
    assert true_peak(between) == pytest.approx(0.5, abs=0.01)


def test_the_decoded_parts_true_peak_agrees_with_ffmpeg(tmp_path: Path) -> None:
    """What the mastering step checks each encoded part against: our decode (miniaudio) and
    meter against ffmpeg's decoder and ebur128 on the same MP3."""
    from narrator.audio.decoded import decode_s16, true_peak_dbtp
    from narrator.audio.encode import encode_part

    t = np.arange(5 * 22050)
    tone = (0.7 * 32767 * np.sin(2 * np.pi * 3000 * t / 22050 + 0.3)).astype(np.int16)
    encoded = encode_part(tone, 22050)
    mp3 = encoded.mp3
    path = tmp_path / "part.mp3"
    path.write_bytes(mp3)
    assert len(decode_s16(mp3, 22050)) == encoded.frames * encoded.samples_per_frame
    _, theirs = ebur128(path)
    assert abs(true_peak_dbtp(mp3, 22050) - theirs) <= 0.3, theirs
    with pytest.raises(ValueError, match="cannot decode"):
        decode_s16(b"not an mp3" * 100, 22050)
