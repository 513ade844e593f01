"""Listen to the MP3 as a player will: decode it (miniaudio, streaming) and find its true
peak, so the limiter can be set lower if the encoder pushed a peak over the limit.

Only this module imports miniaudio.
"""

from __future__ import annotations

import math
from pathlib import Path

import miniaudio
import numpy as np
from scipy import signal

from narrator.audio.loudness import OVERSAMPLE_FILTER

_FRAMES = 1 << 16


def true_peak_dbtp(mp3: Path, rate: int) -> float:
    """The decoded file's true peak (4x oversampled) in dBTP."""
    peak = 0.0
    tail = np.zeros(0, dtype=np.float32)
    for frames in miniaudio.stream_file(
        str(mp3),
        output_format=miniaudio.SampleFormat.SIGNED16,
        nchannels=1,
        sample_rate=rate,
        frames_to_read=_FRAMES,
    ):
        block = np.concatenate([tail, np.asarray(frames, dtype=np.float32) / 32768.0])
        up = signal.upfirdn(OVERSAMPLE_FILTER, block, up=4)
        peak = max(peak, float(np.abs(up).max(initial=0.0)), float(np.abs(block).max(initial=0.0)))
        tail = block[-32:]
    return 20 * math.log10(peak) if peak > 0 else -math.inf
