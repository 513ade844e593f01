"""Encode the rendered PCM to MP3 with LAME (the lameenc wheel: no ffmpeg needed).

The PCM arrives in blocks (from the loudness stage), so memory does not grow with
article length.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import lameenc

CODEC_DELAY_SAMPLES = 576 + 529
"""LAME's encoder delay plus the MP3 decoder's delay. Our files carry no gapless (LAME
info) tag, so every player hears the audio this many samples late (measured: a click
at 0.5 s decodes 1,106 samples late with ffmpeg at 22,050 Hz). The encoder drops that
many samples of the rendition's lead-in silence, so what a player hears at t ms is what
the Timeline says is at t ms."""


@dataclass(frozen=True)
class Mp3Options:
    bitrate_kbps: int = 64
    """Constant bit rate; 64 kbps mono is the usual rate for spoken-word podcasts."""
    quality: int = 2
    """LAME's algorithm quality, 0 (best, slowest) to 9."""


def encode_mp3(blocks: Iterable[bytes], rate: int, dest: Path, options: Mp3Options | None = None) -> int:
    """Write `dest` as a mono CBR MP3 of the s16le PCM `blocks`.

    Returns the delay, in samples, that could not be taken out of the lead-in silence
    (0 when the audio starts with at least 50 ms of silence, as rendered audio does).
    """
    options = options or Mp3Options()
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(options.bitrate_kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(options.quality)
    skipped, skipping = 0, True
    with dest.open("wb") as out:
        for block in blocks:
            if skipping:
                silent = min(CODEC_DELAY_SAMPLES - skipped, _leading_silence(block))
                skipped += silent
                block = block[silent * 2 :]
                skipping = not block and skipped < CODEC_DELAY_SAMPLES
            out.write(encoder.encode(block))
        out.write(encoder.flush())
    return CODEC_DELAY_SAMPLES - skipped


def _leading_silence(pcm: bytes) -> int:
    """How many samples at the start of `pcm` are digital silence."""
    stripped = pcm.lstrip(b"\x00")
    return (len(pcm) - len(stripped)) // 2
