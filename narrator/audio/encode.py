"""Encode PCM to MP3 with LAME (the lameenc wheel: no ffmpeg needed), one part at a time.

Parts are encoded on their own, one LAME stream each, and their frames laid end to end.
That is a valid MP3 stream: each LAME stream starts with a frame that borrows nothing
from the bit reservoir, and parts begin and end in silence, so the joins are not heard.
"""

from __future__ import annotations

from dataclasses import dataclass

import lameenc
import numpy as np

from narrator.audio.options import Mp3Options

ENCODER_DELAY = 576
"""Samples of silence LAME puts before the audio of every stream it encodes."""
DECODER_DELAY = 529
"""Samples an MP3 decoder's filter bank delays everything it outputs."""
CODEC_DELAY_SAMPLES = ENCODER_DELAY + DECODER_DELAY
"""Our files carry no gapless (LAME info) tag, so every player hears a stream this many
samples late (a click at 0.5 s decodes 1,106 samples late with ffmpeg at 22,050 Hz).
Each part drops that many samples of its own leading silence, so a part's audio is
heard exactly where its frames begin."""
_FLUSH_PADDING = 2 * 576
"""LAME ends a stream of n samples (at 576 samples a frame) after ceil((n + 1152) / 576)
frames: its delay, the samples, and up to two frames of padding."""


def frame_samples(rate: int) -> int:
    """Samples in one MP3 frame at `rate`: 1,152 (MPEG-1), 576 below 32 kHz (MPEG-2)."""
    return 576 if rate < 32000 else 1152


@dataclass(frozen=True)
class EncodedPart:
    mp3: bytes
    """The part's MP3 frames: one LAME stream, decodable on its own."""
    frames: int
    samples_per_frame: int
    delay: int
    """How many samples later than its place in the input each sample is heard, counting
    from the part's first frame: 0 when the part began with enough silence to drop."""


def encode_part(samples: np.ndarray, rate: int, options: Mp3Options | None = None) -> EncodedPart:
    """The s16 mono `samples` as one MP3 stream, without the leading silence the codec
    delay would add and trimmed (or padded) in its closing silence, so that the part
    decodes to as near its own length as whole frames allow."""
    options = options or Mp3Options()
    frame = frame_samples(rate)
    drop = min(CODEC_DELAY_SAMPLES, _leading_zeros(samples))
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(options.bitrate_kbps)
    encoder.set_in_sample_rate(rate)
    encoder.set_channels(1)
    encoder.set_quality(options.quality)
    wanted = max(0, -(-len(samples) // frame) * frame - _FLUSH_PADDING)
    body = samples[drop:]
    extra = wanted - len(body)
    if extra > 0:
        body = np.concatenate([body, np.zeros(extra, dtype=body.dtype)])
    elif extra < 0 and _trailing_zeros(body) >= -extra:
        body = body[:wanted]
    mp3 = bytes(encoder.encode(np.asarray(body, dtype="<i2").tobytes()) + encoder.flush())
    frames, per_frame = count_frames(mp3)
    return EncodedPart(mp3, frames, per_frame, delay=CODEC_DELAY_SAMPLES - drop)


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
