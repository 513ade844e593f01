"""How to master an episode: loudness and MP3 settings (plain values, importable without
numpy, so a run that finds every part in the cache never loads it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


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
class Mp3Options:
    bitrate_kbps: int = 64
    """Constant bit rate; 64 kbps mono is the usual rate for spoken-word podcasts."""
    quality: int = 2
    """LAME's algorithm quality, 0 (best, slowest) to 9."""


@dataclass(frozen=True)
class MasterOptions:
    mp3: Mp3Options = field(default_factory=Mp3Options)
    loudness: LoudnessOptions = field(default_factory=LoudnessOptions)


@dataclass(frozen=True)
class AudioOptions:
    """The audio stage's options."""

    workers: int = os.cpu_count() or 1
    """Threads mastering parts at once."""
    master: MasterOptions = field(default_factory=MasterOptions)
