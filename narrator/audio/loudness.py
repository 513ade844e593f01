"""Podcast loudness: integrated loudness (ITU-R BS.1770-4 / EBU R128) measured in one
streaming pass, and a true-peak limiter, so that gain to -16 LUFS never clips.

Both work block by block from the PCM on disk: memory does not grow with the article.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import signal
from scipy.ndimage import minimum_filter1d, uniform_filter1d

_BLOCK_SAMPLES = 1 << 16
_FULL_SCALE = 32768.0


@dataclass(frozen=True)
class LoudnessOptions:
    target_lufs: float = -16.0
    """Integrated loudness every episode is brought to (the usual podcast target)."""
    ceiling_dbtp: float = -2.5
    """True-peak ceiling of the limiter, below the -1 dBTP limit to leave room for MP3's
    own overshoot."""
    hold_ms: float = 20.0
    """How far ahead (and behind) the limiter sees a peak coming."""


def k_weighting(rate: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """The two BS.1770 pre-filters (high shelf, then high pass) for any sample rate."""
    k = math.tan(math.pi * 1681.974450955533 / rate)
    q = 0.7071752369554196
    vh = 10 ** (3.999843853973347 / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = np.array(
        [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
    )
    shelf_a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    k = math.tan(math.pi * 38.13547087602444 / rate)
    q = 0.5003270373238773
    a0 = 1 + k / q + k * k
    pass_b = np.array([1.0, -2.0, 1.0])
    pass_a = np.array([1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0])
    return [(shelf_b, shelf_a), (pass_b, pass_a)]


class LoudnessMeter:
    """Feed blocks of samples (floats, full scale 1.0); read `integrated()` at the end."""

    def __init__(self, rate: int) -> None:
        self._filters = k_weighting(rate)
        self._states = [signal.lfilter_zi(b, a) * 0.0 for b, a in self._filters]
        self._hop = int(round(rate * 0.1))
        self._pending = np.zeros(0)
        self._energies: list[float] = []

    def feed(self, samples: np.ndarray) -> None:
        weighted = samples.astype(np.float64)
        for i, (b, a) in enumerate(self._filters):
            weighted, self._states[i] = signal.lfilter(b, a, weighted, zi=self._states[i])
        squares = np.concatenate([self._pending, weighted * weighted])
        whole = len(squares) // self._hop * self._hop
        if whole:
            self._energies.extend(squares[:whole].reshape(-1, self._hop).mean(axis=1).tolist())
        self._pending = squares[whole:]

    def integrated(self) -> float:
        """Gated integrated loudness in LUFS (-inf for silence)."""
        hops = np.array(self._energies)
        if len(hops) < 4:
            return -math.inf
        blocks = np.convolve(hops, np.ones(4) / 4, mode="valid")  # 400 ms blocks, 100 ms apart
        loud = blocks[-0.691 + 10 * np.log10(np.maximum(blocks, 1e-20)) > -70]
        if not len(loud):
            return -math.inf
        relative = -0.691 + 10 * math.log10(loud.mean()) - 10
        gated = loud[-0.691 + 10 * np.log10(loud) > relative]
        return -0.691 + 10 * math.log10(gated.mean())


def read_blocks(pcm_path: Path, block: int = _BLOCK_SAMPLES) -> Iterator[np.ndarray]:
    """The PCM file as float blocks (full scale 1.0)."""
    with pcm_path.open("rb") as handle:
        while data := handle.read(block * 2):
            yield np.frombuffer(data, dtype="<i2").astype(np.float32) / _FULL_SCALE


def measure(pcm_path: Path, rate: int) -> float:
    """Integrated loudness of a PCM file in LUFS."""
    meter = LoudnessMeter(rate)
    for samples in read_blocks(pcm_path):
        meter.feed(samples)
    return meter.integrated()


def true_peaks(samples: np.ndarray) -> np.ndarray:
    """Per-sample peak of the signal oversampled four times (inter-sample peaks included)."""
    up = signal.resample_poly(samples, 4, 1)
    up = np.abs(up[: len(samples) * 4]).reshape(len(samples), 4)
    return np.maximum(up.max(axis=1), np.abs(samples))


def normalise_gain(pcm_path: Path, rate: int, options: LoudnessOptions) -> float:
    """The gain (dB) that brings the limited output to the target loudness.

    Limiting lowers loudness (by about 1.5 LU on eSpeak NG speech at -16 LUFS), so the
    gain is found by the secant method on the limiter's output, measured on every other
    block, until it is within 0.05 LU (five tries at most).
    """
    loudness = measure(pcm_path, rate)
    if not math.isfinite(loudness):
        return 0.0
    gains = [options.target_lufs - loudness]
    errors = [options.target_lufs - _limited_loudness(pcm_path, rate, gains[0], options)]
    for _ in range(4):
        if not math.isfinite(errors[-1]) or abs(errors[-1]) < 0.05:
            break
        if len(gains) == 1 or errors[-1] == errors[-2]:
            step = errors[-1] * 1.5  # limiting returns less than each dB of gain put in
        else:
            step = errors[-1] * (gains[-1] - gains[-2]) / (errors[-2] - errors[-1])
        gains.append(gains[-1] + max(-6.0, min(6.0, step)))
        errors.append(options.target_lufs - _limited_loudness(pcm_path, rate, gains[-1], options))
    return gains[
        min(range(len(gains)), key=lambda i: abs(errors[i]) if math.isfinite(errors[i]) else math.inf)
    ]


def _limited_loudness(pcm_path: Path, rate: int, gain_db: float, options: LoudnessOptions) -> float:
    meter = LoudnessMeter(rate)
    for block in normalised_blocks(pcm_path, rate, gain_db, options, stride=2):
        meter.feed(np.frombuffer(block, dtype="<i2").astype(np.float32) / _FULL_SCALE)
    return meter.integrated()


def normalised_blocks(
    pcm_path: Path, rate: int, gain_db: float, options: LoudnessOptions, stride: int = 1
) -> Iterator[bytes]:
    """The PCM with `gain_db` applied and true peaks held under the ceiling, as s16le blocks
    (with `stride` > 1, only every stride-th block, for measuring).

    The limiter's gain at each sample is the smallest gain any peak within `hold_ms`
    needs, smoothed by a moving average no wider than that window, so it never exceeds
    what the peak itself needs and never jumps.
    """
    gain = 10 ** (gain_db / 20)
    ceiling = 10 ** (options.ceiling_dbtp / 20)
    hold = max(1, int(rate * options.hold_ms / 1000))
    pad = 2 * hold + 64
    total = pcm_path.stat().st_size // 2
    with pcm_path.open("rb") as handle:
        for start in range(0, total, _BLOCK_SAMPLES * stride):
            end = min(total, start + _BLOCK_SAMPLES)
            lo, hi = max(0, start - pad), min(total, end + pad)
            handle.seek(lo * 2)
            x = np.frombuffer(handle.read((hi - lo) * 2), dtype="<i2").astype(np.float64) / _FULL_SCALE * gain
            needed = np.minimum(1.0, ceiling / np.maximum(true_peaks(x), 1e-9))
            held = minimum_filter1d(needed, size=2 * hold + 1, mode="nearest")
            smooth = np.minimum(uniform_filter1d(held, size=hold + 1, mode="nearest"), needed)
            y = (x * smooth)[start - lo : end - lo]
            yield np.clip(np.round(y * _FULL_SCALE), -32768, 32767).astype("<i2").tobytes()
