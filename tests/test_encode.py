"""Parts encoded on their own and laid end to end: decoded by ffmpeg, every sound is heard
at the sample where the rendition put it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3

from narrator.audio.encode import CODEC_DELAY_SAMPLES, count_frames, encode_part
from tests.conftest import decode_mp3, ffmpeg_packets

RATE = 22050


def _part(frames: int, clicks: list[int]) -> np.ndarray:
    samples = np.zeros(frames * 1152, dtype=np.int16)
    for at in clicks:
        samples[at : at + 3] = (20000, -20000, 12000)
    return samples


def _loudest_near(samples: np.ndarray, at: int, radius: int = 300) -> int:
    """Where the decoded click peaks (the codec smears its edges, not its peak)."""
    return at - radius + int(np.argmax(np.abs(samples[at - radius : at + radius].astype(np.int32))))


def test_joined_parts_are_heard_where_they_were_laid_out(tmp_path: Path) -> None:
    parts = [_part(20, [5000, 15000]), _part(7, [2000]), _part(33, [1200, 30000])]
    encoded = [encode_part(p, RATE) for p in parts]
    assert all(e.delay == 0 for e in encoded)  # each began with enough silence to drop
    assert [e.frames * e.samples_per_frame for e in encoded] == [len(p) for p in parts]
    mp3 = tmp_path / "joined.mp3"
    mp3.write_bytes(b"".join(e.mp3 for e in encoded))
    decoded = np.array(decode_mp3(mp3), dtype=np.int16)
    assert len(decoded) == sum(len(p) for p in parts)
    start = 0
    for part in parts:
        for click in np.flatnonzero(np.abs(part.astype(np.int32)) > 3000)[::3]:
            assert abs(_loudest_near(decoded, start + int(click)) - (start + int(click))) <= 2
        start += len(part)
    assert abs(MP3(mp3).info.length * RATE - len(decoded)) <= 576


def test_a_long_part_is_one_stream_heard_in_place(tmp_path: Path) -> None:
    clicks = [5000, 35000, 95000, 105000, 165000, 235000]
    part = _part(230, clicks)
    encoded = encode_part(part, RATE)
    mp3 = tmp_path / "long.mp3"
    mp3.write_bytes(encoded.mp3)
    assert len(ffmpeg_packets(mp3)) == encoded.frames  # frames as ffmpeg's demuxer counts them
    decoded = np.array(decode_mp3(mp3), dtype=np.int16)
    assert len(decoded) == len(part) == encoded.frames * 576
    for click in clicks:
        heard = click + encoded.delay
        assert abs(_loudest_near(decoded, heard) - heard) <= 2


def test_a_part_without_leading_silence_reports_its_delay() -> None:
    part = _part(10, [0])
    encoded = encode_part(part, RATE)
    assert encoded.delay == CODEC_DELAY_SAMPLES


def test_count_frames_reads_headers_and_refuses_other_bytes() -> None:
    encoded = encode_part(_part(4, [100]), RATE)
    assert count_frames(encoded.mp3) == (encoded.frames, 576)
    with pytest.raises(ValueError):
        count_frames(b"ID3" + encoded.mp3)
