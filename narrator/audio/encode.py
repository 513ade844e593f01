"""Encode PCM to MP3 with LAME (the lameenc wheel: no ffmpeg needed), one part at a time.

Parts are encoded on their own and their frames laid end to end. That is a valid MP3
stream: each LAME stream starts with a frame that borrows nothing from the bit
reservoir, and parts begin and end in silence, so the joins are not heard.

A part is itself encoded as several such streams, cut at frame boundaries inside its
silences (the pause after a sentence), and the streams are encoded at once on the
threads the caller can spare: lameenc releases the GIL while LAME works, so two threads
encode about twice as much as one. A run after a
one-paragraph edit masters a single part, and this puts both cores on its encode. Where
the cuts fall depends on the samples alone, never on the thread count, so an episode is
the same on any machine.
"""

from __future__ import annotations

from concurrent.futures import Executor
from dataclasses import dataclass
from itertools import pairwise

import lameenc
import numpy as np

from narrator.audio.options import Mp3Options
from narrator.audio.sharing import shared

ENCODER_DELAY = 576
"""Samples of silence LAME puts before the audio of every stream it encodes."""
DECODER_DELAY = 529
"""Samples an MP3 decoder's filter bank delays everything it outputs."""
CODEC_DELAY_SAMPLES = ENCODER_DELAY + DECODER_DELAY
"""Our files carry no gapless (LAME info) tag, so every player hears a stream this many
samples late (measured: a click at 0.5 s decodes 1,106 samples late with ffmpeg at
22,050 Hz). Each part drops that many samples of its own leading silence, so a part's
audio is heard exactly where its frames begin."""
_FLUSH_PADDING = 2 * 576
"""LAME ends a stream of n samples (at 576 samples a frame) after ceil((n + 1152) / 576)
frames: its delay, the samples, and up to two frames of padding (measured)."""
MIN_STREAM_SECONDS = 3.0
"""A part is cut into streams no shorter than this: each stream costs LAME a set-up and a
flush, and a sentence is 2 to 6 s, so most parts make a few streams, not dozens."""
_BLOCK = 64


@dataclass(frozen=True)
class EncodedPart:
    streams: tuple[bytes, ...]
    """The part's MP3 streams in order, each decodable on its own."""
    frames: int
    samples_per_frame: int
    delay: int
    """How many samples later than its place in the input each sample is heard, counting
    from the part's first frame: 0 when the part began with enough silence to drop."""

    @property
    def mp3(self) -> bytes:
        return b"".join(self.streams)


def encode_part(
    samples: np.ndarray, rate: int, options: Mp3Options | None = None, helpers: Executor | None = None
) -> EncodedPart:
    """The s16 mono `samples` as MP3 streams, trimmed (or padded) in their silences so
    that the part decodes to as near its own length as whole frames allow; the streams
    are shared with `helpers`' idle threads (audio/sharing.py)."""
    options = options or Mp3Options()
    frame = 576 if rate < 32000 else 1152
    # every stream drops the same leading silence, so all of the part is heard equally late
    drop = min(CODEC_DELAY_SAMPLES, _leading_zeros(samples))
    bounds = [0, *stream_cuts(samples, rate), len(samples)]
    pieces = [samples[start:end] for start, end in pairwise(bounds)]

    def encode(piece: np.ndarray) -> bytes:
        return _stream(piece, drop, -(-len(piece) // frame), frame, rate, options)

    streams = shared(encode, pieces, helpers)
    frames, per_frame = 0, frame
    for stream in streams:
        count, per_frame = count_frames(stream)
        frames += count
    return EncodedPart(tuple(streams), frames, per_frame, delay=CODEC_DELAY_SAMPLES - drop)


def stream_cuts(samples: np.ndarray, rate: int) -> list[int]:
    """Where to cut `samples` into streams: frame boundaries with silence enough on both
    sides (LAME's flush padding before, the codec delay after), no stream shorter than
    MIN_STREAM_SECONDS. Cut there, each stream but the last is exactly its length in
    frames, and every sound is heard where it was in the whole part."""
    frame = 576 if rate < 32000 else 1152
    shortest = round(MIN_STREAM_SECONDS * rate)
    # Silence is looked for in whole blocks of 64 samples (a bool per block, not an index
    # per sample, which is far slower)
    blocks = len(samples) // _BLOCK
    silent = ~np.any(samples[: blocks * _BLOCK].reshape(blocks, _BLOCK), axis=1)
    edges = np.flatnonzero(np.diff(silent.astype(np.int8), prepend=0, append=0))
    cuts: list[int] = []
    for first, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        cut = -(-(first * _BLOCK + _FLUSH_PADDING) // frame) * frame
        if (
            first > 0
            and cut + CODEC_DELAY_SAMPLES <= end * _BLOCK
            and cut - (cuts[-1] if cuts else 0) >= shortest
            and len(samples) - cut >= shortest
        ):
            cuts.append(cut)
    return cuts


def _stream(piece: np.ndarray, drop: int, frames: int, frame: int, rate: int, options: Mp3Options) -> bytes:
    """One LAME stream of `frames` frames: `piece` without its first `drop` samples (its
    silence), padded or cut in its closing silence to fill them exactly where it can."""
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(options.bitrate_kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(options.quality)
    wanted = max(0, frames * frame - _FLUSH_PADDING)
    body = piece[drop:]
    extra = wanted - len(body)
    if extra > 0:
        body = np.concatenate([body, np.zeros(extra, dtype=body.dtype)])
    elif extra < 0 and _trailing_zeros(body) >= -extra:
        body = body[:wanted]
    return bytes(encoder.encode(np.asarray(body, dtype="<i2").tobytes()) + encoder.flush())


def count_frames(data: bytes) -> tuple[int, int]:
    """(frames, samples per frame) of a CBR or VBR MPEG audio layer III stream."""
    bitrates = {
        1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
        2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    }
    rates = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
    frames, per_frame, i = 0, 1152, 0
    while i + 4 <= len(data):
        header = int.from_bytes(data[i : i + 4], "big")
        version = (header >> 19) & 3
        if header >> 21 != 0x7FF or version == 1 or (header >> 12) & 15 in (0, 15) or (header >> 10) & 3 == 3:
            raise ValueError(f"not an MP3 frame at byte {i}")
        mpeg1 = version == 3
        kbps = bitrates[1 if mpeg1 else 2][(header >> 12) & 15]
        rate = rates[version][(header >> 10) & 3]
        per_frame = 1152 if mpeg1 else 576
        i += (144 if mpeg1 else 72) * kbps * 1000 // rate + ((header >> 9) & 1)
        frames += 1
    return frames, per_frame


def _leading_zeros(samples: np.ndarray) -> int:
    sound = samples != 0
    return int(sound.argmax()) if sound.any() else len(samples)


def _trailing_zeros(samples: np.ndarray) -> int:
    return _leading_zeros(samples[::-1])
