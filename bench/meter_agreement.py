"""Which loudness meter should master episodes? (issue 18, point 5)

Each episode is decoded once (ffmpeg) and measured by:
- ffmpeg's ebur128 filter (`-af ebur128=peak=true`): the reference;
- narrator's own meter (narrator/audio/loudness.py: K-weighting by FFT, BS.1770 gating,
  true peak from fractionally delayed copies), as mastering uses it;
- pyebur128 (libebur128, integrated loudness and true peak);
- pyloudnorm (integrated loudness only: it has no true-peak meter).
It prints each meter's integrated loudness (LUFS) and true peak (dBTP), its difference
from ffmpeg, and its time on the same samples. A library replaces our meter only if it
agrees with ffmpeg within 0.1 LU and 0.1 dB on every episode and is not slower.

    pip install pyebur128 pyloudnorm    # bench only, not dependencies of narrator
    python bench/meter_agreement.py [--voices default,tone,joe]

Episodes: our example article in each voice, and the seed page (../shared) with the
default voice when it is there. About a minute, most of it narrating.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import imageio_ffmpeg
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from narrator.audio.loudness import band_limited, integrated_loudness, true_peak  # noqa: E402
from narrator.pipeline import NarrateOptions, narrate  # noqa: E402
from tests.conftest import ebur128  # noqa: E402

EXAMPLE = ROOT / "examples" / "listening-is-reading.txt"
SEED = ROOT.parent / "shared" / "seeds" / "npr-kherson-page-dump.txt"
FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()


def rate_of(mp3: Path) -> int:
    probe = subprocess.run([FFMPEG, "-hide_banner", "-i", str(mp3)], capture_output=True, text=True).stderr
    return int(probe.split(" Hz")[0].rsplit(" ", 1)[1])


def decode(mp3: Path, rate: int) -> np.ndarray:
    raw = subprocess.run(
        [FFMPEG, "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"],
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype="<i2")


def ffmpeg_meter(mp3: Path) -> tuple[float, float, float]:
    """The tests' reference meter (ffmpeg's ebur128 filter), timed."""
    start = time.perf_counter()
    loudness, peak = ebur128(mp3)
    return loudness, peak, time.perf_counter() - start


def ours(samples: np.ndarray, rate: int) -> tuple[float, float, float]:
    start = time.perf_counter()
    _, analysis = band_limited(samples, rate)
    loudness = integrated_loudness(analysis)
    peak = 20 * math.log10(max(true_peak(samples), 1e-9))
    return loudness, peak, time.perf_counter() - start


def pyebur128_meter(samples: np.ndarray, rate: int) -> tuple[float, float, float]:
    from pyebur128 import MeasurementMode, R128State, get_loudness_global, get_true_peak

    start = time.perf_counter()
    state = R128State(1, rate, MeasurementMode.MODE_I | MeasurementMode.MODE_TRUE_PEAK)
    floats = samples.astype(np.float64) / 32768.0
    state.add_frames(floats, len(floats))
    loudness = get_loudness_global(state)
    peak = 20 * math.log10(max(get_true_peak(state, 0), 1e-9))
    return loudness, peak, time.perf_counter() - start


def pyloudnorm_meter(samples: np.ndarray, rate: int) -> tuple[float, float, float]:
    import pyloudnorm

    start = time.perf_counter()
    loudness = pyloudnorm.Meter(rate).integrated_loudness(samples.astype(np.float64) / 32768.0)
    return loudness, float("nan"), time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--voices", default="default,tone,joe")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="meter-") as work:
        episodes = []
        for voice in args.voices.split(","):
            result = narrate(EXAMPLE, Path(work) / voice, NarrateOptions(voice=voice))
            episodes.append((f"example, {voice}", result.episode.path))
        if SEED.exists():
            episodes.append(
                ("seed, default", narrate(SEED, Path(work) / "seed", NarrateOptions()).episode.path)
            )
        meters = [("ours", ours), ("pyebur128", pyebur128_meter), ("pyloudnorm", pyloudnorm_meter)]
        worst: dict[str, list[float]] = {name: [0.0, 0.0] for name, _ in meters}
        print("| episode | meter | I (LUFS) | dI | TP (dBTP) | dTP | time |")
        print("|---|---|---|---|---|---|---|")
        for label, mp3 in episodes:
            rate = rate_of(mp3)
            samples = decode(mp3, rate)
            ref_i, ref_tp, ref_time = ffmpeg_meter(mp3)
            print(
                f"| {label} | ffmpeg ebur128 | {ref_i:.2f} | | {ref_tp:.2f} | "
                f"| {ref_time:.3f} s (with decoding) |"
            )
            for name, meter in meters:
                loudness, peak, spent = meter(samples, rate)
                di, dtp = loudness - ref_i, peak - ref_tp
                worst[name][0] = max(worst[name][0], abs(di))
                if not math.isnan(dtp):
                    worst[name][1] = max(worst[name][1], abs(dtp))
                tp_text = "n/a" if math.isnan(peak) else f"{peak:.2f} | {dtp:+.2f}"
                print(
                    f"| {label} | {name} | {loudness:.2f} | {di:+.2f} | {tp_text}"
                    f"{' | ' if math.isnan(peak) else ''} | {spent:.3f} s |"
                )
        print()
        for name, (di, dtp) in worst.items():
            ok = di <= 0.1 and (dtp <= 0.1 and name != "pyloudnorm")
            print(
                f"{name}: worst |dI| {di:.2f} LU, worst |dTP| {dtp:.2f} dB"
                f"{' (no true peak)' if name == 'pyloudnorm' else ''}: "
                f"{'agrees' if ok else 'does not agree'} within 0.1 LU and 0.1 dB"
            )


if __name__ == "__main__":
    main()
