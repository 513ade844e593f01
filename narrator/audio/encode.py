"""Encode the rendered PCM to MP3 with LAME (the lameenc wheel: no ffmpeg needed).

The PCM is streamed from disk in blocks, so memory does not grow with article length.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import lameenc

from narrator.document import Rendition

CODEC_DELAY_SAMPLES = 576 + 529
"""LAME's encoder delay plus the MP3 decoder's delay. Our files carry no gapless (LAME
info) tag, so every player hears the audio this many samples late (measured: a click
at 0.5 s decodes 1,106 samples late with ffmpeg at 22,050 Hz). The encoder drops that
many samples of the rendition's lead-in silence, so what a player hears at t ms is what
the Timeline says is at t ms."""

_BLOCK_BYTES = 1 << 20


@dataclass(frozen=True)
class Mp3Options:
    bitrate_kbps: int = 64
    """Constant bit rate; 64 kbps mono is the usual rate for spoken-word podcasts."""
    quality: int = 2
    """LAME's algorithm quality, 0 (best, slowest) to 9."""


def encode_mp3(rendition: Rendition, dest: Path, options: Mp3Options | None = None) -> int:
    """Write `dest` as a mono CBR MP3 of the rendition's PCM.

    Returns the delay, in samples, that could not be taken out of the lead-in silence
    (0 when the rendition starts with at least 50 ms of silence, as rendered ones do).
    """
    options = options or Mp3Options()
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(options.bitrate_kbps)
    encoder.set_in_sample_rate(rendition.sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(options.quality)
    with rendition.pcm_path.open("rb") as pcm, dest.open("wb") as out:
        head = pcm.read(CODEC_DELAY_SAMPLES * 2)
        silent = _leading_silence(head)
        out.write(encoder.encode(head[silent * 2 :]))
        while block := pcm.read(_BLOCK_BYTES):
            out.write(encoder.encode(block))
        out.write(encoder.flush())
    return CODEC_DELAY_SAMPLES - silent


def _leading_silence(pcm: bytes) -> int:
    """How many samples at the start of `pcm` are digital silence."""
    stripped = pcm.lstrip(b"\x00")
    return (len(pcm) - len(stripped)) // 2
