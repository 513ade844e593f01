"""Listen to the MP3 as a player will: decode it (miniaudio) and find its true peak, so a
part can be encoded again quieter if the encoder pushed a peak over the limit.

Only this module imports miniaudio.
"""

from __future__ import annotations

import math

import miniaudio
import numpy as np

from narrator.audio.loudness import true_peak


def true_peak_dbtp(mp3: bytes, rate: int) -> float:
    """The decoded stream's true peak (4x oversampled) in dBTP."""
    decoded = miniaudio.decode(
        mp3, output_format=miniaudio.SampleFormat.SIGNED16, nchannels=1, sample_rate=rate
    )
    peak = true_peak(np.frombuffer(decoded.samples, dtype=np.int16))
    return 20 * math.log10(peak) if peak > 0 else -math.inf
