"""Podcast loudness: integrated loudness (ITU-R BS.1770-4 / EBU R128) and a true-peak
limiter, so that gain to -16 LUFS never clips.

One pass over the samples band-limits them (what the MP3 encoder would cut anyway) and
keeps, for every window of a few milliseconds, its true peak and its K-weighted energy.
The gain and the limiter's gain curve are then found from those summaries alone.

All filtering is done in the frequency domain with numpy's FFT, block by block with
overlapping margins: no filter library to import (scipy.signal is large and slow to
import, in every worker process).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from narrator.audio.options import LoudnessOptions

_FULL_SCALE = 32768.0
_MAX_FFT = 1 << 16
"""The longest FFT block (3 s at 22.05 kHz). Longer blocks cost less per sample but touch
more fresh memory and make each new length's filter responses dearer, which a run's
first part pays for."""
_MARGIN = 2048
"""Samples of context on each side of a block: longer than the K-weighting filter's
impulse response lasts (it falls under 1e-10 of its energy within 2,048 samples even at
48 kHz) and the low-pass's ringing."""
OVERSAMPLE = 4
"""True peak is read from the signal interpolated to 4x its sample rate (BS.1770 Annex 2)."""


@dataclass(frozen=True)
class Analysis:
    """Per-window summaries of some audio."""

    rate: int
    window: int
    """Samples per window; a whole number of windows makes 100 ms."""
    peaks: np.ndarray
    """True peak (4x oversampled) of each window, full scale 1.0."""
    energy: np.ndarray
    """Sum of squares of the K-weighted signal in each window."""


def window_size(rate: int) -> int:
    """The largest window of at most 160 samples that divides 100 ms evenly."""
    hop = round(rate * 0.1)
    return next((w for w in range(160, 31, -1) if hop % w == 0), max(1, hop // 15))


@lru_cache(maxsize=16)
def _responses(rate: int, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Frequency responses on an FFT grid of `size`: the low-pass, and the low-pass with
    the two BS.1770 K-weighting pre-filters (high shelf, then high pass)."""
    freqs = np.fft.rfftfreq(size, 1 / rate)
    # LAME at 64 kbps cuts above about 9.5 kHz; a peak limited with those frequencies in
    # grows once the encoder removes them (1 to 2 dB measured), so they go first.
    cutoff = min(8500.0, 0.4 * rate)
    stop = min(cutoff + 1000.0, 0.5 * rate)
    ramp = np.clip((freqs - cutoff) / (stop - cutoff), 0.0, 1.0)
    lowpass = np.cos(ramp * math.pi / 2) ** 2
    w = 2 * math.pi * freqs / rate
    cos, sin = np.cos(w), np.sin(w)
    weighting = lowpass.astype(np.complex128)
    for b, a in k_weighting(rate):
        # (b0 + b1 z + b2 z^2) / (a0 + a1 z + a2 z^2) at z = e^-jw, both multiplied by
        # e^jw: real cosines and sines instead of complex powers (a new FFT length costs
        # every run that encodes this once; this way half as much)
        num = ((b[0] + b[2]) * cos + b[1]) + 1j * ((b[0] - b[2]) * sin)
        den = ((a[0] + a[2]) * cos + a[1]) + 1j * ((a[0] - a[2]) * sin)
        weighting *= num / den
    return lowpass.astype(np.complex64), weighting.astype(np.complex64)


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


def fft_size(samples: int) -> int:
    """The FFT length for `samples` (plus margins): one block when that fits under the
    maximum, at a power of two or three times one (few lengths, so the filters' responses
    are computed once each, and all fast for pocketfft)."""
    wanted = samples + 2 * _MARGIN
    size = 4096
    while size < min(wanted, _MAX_FFT):
        size *= 2
    return size * 3 // 4 if size * 3 // 4 >= wanted else size


def _block(samples: np.ndarray, start: int, size: int) -> np.ndarray:
    """The `size` stretch from `start`, with margins, as float32 full scale 1."""
    lo, hi = max(0, start - _MARGIN), min(len(samples), start + size - _MARGIN)
    block = np.zeros(size, dtype=np.float32)
    block[lo - start + _MARGIN : hi - start + _MARGIN] = _scale(samples[lo:hi])
    return block


def _scale(samples: np.ndarray) -> np.ndarray:
    return samples.astype(np.float32) / _FULL_SCALE if samples.dtype.kind == "i" else samples


def band_limited(samples: np.ndarray, rate: int) -> tuple[np.ndarray, Analysis]:
    """The samples low-passed (float32, full scale 1), and the true peaks and K-weighted
    energies of their windows."""
    window = window_size(rate)
    size = fft_size(len(samples) + window)
    hop = (size - 2 * _MARGIN) // window * window
    lowpass, weighted_lowpass = _responses(rate, size)
    n = -(-len(samples) // window) * window
    band = np.zeros(n, dtype=np.float32)
    peaks = np.zeros(n // window, dtype=np.float32)
    energy = np.zeros(n // window)

    def filter_block(start: int) -> None:
        spectrum = np.fft.rfft(_block(samples, start, size))
        count = min(hop, n - start)
        keep = slice(_MARGIN, _MARGIN + count)
        low = spectrum * lowpass
        band[start : start + count] = np.fft.irfft(low, size)[keep]
        weighted = np.fft.irfft(spectrum * weighted_lowpass, size)[keep].astype(np.float64)
        first = start // window
        between = _between_samples(low, size, keep)
        peaks[first : first + count // window] = between.reshape(-1, window).max(axis=1)
        energy[first : first + count // window] = np.square(weighted).reshape(-1, window).sum(axis=1)

    for start in range(0, len(samples), hop):
        filter_block(start)
    peaks = np.maximum(peaks, np.abs(band).reshape(-1, window).max(axis=1, initial=0.0))
    return band[: len(samples)], Analysis(rate=rate, window=window, peaks=peaks, energy=energy)


def true_peak(samples: np.ndarray) -> float:
    """The true peak (4x oversampled) of `samples`, full scale 1.0."""
    size = fft_size(len(samples))

    def block_peak(start: int) -> float:
        block = _block(samples, start, size)
        between = _between_samples(np.fft.rfft(block), size, slice(_MARGIN, size - _MARGIN))
        return max(float(between.max()), float(np.abs(block).max()))

    return max((block_peak(start) for start in range(0, len(samples), size - 2 * _MARGIN)), default=0.0)


def _between_samples(spectrum: np.ndarray, size: int, keep: slice) -> np.ndarray:
    """The largest magnitude at a quarter, half and three quarters of the way to each next
    sample: the signal interpolated to 4x its rate, as three fractionally delayed copies
    (three FFTs of the block's length, cheaper than one four times as long)."""
    top: np.ndarray | None = None
    for shift in _fractional_delays(size):
        between = np.abs(np.fft.irfft(spectrum * shift, size)[keep])
        top = between if top is None else np.maximum(top, between)
    assert top is not None
    return top


@lru_cache(maxsize=16)
def _fractional_delays(size: int) -> tuple[np.ndarray, ...]:
    """e^(j 2 pi k phase / (OVERSAMPLE size)) for each bin k and phase 1..OVERSAMPLE-1, as
    powers of the first (cheaper than an exponential each)."""
    theta = 2 * math.pi * np.arange(size // 2 + 1) / (OVERSAMPLE * size)
    step = np.cos(theta) + 1j * np.sin(theta)
    shifts, shift = [], step
    for _ in range(1, OVERSAMPLE):
        shifts.append(shift.astype(np.complex64))
        shift = shift * step
    return tuple(shifts)


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
    """Integrated loudness of a raw s16le mono file in LUFS (mapped, not read whole)."""
    samples = np.memmap(pcm_path, dtype="<i2", mode="r")
    return integrated_loudness(band_limited(samples, rate)[1], 1.0) if len(samples) else -math.inf


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
    held = _sliding(needed, hold).min(axis=1)
    smooth = np.cumsum(np.concatenate([[0.0], np.pad(held, hold - 1, mode="edge")]))
    width = 2 * (hold - 1) + 1
    averaged = (smooth[width:] - smooth[:-width]) / width
    return np.minimum(averaged, needed)


def _sliding(values: np.ndarray, radius: int) -> np.ndarray:
    """Each value's neighbourhood of `radius` either side, edges repeated."""
    padded = np.pad(values, radius, mode="edge")
    return np.lib.stride_tricks.sliding_window_view(padded, 2 * radius + 1)


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


def apply_gain(band: np.ndarray, analysis: Analysis, gain_db: float, curve: np.ndarray) -> np.ndarray:
    """`band` with `gain_db` and the limiter `curve` (interpolated between window centres)
    applied, as s16 samples; worked out a block at a time, so a long part needs no
    full-length temporaries beside its own samples."""
    centres = (np.arange(len(curve)) + 0.5) * analysis.window
    scale = 10 ** (gain_db / 20) * _FULL_SCALE
    out = np.empty(len(band), dtype="<i2")
    for start in range(0, len(band), _MAX_FFT):
        block = band[start : start + _MAX_FFT]
        gains = np.interp(np.arange(start, start + len(block)) + 0.5, centres, curve).astype(np.float32)
        out[start : start + len(block)] = np.clip(np.round(block * gains * scale), -32768, 32767)
    return out
