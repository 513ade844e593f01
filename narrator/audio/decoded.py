"""Listen to the MP3 as a player will: decode it (miniaudio) and find its true peak, so a
part can be encoded again quieter if the encoder pushed a peak over the limit.

Only this module uses miniaudio, and it calls the C library through the package's own
cffi module, `_miniaudio`: the Python wrapper `miniaudio` also imports urllib, ssl, http
and email for its network streams, 20 ms of every run that encodes a part.
"""

from __future__ import annotations

import math
import numpy as np
from _miniaudio import ffi, lib

from narrator.audio.loudness import true_peak


def decode_s16(mp3: bytes, rate: int) -> np.ndarray:
    """The MP3 stream decoded to mono s16 samples at `rate` (as `miniaudio.decode` does)."""
    config = lib.ma_decoder_config_init(lib.ma_format_s16, 1, rate)
    with ffi.new("ma_uint64 *") as frames, ffi.new("void **") as memory:
        result = lib.ma_decode_memory(mp3, len(mp3), ffi.addressof(config), frames, memory)
        if result != lib.MA_SUCCESS:
            raise ValueError(f"miniaudio cannot decode this MP3 (error {result})")
        try:
            return np.frombuffer(ffi.buffer(memory[0], frames[0] * 2), dtype=np.int16).copy()
        finally:
            lib.ma_free(memory[0], ffi.NULL)


def true_peak_dbtp(mp3: bytes, rate: int) -> float:
    """The decoded stream's true peak (4x oversampled) in dBTP."""
    peak = true_peak(decode_s16(mp3, rate))
    return 20 * math.log10(peak) if peak > 0 else -math.inf
