"""Listen to the MP3 as a player will: decode it (miniaudio) and find its true peak, so a
part can be encoded again quieter if the encoder pushed a peak over the limit.

Only this module uses miniaudio, through its public `decode`.
"""

from __future__ import annotations

import math

import miniaudio
import numpy as np

from narrator.audio.loudness import true_peak


def decode_s16(mp3: bytes, rate: int) -> np.ndarray:
    """The MP3 stream decoded to mono s16 samples at `rate`."""
    try:
        decoded = miniaudio.decode(mp3, miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate)
    except miniaudio.DecodeError as exc:
        raise ValueError(f"miniaudio cannot decode this MP3 ({exc})") from None
    return np.frombuffer(decoded.samples, dtype=np.int16)


def true_peak_dbtp(mp3: bytes, rate: int) -> float:
    """The decoded stream's true peak (4x oversampled) in dBTP."""
    peak = true_peak(decode_s16(mp3, rate))
    return 20 * math.log10(peak) if peak > 0 else -math.inf
