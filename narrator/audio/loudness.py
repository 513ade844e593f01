"""Podcast loudness: integrated loudness (ITU-R BS.1770-4 / EBU R128) and a true-peak
limiter, so that gain to -16 LUFS never clips.

One streaming pass over the PCM on disk keeps, for every window of a few milliseconds,
its true peak and its K-weighted energy (about 1.4 MB an hour of audio). The gain and
the limiter's gain curve are then found from those summaries alone, and a second
streaming pass applies them on the way to the encoder. Memory holds one block of
samples, never the article.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import signal
from scipy.ndimage import minimum_filter1d, uniform_filter1d

_FULL_SCALE = 32768.0
_WINDOWS_PER_BLOCK = 4096
_PAD = 64
"""Samples of context on each side of a block for the 4x oversampling filter."""
OVERSAMPLE_FILTER = 4 * signal.firwin(49, 0.225).astype(np.float32)
"""Interpolation filter for 4x oversampling (true peak): 49 taps, a delay of 24 output
samples, passband to 90 % of the input's Nyquist frequency."""


@dataclass(frozen=True)
class LoudnessOptions:
    target_lufs: float = -16.0
    """Integrated loudness every episode is brought to (the usual podcast target)."""
    max_true_peak_dbtp: float = -1.0
    """The limit for the decoded MP3 (what podcast platforms ask for)."""
    ceiling_dbtp: float = -3.0
    """True-peak ceiling of the limiter, under the limit by what the MP3 encoder adds at
    64 kbps (measured: 0.9 to 1.1 dB, so the decoded seed peaks at -1.9 dBTP)."""
    codec_loss_lu: float = 0.3
    """Added to the target before encoding: the loudness the MP3 encoder takes away
    (0.3 to 0.5 LU at 64 kbps, 22.05 kHz)."""
    max_limiting_db: float = 15.0
    """The most gain the limiter may be asked to take back; a voice that would need more
    to reach the target is left quieter rather than squashed."""
    hold_ms: float = 5.0
    """How far ahead (and behind) the limiter sees a peak coming (at least two windows,
    about 13 ms). Short, so that it takes back the peaks (eSpeak NG's glottal spikes) and
    not the syllables around them."""


@dataclass(frozen=True)
class Analysis:
    """Per-window summaries of a PCM file."""

    rate: int
    window: int
    """Samples per window; a whole number of windows makes 100 ms."""
    peaks: np.ndarray
    """True peak (4x oversampled) of each window, full scale 1.0."""
    energy: np.ndarray
    """Sum of squares of the K-weighted signal in each window."""


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


def window_size(rate: int) -> int:
    """The largest window of at most 160 samples that divides 100 ms evenly."""
    hop = round(rate * 0.1)
    return next((w for w in range(160, 31, -1) if hop % w == 0), max(1, hop // 15))


class BandLimit:
    """A streaming low-pass at 8.5 kHz, applied before analysis and before encoding.

    LAME at 64 kbps cuts above about 9.5 kHz; a peak limited with those frequencies in
    grows once the encoder removes them (1 to 2 dB measured). Removing them first keeps
    the limited peaks where the limiter put them."""

    def __init__(self, rate: int) -> None:
        cutoff = min(8500.0, 0.45 * rate)
        self._sos = signal.butter(8, cutoff, fs=rate, output="sos")
        self._state = signal.sosfilt_zi(self._sos) * 0.0

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        out, self._state = signal.sosfilt(self._sos, samples, zi=self._state)
        return out


def _blocks(pcm_path: Path, size: int) -> Iterator[np.ndarray]:
    with pcm_path.open("rb") as handle:
        while data := handle.read(size * 2):
            yield np.frombuffer(data, dtype="<i2").astype(np.float64) / _FULL_SCALE


def analyse(pcm_path: Path, rate: int) -> Analysis:
    """True peaks and K-weighted energies of every window of the band-limited audio."""
    window = window_size(rate)
    band = BandLimit(rate)
    filters = k_weighting(rate)
    states = [signal.lfilter_zi(b, a) * 0.0 for b, a in filters]
    tail = np.zeros(_PAD)
    peaks, energy = [], []
    for raw in _blocks(pcm_path, window * _WINDOWS_PER_BLOCK):
        samples = band(raw)
        weighted = samples
        for i, (b, a) in enumerate(filters):
            weighted, states[i] = signal.lfilter(b, a, weighted, zi=states[i])
        n = -(-len(samples) // window) * window
        up = signal.upfirdn(OVERSAMPLE_FILTER, np.concatenate([tail, samples]).astype(np.float32), up=4)
        up = np.abs(up[24 + 4 * _PAD : 24 + 4 * (_PAD + len(samples))])
        up = np.maximum(up, np.abs(np.repeat(samples, 4)))
        peaks.append(np.pad(up, (0, 4 * (n - len(samples)))).reshape(-1, 4 * window).max(axis=1))
        energy.append(np.pad(weighted * weighted, (0, n - len(samples))).reshape(-1, window).sum(axis=1))
        tail = np.concatenate([tail, samples])[-_PAD:]
    return Analysis(
        rate=rate,
        window=window,
        peaks=np.concatenate(peaks).astype(np.float32) if peaks else np.zeros(0, np.float32),
        energy=np.concatenate(energy) if energy else np.zeros(0),
    )


def integrated_loudness(analysis: Analysis, gains: np.ndarray | float = 1.0) -> float:
    """Gated integrated loudness in LUFS of the audio with per-window linear `gains`."""
    per_hop = round(analysis.rate * 0.1) // analysis.window
    energy = analysis.energy * np.square(gains)
    hops = len(energy) // per_hop
    if hops < 4:
        return -math.inf
    mean_square = energy[: hops * per_hop].reshape(hops, per_hop).sum(axis=1) / (per_hop * analysis.window)
    blocks = np.convolve(mean_square, np.ones(4) / 4, mode="valid")  # 400 ms blocks, 100 ms apart
    loud = blocks[-0.691 + 10 * np.log10(np.maximum(blocks, 1e-20)) > -70]
    if not len(loud):
        return -math.inf
    relative = -0.691 + 10 * math.log10(loud.mean()) - 10
    gated = loud[-0.691 + 10 * np.log10(loud) > relative]
    return -0.691 + 10 * math.log10(gated.mean())


def measure(pcm_path: Path, rate: int) -> float:
    """Integrated loudness of a PCM file in LUFS."""
    return integrated_loudness(analyse(pcm_path, rate))


def limiter_curve(analysis: Analysis, gain: float, options: LoudnessOptions) -> np.ndarray:
    """Per-window gain (<= 1) that keeps every true peak under the ceiling after `gain`.

    Each window gets the smallest gain any peak within `hold` windows needs, then a
    centred moving average over `hold - 1` windows either side. A window's curve value and
    its neighbours' (between which the gain is interpolated sample by sample) then never
    exceed what its own peak needs, and the gain never jumps.
    """
    ceiling = 10 ** (options.ceiling_dbtp / 20)
    needed = np.minimum(1.0, ceiling / np.maximum(analysis.peaks.astype(np.float64) * gain, 1e-9))
    hold = max(2, math.ceil(analysis.rate * options.hold_ms / 1000 / analysis.window))
    held = minimum_filter1d(needed, size=2 * hold + 1, mode="nearest")
    smooth = uniform_filter1d(held, size=2 * (hold - 1) + 1, mode="nearest")
    return np.minimum(smooth, needed)


def normalise_gain(analysis: Analysis, options: LoudnessOptions) -> tuple[float, np.ndarray]:
    """The gain (dB) and limiter curve that bring the limited audio to the target.

    Limiting lowers loudness (by about 1.5 LU on eSpeak NG speech at -16 LUFS), so the
    gain is found by the secant method on the limited loudness, to within 0.02 LU.
    """
    loudness = integrated_loudness(analysis)
    if not math.isfinite(loudness):
        return 0.0, np.ones(len(analysis.peaks))
    target = options.target_lufs + options.codec_loss_lu

    def error(gain_db: float) -> float:
        gain = 10 ** (gain_db / 20)
        return target - integrated_loudness(analysis, gain * limiter_curve(analysis, gain, options))

    lowest = target - loudness
    highest = lowest + options.max_limiting_db
    gains = [lowest]
    errors = [error(gains[0])]
    for _ in range(8):
        if abs(errors[-1]) < 0.02:
            break
        if len(gains) == 1 or errors[-1] == errors[-2]:
            step = errors[-1] * 1.5  # limiting gives back less than each dB put in
        else:
            step = errors[-1] * (gains[-1] - gains[-2]) / (errors[-2] - errors[-1])
        gains.append(min(highest, max(lowest, gains[-1] + max(-6.0, min(6.0, step)))))
        errors.append(error(gains[-1]))
        if gains[-1] == gains[-2]:
            break
    best = min(range(len(gains)), key=lambda i: abs(errors[i]))
    return gains[best], limiter_curve(analysis, 10 ** (gains[best] / 20), options)


def normalised_blocks(
    pcm_path: Path, analysis: Analysis, gain_db: float, curve: np.ndarray
) -> Iterator[bytes]:
    """The band-limited PCM with `gain_db` and the limiter `curve` applied, as s16le blocks."""
    gain = 10 ** (gain_db / 20) * _FULL_SCALE
    band = BandLimit(analysis.rate)
    centres = (np.arange(len(curve)) + 0.5) * analysis.window
    start = 0
    for raw in _blocks(pcm_path, analysis.window * _WINDOWS_PER_BLOCK):
        positions = np.arange(start, start + len(raw)) + 0.5
        y = band(raw) * np.interp(positions, centres, curve) * gain
        yield np.clip(np.round(y), -32768, 32767).astype("<i2").tobytes()
        start += len(raw)
