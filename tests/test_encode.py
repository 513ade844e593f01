"""Parts encoded on their own and laid end to end: decoded by ffmpeg, every sound is heard
at the sample where the rendition put it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from mutagen.mp3 import MP3

from narrator.audio.encode import (
    CODEC_DELAY_SAMPLES,
    MIN_STREAM_SECONDS,
    count_frames,
    encode_part,
    stream_cuts,
)
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


@pytest.mark.parametrize("lead", [5000, 0], ids=["leading silence", "sound at once"])
def test_a_long_part_is_several_streams_heard_as_one(tmp_path: Path, lead: int) -> None:
    # 12 s: clicks 0.5 to 2.5 s apart, so only some silences can take a cut
    clicks = [lead, lead + 30000, lead + 90000, lead + 100000, lead + 160000, lead + 230000]
    part = _part(230, clicks)
    cuts = stream_cuts(part, RATE)
    assert len(cuts) >= 2
    assert all(c % 576 == 0 and not part[c - 1152 : c + CODEC_DELAY_SAMPLES].any() for c in cuts)
    assert min(np.diff([0, *cuts, len(part)])) >= MIN_STREAM_SECONDS * RATE
    with ThreadPoolExecutor(2) as pool:
        encoded = encode_part(part, RATE, helpers=pool)
    assert len(encoded.streams) == len(cuts) + 1
    assert encoded.streams == encode_part(part, RATE).streams  # threads change nothing
    for n, stream in enumerate(encoded.streams):  # frames as ffmpeg's demuxer counts them
        (tmp_path / f"{n}.mp3").write_bytes(stream)
    counted = [len(ffmpeg_packets(tmp_path / f"{n}.mp3")) * 576 for n in range(len(encoded.streams))]
    assert counted == list(np.diff([0, *cuts, len(part)]))
    mp3 = tmp_path / "streams.mp3"
    mp3.write_bytes(encoded.mp3)
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
